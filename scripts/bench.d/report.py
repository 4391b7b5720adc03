#!/usr/bin/env python3
"""scripts/bench.d/report.py PARTS_DIR OUT_JSON: joins the parts scripts/bench wrote (one JSON
file per run, in run order, plus meta.json and memory.json) into one result and prints it as a
table. Throughput is also given as a ratio to the same run's calibration ceiling."""
import json
import os
import sys

parts_dir, out_path = sys.argv[1], sys.argv[2]


def load(name):
    path = os.path.join(parts_dir, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


meta = load("meta.json") or {}
runs = []
for name in sorted(os.listdir(parts_dir)):
    if name[0].isdigit() and name.endswith(".json"):
        runs.append(load(name))
memory = load("memory.json")

ceiling = next((r["result"]["rps"] for r in runs if r["name"] == "calibrate"), None)
for r in runs:
    rps = r["result"]["rps"] if r["kind"] == "wrk" else r["result"]["throughput_rps"]
    r["rps"] = rps
    r["ratio_to_ceiling"] = round(rps / ceiling, 3) if ceiling else None

result = {"meta": meta, "ceiling_rps": ceiling, "runs": runs, "memory": memory}
with open(out_path, "w") as f:
    json.dump(result, f, indent=2)

print(f"\nMiniTwit bench, {meta.get('date', '?')}, {meta.get('mode', '?')} mode, "
      f"{meta.get('cpus', '?')} CPUs, {meta.get('procs', '?')} processes per handler, "
      f"commit {meta.get('commit', '?')}")
header = f"{'run':<34} {'dataset':<8} {'req/s':>8} {'/ceil':>6} {'p50 ms':>7} {'p99 ms':>7} " \
         f"{'max ms':>7} {'errors':>6} {'load':>5}"
print(header)
print("-" * len(header))
for r in runs:
    if r["kind"] == "wrk":
        x = r["result"]
        p50, p99, mx, errors = x["p50_ms"], x["p99_ms"], x["max_ms"], x["errors"]
    else:
        x = r["result"]
        lat = x["latency"]
        p50, p99, mx, errors = lat["p50_ms"], lat["p99_ms"], lat["max_ms"], x["errors"]
    ratio = f"{r['ratio_to_ceiling']:.2f}" if r["ratio_to_ceiling"] is not None else "-"
    print(f"{r['label']:<34} {r.get('dataset', ''):<8} {r['rps']:>8.0f} {ratio:>6} {p50:>7.2f} "
          f"{p99:>7.2f} {mx:>7.1f} {errors:>6} {r.get('load', ''):>5}")
    if r["kind"] == "replay":
        for command, lat in sorted(r["result"]["by_command"].items()):
            print(f"{'  ' + command + ' (' + str(lat['count']) + ')':<34} {'':<8} {'':>8} {'':>6} "
                  f"{lat['p50_ms']:>7.2f} {lat['p99_ms']:>7.2f} {lat['max_ms']:>7.1f} "
                  f"{lat['errors']:>6}")
if memory:
    print(f"\n{'memory (peak during the runs)':<34} {'procs':>5} {'max RSS MiB':>12} "
          f"{'sum PSS MiB':>12}")
    for program, g in sorted(memory["programs"].items()):
        print(f"{program:<34} {g['processes']:>5} {g['max_rss_kib'] / 1024:>12.1f} "
              f"{g['sum_pss_kib'] / 1024:>12.1f}")
    print(f"{'all of them':<34} {'':>5} {'':>12} {memory['total_pss_kib'] / 1024:>12.1f}")
print(f"\nwritten to {out_path}")
