"""PostgreSQL restarting under the API: fast 503s while it is down, then service resumes by
itself with the same handler processes (no restart of anything but the database)."""
import glob
import os
import subprocess
import time

from conftest import SIM_AUTH


def handler_processes(instance):
    """{master pid: sorted worker pids} for every handler of the instance."""
    out = {}
    for pidfile in glob.glob(os.path.join(instance.data_dir, "run", "*.pid")):
        if pidfile.endswith("nginx.pid"):
            continue
        master = open(pidfile).read().strip()
        kids = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True).stdout
        out[master] = sorted(kids.split())
    return out


def test_database_restart_gives_503_then_recovers_without_restarting_handlers(instance, http):
    name = "restart-user"
    r = http.post(instance.api + "/register", headers=SIM_AUTH,
                  json={"username": name, "email": "r@x", "pwd": "p"})
    assert r.status_code in (204, 400)
    assert http.get(instance.web + "/health").status_code == 200
    before = handler_processes(instance)
    assert before and all(before.values())

    instance.lib("mt_pg_stop")
    try:
        for _ in range(3):  # every worker process meets the dead connection at least once
            for path in ("/latest", "/msgs", f"/msgs/{name}", f"/fllws/{name}"):
                t = time.monotonic()
                r = http.get(instance.api + path, headers=SIM_AUTH)
                assert r.status_code == 503, path
                assert r.json() == {"status": 503, "error_msg":
                                    "The service is temporarily unavailable, please retry"}
                assert time.monotonic() - t < 1.0
            r = http.post(f"{instance.api}/msgs/{name}", headers=SIM_AUTH,
                          json={"content": "while down"})
            assert r.status_code == 503
            assert http.get(instance.web + "/health").status_code == 503
    finally:
        instance.lib("mt_pg_start")

    deadline = time.monotonic() + 10
    while http.get(instance.web + "/health").status_code != 200:
        assert time.monotonic() < deadline, "service did not resume"
        time.sleep(0.1)
    for _ in range(6):  # every worker has reconnected
        assert http.get(instance.api + "/msgs", headers=SIM_AUTH).status_code == 200
        r = http.post(f"{instance.api}/msgs/{name}", headers=SIM_AUTH, json={"content": "back"})
        assert r.status_code == 204
    assert handler_processes(instance) == before
    assert instance.sql("SELECT count(*) FROM message WHERE text = 'while down'") == [["0"]]
