"""Hostile requests through nginx against every route, web and API: each gets a 4xx or the
normal page (never a 5xx), no handler process dies, nothing changes in the database unless
the request was a legitimate write, and no HTML answer echoes its payload unescaped."""
import json
import time
from urllib.parse import quote

import requests

from conftest import SIM_AUTH
from security import (INVALID_UTF8, PAYLOADS, SQLI, XSS, fingerprint, html_escape, processes,
                      raw)
from web import PASSWORD, api_register, fresh_name, session_cookie, signed_in


class Battery:
    """Sends requests and checks every answer; counts them."""

    def __init__(self, instance):
        self.instance = instance
        self.sent = 0
        self.statuses = {}

    def check(self, r, what, payload=None):
        self.sent += 1
        self.statuses[r.status_code] = self.statuses.get(r.status_code, 0) + 1
        assert r.status_code < 500, (what, r.status_code, r.text[:300])
        assert r.status_code in (200, 204, 302) or 400 <= r.status_code < 500, what
        kind = r.headers.get("Content-Type", "")
        if payload and "text/html" in kind and any(c in payload for c in "<>\"'"):
            assert payload not in r.text, (what, "echoes its payload unescaped")
        return r

    def web(self, method, path, payload=None, **kw):
        kw.setdefault("allow_redirects", False)
        r = requests.request(method, self.instance.web + path, timeout=30, **kw)
        return self.check(r, (method, path, kw.get("data"), kw.get("headers")), payload)

    def api(self, method, path, payload=None, base=None, **kw):
        r = requests.request(method, (base or self.instance.api) + path, timeout=30, **kw)
        self.check(r, (method, path, kw.get("json"), kw.get("data")), payload)
        if r.status_code >= 400 and base is None:  # the API port's errors are always JSON
            assert r.headers.get("Content-Type") == "application/json", (path, r.text[:200])
            assert r.json()["status"] == r.status_code
        return r


def q(s):
    return quote(s, safe="")


def hostile_fields(b, victim, payload):
    """Every form field, path part and parameter of every route carries `payload`."""
    b.web("POST", "/login", payload, data={"username": payload, "password": payload})
    b.web("POST", "/register", payload, data={"username": payload, "email": payload,
                                              "password": "a", "password2": "b"})
    b.web("POST", "/register", payload, data={"username": victim, "email": payload + "@x",
                                              "password": payload, "password2": payload + "!"})
    b.web("POST", "/add_message", payload, data={"text": payload})  # signed out: 401
    b.web("GET", "/" + q(payload), payload)
    b.web("GET", "/" + q(payload) + "/follow", payload)
    b.web("GET", "/" + q(payload) + "/unfollow", payload)
    b.web("GET", "/public?before=" + q(payload), payload)
    b.web("GET", "/" + q(victim) + "?before=" + q(payload), payload)
    b.api("GET", "/msgs?no=" + q(payload), payload, headers=SIM_AUTH)
    b.api("GET", "/msgs/" + q(payload), payload, headers=SIM_AUTH)
    b.api("POST", "/msgs/" + q(payload), payload, headers=SIM_AUTH, json={"content": "x"})
    b.api("GET", "/fllws/" + q(payload), payload, headers=SIM_AUTH)
    b.api("POST", "/fllws/" + q(victim), payload, headers=SIM_AUTH, json={"follow": payload})
    b.api("POST", "/fllws/" + q(victim), payload, headers=SIM_AUTH, json={"unfollow": payload})
    b.api("POST", "/register", payload, json={"username": payload, "email": "a@b", "pwd": "x"})
    b.api("POST", "/register", payload, headers=SIM_AUTH,
          json={"username": payload, "email": "", "pwd": payload})
    b.api("GET", "/latest?latest=" + q(payload), payload)
    b.api("GET", "/api/msgs/" + q(payload), payload, base=b.instance.web, headers=SIM_AUTH)


