#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Prints one Markdown section for an e2e run: generator, per-stage figures, totals, accuracy.

Reads DIR/out/report.json (run.stages, run.peak_rss_bytes, evaluation), DIR/gen.log and the
`/usr/bin/time -f '%e %M'` outputs DIR/gen.time and DIR/run.time (wall seconds, max RSS in KiB).
"""
import argparse
import json
import os
import re


def mib(value_bytes):
    return f"{value_bytes / 2**20:,.0f} MiB"


def read_time(path):
    with open(path) as f:
        lines = [l for l in f.read().splitlines() if re.match(r"^[0-9.]+ [0-9]+$", l)]
    wall, kib = lines[-1].split()
    return float(wall), int(kib) * 1024


def rate(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e3:
        return f"{value / 1e3:.0f} k"
    return f"{value:.0f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--size", required=True)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--commit", default="")
    args = parser.parse_args()
    with open(os.path.join(args.dir, "out", "report.json")) as f:
        report = json.load(f)
    run = report["run"]
    records = run.get("record_count", 0)
    out = [f"### {args.size} records (seed {args.seed}, commit {args.commit}, {run.get('threads')} threads)", ""]

    gen_wall, gen_rss = read_time(os.path.join(args.dir, "gen.time"))
    gen_records = records
    with open(os.path.join(args.dir, "gen.log")) as f:
        m = re.search(r"-> (\d+) records", f.read())
        if m:
            gen_records = int(m.group(1))
    out.append(f"Generator: {gen_records:,} records in {gen_wall:.2f} s "
               f"({rate(gen_records / gen_wall if gen_wall else 0)} records/s), peak RSS {mib(gen_rss)}")
    out.append("")
    out.append("| stage | wall s | items | throughput | peak RSS after |")
    out.append("|---|---:|---:|---:|---:|")
    stage_total = 0.0
    for stage in run.get("stages", []):
        stage_total += stage["seconds"]
        out.append(f"| {stage['stage']} | {stage['seconds']:.2f} | {stage['items']:,} {stage['unit']} | "
                   f"{rate(stage['items_per_second'])} {stage['unit']}/s | {mib(stage['peak_rss_bytes'])} |")
    run_wall, run_rss = read_time(os.path.join(args.dir, "run.time"))
    out.append(f"| **total (stages)** | **{stage_total:.2f}** | {records:,} records | "
               f"{rate(records / stage_total if stage_total else 0)} records/s | {mib(run['peak_rss_bytes'])} |")
    out.append(f"| **total (process wall)** | **{run_wall:.2f}** | | "
               f"{rate(records / run_wall if run_wall else 0)} records/s | {mib(run_rss)} |")
    out.append("")
    ev = report.get("evaluation")
    if ev:
        pw, bc, bl = ev["pairwise"], ev.get("bcubed", {}), ev.get("blocking", {})
        out.append(f"Accuracy: pairwise precision {pw['precision']:.4f}, recall {pw['recall']:.4f}, "
                   f"**F1 {pw['f1']:.4f}** ({pw['true_pairs']:,} true pairs, {pw['false_positives']:,} false "
                   f"positives, {pw['false_negatives']:,} false negatives); B-cubed F1 {bc.get('f1', 0):.4f}; "
                   f"blocking recall {bl.get('recall', 0):.4f}")
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
