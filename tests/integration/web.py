"""Helpers of the web UI tests (test_web_*.py): a browser-like session per user, and the
fragments of HTML the tests look for."""
import base64
import hashlib
import hmac
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

import requests

from conftest import SIM_AUTH

PASSWORD = "secret pw"


def fresh_name(prefix="w"):
    return prefix + uuid.uuid4().hex[:10]


def user_url(instance, username):
    return instance.web + "/" + quote(username, safe="")


def register(instance, username, email=None, password=PASSWORD, http=None):
    """Signs a user up through the form; returns the response (not followed)."""
    s = http or requests.Session()
    return s.post(instance.web + "/register", allow_redirects=False, data={
        "username": username, "email": email or f"{username}@example.com",
        "password": password, "password2": password})


def signed_in(instance, username, password=PASSWORD, email=None):
    """A new session (own cookie jar) of a freshly registered, signed-in user."""
    s = requests.Session()
    assert register(instance, username, email=email, password=password, http=s).status_code == 302
    r = s.post(instance.web + "/login", allow_redirects=False,
               data={"username": username, "password": password})
    assert r.status_code == 302, r.text
    return s


def post(instance, session, text):
    r = session.post(instance.web + "/add_message", data={"text": text}, allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    return r


def api_register(instance, username, password=PASSWORD):
    r = requests.post(instance.api + "/register", headers=SIM_AUTH,
                      json={"username": username, "email": f"{username}@x.org", "pwd": password})
    assert r.status_code == 204, r.text


def api_post(instance, username, text):
    r = requests.post(instance.api + "/msgs/" + quote(username, safe=""), headers=SIM_AUTH,
                      json={"content": text})
    assert r.status_code == 204, r.text


def flashes(html):
    """The items of <ul class="flashes">, as HTML."""
    m = re.search(r'<ul class="flashes">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", m.group(1), re.S) if m else []


def message_texts(html):
    return re.findall(r'<p class="text">(.*?)</p>', html, re.S)


def older_link(html):
    m = re.search(r'<p class="paging"><a href="([^"]+)"', html)
    return m.group(1).replace("&amp;", "&") if m else None


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def inputs(html):
    """(type, name) of every <input> of the page, in order."""
    out = []
    for tag in re.findall(r"<input\b[^>]*>", html):
        kind = re.search(r'type="([^"]*)"', tag)
        name = re.search(r'name="([^"]*)"', tag)
        out.append((kind.group(1) if kind else "text", name.group(1) if name else None))
    return out


def session_cookie(instance, user_id, username, expires):
    """A session cookie sealed like shared/cookie.cpp does, with the instance's real secret."""
    secret = open(f"{instance.data_dir}/session_secret", "rb").read().rstrip(b"\r\n")
    b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    payload = b64(f"{expires}|{user_id}|{username}".encode())
    mac = hmac.new(secret, b"mt_session\0" + payload.encode(), hashlib.sha256).digest()
    return payload + "." + b64(mac)


def now():
    return int(time.time())
