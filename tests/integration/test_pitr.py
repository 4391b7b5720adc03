"""Disaster-recovery rehearsal (issue 8): base backup, two batches of writes with a recorded
time between them, the instance destroyed, then rebuilt from the backups: as of that time it
holds exactly the first batch; as of "latest" it holds both. Prints the RTO. ("latest" comes
first: every restore opens a new timeline, and a later "latest" follows the newest one.)

Runs its own instance (it is destroyed twice), beside the shared one."""
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from conftest import SIM_AUTH


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Own:
    def __init__(self, shared, root):
        self.root = shared.root
        self.env = {**os.environ,
                    "MINITWIT_DATA_DIR": str(root / "data"),
                    "MINITWIT_BACKUP_DIR": str(root / "backups"),
                    "MINITWIT_WEB_PORT": str(free_port()),
                    "MINITWIT_API_PORT": str(free_port()),
                    "MINITWIT_BUILD_DIR": shared.env["MINITWIT_BUILD_DIR"],
                    "MINITWIT_PROCS": "1", "MINITWIT_PROCS_LIGHT": "1"}
        self.api = f"http://127.0.0.1:{self.env['MINITWIT_API_PORT']}"
        self.data = root / "data"

    def run(self, *args):
        r = subprocess.run([f"{self.root}/scripts/{args[0]}", *args[1:]], env=self.env,
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, f"{args}: {r.stdout}\n{r.stderr}"
        return r.stdout.strip()

    def sql(self, query, superuser=False):
        script = (f". {self.root}/scripts/lib.sh; "
                  + ("mt_psql_super" if superuser else "mt_psql") + ' -At -c "$Q"')
        return subprocess.run(["bash", "-c", script], env={**self.env, "Q": query}, check=True,
                              capture_output=True, text=True).stdout.strip()

    def write_batch(self, tag):
        for i in range(5):
            user = f"{tag} user {i}"
            assert requests.post(self.api + "/register", headers=SIM_AUTH, timeout=10,
                                 json={"username": user, "email": "a@b", "pwd": "x"}
                                 ).status_code == 204
            assert requests.post(f"{self.api}/msgs/{tag}%20user%20{i}", headers=SIM_AUTH,
                                 json={"content": f"{tag} says {i}"}, timeout=10
                                 ).status_code == 204

    def users(self):
        return set(self.sql("SELECT username FROM users ORDER BY 1").splitlines())

    def destroy(self):
        self.run("instance", "stop")
        shutil.rmtree(self.data)


def test_point_in_time_recovery_after_losing_the_instance(instance):
    root = Path(tempfile.mkdtemp(prefix="minitwit-pitr."))
    root.chmod(0o755)  # the postgres user must get through
    own = Own(instance, root)
    try:
        own.run("instance", "start")
        own.run("backup", "--base")
        own.write_batch("first")
        time.sleep(1.1)
        between = own.sql("SELECT now()")
        time.sleep(1.1)
        own.write_batch("second")
        # What archive_timeout does within a minute: close the segment so it is archived.
        segment = own.sql("SELECT pg_walfile_name(pg_switch_wal())", superuser=True)
        deadline = time.monotonic() + 30
        while own.sql("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver",
                      superuser=True) < segment:
            assert time.monotonic() < deadline, "WAL was not archived"
            time.sleep(0.2)
        first = {f"first user {i}" for i in range(5)}
        second = {f"second user {i}" for i in range(5)}
        assert own.users() == first | second

        own.destroy()
        started = time.monotonic()
        own.run("restore", "--to", "latest")
        own.run("instance", "start")
        rto = time.monotonic() - started
        assert own.users() == first | second
        assert own.sql("SELECT count(*) FROM message") == "10"
        r = requests.get(f"{own.api}/msgs/second%20user%204", headers=SIM_AUTH, timeout=10)
        assert [m["content"] for m in r.json()] == ["second says 4"]
        print(f"RTO (empty data folder to serving, restored to latest): {rto:.1f} s")
        own.destroy()
        started = time.monotonic()
        own.run("restore", "--to", between)
        own.run("instance", "start")
        rto = time.monotonic() - started
        assert requests.get(own.api + "/latest", timeout=10).status_code == 200
        assert own.users() == first
        assert own.sql("SELECT count(*) FROM message") == "5"
        print(f"RTO (empty data folder to serving, restored to {between}): {rto:.1f} s")

    finally:
        subprocess.run([f"{own.root}/scripts/instance", "stop"], env=own.env,
                       capture_output=True, timeout=120)
        shutil.rmtree(root, ignore_errors=True)
