"""Sign-in and sign-up are rate-limited per client address at the production default (30 a
minute, a burst of 20), with the site's 429 page, while the simulator API is never limited.
The test instance raises the limit for the rest of the suite (instance.sh), so this runs its
own nginx, rendered from nginx.conf.in with the defaults, in front of the same handlers."""
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import requests

from conftest import SIM_AUTH
from web import PASSWORD, api_register, fresh_name

CSP_START = "default-src 'none'"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def production(instance):
    """(web, api) base URLs of an nginx with the production limits on the instance's sockets."""
    tmp = tempfile.mkdtemp(prefix="mt-limits-")
    os.makedirs(os.path.join(tmp, "run"))
    # Its log lines join the instance's, so every handler line has its nginx line (ops: logs).
    os.symlink(os.path.join(instance.data_dir, "logs"), os.path.join(tmp, "logs"))
    env = {k: v for k, v in instance.shell_env().items() if not k.startswith("MINITWIT_SIGNIN_")}
    env.update(MINITWIT_DATA_DIR=tmp, MINITWIT_BACKUP_DIR=os.path.join(tmp, "backups"),
               MINITWIT_WEB_PORT=str(free_port()), MINITWIT_API_PORT=str(free_port()))
    lib = f". {instance.root}/scripts/lib.sh; MT_RUN={instance.data_dir}/run; "
    start = lib + ('mt_nginx_conf && nginx -p "$MT_NGINX" -c "$MT_NGINX/nginx.conf" '
                   '-e "$MT_LOGS/nginx_error.log"')
    subprocess.run(["bash", "-c", start], env=env, check=True)
    conf = open(os.path.join(tmp, "nginx", "nginx.conf")).read()
    web = f"http://127.0.0.1:{env['MINITWIT_WEB_PORT']}"
    try:
        for _ in range(100):
            try:
                if requests.get(web + "/health", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        yield web, f"http://127.0.0.1:{env['MINITWIT_API_PORT']}", conf
    finally:
        pid = int(open(os.path.join(tmp, "run", "nginx.pid")).read())
        os.kill(pid, 15)
        for _ in range(100):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        shutil.rmtree(tmp, ignore_errors=True)


def login(web, username, **kw):
    return requests.post(web + "/login", data={"username": username, "password": "wrong"},
                         allow_redirects=False, timeout=30, **kw)


def test_production_default_is_30_a_minute_with_a_burst_of_20(production):
    _, _, conf = production
    assert conf.count("rate=30r/m;") == 2
    assert "limit_req zone=login burst=20 nodelay;" in conf
    assert "limit_req zone=register burst=20 nodelay;" in conf


def test_a_burst_of_logins_gets_429_while_the_api_keeps_answering(instance, production):
    web, api, _ = production
    name = fresh_name("rl")
    statuses = [login(web, name).status_code for _ in range(21)]
    assert statuses == [200] * 21, statuses  # a burst of 20 (and one) passes
    statuses = [login(web, name).status_code for _ in range(5)]
    assert statuses.count(429) >= 4, statuses
    r = login(web, name)
    assert r.status_code == 429
    assert "Too Many Requests | MiniTwit" in r.text and "/static/style.css" in r.text
    assert r.headers["Content-Security-Policy"].startswith(CSP_START)
    # The same address may still read the form, sign up, and use the whole simulator API.
    assert requests.get(web + "/login", timeout=30).status_code == 200
    for base in (api, web + "/api"):
        for i in range(30):
            who = f"{name}{base[-3:]}{i}"
            r = requests.post(base + "/register", headers=SIM_AUTH, timeout=30,
                              json={"username": who, "email": "a@b.c", "pwd": PASSWORD})
            assert r.status_code == 204, (base, i, r.status_code)
            r = requests.post(base + "/msgs/" + who, headers=SIM_AUTH, json={"content": "hi"})
            assert r.status_code == 204
    # Once the bucket is full again, one attempt every two seconds (30 a minute) passes.
    assert 429 in [login(web, name).status_code for _ in range(30)]
    time.sleep(2.2)
    assert login(web, name).status_code == 200
    assert 429 in [login(web, name).status_code for _ in range(3)]


def test_register_has_its_own_limit_and_real_users_get_through(instance, production):
    web, _, _ = production
    user = fresh_name("rr")
    api_register(instance, user)
    r = requests.post(web + "/register", allow_redirects=False, timeout=30, data={
        "username": fresh_name(), "email": "a@b.c", "password": "p", "password2": "p"})
    assert r.status_code == 302
    statuses = [requests.post(web + "/register", allow_redirects=False, timeout=30, data={
        "username": user, "email": "a@b.c", "password": "p", "password2": "q"}).status_code
        for _ in range(25)]
    assert statuses[:19] == [200] * 19 and 429 in statuses, statuses
