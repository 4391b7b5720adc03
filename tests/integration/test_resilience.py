"""Operating under load (issue 5): swapping one handler, killing workers, stopping a handler
while it serves a slow request. Load is wrk on 127.0.0.1, bounded in time."""
import os
import re
import shutil
import signal
import subprocess
import threading
import time

import requests

from conftest import SIM_AUTH

HERE = os.path.dirname(os.path.abspath(__file__))


def master_pid(instance, handler):
    with open(os.path.join(instance.data_dir, "run", handler + ".pid")) as f:
        return int(f.read().strip())


def workers(pid):
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return sorted(int(p) for p in out.split())


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def start_wrk(instance, seconds, paths, connections=8):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s",
           "-s", os.path.join(HERE, "rotate.lua"), instance.api, "--"] + paths
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wrk_result(proc):
    out, _ = proc.communicate(timeout=120)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    print(out)
    return total, errors


def swap(instance, *args):
    return subprocess.run([f"{instance.root}/scripts/swap", *args], env=instance.shell_env(),
                          capture_output=True, text=True, timeout=60)


def test_swap_under_load_drops_nothing_and_touches_no_other_handler(instance, tmp_path):
    build = instance.env["MINITWIT_BUILD_DIR"]
    v2 = tmp_path / "api_msgs_v2"
    shutil.copy(f"{build}/handlers/api_msgs", v2)
    with open(v2, "ab") as f:  # a different build id: same code, new bytes at the end
        f.write(b"\nminitwit test build v2\n")
    bad = tmp_path / "api_msgs_bad"
    bad.write_text("#!/bin/sh\nexit 1\n")
    bad.chmod(0o755)
    others = {h: (master_pid(instance, h), workers(master_pid(instance, h)))
              for h in ("api_latest", "health", "api_fllws")}

    load = start_wrk(instance, 16, ["/msgs?no=5", "/latest", "/health"])
    time.sleep(2)
    steps = [("swap", str(v2)), ("rollback", "--rollback"), ("swap", str(v2))]
    binaries = []
    for _, arg in steps:
        before = master_pid(instance, "api_msgs")
        r = swap(instance, "api_msgs", arg)
        assert r.returncode == 0, r.stderr
        assert master_pid(instance, "api_msgs") != before
        assert not alive(before)
        binaries.append(os.readlink(f"/proc/{master_pid(instance, 'api_msgs')}/exe"))
        time.sleep(3)
    serving = master_pid(instance, "api_msgs")
    r = swap(instance, "api_msgs", str(bad))
    assert r.returncode != 0
    assert "refused" in r.stderr
    assert master_pid(instance, "api_msgs") == serving and alive(serving)
    total, errors = wrk_result(load)

    assert total > 1000
    assert errors == 0, f"{errors} failed requests of {total}"
    assert binaries[0] != binaries[1] and binaries[0] == binaries[2]
    for h, (pid, kids) in others.items():
        assert master_pid(instance, h) == pid, h
        assert workers(pid) == kids, h
    assert requests.get(instance.api + "/msgs", headers=SIM_AUTH).status_code == 200
    swap(instance, "api_msgs", f"{build}/handlers/api_msgs")  # leave the build's binary serving
    with open(os.path.join(instance.data_dir, "logs", "swap.log")) as f:
        assert sum('"handler swap ok"' in line or '"handler rollback ok"' in line
                   for line in f) >= 3


def test_killed_workers_are_replaced_within_a_second_under_load(instance):
    procs = int(instance.env.get("MINITWIT_PROCS", "2"))
    master = master_pid(instance, "api_msgs")
    load = start_wrk(instance, 11, ["/msgs?no=5", "/latest", "/msgs?no=1"])
    time.sleep(0.5)
    kills = 0
    for _ in range(10):
        victim = workers(master)[0]
        os.kill(victim, signal.SIGKILL)
        kills += 1
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            kids = [p for p in workers(master) if alive(p)]
            if len(kids) == procs and victim not in kids:
                break
            time.sleep(0.02)
        else:
            raise AssertionError(f"worker count not back to {procs} within 1 s: {workers(master)}")
        time.sleep(max(0.0, deadline - time.monotonic()))
    total, errors = wrk_result(load)
    assert master_pid(instance, "api_msgs") == master
    assert total > 1000
    # At most the request each killed worker held can fail.
    assert errors <= kills, f"{errors} failed requests for {kills} kills"


def test_sigterm_lets_the_slow_request_in_flight_complete(instance):
    # A lock on `latest` makes the next ?latest= request wait inside the handler.
    locker = subprocess.Popen([f"{instance.root}/scripts/psql", "-q"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, text=True, env=instance.shell_env())
    locker.stdin.write("BEGIN; LOCK TABLE latest IN EXCLUSIVE MODE;\n")
    locker.stdin.flush()
    time.sleep(0.5)
    result = {}

    def slow_request():
        result["response"] = requests.get(instance.api + "/msgs", params={"latest": 777, "no": 1},
                                          headers=SIM_AUTH, timeout=30)

    client = threading.Thread(target=slow_request)
    client.start()
    for _ in range(50):
        waiting = instance.sql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = "
                               "'Lock' AND query LIKE 'INSERT INTO latest%'")
        if waiting == [["1"]]:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the request never reached the lock")
    master = master_pid(instance, "api_msgs")
    os.kill(master, signal.SIGTERM)
    time.sleep(1.0)
    assert alive(master), "the master left while its worker still held a request"
    assert "response" not in result
    locker.stdin.write("COMMIT;\n")
    locker.stdin.close()
    locker.wait(timeout=10)
    client.join(timeout=10)
    assert result["response"].status_code == 200
    assert requests.get(instance.api + "/latest").json() == {"latest": 777}
    deadline = time.monotonic() + 5
    while alive(master):
        assert time.monotonic() < deadline, "the handler did not exit after its last request"
        time.sleep(0.05)
    instance.lib("mt_handler_start api_msgs")  # put the handler back for the other tests
    assert requests.get(instance.api + "/msgs", headers=SIM_AUTH).status_code == 200
