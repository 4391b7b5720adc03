"""GET /metrics through nginx, read by promtool and by a real Prometheus (issue 4)."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


import pytest
import requests

from conftest import SIM_AUTH


PROM_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "deploy", "prometheus")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample(text, prefix):
    """The value of the one sample line starting with `prefix` (name plus labels), else 0."""
    for line in text.splitlines():
        if line.startswith(prefix + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_metrics_is_prometheus_text_and_promtool_clean(instance, http):
    r = http.get(instance.web + "/metrics")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    for name in ("minitwit_http_requests_total", "minitwit_http_request_duration_seconds_bucket",
                 "minitwit_db_errors_total", "minitwit_process_starts_total", "minitwit_users",
                 "minitwit_messages", "minitwit_follows", "minitwit_simulator_latest"):
        assert "\n" + name in r.text, name
    assert sample(r.text, "minitwit_database_up") == 1
    check = subprocess.run(["promtool", "check", "metrics"], input=r.text, text=True,
                           capture_output=True)
    assert check.returncode == 0, check.stdout + check.stderr


def test_metrics_counts_requests_of_every_process(instance, http):
    key = 'minitwit_http_requests_total{route="api_latest",method="GET",status="200"}'
    before = sample(http.get(instance.web + "/metrics").text, key)
    for _ in range(40):  # spread over both workers of api_latest
        assert http.get(instance.api + "/latest", headers={"Connection": "close"}).status_code == 200
    # serve() records a request just after its response went out: allow the last ones a moment.
    deadline = time.monotonic() + 5
    while True:
        after = http.get(instance.web + "/metrics").text
        if sample(after, key) >= before + 40 or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert sample(after, key) == before + 40
    assert sample(after, 'minitwit_process_starts_total{route="api_latest",process="worker"}') >= 2
    assert sample(after, 'minitwit_process_starts_total{route="api_latest",process="master"}') >= 1


def test_business_gauges_follow_the_data(instance, http, name):
    before = http.get(instance.web + "/metrics").text
    r = http.post(f"{instance.api}/register?latest=4242001", headers=SIM_AUTH,
                  json={"username": name, "email": name + "@x.org", "pwd": "p"})
    assert r.status_code == 204
    after = http.get(instance.web + "/metrics").text
    assert sample(after, "minitwit_users") == sample(before, "minitwit_users") + 1
    assert sample(after, "minitwit_simulator_latest") == 4242001


def test_metrics_only_on_the_web_port(instance, http):
    assert http.get(instance.api + "/metrics").status_code == 404


def test_deployed_prometheus_configs_and_rules_are_valid():
    for cfg in ("prometheus.yml", "prometheus-swarm.yml"):
        r = subprocess.run(["promtool", "check", "config", cfg], cwd=PROM_DIR,
                           capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run(["promtool", "check", "rules", "rules/minitwit.yml"], cwd=PROM_DIR,
                       capture_output=True, text=True)
    assert r.returncode == 0 and "SUCCESS: 5 rules found" in r.stdout, r.stdout + r.stderr
    r = subprocess.run(["promtool", "test", "rules", "minitwit_test.yml"],
                       cwd=os.path.join(PROM_DIR, "tests"), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.fixture()
def prometheus(instance):
    """A real Prometheus scraping the instance's /metrics every second, with our rules."""
    tmp = tempfile.mkdtemp(prefix="mt-prom.")
    port = free_port()
    rules = os.path.abspath(os.path.join(PROM_DIR, "rules", "minitwit.yml"))
    with open(os.path.join(tmp, "prometheus.yml"), "w") as f:
        f.write(f"""
global: {{scrape_interval: 1s, evaluation_interval: 1s}}
rule_files: ["{rules}"]
scrape_configs:
  - job_name: minitwit
    static_configs: [{{targets: ["127.0.0.1:{instance.env['MINITWIT_WEB_PORT']}"]}}]
""")
    log = open(os.path.join(tmp, "prometheus.log"), "w")
    proc = subprocess.Popen(
        ["prometheus", f"--config.file={tmp}/prometheus.yml", f"--storage.tsdb.path={tmp}/data",
         f"--web.listen-address=127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    yield f"http://127.0.0.1:{port}"
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    log.close()
    shutil.rmtree(tmp, ignore_errors=True)


def query(http, prom, expr):
    r = http.get(prom + "/api/v1/query", params={"query": expr}, timeout=5)
    r.raise_for_status()
    return r.json()["data"]["result"]


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value is not None:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


def scraped_value(http, prom, expr):
    """The value of a one-element query result, or None while there is none."""
    try:
        result = query(http, prom, expr)
    except Exception:  # Prometheus still starting
        return None
    return float(result[0]["value"][1]) if result else None


def test_real_prometheus_reads_counters_and_histograms(instance, http, prometheus):
    up = wait_for(lambda: scraped_value(http, prometheus, 'up{job="minitwit"} == 1'), 60)
    assert up == 1
    counter = 'sum(minitwit_http_requests_total{route="api_msgs",method="GET",status="200"})'
    before = wait_for(lambda: scraped_value(
        http, prometheus, f"{counter} or vector(0)"), 30)
    stamp = time.time()
    for _ in range(25):
        assert http.get(instance.api + "/msgs?no=5", headers=SIM_AUTH).status_code == 200
    # The next scrapes after the traffic see all 25 more.
    after = wait_for(lambda: (lambda v: v if v is not None and v >= before + 25 else None)(
        scraped_value(http, prometheus, counter)), 30)
    assert after == before + 25
    count = scraped_value(
        http, prometheus, 'minitwit_http_request_duration_seconds_count{route="api_msgs"}')
    inf = scraped_value(
        http, prometheus, 'minitwit_http_request_duration_seconds_bucket{route="api_msgs",le="+Inf"}')
    assert count == inf and count >= 25
    p50 = scraped_value(http, prometheus, 'histogram_quantile(0.5, sum by (le) '
                        '(rate(minitwit_http_request_duration_seconds_bucket{route="api_msgs"}[1m])))')
    assert p50 is not None and 0 < p50 < 1.0, p50
    gauge = scraped_value(http, prometheus, "minitwit_database_up")
    assert gauge == 1
    assert time.time() - stamp < 120
    rules = http.get(prometheus + "/api/v1/rules", timeout=5).json()["data"]["groups"]
    names = {r["name"] for g in rules for r in g["rules"]}
    assert names == {"MiniTwitDown", "MiniTwitHighErrorRatio", "MiniTwitSlowRequests",
                     "MiniTwitSimulatorStalled", "MiniTwitDatabaseDown"}
    assert all(r["health"] != "err" for g in rules for r in g["rules"])
