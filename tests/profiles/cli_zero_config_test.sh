#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Zero-config CLI (issue #9): `idforge run FILE...` detects and runs, `idforge init FILE...`
# prints a job that `idforge run job.json` accepts, errors name the file.
#   cli_zero_config_test.sh path/to/idforge repo_root
set -u
idforge=$1
data=$2/tests/profiles/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $1"; sed 's/^/    /' "$tmp/out"; failures=$((failures + 1)); }
contains() { grep -qF -- "$1" "$tmp/out" || fail "output lacks: $1"; }

cd "$tmp"
cp "$data/hubspot.csv" "$data/mailchimp.csv" "$data/shopify.csv" .
gzip -k shopify.csv && mv shopify.csv.gz shop.csv.gz
"$idforge" run hubspot.csv mailchimp.csv shop.csv.gz --export-as hubspot,jsonl > out 2>&1 || fail "zero-config run exit $?"
contains 'hubspot.csv -> source "hubspot", profile hubspot (confidence'
contains 'shop.csv.gz -> source "shop", profile shopify'
contains "Outputs written to idforge-out"
[[ -s idforge-out/golden.csv && -s idforge-out/export_hubspot.csv && -s idforge-out/export_golden.jsonl ]] \
  || fail "zero-config outputs missing"

"$idforge" init hubspot.csv mailchimp.csv shop.csv.gz > job.json 2> out || fail "init exit $?"
contains "profile mailchimp"
grep -q '"profile": "shopify"' job.json || { cp job.json out; fail "init job lacks the profile"; }
"$idforge" run job.json --out from-job --quiet > out 2>&1 || fail "run of init's job exit $?"
cmp -s idforge-out/golden.csv from-job/golden.csv || fail "init's job gives other golden records"

# A lone .json file holding an array of records is an export, not a job file.
printf '[{"email":"ann.lee@example.com","first_name":"Ann","last_name":"Lee"},\n {"email":"ann.lee@example.com","first_name":"Anne","last_name":"Lee"}]\n' > people.json
"$idforge" run people.json --out from-array > out 2>&1 || fail "zero-config run of a JSON array exit $?"
[[ -s from-array/golden.csv ]] || fail "zero-config run of a JSON array wrote no golden.csv"

printf 'Lieblingsfarbe;Schuhgröße\nblau;42\n' > odd.csv
"$idforge" run odd.csv > out 2>&1
[[ $? -eq 1 ]] || fail "a file no profile maps must exit 1"
contains "odd.csv: no column matches a known export profile"
"$idforge" init missing.csv > out 2>&1
code=$?
[[ $code -ne 0 ]] || fail "init of a missing file must fail"
contains "missing.csv"

if [[ $failures -gt 0 ]]; then
  echo "$failures zero-config CLI check(s) failed"
  exit 1
fi
echo "all zero-config CLI checks passed"
