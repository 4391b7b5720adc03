"""PostgreSQL stopped for 3 s while the replayer writes (issue 5): every action that got a 204
is in the database afterwards, and the only errors are one run of 503s while it was down.

The writes go out in chunks of CHUNK actions, one replay after another, until the database has
been back for two whole chunks: the outage always falls inside the run, however fast it is."""
import os
import subprocess
import threading
import time
import uuid

USERS = 20
CHUNK = 500
MAX_CHUNKS = 80


def write_scenario(path, rows, first_id):
    with open(path, "w") as f:
        for i, (command, user, *args) in enumerate(rows):
            f.write("\t".join([str(first_id + i), "0", "0", command, user, *args]) + "\n")


def replay(instance, scenario, log):
    cmd = [os.path.join(instance.env["MINITWIT_BUILD_DIR"], "replay"), "--url", instance.api,
           "--file", str(scenario), "--timeout", "5", "--log", str(log)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def action(users, prefix, i):
    who = users[i % USERS]
    if i % 3 == 2:
        return ("follow", who, users[(i * 7 + 1) % USERS])
    return ("tweet", who, f"{prefix} message {i}")


def test_database_restart_during_writes_loses_no_acknowledged_action(instance, tmp_path):
    prefix = "dbr" + uuid.uuid4().hex[:6]
    users = [f"{prefix} user{i}" for i in range(USERS)]
    setup = tmp_path / "setup.tsv"
    write_scenario(setup, [("register", u, f"{i}@x.dk", "pw") for i, u in enumerate(users)], 0)
    assert replay(instance, setup, tmp_path / "setup.log").returncode == 0

    outage = {}

    def restart_database():
        time.sleep(1.5)
        instance.lib("mt_pg_stop")
        outage["down"] = True
        time.sleep(3)
        instance.lib("mt_pg_start")
        outage["up"] = True

    restarter = threading.Thread(target=restart_database)
    restarter.start()
    rows, results, clean_after_restart = [], [], 0
    for chunk in range(MAX_CHUNKS):
        batch = [action(users, prefix, i) for i in range(chunk * CHUNK, (chunk + 1) * CHUNK)]
        rows += batch
        scenario, log = tmp_path / f"w{chunk}.tsv", tmp_path / f"w{chunk}.log"
        write_scenario(scenario, batch, chunk * CHUNK)
        up_before = outage.get("up", False)
        replay(instance, scenario, log)
        lines = [line.split("\t") for line in log.read_text().splitlines()]
        assert len(lines) == CHUNK
        results += lines
        if up_before and all(r[2] == "204" for r in lines):
            clean_after_restart += 1
        if clean_after_restart == 2:
            break
    restarter.join()
    assert clean_after_restart == 2, "service did not resume after the restart"

    failed = [int(r[0]) for r in results if r[2] != "204"]
    acked = {int(r[0]) for r in results if r[2] == "204"}
    print(f"{len(results)} writes: {len(acked)} acknowledged, {len(failed)} failed while the "
          "database was down")
    assert failed, "no request met the outage: nothing was tested"
    # One contiguous run of failures: errors only while the database was down ...
    assert failed == list(range(failed[0], failed[-1] + 1))
    assert all(r[2] == "503" for r in results if r[2] != "204"), "failures must be clean 503s"

    # ... and every acknowledged action is in the database.
    stored = {row[0] for row in instance.sql(
        "SELECT m.text FROM message m JOIN users u ON u.user_id = m.author_id "
        "WHERE u.username LIKE :'p1'", prefix + " %")}
    pairs = {(a, b) for a, b in instance.sql(
        "SELECT a.username, b.username FROM follower f JOIN users a ON a.user_id = f.who_id "
        "JOIN users b ON b.user_id = f.whom_id WHERE a.username LIKE :'p1'", prefix + " %")}
    for i in sorted(acked):
        command, who, arg = rows[i]
        if command == "tweet":
            assert arg in stored, f"acknowledged tweet {i} is missing"
        else:
            assert (who, arg) in pairs, f"acknowledged follow {i} is missing"
