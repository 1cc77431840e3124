#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# End-to-end benchmark (issue #7): generate (or reuse) a data set per size with `idforge gen`,
# run `idforge run JOB --truth TRUTH --quiet` on it, and print per-stage wall time, throughput
# and peak RSS, the totals, and pairwise precision/recall/F1, all read from the run's report.json.
#
#   [E2E_PERF=1] bench/e2e/run.sh [--seed S] [--threads N] [--data DIR] [--bin IDFORGE] [SIZE...]
#
# SIZE is a record count with an optional k/M suffix (default: 100k 1M 10M). Data sets live in
# DIR/r<SIZE>-s<SEED> (default DIR: build/e2e-data, never committed) and are reused when complete.
# The Markdown tables are also appended to DIR/results.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
seed=1
threads=""
data="$root/build/e2e-data"
bin="$root/build/release/bin/idforge"
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --data) data=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    -h|--help) sed -n '4,12p' "$0"; exit 0 ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100k 1M 10M)
[ -x "$bin" ] || { echo "e2e: $bin not found: build it first (cmake --build --preset release)" >&2; exit 1; }
mkdir -p "$data"

records_of() {
  local size=$1 number=${1%[kKmM]}
  case "$size" in
    *[kK]) echo $((number * 1000)) ;;
    *[mM]) echo $((number * 1000000)) ;;
    *) echo "$size" ;;
  esac
}

thread_flag=()
[ -n "$threads" ] && thread_flag=(--threads "$threads")

for size in "${sizes[@]}"; do
  records=$(records_of "$size")
  dir="$data/r$size-s$seed"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "e2e: generating $size records (seed $seed) into $dir" >&2
    /usr/bin/time -f '%e %M' -o "$dir/gen.time" \
      "$bin" gen --records "$records" --seed "$seed" --out "$dir" "${thread_flag[@]}" > "$dir/gen.log"
    touch "$dir/.complete"
  else
    echo "e2e: reusing $dir" >&2
  fi
  rm -rf "$dir/out"
  echo "e2e: running idforge run on $size records" >&2
  perf_prefix=()
  # E2E_PERF=1: profile the run (perf report -i DIR/perf.data --no-children).
  [ -n "${E2E_PERF:-}" ] && perf_prefix=(perf record -F 499 -g -o "$dir/perf.data" --)
  /usr/bin/time -f '%e %M' -o "$dir/run.time" \
    "${perf_prefix[@]}" "$bin" run "$dir/job.json" --truth "$dir/truth.csv" --out "$dir/out" --quiet "${thread_flag[@]}"
  python3 "$root/bench/e2e/summarize.py" --size "$size" --seed "$seed" --dir "$dir" \
    --commit "$(git -C "$root" rev-parse --short HEAD)" | tee -a "$data/results.md"
done