def test_hostile_requests_get_4xx_change_nothing_and_kill_nothing(instance):
    victim = fresh_name("victim")
    api_register(instance, victim)
    me = signed_in(instance, fresh_name("sec"))
    stale = requests.Session()
    stale.cookies.update(me.cookies)
    assert me.get(instance.web + "/logout", allow_redirects=False).status_code == 302
    real = stale.cookies.get("mt_session")
    time.sleep(0.5)
    pids, data = processes(instance), fingerprint(instance)
    b = Battery(instance)

    for payload in PAYLOADS:
        hostile_fields(b, victim, payload)
    for bad in INVALID_UTF8:
        enc = "".join(f"%{c:02X}" for c in bad)
        b.web("POST", "/login", data=b"username=" + enc.encode() + b"&password=x",
              headers={"Content-Type": "application/x-www-form-urlencoded"})
        b.web("POST", "/register", data=b"username=" + enc.encode() + b"&email=a%40b&password=x"
              b"&password2=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
        b.web("GET", "/" + enc)
        b.web("GET", "/" + enc + "/follow", cookies={"mt_session": real})
        b.api("GET", "/msgs/" + enc, headers=SIM_AUTH)
        b.api("POST", "/fllws/" + enc, headers=SIM_AUTH, json={"follow": victim})
        b.api("POST", "/register", headers={**SIM_AUTH, "Content-Type": "application/json"},
              data=b'{"username": "' + bad + b'", "email": "a@b", "pwd": "x"}')

    # Path traversal, odd escapes and paths.
    for path in ("/../../etc/passwd", "/static/../../../etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
                 "/%2e%2e/%2e%2e/etc/passwd", "/static/%2e%2e/%2e%2e/scripts/lib.sh",
                 "/static/../../scripts/lib.sh", "/api/../../etc/passwd", "/....//....//etc/passwd",
                 "/static/style.css%00.html", "/%", "/%zz", "/%%41", "/a%2fb", "/static/",
                 "/static/.%2e/.%2e/sql/roles.sql", "/.git/config", "/.env", "//etc/passwd",
                 "/api/msgs/..%2f..%2fetc%2fpasswd", "/metrics/../health"):
        r = b.web("GET", path)
        assert b"root:" not in r.content and b"MT_ROOT" not in r.content, path
    # Wrong methods on every route.
    for path in ("/", "/public", "/login", "/register", "/logout", "/add_message", "/" + victim,
                 f"/{victim}/follow", f"/{victim}/unfollow", "/static/style.css"):
        for method in ("PUT", "DELETE", "PATCH"):
            b.web(method, path, data="x=1")
    for path in ("/latest", "/register", "/msgs", f"/msgs/{victim}", f"/fllws/{victim}"):
        for method in ("PUT", "DELETE"):
            b.api(method, path, headers=SIM_AUTH, json={})
    b.web("GET", "/add_message")
    # Wrong content types; duplicated parameters.
    for kind, body in (("application/json", '{"username": "a", "password": "b"}'),
                       ("text/xml", "<a>b</a>"), ("multipart/form-data; boundary=x", "--x--"),
                       ("", "username=a&password=b")):
        b.web("POST", "/login", data=body, headers={"Content-Type": kind})
        b.web("POST", "/register", data=body, headers={"Content-Type": kind})
    for kind in ("text/plain", "application/x-www-form-urlencoded", "application/xml"):
        b.api("POST", "/register", headers={**SIM_AUTH, "Content-Type": kind},
              data="username=a&email=b@c&pwd=d")
    b.api("GET", "/msgs?no=1&no=abc&no=-5", headers=SIM_AUTH)
    b.web("GET", "/public?before=1&before=x")
    b.web("POST", "/login", data=[("username", victim), ("username", "x"), ("password", "p")])
    # Deeply nested and huge JSON.
    for body in ("[" * 100000 + "]" * 100000, '{"a":' * 50000 + "1" + "}" * 50000,
                 json.dumps({"content": "x" * 70000}), json.dumps({"follow": ["x"] * 20000}),
                 '{"username": "a", "username": "b", "email": "c@d", "pwd": "e", "pwd": ""}',
                 "\ufeff{}", "null", '"string"', "1e999999", '{"content": "\\ud800"}'):
        b.api("POST", "/register", headers=SIM_AUTH, data=body.encode())
        b.api("POST", f"/fllws/{victim}", headers=SIM_AUTH, data=body.encode())
    b.api("POST", f"/msgs/{victim}", headers=SIM_AUTH, data=b"x" * (2 * 1024 * 1024))
    # Overlong fields and headers.
    b.web("POST", "/login", data={"username": "x" * 60000, "password": "y"})
    b.web("POST", "/login", data={"username": "x", "password": "y" * 70000})
    b.web("POST", "/register", data={"username": "u" * 65, "email": "a@b", "password": "p",
                                     "password2": "p"})
    b.web("POST", "/register", data={"username": fresh_name(), "email": "e" * 300 + "@x.org",
                                     "password": "p", "password2": "p"})
    b.web("POST", "/register", data={"username": fresh_name(), "email": "a@b",
                                     "password": "p" * 2000, "password2": "p" * 2000})
    b.web("GET", "/public", headers={"X-Long": "h" * 40000})
    b.web("GET", "/public?" + "a" * 40000)
    b.web("GET", "/public", headers={"X-Request-Id": "<script>alert(1)</script>"})
    # Forged, truncated, foreign and replayed-after-logout session cookies.
    secretless = session_cookie(instance, 1, victim, int(time.time()) + 3600).split(".")[0]
    for value in ("garbage", "", ".", "a.b.c", real[:-3], real[: len(real) // 2], real + "x",
                  secretless + ".AAAA", secretless,
                  session_cookie(instance, 1, victim, int(time.time()) - 10),
                  "x" * 4000, "%00%ff", "\" onload=alert(1)"):
        b.web("GET", "/", cookies={"mt_session": value})
        b.web("POST", "/add_message", data={"text": "forged"}, cookies={"mt_session": value})
        b.web("GET", f"/{victim}/follow", cookies={"mt_session": value})
    # Cross-site form posts, with a genuine session: refused before anything happens.
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Referer": "http://evil.example/attack.html"},
                    {"Origin": instance.web.replace("127.0.0.1", "localhost")},
                    {"Origin": instance.web.replace("http:", "https:")}):
        assert b.web("POST", "/add_message", data={"text": "csrf"}, headers=headers,
                     cookies={"mt_session": real}).status_code == 403
        assert b.web("POST", "/login", data={"username": victim, "password": PASSWORD},
                     headers=headers).status_code == 403
        assert b.web("POST", "/register", headers=headers, data={
            "username": fresh_name(), "email": "a@b", "password": "p",
            "password2": "p"}).status_code == 403
    # Messages the web form refuses: too long, invalid UTF-8, NUL.
    for text in (b"m" * 1001, "ü".encode() * 1001, b"\xff\xfe", b"\xed\xa0\x80"):
        r = b.web("POST", "/add_message", data=b"text=" + quote(text).encode(),
                  cookies={"mt_session": real},
                  headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert r.status_code == 400 and "was not recorded" in r.text, text[:10]
    # Requests no client library sends.
    web, api = instance.web, instance.api
    for base, request in ((web, b"GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n"),
                          (web, b"GET / HTTP/9.9\r\nHost: a\r\n\r\n"),
                          (web, b"BREW /public HTTP/1.1\r\nHost: a\r\n\r\n"),
                          (web, b"GET /public HTTP/1.1\r\n\r\n"),
                          (web, b"GET /public HTTP/1.1\r\nHost: a\r\nbad header\r\n\r\n"),
                          (web, b"GET /\xff\xfe HTTP/1.1\r\nHost: a\r\n\r\n"),
                          (web, b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
                          (web, b"POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n"
                                b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                          (web, b"GET /public HTTP/1.1\r\nHost: a\r\nCookie: " + b"c" * 20000
                                + b"\r\n\r\n"),
                          (api, b"POST /register HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n"
                                b"Connection: close\r\n\r\n{\"a\""),
                          (api, b"GET /msgs?no=%ff HTTP/1.1\r\nHost: a\r\n\r\n")):
        status, answer = raw(base, request + b"" if b"Connection" in request else request)
        b.sent += 1
        assert status is None or status < 500, (request[:60], answer[:200])

    assert b.sent >= 150, b.sent
    assert fingerprint(instance) == data, "a hostile request changed the database"
    assert processes(instance) == pids, "a process died"
    print(f"{b.sent} hostile requests, statuses {sorted(b.statuses.items())}")


def test_hostile_text_is_stored_literally_and_shown_escaped(instance, http):
    """Legitimate writes carrying hostile text: stored byte for byte, escaped on every page."""
    pids = processes(instance)
    author = fresh_name("xss")
    me = signed_in(instance, author)
    for payload in SQLI + XSS:
        r = me.post(instance.web + "/add_message", data={"text": payload}, allow_redirects=False)
        assert r.status_code == 302
    stored = [row[0] for row in instance.sql(
        "SELECT m.text FROM message m JOIN users u ON u.user_id = m.author_id "
        "WHERE u.username = :'p1' ORDER BY m.message_id", author)]
    assert stored == SQLI + XSS
    assert instance.sql("SELECT count(*) FROM users WHERE username = 'x'") is not None
    for page in ("/", "/" + author):  # /public may be led by other suites' future-dated rows
        html = me.get(instance.web + page).text
        for payload in XSS:
            if any(c in payload for c in "<>\"'"):
                assert payload not in html, (page, payload)
            assert html_escape(payload) in html, (page, payload)
    name = "<img src=x onerror=alert(1)>" + fresh_name() + "'\"&"
    api_register(instance, name)
    html = http.get(instance.web + "/" + q(name)).text
    assert name not in html and html_escape(name) in html
    assert processes(instance) == pids
