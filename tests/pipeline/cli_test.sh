#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The CLI contract (SPEC.md): help for every command, exit codes, errors that name the problem.
#   cli_test.sh path/to/idforge repo_root
set -u
idforge=$1
root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# expect CODE DESCRIPTION -- command...; the combined output is in $tmp/out.
expect() {
  local code=$1 what=$2
  shift 3
  "$@" > "$tmp/out" 2>&1
  local got=$?
  if [[ $got -ne $code ]]; then
    echo "FAIL: $what: exit $got, expected $code"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1))
  fi
}
contains() {
  if ! grep -qF -- "$1" "$tmp/out"; then
    echo "FAIL: output lacks: $1"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1))
  fi
}

expect 0 "help" -- "$idforge" --help
contains "idforge run JOB.json"
for command in run init profile train explain eval gen demo; do
  expect 0 "$command --help" -- "$idforge" "$command" --help
  contains "Usage: idforge $command"
done
expect 1 "no command" -- "$idforge"
expect 1 "unknown command" -- "$idforge" frobnicate
contains 'unknown command "frobnicate"'
expect 1 "unknown option" -- "$idforge" run job.json --bogus
contains "unknown option --bogus"
expect 1 "bad --threads" -- "$idforge" run job.json --threads zero
contains "--threads expects a positive integer"
expect 1 "missing job file" -- "$idforge" run "$tmp/nope.json"
contains "nope.json"

cat > "$tmp/bad.json" <<'JSON'
{"sources": [{"path": "a.csv", "fields": {"email": "E"}},
             {"path": "b.csv", "fields": {"dob": {"column": "D", "format": "%d/%Q"}}}]}
JSON
expect 1 "bad date directive" -- "$idforge" run "$tmp/bad.json"
contains "sources[1].fields.dob.format: unknown date format directive %Q"

# An input error made fatal by on_error=fail exits 2 and names file and line.
sed 's/"on_error": "reject"/"on_error": "fail"/' "$root/datasets/sample/job.json" > "$root/datasets/sample/.fail-job.json"
expect 2 "on_error fail" -- "$idforge" run "$root/datasets/sample/.fail-job.json" --out "$tmp/fail-out"
rm -f "$root/datasets/sample/.fail-job.json"
contains "crm.csv:254"
[[ -e "$tmp/fail-out/report.json" ]] && { echo "FAIL: a failed run left report.json"; failures=$((failures + 1)); }

expect 0 "demo" -- "$idforge" demo --out "$tmp/demo" --threads 2
contains "Outputs written to $tmp/demo"
[[ -s "$tmp/demo/report.json" && -s "$tmp/demo/rejects.csv" ]] || { echo "FAIL: demo outputs missing"; failures=$((failures + 1)); }
ls "$tmp/demo" | grep -q '\.tmp\.' && { echo "FAIL: temp files left behind"; failures=$((failures + 1)); }

expect 0 "gen writes a data set" -- "$idforge" gen --persons 200 --out "$tmp/gen" --seed 3
contains "records (crm"
[[ -s "$tmp/gen/crm.csv" && -s "$tmp/gen/truth.csv" && -s "$tmp/gen/job.json" ]] || { echo "FAIL: gen outputs missing"; failures=$((failures + 1)); }
expect 1 "gen without --out" -- "$idforge" gen --persons 10
contains "--out DIR is required"

if [[ $failures -gt 0 ]]; then
  echo "$failures CLI check(s) failed"
  exit 1
fi
echo "all CLI checks passed"
