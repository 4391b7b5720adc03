"""PostgreSQL stopped for 3 s while the replayer writes (issue 5): every action that got a 204
is in the database afterwards, and the only errors are one run of 503s while it was down."""
import os
import subprocess
import time
import uuid

USERS = 20
WRITES = 4000


def write_scenario(path, prefix, rows):
    with open(path, "w") as f:
        for i, (command, user, *args) in enumerate(rows):
            f.write("\t".join([str(i), "0", "0", command, user, *args]) + "\n")


def replay(instance, scenario, log, wait=True):
    cmd = [os.path.join(instance.env["MINITWIT_BUILD_DIR"], "replay"), "--url", instance.api,
           "--file", str(scenario), "--timeout", "5", "--log", str(log)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if wait:
        proc.communicate(timeout=300)
    return proc


def test_database_restart_during_writes_loses_no_acknowledged_action(instance, tmp_path):
    prefix = "dbr" + uuid.uuid4().hex[:6]
    users = [f"{prefix} user{i}" for i in range(USERS)]
    setup = tmp_path / "setup.tsv"
    write_scenario(setup, prefix, [("register", u, f"{i}@x.dk", "pw") for i, u in enumerate(users)])
    assert replay(instance, setup, tmp_path / "setup.log").returncode == 0

    rows = []
    for i in range(WRITES):
        who = users[i % USERS]
        if i % 3 == 2:
            rows.append(("follow", who, users[(i * 7 + 1) % USERS]))
        else:
            rows.append(("tweet", who, f"{prefix} message {i}"))
    scenario = tmp_path / "writes.tsv"
    write_scenario(scenario, prefix, rows)
    log = tmp_path / "writes.log"
    proc = replay(instance, scenario, log, wait=False)
    time.sleep(1.5)
    instance.lib("mt_pg_stop")
    time.sleep(3)
    instance.lib("mt_pg_start")
    out, _ = proc.communicate(timeout=300)
    print(out)

    results = [line.split("\t") for line in log.read_text().splitlines()]
    assert len(results) == WRITES
    failed = [int(r[0]) for r in results if r[2] != "204"]
    acked = {int(r[0]) for r in results if r[2] == "204"}
    print(f"{len(acked)} acknowledged, {len(failed)} failed while the database was down")
    assert failed, "the outage happened after the replay ended: nothing was tested"
    # One contiguous run of failures: errors only while the database was down ...
    assert failed == list(range(failed[0], failed[-1] + 1))
    assert all(r[2] == "503" for r in results if r[2] != "204"), "failures must be clean 503s"
    assert failed[-1] < WRITES - 1, "service did not resume before the replay ended"

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
