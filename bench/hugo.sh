#!/usr/bin/env bash
# Times rolepack's site stage against Hugo building the same pages from the
# same synthetic pack (a page per role and per active person), in one run.
# Needs Debian's hugo package. Usage: bench/hugo.sh [SIZE]   (default L)
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-L}
command -v hugo >/dev/null || { echo "hugo.sh: hugo not installed (apt-get install hugo)" >&2; exit 2; }
work=${BENCH_DIR:-$(mktemp -d /tmp/rolepack-hugo.XXXXXX)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795478400}

go build -o "$work/rolepack" ./cmd/rolepack
rm -rf "$work/pack" "$work/out" "$work/hugo"
"$work/rolepack" synth --size "$size" --out "$work/pack" >/dev/null
"$work/rolepack" build -q --only site --content "$work/pack" --out "$work/out"   # warm-up, writes rolepack.json
go run ./bench/hugosite "$work/out/rolepack.json" "$work/hugo"

best() { # best wall time of three runs of a command, in seconds
  local b=999
  for _ in 1 2 3; do
    local s e
    s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
    b=$(echo "if ($e - $s < $b) $e - $s else $b" | bc -l)
  done
  printf '%.3f' "$b"
}
# Each run writes a fresh tree (no unchanged files to keep), like Hugo's.
rp=$(best sh -c "rm -rf '$work/out' && sync && '$work/rolepack' build -q --only site --content '$work/pack' --out '$work/out'")
site=$("$work/rolepack" build -q --timings --only site --content "$work/pack" --out "$work/out2" 2>&1 | awk '$2=="site" {print $3}')
hg=$(best sh -c "rm -rf '$work/hugo-public' && sync && hugo --quiet --source '$work/hugo' --destination '$work/hugo-public'")
pages_rp=$(find "$work/out2/site" -name '*.html' | wc -l)
pages_hg=$(find "$work/hugo-public" -name '*.html' | wc -l)
echo "size $size: rolepack full build with the site only ${rp}s (site stage ${site}), $pages_rp pages; hugo ${hg}s, $pages_hg pages"
echo "ratio hugo / rolepack (whole command): $(echo "scale=2; $hg / $rp" | bc -l)"
