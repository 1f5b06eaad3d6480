#!/usr/bin/env bash
# Benchmarks full builds of synthetic packs (make bench). For each size it
# prints the wall time of every stage, peak RSS, files and bytes written,
# the time of a second (unchanged) build — which finds the output current
# and writes nothing; target for L: 0.5 s — and of a build after one role
# changed, and the time of copying the output tree, for comparison.
#
# Usage: bench/bench.sh [SIZES...]   (default: S M L)
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("${@:-S M L}")
[ $# -eq 0 ] && sizes=(S M L)
work=${BENCH_DIR:-$(mktemp -d /tmp/rolepack-bench.XXXXXX)}
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1795478400} # 2026-11-24

go build -o "$work/rolepack" ./cmd/rolepack
bin="$work/rolepack"
timev=/usr/bin/time
[ -x "$timev" ] || { echo "bench: /usr/bin/time missing (Debian package 'time')" >&2; exit 2; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(go version | cut -d' ' -f3)"
echo "work dir: $work"
for size in "${sizes[@]}"; do
  pack="$work/pack-$size" out="$work/out-$size"
  rm -rf "$pack" "$out"
  "$bin" synth --size "$size" --out "$pack" >/dev/null
  echo
  echo "== size $size: $(find "$pack/roles" -name '*.toml' | wc -l) roles, $(grep -c '^\[\[person\]\]' "$pack/people.toml") people, $(grep -c '^\[\[activity\]\]' "$pack/raci.toml") activities"
  $timev -v "$bin" build -q --timings --content "$pack" --out "$out" 2>"$work/time-$size.txt" || { cat "$work/time-$size.txt"; exit 1; }
  grep '^stage\|^files\|^bytes' "$work/time-$size.txt" | sed 's/^/  /'
  wall=$(grep 'Elapsed (wall clock)' "$work/time-$size.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time-$size.txt" | awk '{printf "%.0f MiB", $NF/1024}')
  cpu=$(awk '/User time|System time/ {s += $NF} END {printf "%.2f", s}' "$work/time-$size.txt")
  echo "  wall $wall, CPU (user + sys) ${cpu} s, peak RSS $rss"

  start=$(date +%s.%N); "$bin" build -q --content "$pack" --out "$out"; end=$(date +%s.%N)
  noop=$(echo "$end - $start" | bc)
  verdict=""
  if [ "$size" = L ]; then
    if [ "$(echo "$noop <= 0.5" | bc)" = 1 ]; then verdict=" (target ≤ 0.5 s: met)"; else verdict=" (target ≤ 0.5 s: MISSED)"; fi
  fi
  echo "  second build, unchanged (nothing rendered or written): $noop s$verdict ($(grep -o '"content_hash": "[0-9a-f]\{12\}' "$out/stamp.json" | cut -d'"' -f4))"
  role=$(cd "$pack/roles" && set -- *.toml && echo "$1")
  sed -i 's/^name = "\(.*\)"$/name = "\1 (renamed)"/' "$pack/roles/$role"
  start=$(date +%s.%N); "$bin" build -q --timings --content "$pack" --out "$out" 2>"$work/incr-$size.txt"; end=$(date +%s.%N)
  echo "  after one role changed: $(echo "$end - $start" | bc) s, $(grep '^unchanged' "$work/incr-$size.txt" | cut -d' ' -f2) of $(grep '^files' "$work/incr-$size.txt" | cut -d' ' -f2) files unchanged"

  # rolepack diff between the pack and a copy with one role changed back:
  # loads both packs and compares them (target for L: 2 s).
  rm -rf "$work/before-$size"; cp -r "$pack" "$work/before-$size"
  sed -i 's/ (renamed)"$/"/' "$work/before-$size/roles/$role"
  start=$(date +%s.%N); "$bin" diff "$work/before-$size" "$pack" >/dev/null; end=$(date +%s.%N)
  dt=$(echo "$end - $start" | bc)
  verdict=""
  if [ "$size" = L ]; then
    if [ "$(echo "$dt <= 2" | bc)" = 1 ]; then verdict=" (target ≤ 2 s: met)"; else verdict=" (target ≤ 2 s: MISSED)"; fi
  fi
  echo "  rolepack diff of two packs of this size: $dt s$verdict"

  rm -rf "$work/copy-$size"; sync
  start=$(date +%s.%N); cp -r "$out" "$work/copy-$size"; sync; end=$(date +%s.%N)
  echo "  cp -r of the output tree: $(echo "$end - $start" | bc) s"
done
