#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Crash safety of incremental runs: SIGKILL `idforge run --state` at several points of a run; each
# time the state must be exactly what the previous successful run left (compared as an SQL dump),
# and the next run must succeed. Usage: kill_test.sh IDFORGE_BINARY SOURCE_DIR
set -euo pipefail
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -r "$src/datasets/sample" "$tmp/s"
"$bin" run "$tmp/s/job.json" --state "$tmp/state.db" --out "$tmp/out0" --quiet --threads 1 >/dev/null
dump() { sqlite3 "$1" .dump | md5sum; }
before=$(dump "$tmp/state.db")
cp "$tmp/state.db" "$tmp/state.bak"

# Tomorrow's snapshot: a third of the CRM records changed (their ids too: deletions + new ones).
sed -i '2,400s/a/e/g' "$tmp/s/crm.csv"

killed=0
for delay in 0.01 0.03 0.06 0.1 0.15 0.2 0.3 0.45 0.6 0.8; do
  "$bin" run "$tmp/s/job.json" --state "$tmp/state.db" --out "$tmp/out1" --quiet --threads 1 \
    >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    after=$(dump "$tmp/state.db")
    if [[ "$after" != "$before" ]]; then
      # A kill right after COMMIT is a finished run, not a torn one: accept only that.
      runs=$(sqlite3 "$tmp/state.db" "SELECT COUNT(*) FROM runs")
      if [[ "$runs" != "2" ]]; then
        echo "FAIL: state changed after a kill at ${delay}s (runs=$runs)" >&2
        exit 1
      fi
    else
      killed=$((killed + 1))
    fi
  else
    wait "$pid" || { echo "FAIL: the run failed on its own" >&2; exit 1; }
  fi
  # Start the next attempt from the committed previous state.
  cp "$tmp/state.bak" "$tmp/state.db"
  rm -f "$tmp/state.db-journal"
done
if [[ $killed -eq 0 ]]; then
  echo "FAIL: no kill landed inside a run (the run is too fast for these delays)" >&2
  exit 1
fi

# After a torn run, the next run succeeds and advances the state.
"$bin" run "$tmp/s/job.json" --state "$tmp/state.db" --out "$tmp/out2" --quiet >/dev/null 2>&1 &
pid=$!
sleep 0.05
kill -9 "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
"$bin" run "$tmp/s/job.json" --state "$tmp/state.db" --out "$tmp/out3" --quiet --threads 1 >/dev/null
runs=$(sqlite3 "$tmp/state.db" "SELECT COUNT(*) FROM runs")
[[ "$runs" -ge 2 ]] || { echo "FAIL: expected 2 runs after the rerun, found $runs" >&2; exit 1; }
[[ -s "$tmp/out3/changes.csv" && -s "$tmp/out3/golden.csv" ]] || { echo "FAIL: outputs missing" >&2; exit 1; }
echo "kill test: $killed kills inside a run left the state unchanged; the rerun succeeded"
