"""Every log line of the integration run: JSON with ECS fields, nginx's line matched to the
handler's by trace.id, and no password, cookie or Authorization anywhere. Runs after every
other test of the instance (tests/ops/CMakeLists.txt)."""
import base64
import glob
import json
import os
import time
from datetime import datetime

from conftest import SIM_AUTH

PASSWORD = "Corr3ct-Horse-Battery-Staple-7731"  # registered below; must never be logged
COOKIE = "session=CookieSecretValue-5511"
BEARER = "Bearer TokenSecretValue-9902"
SIM_PASSWORD = "super_safe!"

BASE_FIELDS = ("@timestamp", "log.level", "message", "service.name")
REQUEST_FIELDS = ("http.request.method", "url.path", "http.response.status_code",
                  "event.duration", "trace.id")
PLAIN_TEXT_LOGS = ("nginx_error.log", "initdb.log")  # nginx/initdb can't write JSON


def make_traffic(instance, http, name):
    """Requests carrying every kind of secret, with a known request id."""
    traces = {}

    def traced(service, path):
        trace_id = f"opslog{len(traces)}{name}"
        traces[trace_id] = (service, path)
        return {"X-Request-Id": trace_id}

    r = http.post(instance.api + "/register", json={"username": name, "email": name + "@x.org",
                                                     "pwd": PASSWORD},
                  headers={**SIM_AUTH, **traced("api_register", "/register"), "Cookie": COOKIE})
    assert r.status_code == 204
    r = http.post(f"{instance.api}/msgs/{name}", json={"content": "logged"},
                  headers={**SIM_AUTH, **traced("api_msgs_user", f"/msgs/{name}")})
    assert r.status_code == 204
    for service, path in (("api_latest", "/latest"), ("api_msgs", "/msgs"),
                          ("api_fllws", f"/fllws/{name}")):
        http.get(instance.api + path, headers={**SIM_AUTH, **traced(service, path)})
    for service, path in (("health", "/health"), ("metrics", "/metrics")):
        http.get(instance.web + path, headers=traced(service, path))
    http.get(instance.api + "/msgs", headers={"Authorization": BEARER, "Cookie": COOKIE})
    http.get(instance.api + "/msgs", headers={"Authorization": "Basic " + base64.b64encode(
        f"simulator:{PASSWORD}".encode()).decode()})
    # The web UI's forms, when they exist (404 until then: still logged, still must be clean).
    http.post(instance.web + "/register", data={"username": name + "w", "email": "w@x.org",
                                                "password": PASSWORD, "password2": PASSWORD},
              headers={"Cookie": COOKIE}, allow_redirects=False)
    http.post(instance.web + "/login", data={"username": name, "password": PASSWORD},
              headers={"Cookie": COOKIE}, allow_redirects=False)
    http.post(instance.web + "/login?password=" + PASSWORD, data={"username": name},
              allow_redirects=False)
    return traces


def when(entry):
    """@timestamp as Unix seconds (nginx writes +00:00, the handlers Z with milliseconds)."""
    return datetime.fromisoformat(entry["@timestamp"].replace("Z", "+00:00")).timestamp()


def read_logs(instance):
    logs = os.path.join(instance.data_dir, "logs")
    files = [p for p in glob.glob(os.path.join(logs, "**", "*"), recursive=True)
             if os.path.isfile(p)]
    assert any(p.endswith("nginx_access.log") for p in files)
    return {p: open(p, encoding="utf-8", errors="replace").read() for p in files}


def test_logs_are_ecs_json_joined_by_trace_id_and_free_of_secrets(instance, http, name):
    traces = make_traffic(instance, http, name)
    time.sleep(1.5)  # nginx flushes its buffered access log every second
    contents = read_logs(instance)

    nginx, handler, kills = [], [], []
    for path, text in contents.items():
        base = os.path.basename(path)
        if base in PLAIN_TEXT_LOGS or "postgresql" in path:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            try:
                entry = json.loads(line)
            except ValueError:
                raise AssertionError(f"{base}:{n} is not JSON: {line[:200]}")
            missing = [f for f in BASE_FIELDS if f not in entry]
            assert not missing, f"{base}:{n} lacks {missing}"
            if base == "nginx_access.log":
                assert entry["service.name"] == "nginx"
                nginx.append(entry)
            elif entry["message"] == "worker died; replacing it" and "signal" in str(
                    entry.get("process.exit")):
                kills.append(when(entry))
            elif "http.response.status_code" in entry:
                missing = [f for f in REQUEST_FIELDS if f not in entry]
                assert not missing, f"{base}:{n} lacks {missing}"
                assert entry["service.name"] == base[:-len(".log")]
                handler.append(entry)
    assert len(nginx) > 10 and len(handler) > 10

    # Every request made here with a known id: one nginx line and the handler's, agreeing.
    by_trace = {e["trace.id"]: e for e in nginx}
    for trace_id, (service, path) in traces.items():
        mine = [e for e in handler if e["trace.id"] == trace_id]
        assert mine and all(e["service.name"] == service for e in mine), (trace_id, mine)
        ng = by_trace.get(trace_id)
        assert ng is not None, f"no nginx line for {path} ({trace_id})"
        assert ng["url.path"] == mine[-1]["url.path"] == path
        assert ng["http.response.status_code"] == mine[-1]["http.response.status_code"]
    # And the whole run: every request nginx passed to a handler has the handler's line with
    # the same trace.id. (Not the other way round: readiness probes bypass nginx, and some
    # suites put their own nginx, with its own log, in front of the same handlers.)
    handler_by_trace = {e["trace.id"]: e for e in handler}
    upstream = [e for e in nginx if e.get("nginx.upstream_response_time", "") not in ("", "-")
                and e["http.response.status_code"] not in (499, 502, 504)]  # gave up early
    assert len(upstream) > 10
    # A worker SIGKILLed (test_resilience) between its answer and its log line loses that
    # line: nothing can log after SIGKILL. Those requests are excused, and only those.
    unmatched = [e for e in upstream if e["trace.id"] not in handler_by_trace
                 and not any(abs(when(e) - k) <= 2 for k in kills)]
    assert not unmatched, (len(unmatched), unmatched[:3])
    for ng in upstream:
        e = handler_by_trace.get(ng["trace.id"])
        if e is None:
            continue  # excused above
        assert ng["http.response.status_code"] == e["http.response.status_code"], (ng, e)
        assert ng["url.path"] == e["url.path"], (ng, e)

    secrets = [PASSWORD, SIM_PASSWORD, "CookieSecretValue-5511", "TokenSecretValue-9902",
               base64.b64encode(f"simulator:{SIM_PASSWORD}".encode()).decode(),
               base64.b64encode(f"simulator:{PASSWORD}".encode()).decode(),
               base64.b64encode(PASSWORD.encode()).decode().rstrip("=")]
    for path, text in contents.items():
        for s in secrets:
            assert s not in text, f"{s!r} appears in {path}"
