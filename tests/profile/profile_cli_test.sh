#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The idforge Authors.
#
# `idforge profile` end to end on the bundled sample: the three files, masked values by default,
# unmasked with --report-values, the same report.json for 1 and 2 threads, one progress line per
# stage on a non-terminal stderr and none with --quiet.
#   profile_cli_test.sh IDFORGE_BINARY SOURCE_DIR
set -u
idforge=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

job="$root/datasets/sample/job.json"
"$idforge" profile "$job" --out "$tmp/p1" --threads 1 > "$tmp/stdout" 2> "$tmp/stderr" || fail "profile exited $?"
for file in report.json report.html rejects.csv; do
  [[ -s "$tmp/p1/$file" ]] || fail "profile wrote no $file"
done
grep -q '"command": "profile"' "$tmp/p1/report.json" || fail "report.json does not say command profile"
grep -q '"values": "masked"' "$tmp/p1/report.json" || fail "values not masked by default"
grep -q '"matching"' "$tmp/p1/report.json" && fail "profile report has a matching section"
grep -q 'not matched' "$tmp/p1/report.html" || fail "report.html does not say matching did not run"
grep -q 'exact-duplicate records' "$tmp/stdout" || fail "summary lacks the exact-duplicate count"
# Masked: no full email address of the sample in the report (local@domain.tld with >1 char local).
if grep -Eo '"value": "[a-z0-9._%+-]{2,}@[a-z0-9-]+\.[a-z]+"' "$tmp/p1/report.json" | head -1 | grep -q .; then
  fail "an unmasked email in report.json"
fi
# Non-terminal stderr: exactly one line per stage, no carriage returns.
for stage in read normalize profile; do
  [[ $(grep -c "^$stage: " "$tmp/stderr") -eq 1 ]] || fail "expected one '$stage:' line on stderr"
done
grep -q $'\r' "$tmp/stderr" && fail "carriage returns in a non-terminal log"

"$idforge" profile "$job" --out "$tmp/p2" --threads 2 --quiet > "$tmp/stdout2" 2> "$tmp/stderr2" || fail "profile --threads 2 exited $?"
[[ -s "$tmp/stdout2" || -s "$tmp/stderr2" ]] && fail "--quiet printed something"
strip_run() { sed '/^  "run": {/,$d' "$1"; }
diff <(strip_run "$tmp/p1/report.json") <(strip_run "$tmp/p2/report.json") > "$tmp/diff" ||
  { fail "report.json differs between 1 and 2 threads"; head -20 "$tmp/diff"; }

"$idforge" profile "$job" --out "$tmp/p3" --report-values --quiet || fail "--report-values exited $?"
grep -q '"values": "unmasked"' "$tmp/p3/report.json" || fail "--report-values not recorded"
grep -Eq '"value": "[a-z0-9._%+-]{2,}@[a-z0-9-]+\.[a-z]+"' "$tmp/p3/report.json" ||
  fail "--report-values did not show an email"

"$idforge" profile > /dev/null 2>&1; [[ $? -eq 1 ]] || fail "profile without a job: exit code is not 1"
"$idforge" profile "$tmp/none.json" > "$tmp/out" 2>&1; [[ $? -eq 1 ]] || fail "missing job: exit code is not 1"
grep -q "none.json" "$tmp/out" || fail "missing job: the message does not name the file"

if [[ $failures -gt 0 ]]; then
  echo "$failures profile CLI check(s) failed"
  exit 1
fi
echo "all profile CLI checks passed"
