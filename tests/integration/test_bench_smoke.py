"""scripts/bench --smoke: the benchmark's machinery (wrk scripts, memory sampler, report) runs
for a second per workload against the test instance and measures without a failed request.
Never a performance assertion: the numbers depend on the machine and its load."""
import json
import subprocess


def test_bench_smoke_measures_every_read_workload(instance, tmp_path):
    run = subprocess.run([f"{instance.root}/scripts/bench", "--smoke", "--out", str(tmp_path)],
                         env=instance.shell_env(), capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    result = json.loads((tmp_path / "result.json").read_text())
    names = [r["name"] for r in result["runs"]]
    assert names[0] == "calibrate"
    assert {"existing_w2", "existing_w3_public"} <= set(names)
    for r in result["runs"]:
        assert r["result"]["requests"] > 0, r
        assert r["result"]["errors"] == 0, r
        assert r["ratio_to_ceiling"] > 0
    assert result["memory"]["programs"]["nginx"]["max_rss_kib"] > 0
    assert "api_msgs" in result["memory"]["programs"]
    assert "W2 API read mix" in run.stdout
