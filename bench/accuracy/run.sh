#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The idforge Authors.
#
# Runs every accuracy job on the reference datasets and scores it against its truth file, then
# prints one results table. A job whose run or eval fails is reported and the others still run,
# so the script is useful while stages are missing.
#
# Usage: bench/accuracy/run.sh [JOB...]        (default: all jobs)
#   IDFORGE=path/to/idforge   the binary (default: build/release/bin/idforge)
set -u
cd "$(dirname "$0")/../.."
IDFORGE=${IDFORGE:-build/release/bin/idforge}
JOBS=("$@")
[ ${#JOBS[@]} -eq 0 ] && JOBS=(febrl1 febrl2 febrl3 febrl4 splink_fake_1000 senzing dedupe)

if [ ! -x "$IDFORGE" ]; then
  echo "run.sh: $IDFORGE not found; build it (cmake --preset release && cmake --build --preset release)" >&2
  echo "        or point IDFORGE at a binary" >&2
  exit 1
fi
if [ ! -d ../shared/datasets ]; then
  echo "run.sh: ../shared/datasets not found beside the repository; nothing to measure" >&2
  exit 1
fi
# The truth files are checked in; regenerate any that are missing.
for name in "${JOBS[@]}"; do
  if [ ! -f "bench/accuracy/truth/$name.csv" ]; then
    python3 bench/accuracy/make_truth.py || exit 1
    break
  fi
done

for name in "${JOBS[@]}"; do
  out="build/accuracy/$name"
  truth="bench/accuracy/truth/$name.csv"
  echo "== $name"
  mkdir -p "$out"
  # No stale outputs: a failed run must not be scored with an earlier run's crosswalk.
  rm -f "$out/crosswalk.csv" "$out/report.json"
  "$IDFORGE" run "bench/accuracy/$name.json" --truth "$truth" --quiet 2>&1 | tee "$out/run.log"
  echo "run exit status: ${PIPESTATUS[0]}" | tee -a "$out/run.log"
  rm -f "$out/eval.txt"
  if [ -f "$out/crosswalk.csv" ]; then
    "$IDFORGE" eval --truth "$truth" --crosswalk "$out/crosswalk.csv" > "$out/eval.txt" 2>&1
    echo "eval exit status: $?" >> "$out/eval.txt"
    cat "$out/eval.txt"
  else
    echo "no crosswalk.csv in $out: matching did not produce one, so there is nothing to evaluate"
  fi
done

# One row per job from each report.json (and the eval output, when there is one).
python3 - "${JOBS[@]}" <<'PY'
import json, os, sys

def find(obj, *keys):
    for key in keys:
        if not isinstance(obj, dict) or key not in obj:
            return None
        obj = obj[key]
    return obj

def fmt(value):
    return "-" if value is None else (f"{value:.4f}" if isinstance(value, float) else str(value))

print()
header = ("job", "read", "rejected", "pairwise P", "R", "F1", "B3 F1", "blocking R", "missing")
print("| " + " | ".join(header) + " |")
print("|" + "---|" * len(header))
for name in sys.argv[1:]:
    path = os.path.join("build/accuracy", name, "report.json")
    try:
        with open(path, encoding="utf-8") as f:
            report = json.load(f)
    except (OSError, ValueError) as error:
        print(f"| {name} | no report.json ({error.__class__.__name__}) |" + " |" * (len(header) - 2))
        continue
    ev = report.get("evaluation") or {}
    row = (name, find(report, "totals", "records_read"), find(report, "totals", "rejected"),
           find(ev, "pairwise", "precision"), find(ev, "pairwise", "recall"),
           find(ev, "pairwise", "f1"), find(ev, "bcubed", "f1"),
           find(ev, "blocking", "recall"),
           ", ".join(m.split(" (")[0] for m in find(report, "stages", "missing") or []) or "-")
    print("| " + " | ".join(fmt(v) for v in row) + " |")
PY
