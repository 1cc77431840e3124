#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The idforge Authors.
#
# Synthetic data for the incremental-run benchmark (bench/RESULTS.md): N persons spread over two
# sources ("crm" and "shop") with typos, plus a nightly delta of a given share of the records, half
# new persons and half changed records, as a `"mode": "delta"` job. Invented names (syllables),
# fixed seed, standard library only.
#
#   python3 tests/state/make_bench_data.py --persons 700000 --delta 0.01 --out DIR
import argparse
import itertools
import json
import os
import random

SYL = ["ka", "lo", "mi", "ra", "ne", "to", "sa", "vi", "dor", "len", "mar", "tin", "ber", "gal",
       "son", "ric", "an", "el", "is", "or", "us", "fa", "ge", "hu", "jo", "qui", "ze", "pe"]
CITIES = [f"City{i}" for i in range(2000)]
HEADER = ["id", "first_name", "last_name", "email", "phone", "dob", "city", "postcode", "updated_at"]


def name(rng, parts):
    return "".join(rng.choice(SYL) for _ in range(parts)).capitalize()


def person(rng, pid):
    first = name(rng, 2)
    last = name(rng, 3)
    city = rng.randrange(len(CITIES))
    return {
        "first_name": first, "last_name": last,
        "email": f"{first.lower()}.{last.lower()}{pid % 97}@mail{pid % 13}.example",
        "phone": f"+1555{rng.randrange(10**7):07d}",
        "dob": f"{rng.randrange(1940, 2005)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
        "city": CITIES[city], "postcode": f"{10000 + city * 7 % 89999:05d}",
    }


def typo(rng, value):
    if len(value) < 3:
        return value
    i = rng.randrange(1, len(value) - 1)
    return value[:i] + value[i + 1] + value[i] + value[i + 2:]


def record(rng, p, rid, day):
    r = dict(p)
    r["id"] = rid
    if rng.random() < 0.3:
        field = rng.choice(["first_name", "last_name", "email", "city"])
        r[field] = typo(rng, r[field])
    if rng.random() < 0.2:
        r[rng.choice(["phone", "dob", "email"])] = ""
    r["updated_at"] = day
    return r


def line(r):
    return ",".join(r[h] for h in HEADER)


def write_csv(path, lines):
    with open(path, "w", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        batch = []
        for text in lines:
            batch.append(text)
            if len(batch) == 100000:
                f.write("\r\n".join(batch) + "\r\n")
                batch = []
        if batch:
            f.write("\r\n".join(batch) + "\r\n")


def job(sources, delta):
    fields = {f: f for f in HEADER[1:-1]}
    fields["dob"] = {"column": "dob", "format": "%Y-%m-%d"}
    out = {"sources": [], "output": {"dir": "out"}}
    for name_, path in sources:
        src = {"name": name_, "path": path, "id": "id", "updated_at": "updated_at",
               "default_country": "US", "fields": fields}
        if delta:
            src["mode"] = "delta"
        out["sources"].append(src)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, required=True)
    ap.add_argument("--delta", type=float, default=0.01)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    rng = random.Random(8)
    os.makedirs(args.out, exist_ok=True)
    # Each record is kept as its CSV line (no value needs quoting): a 10 M-record set fits in
    # ~2 GB instead of ~20 GB of dicts. The output is byte-identical to csv.DictWriter's.
    rows = {"crm": [], "shop": []}
    for pid in range(args.persons):
        p = person(rng, pid)
        in_crm = rng.random() < 0.75
        in_shop = not in_crm or rng.random() < 0.5
        if in_crm:
            rows["crm"].append(line(record(rng, p, f"c{pid}", "2026-11-01")))
        if in_shop:
            rows["shop"].append(line(record(rng, p, f"s{pid}", "2026-11-01")))
    total = sum(len(v) for v in rows.values())
    for src, rs in rows.items():
        write_csv(os.path.join(args.out, f"{src}.csv"), rs)
    with open(os.path.join(args.out, "full.json"), "w") as f:
        json.dump(job([("crm", "crm.csv"), ("shop", "shop.csv")], False), f, indent=1)
    # The delta: half changed records (a field edited), half new persons' records.
    n_delta = int(total * args.delta)
    delta = {"crm": [], "shop": []}
    for _ in range(n_delta // 2):
        src = rng.choice(["crm", "shop"])
        r = dict(zip(HEADER, rng.choice(rows[src]).split(",")))
        r[rng.choice(["email", "phone", "city", "last_name"])] = typo(rng, r["last_name"] + "x")
        r["updated_at"] = "2026-11-02"
        delta[src].append(r)
    for k in range(n_delta - n_delta // 2):
        pid = args.persons + k
        p = person(rng, pid)
        src = rng.choice(["crm", "shop"])
        delta[src].append(record(rng, p, f"{src[0]}{pid}", "2026-11-02"))
    # A changed record listed twice keeps its last version only: ids are unique per file.
    unique = {src: {r["id"]: line(r) for r in rs} for src, rs in delta.items()}
    for src in delta:
        write_csv(os.path.join(args.out, f"{src}_delta.csv"), unique[src].values())
    with open(os.path.join(args.out, "delta.json"), "w") as f:
        json.dump(job([("crm", "crm_delta.csv"), ("shop", "shop_delta.csv")], True), f, indent=1)
    # The full snapshot after the delta, for the rerun-from-scratch comparison: changed records in
    # place, new ones at the end.
    for src, rs in rows.items():
        changed = unique[src]
        after = (changed.get(r[:r.index(",")], r) for r in rs)
        new = (r for rid, r in changed.items() if int(rid[1:]) >= args.persons)
        write_csv(os.path.join(args.out, f"{src}_after.csv"), itertools.chain(after, new))
    with open(os.path.join(args.out, "after.json"), "w") as f:
        json.dump(job([("crm", "crm_after.csv"), ("shop", "shop_after.csv")], False), f, indent=1)
    print(f"{total} records ({args.persons} persons); delta {n_delta} records")


if __name__ == "__main__":
    main()
