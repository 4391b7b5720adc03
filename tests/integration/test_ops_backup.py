"""scripts/backup and scripts/restore: backup, wipe, restore, and every table is as before."""
import os
import subprocess

import requests

from conftest import SIM_AUTH


TABLES = ("users", "message", "follower", "latest", "schema_migrations")


def snapshot(instance):
    """Row count and a content checksum per table, plus every sequence's position."""
    out = {}
    for t in TABLES:
        out[t] = instance.sql(f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY "
                              f"t::text), '')) FROM {t} t")[0]
    out["sequences"] = instance.sql(
        "SELECT string_agg(sequencename || '=' || coalesce(last_value, 0), ',' ORDER BY "
        "sequencename) FROM pg_sequences")
    return out


def run(instance, *args):
    return subprocess.run([f"{instance.root}/scripts/{args[0]}", *args[1:]],
                          env=instance.shell_env(), check=True, capture_output=True, text=True)


def test_backup_wipe_restore_gives_back_every_row(instance, http, name, tmp_path):
    for who in (name, name + "b"):
        r = http.post(instance.api + "/register", headers=SIM_AUTH,
                      json={"username": who, "email": who + "@x.org", "pwd": "pw"})
        assert r.status_code == 204
    for text in ("first 'quoted'", "second, with ünïcode"):
        assert http.post(f"{instance.api}/msgs/{name}?latest=777", headers=SIM_AUTH,
                         json={"content": text}).status_code == 204
    assert http.post(f"{instance.api}/fllws/{name}", headers=SIM_AUTH,
                     json={"follow": name + "b"}).status_code == 204
    before = snapshot(instance)
    assert int(before["users"][0]) >= 2 and int(before["message"][0]) >= 2

    dump = run(instance, "backup", str(tmp_path)).stdout.strip()
    assert os.path.dirname(dump) == str(tmp_path) and os.path.getsize(dump) > 0

    instance.sql("TRUNCATE users, message, follower, latest RESTART IDENTITY CASCADE")
    assert instance.sql("SELECT count(*) FROM users") == [["0"]]
    assert http.get(f"{instance.api}/msgs/{name}", headers=SIM_AUTH).status_code == 404

    run(instance, "restore", dump)
    assert snapshot(instance) == before
    r = http.get(f"{instance.api}/msgs/{name}", headers=SIM_AUTH)
    assert r.status_code == 200 and len(r.json()) == 2
    assert http.get(instance.api + "/latest").json()["latest"] == 777


def test_backup_defaults_to_the_data_folder_and_restore_refuses_junk(instance, tmp_path):
    dump = run(instance, "backup").stdout.strip()
    assert dump.startswith(os.path.join(instance.data_dir, "backups") + "/")
    junk = tmp_path / "junk.dump"
    junk.write_text("not a dump")
    r = subprocess.run([f"{instance.root}/scripts/restore", str(junk)],
                       env=instance.shell_env(), capture_output=True, text=True)
    assert r.returncode != 0
