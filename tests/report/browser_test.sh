#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The idforge Authors.
#
# Browser test for report.html: runs `idforge demo`, renders the page in headless Chromium
# with networking off, and checks a real screenshot came out. A page that fails to parse or lays
# out to nothing gives a tiny PNG. Without Chromium the test is skipped (exit 77), as
# tools/install-deps.sh is what brings it in.
#   browser_test.sh IDFORGE_BINARY SOURCE_DIR
set -uo pipefail

idforge=$1
source_dir=$2
chromium=/usr/bin/chromium

out=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$out" "$profile"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

cd "$source_dir" || fail "no source dir $source_dir"
"$idforge" demo --out "$out" --quiet || fail "idforge demo exited $?"
[[ -s "$out/report.html" ]] || fail "demo wrote no report.html"

if [[ ! -x "$chromium" ]]; then
  echo "SKIPPED: $chromium not installed (tools/install-deps.sh installs it)"
  exit 77
fi

# The no-network flags keep the test hermetic and prove the page needs nothing from outside.
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --no-first-run --disable-component-update --disable-sync --user-data-dir="$profile" \
  --screenshot="$out/report.png" --window-size=1366,2400 "file://$out/report.html" \
  > "$out/chromium.log" 2>&1
status=$?
if [[ $status -ne 0 ]]; then
  cat "$out/chromium.log"
  fail "chromium exited $status"
fi
[[ -f "$out/report.png" ]] || fail "no screenshot written"
size=$(stat -c %s "$out/report.png")
[[ $size -gt 20480 ]] || fail "screenshot is only $size bytes: the page rendered (nearly) empty"
echo "PASS: report.png $size bytes"
