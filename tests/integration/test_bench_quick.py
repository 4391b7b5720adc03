"""scripts/bench --quick, the way the issue asks the suite to check it: the whole benchmark
(release build, its own instance, ceiling, W1 at concurrency 1 and 16, W2, W3, the growth
dataset, memory) runs and writes its JSON with every workload in it. Never a performance
assertion: the numbers depend on the machine and its load; docs/performance.md has them."""
import json
import os
import subprocess


def test_bench_quick_runs_every_workload_and_writes_json(instance, tmp_path):
    # The bench starts its own instance: none of the test instance's settings may leak in.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINITWIT_")}
    env["MINITWIT_BUILD_DIR"] = os.path.join(instance.root, "build-bench")
    run = subprocess.run([f"{instance.root}/scripts/bench", "--quick", "--out", str(tmp_path)],
                         env=env, capture_output=True, text=True, timeout=1200)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads((tmp_path / "result.json").read_text())
    names = [r["name"] for r in result["runs"]]
    assert names[0] == "calibrate"
    for dataset in ("small", "growth"):
        assert {f"{dataset}_w2", f"{dataset}_w3_public", f"{dataset}_w3_user",
                f"{dataset}_w3_home"} <= set(names)
    for r in result["runs"]:
        assert r["result"]["errors"] == 0, r
        assert r["ratio_to_ceiling"] > 0, r
    w1 = {r["name"]: r["result"] for r in result["runs"] if r["kind"] == "replay"}
    assert set(w1) == {"w1_c1", "w1_c16"}
    for res in w1.values():
        assert {"register", "tweet", "follow", "unfollow"} <= set(res["by_command"])
    programs = result["memory"]["programs"]
    assert programs["nginx"]["max_rss_kib"] > 0 and "api_msgs" in programs
    assert result["memory"]["total_pss_kib"] > 0
    # The table the bench prints, with the ratios.
    assert "/ceil" in run.stdout and "W2 API read mix" in run.stdout
