#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The idforge Authors.
#
# Derives the truth files (SPEC.md "Truth files": source,source_id,entity_id) of the accuracy jobs
# from each reference dataset's own ground truth. Source names match the job files. Python 3
# standard library only; deterministic output (rows in dataset file order).
"""Usage: make_truth.py [--datasets DIR] [--out DIR] [--check]

--datasets  the reference datasets (default: ../shared/datasets beside the repository)
--out       where truth/<job>.csv go (default: bench/accuracy/truth)
--check     also print records, entities and true pairs per job
"""
import argparse
import collections
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_DATASETS = os.path.join(os.path.dirname(REPO), "shared", "datasets")

FEBRL_ID = re.compile(r"^rec-(\d+)-(org|dup-\d+)$")


def read_csv(path, skipinitialspace=False):
    # newline="" keeps newlines inside quoted fields (the dedupe file has 268 of them).
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, skipinitialspace=skipinitialspace))


def febrl(datasets, files):
    """FEBRL: rec-<N>-org and rec-<N>-dup-<k> are the same person N (fields separated by ", ")."""
    rows = []
    for source, name in files:
        for record in read_csv(os.path.join(datasets, "febrl", name), skipinitialspace=True):
            rec_id = record["rec_id"].strip()
            match = FEBRL_ID.match(rec_id)
            if not match:
                sys.exit(f"{name}: unexpected rec_id {rec_id!r}")
            rows.append((source, rec_id, match.group(1)))
    return rows


def splink(datasets):
    path = os.path.join(datasets, "splink_fake_1000", "fake_1000.csv")
    return [("fake_1000", r["unique_id"], r["cluster"]) for r in read_csv(path)]


def senzing(datasets):
    """actual_truthset_key.csv: CLUSTER_ID per (DATA_SOURCE, RECORD_ID); sources are lower case."""
    path = os.path.join(datasets, "senzing_truthset", "actual_truthset_key.csv")
    return [(r["DATA_SOURCE"].lower(), r["RECORD_ID"], r["CLUSTER_ID"]) for r in read_csv(path)]


def dedupe(datasets):
    path = os.path.join(datasets, "dedupe_csv_example", "csv_example_input_with_true_ids.csv")
    return [("dedupe", r["Id"], r["True Id"]) for r in read_csv(path)]


def jobs(datasets):
    return {
        "febrl1": lambda: febrl(datasets, [("febrl1", "dataset1.csv")]),
        "febrl2": lambda: febrl(datasets, [("febrl2", "dataset2.csv")]),
        "febrl3": lambda: febrl(datasets, [("febrl3", "dataset3.csv")]),
        "febrl4": lambda: febrl(datasets, [("febrl4a", "dataset4a.csv"),
                                           ("febrl4b", "dataset4b.csv")]),
        "splink_fake_1000": lambda: splink(datasets),
        "senzing": lambda: senzing(datasets),
        "dedupe": lambda: dedupe(datasets),
    }


def write(path, rows):
    seen = set()
    for source, source_id, _ in rows:
        if (source, source_id) in seen:
            sys.exit(f"{path}: duplicate record ({source}, {source_id})")
        seen.add((source, source_id))
    tmp = path + ".tmp"
    with open(tmp, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["source", "source_id", "entity_id"])
        writer.writerows(rows)
    os.replace(tmp, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", default=DEFAULT_DATASETS)
    parser.add_argument("--out", default=os.path.join(HERE, "truth"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    if not os.path.isdir(args.datasets):
        sys.exit(f"{args.datasets}: no such directory; pass --datasets DIR")
    os.makedirs(args.out, exist_ok=True)
    for name, build in jobs(args.datasets).items():
        rows = build()
        write(os.path.join(args.out, name + ".csv"), rows)
        if args.check:
            sizes = collections.Counter(entity for _, _, entity in rows)
            pairs = sum(n * (n - 1) // 2 for n in sizes.values())
            print(f"{name:18} records {len(rows):6}  entities {len(sizes):6}  true pairs {pairs:6}")


if __name__ == "__main__":
    main()
