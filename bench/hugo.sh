#!/usr/bin/env bash
# Times rolepack's site stage against Hugo building the same site from the
# same synthetic pack, in one run. bench/hugosite gives Hugo the pack's
# facts worked out and layouts that mirror templates/site, so both write
# the same pages with the same content (within a few bytes a page): the
# home page, a page per role and per active person, the RACI and
# competence matrices, the chart, the small pages and the search index.
# Needs Debian's hugo package. Usage: bench/hugo.sh [SIZE] [ROUNDS]
# (default L, 5 rounds).
#
# Each round runs rolepack, then Hugo, so both meet the same machine: on a
# shared or virtual machine the disk and the other tenants change speed
# from minute to minute, and timing all of one before all of the other
# would compare two different machines. Each tool's time is its best
# round (the run least disturbed); the median is printed beside it. Both
# write a fresh tree each time, into the same directory on the same disk
# (BENCH_DIR, default a new directory under /tmp).
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-L}
rounds=${2:-5}
command -v hugo >/dev/null || { echo "hugo.sh: hugo not installed (apt-get install hugo)" >&2; exit 2; }
work=${BENCH_DIR:-$(mktemp -d /tmp/rolepack-hugo.XXXXXX)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795478400}

go build -o "$work/rolepack" ./cmd/rolepack
rm -rf "$work/pack" "$work/out" "$work/hugo"
"$work/rolepack" synth --size "$size" --out "$work/pack" >/dev/null
"$work/rolepack" build -q --only site --content "$work/pack" --out "$work/out"   # warm-up
go run ./bench/hugosite "$work/pack" "$work/hugo"
hugo --quiet --source "$work/hugo" --destination "$work/hugo-public" >/dev/null 2>&1 # warm-up

# seconds runs a command once, after removing the tree it writes and
# flushing the previous run's writes, and prints its wall time.
seconds() {
  local tree=$1; shift
  rm -rf "$tree" && sync
  local s e
  s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N)
  echo "$e - $s" | bc -l
}
rp_times=() hg_times=()
for _ in $(seq "$rounds"); do
  rp_times+=("$(seconds "$work/out" "$work/rolepack" build -q --only site --content "$work/pack" --out "$work/out")")
  hg_times+=("$(seconds "$work/hugo-public" hugo --quiet --source "$work/hugo" --destination "$work/hugo-public")")
done
best() { printf '%s\n' "$@" | sort -g | head -1; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rp=$(best "${rp_times[@]}") hg=$(best "${hg_times[@]}")

site=$("$work/rolepack" build -q --timings --force --only site --content "$work/pack" --out "$work/out" 2>&1 | awk '$2=="site" {print $3}')
pages_rp=$(find "$work/out/site" -name '*.html' | wc -l)
pages_hg=$(find "$work/hugo-public" -name '*.html' | wc -l)
bytes_rp=$(du -sb "$work/out/site" | cut -f1)
bytes_hg=$(du -sb "$work/hugo-public" | cut -f1)
printf 'size %s, %d rounds: rolepack build --only site best %.3fs (median %.3fs; site stage %s), %d pages, %d bytes; hugo best %.3fs (median %.3fs), %d pages, %d bytes\n' \
  "$size" "$rounds" "$rp" "$(median "${rp_times[@]}")" "$site" "$pages_rp" "$bytes_rp" "$hg" "$(median "${hg_times[@]}")" "$pages_hg" "$bytes_hg"
echo "ratio hugo / rolepack (whole command, best of each): $(echo "scale=2; $hg / $rp" | bc -l)"
echo "ratio hugo / rolepack (medians): $(echo "scale=2; $(median "${hg_times[@]}") / $(median "${rp_times[@]}")" | bc -l)"
