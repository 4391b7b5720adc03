"""The scenario replayer (scripts/replay, SPEC §6): the first 2,000 recorded actions replay with
zero errors, /latest ends at the last id, and the database holds what those actions imply."""
import json
import os
import subprocess
from collections import Counter

import pytest

ACTIONS = 2000


def scenario_path(instance):
    default = os.path.join(instance.root, "..", "shared", "minitwit_scenario.csv")
    return os.path.abspath(os.environ.get("MINITWIT_SCENARIO", default))


def expected_state(path, count):
    """Users, tweets per user and follow pairs after the first `count` actions, computed the
    way the API defines them: following twice and unfollowing a non-follow are no-ops."""
    users, tweets, follows, last_id = set(), Counter(), set(), None
    with open(path, encoding="utf-8", newline="\n") as f:
        for _, line in zip(range(count), f):
            fields = line.rstrip("\n").split("\t")
            last_id, command, user, args = int(fields[0]), fields[3], fields[4], fields[5:]
            if command == "register":
                users.add(user)
            elif command == "tweet":
                tweets[user] += 1
            elif command == "follow":
                follows.add((user, args[0]))
            elif command == "unfollow":
                follows.discard((user, args[0]))
    return users, tweets, follows, last_id


@pytest.fixture(scope="module")
def replayed(instance, tmp_path_factory):
    out = tmp_path_factory.mktemp("replay")
    binary = os.path.join(instance.env["MINITWIT_BUILD_DIR"], "replay")
    # Concurrency exercises the ordering by username; the generous timeout allows for sanitizer
    # builds (the simulator's own 0.3 s is the default for real runs).
    cmd = [binary, "--url", instance.api, "--file", scenario_path(instance),
           "--actions", str(ACTIONS), "--concurrency", "4", "--timeout", "20",
           "--json", str(out / "summary.json"), "--log", str(out / "actions.log")]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=500)
    if run.returncode not in (0, 1):
        pytest.fail(f"replay exited {run.returncode}: {run.stderr}")
    summary = json.loads((out / "summary.json").read_text())
    log = [line.split("\t") for line in (out / "actions.log").read_text().splitlines()]
    return run, summary, log


def test_replay_has_no_errors(replayed):
    run, summary, log = replayed
    assert run.returncode == 0, run.stdout + run.stderr
    assert summary["actions"] == ACTIONS
    assert summary["errors"] == 0, summary["error_kinds"]
    assert len(log) == ACTIONS
    assert [int(fields[0]) for fields in log] == list(range(ACTIONS))
    assert all(fields[2] == "204" for fields in log)


def test_latest_is_the_last_action(instance, http, replayed):
    _, summary, _ = replayed
    assert summary["latest"] == ACTIONS - 1
    assert http.get(instance.api + "/latest").json() == {"latest": ACTIONS - 1}


def test_database_holds_what_the_actions_imply(instance, replayed):
    users, tweets, follows, _ = expected_state(scenario_path(instance), ACTIONS)
    # Other tests share this database: look only at users the scenario names.
    rows = instance.sql("SELECT u.username, count(m.message_id) FROM users u "
                        "LEFT JOIN message m ON m.author_id = u.user_id GROUP BY u.username")
    in_db = {name: int(n) for name, n in rows if name in users}
    assert set(in_db) == users
    assert {name: n for name, n in in_db.items() if n} == dict(tweets)
    pairs = instance.sql("SELECT a.username, b.username FROM follower f "
                         "JOIN users a ON a.user_id = f.who_id JOIN users b ON b.user_id = f.whom_id")
    assert {(a, b) for a, b in pairs if a in users} == follows
