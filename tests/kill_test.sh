#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Atomic outputs: SIGKILL `idforge run` at random points of a run on a few hundred thousand
# records; every file left under a final name must be complete (byte-identical to a successful
# run's, or for the reports, whole parseable documents), and only `<name>.tmp.<pid>` files may be
# partial. Usage: kill_test.sh IDFORGE_BINARY SOURCE_DIR [ROWS] [KILLS]
set -euo pipefail
bin=$1
src=$2
rows=${3:-60000}
kills=${4:-8}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The sample's CRM export repeated with new ids, emails, phones and last names, so the copies are
# different people (entities stay small) and the run spends seconds in every stage.
mkdir -p "$tmp/in"
python3 - "$src/datasets/sample/crm.csv" "$tmp/in/crm.csv" "$rows" <<'EOF'
import csv, sys
source, target, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(source, newline='', encoding='utf-8-sig') as f:
    reader = csv.reader(f)
    header = next(reader)
    records = list(reader)
col = {name: i for i, name in enumerate(header)}
letters = 'bcdfghjklmnpqrstvwz'
with open(target, 'w', newline='', encoding='utf-8') as f:
    writer = csv.writer(f)
    writer.writerow(header)
    written = 0
    copy = 0
    while written < wanted:
        for record in records:
            if written >= wanted:
                break
            out = list(record)
            out[col['Id']] = f"{record[col['Id']]}-{copy}"
            if copy:
                tag = letters[copy % 19] + letters[(copy // 19) % 19] + letters[(copy // 361) % 19]
                out[col['LastName']] = record[col['LastName']] + tag
                if record[col['Email']]:
                    out[col['Email']] = f"{copy}.{record[col['Email']]}"
                digits = [c for c in record[col['Phone']] if c.isdigit()]
                if len(digits) > 6:
                    out[col['Phone']] = ''.join(digits[:-4]) + f"{(int(''.join(digits[-4:])) + copy) % 10000:04d}"
            writer.writerow(out)
            written += 1
        copy += 1
EOF
python3 - "$src/datasets/sample/job.json" "$tmp/in/job.json" <<'EOF'
import json, sys
job = json.load(open(sys.argv[1]))
job['sources'] = [s for s in job['sources'] if s['name'] == 'crm']
job['output'] = {'dir': 'out', 'formats': ['csv', 'jsonl']}
json.dump(job, open(sys.argv[2], 'w'), indent=2)
EOF

# Completeness check of one output directory against the successful run.
check_dir() {
  python3 - "$1" "$tmp/ok" <<'EOF'
import csv, json, os, re, sys
out, ok = sys.argv[1], sys.argv[2]
csv.field_size_limit(1 << 30)
problems = []
for name in sorted(os.listdir(out)):
    path = os.path.join(out, name)
    if re.search(r'\.tmp\.\d+$', name):
        continue  # a temporary file: partial by design, never under a final name
    if not os.path.exists(os.path.join(ok, name)):
        problems.append(f'{name}: unexpected final-named file')
        continue
    data = open(path, 'rb').read()
    if name in ('report.json', 'report.html'):
        if name == 'report.json':
            try:
                json.loads(data)
            except ValueError as error:
                problems.append(f'{name}: not a whole JSON document ({error})')
        elif not data.rstrip().endswith(b'</html>'):
            problems.append(f'{name}: truncated HTML')
        continue
    expected = open(os.path.join(ok, name), 'rb').read()
    if data != expected:
        if name.endswith('.csv'):
            got = sum(1 for _ in csv.reader(data.decode('utf-8').splitlines(True)))
            want = sum(1 for _ in csv.reader(expected.decode('utf-8').splitlines(True)))
            problems.append(f'{name}: {got} CSV records, expected {want} ({len(data)} of {len(expected)} bytes)')
        else:
            problems.append(f'{name}: {len(data)} bytes differ from the {len(expected)} of a full run')
    elif name.endswith('.jsonl'):
        for line in data.decode('utf-8').splitlines():
            json.loads(line)
for problem in problems:
    print('FAIL:', problem, file=sys.stderr)
sys.exit(1 if problems else 0)
EOF
}

start=$(date +%s.%N)
"$bin" run "$tmp/in/job.json" --out "$tmp/ok" --quiet --threads 2 >/dev/null
elapsed=$(python3 -c "import time; print(max(0.2, time.time() - $start))")
for file in golden.csv golden.jsonl golden_provenance.csv crosswalk.csv model.json report.json; do
  [[ -s "$tmp/ok/$file" ]] || { echo "FAIL: the successful run wrote no $file" >&2; exit 1; }
done
echo "full run: ${elapsed}s on $rows records"

# Kill points spread over the run, denser in its second half, where the outputs are written.
delays=$(python3 -c "
import random
random.seed($RANDOM)
t = $elapsed
print(' '.join(f'{random.uniform(0.3 * t, 1.05 * t):.3f}' for _ in range($kills)))")
landed=0
partial_files=0
for delay in $delays; do
  out="$tmp/out-$delay"
  "$bin" run "$tmp/in/job.json" --out "$out" --quiet --threads 2 >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  if kill -9 "$pid" 2>/dev/null; then
    wait "$pid" 2>/dev/null || true
    landed=$((landed + 1))
  else
    wait "$pid" || { echo "FAIL: the run failed on its own" >&2; exit 1; }
  fi
  [[ -d "$out" ]] || continue
  finals=$(find "$out" -type f ! -regex '.*\.tmp\.[0-9]+' -printf '%f ')
  temps=$(find "$out" -type f -regex '.*\.tmp\.[0-9]+' | wc -l)
  partial_files=$((partial_files + temps))
  echo "killed at ${delay}s: final files [${finals}], temporary files left: $temps"
  check_dir "$out" || { echo "FAIL: a partial file under a final name after a kill at ${delay}s" >&2; exit 1; }
done
# Kills aimed at the write phase: wait until the run has moved `finals_before` outputs into place
# and has a temporary file open, then SIGKILL it at once, so the kill lands between or inside writes.
mid_write=0
for finals_before in 0 1 2 3 4 5; do
  out="$tmp/write-$finals_before"
  "$bin" run "$tmp/in/job.json" --out "$out" --quiet --threads 2 >/dev/null 2>&1 &
  pid=$!
  if python3 - "$out" "$pid" "$finals_before" <<'PYEOF'
import os, re, signal, sys, time
out, pid, wanted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
while True:
    try:
        names = os.listdir(out)
    except FileNotFoundError:
        names = []
    temps = [n for n in names if re.search(r'\.tmp\.\d+$', n)]
    if temps and len(names) - len(temps) >= wanted:
        os.kill(pid, signal.SIGKILL)
        sys.exit(0)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(1)
    # A finished run is a zombie until waited for: its status says so.
    with open(f'/proc/{pid}/stat') as stat:
        if stat.read().split(') ')[-1].startswith('Z'):
            sys.exit(1)
    time.sleep(0.0002)
PYEOF
  then
    wait "$pid" 2>/dev/null || true
    mid_write=$((mid_write + 1))
    temps=$(find "$out" -type f -regex '.*\.tmp\.[0-9]+' | wc -l)
    echo "killed while writing (after $finals_before final files): temporary files left: $temps"
    check_dir "$out" || { echo "FAIL: a partial file under a final name after a mid-write kill" >&2; exit 1; }
  else
    wait "$pid" 2>/dev/null || true
  fi
done
if [[ $mid_write -eq 0 ]]; then
  echo "FAIL: no kill landed while outputs were being written" >&2
  exit 1
fi
landed=$((landed + mid_write))

if [[ $landed -eq 0 ]]; then
  echo "FAIL: no kill landed inside a run" >&2
  exit 1
fi
echo "ok: $landed kills inside a run, no partial final-named file ($partial_files temporary files)"
