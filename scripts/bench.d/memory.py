#!/usr/bin/env python3
"""scripts/bench.d/memory.py RUN_DIR OUT_JSON: samples, twice a second until SIGTERM, the RSS
and PSS (/proc/PID/smaps_rollup) of every handler process (the masters named by RUN_DIR/*.pid
and their workers) and of nginx, then writes each process's peaks, grouped by program."""
import json
import os
import signal
import sys
import time

run_dir, out_path = sys.argv[1], sys.argv[2]
stop = False


def on_term(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def rollup(pid):
    """(rss_kib, pss_kib) of a process, or None when it is gone."""
    values = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                parts = line.split()
                if parts[0] in ("Rss:", "Pss:"):
                    values[parts[0]] = int(parts[1])
    except (OSError, IndexError, ValueError):
        return None
    return values.get("Rss:", 0), values.get("Pss:", 0)


peaks = {}  # pid -> {"program", "role", "rss_kib", "pss_kib"}
while True:
    for entry in os.listdir(run_dir):
        if not entry.endswith(".pid"):
            continue
        program = entry[:-4]
        try:
            with open(os.path.join(run_dir, entry)) as f:
                master = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
        for pid, role in [(master, "master")] + [(c, "worker") for c in children(master)]:
            sample = rollup(pid)
            if sample is None:
                continue
            p = peaks.setdefault(pid, {"program": program, "role": role, "rss_kib": 0, "pss_kib": 0})
            p["rss_kib"] = max(p["rss_kib"], sample[0])
            p["pss_kib"] = max(p["pss_kib"], sample[1])
    if stop:
        break
    time.sleep(0.5)

programs = {}
for pid, p in peaks.items():
    g = programs.setdefault(p["program"], {"processes": 0, "max_rss_kib": 0, "sum_pss_kib": 0,
                                           "max_rss_kib_by_role": {}})
    g["processes"] += 1
    g["max_rss_kib"] = max(g["max_rss_kib"], p["rss_kib"])
    g["sum_pss_kib"] += p["pss_kib"]
    by_role = g["max_rss_kib_by_role"]
    by_role[p["role"]] = max(by_role.get(p["role"], 0), p["rss_kib"])
with open(out_path, "w") as f:
    json.dump({"programs": programs,
               "total_pss_kib": sum(g["sum_pss_kib"] for g in programs.values())}, f, indent=2)
