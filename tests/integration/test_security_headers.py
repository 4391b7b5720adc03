"""Security headers on every answer (pages, static files, JSON, nginx's own error pages), no
nginx version anywhere, and the session cookie's flags (Secure when served over HTTPS)."""
import os
import re
import subprocess
import tempfile
import time

import requests

from conftest import SIM_AUTH
from security import raw
from web import fresh_name, signed_in

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' https://www.gravatar.com; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
EXPECTED = {"content-security-policy": CSP, "x-content-type-options": "nosniff",
            "x-frame-options": "DENY", "referrer-policy": "same-origin"}


def nginx_version():
    out = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr
    return re.search(r"nginx/(\S+)", out).group(1)


def headers_of(answer: bytes):
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")[1:]
    return {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head)}


def check(status, headers, body: bytes, what):
    version = nginx_version()
    for name, value in EXPECTED.items():
        assert headers.get(name) == value, (what, status, name, headers.get(name))
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers.get("server", "nginx") == "nginx", (what, headers.get("server"))
    assert version not in " ".join(headers.values()), what
    assert version.encode() not in body and b"nginx/" not in body, what
    assert "x-powered-by" not in headers


def test_every_kind_of_answer_carries_the_security_headers(instance):
    user = fresh_name("hdr")
    me = signed_in(instance, user)
    seen = set()
    cases = [
        (me, "GET", instance.web + "/", {}), (None, "GET", instance.web + "/public", {}),
        (None, "GET", instance.web + "/login", {}), (None, "GET", instance.web + "/register", {}),
        (me, "GET", instance.web + "/" + user, {}),
        (None, "GET", instance.web + "/nobody-" + user, {}),  # the handler's 404 page
        (None, "GET", instance.web + "/a/b/c", {}),  # not_found handler
        (None, "GET", instance.web + f"/{user}/follow", {}),  # 401 page
        (None, "GET", instance.web + "/", {}),  # redirect
        (me, "POST", instance.web + "/add_message", {"data": {"text": "x" * 1001}}),  # 400 page
        (me, "POST", instance.web + "/add_message",
         {"data": {"text": "x"}, "headers": {"Origin": "http://evil.example"}}),  # 403
        (None, "GET", instance.web + "/static/style.css", {}),
        (None, "GET", instance.web + "/static/favicon.svg", {}),
        (None, "GET", instance.web + "/favicon.ico", {}),
        (None, "GET", instance.web + "/static/missing.css", {}),  # nginx's own 404
        (None, "GET", instance.web + "/static/unavailable.html", {}),
        (None, "POST", instance.web + "/login", {"data": "x" * (2 * 1024 * 1024),
                                                 "headers": {"Content-Type": "text/plain"}}),
        (None, "GET", instance.web + "/public?" + "q" * 20000, {}),  # 414 from nginx
        (None, "GET", instance.web + "/health", {}),
        (None, "GET", instance.api + "/latest", {}),
        (None, "GET", instance.api + "/msgs", {}),  # 403 JSON
        (None, "GET", instance.api + "/msgs", {"headers": SIM_AUTH}),
        (None, "GET", instance.api + "/nothing", {}),
        (None, "POST", instance.api + "/register",
         {"data": "x" * (2 * 1024 * 1024), "headers": SIM_AUTH}),  # nginx's 413, as JSON
        (None, "GET", instance.web + "/api/latest", {}),
    ]
    for session, method, url, kw in cases:
        r = (session or requests).request(method, url, allow_redirects=False, timeout=30, **kw)
        check(r.status_code, {k.lower(): v for k, v in r.headers.items()}, r.content, url[:80])
        seen.add(r.status_code)
    for request in (b"GET / HTTP/9.9\r\nHost: a\r\n\r\n", b"GET /public HTTP/1.1\r\n\r\n",
                    b"GET /public HTTP/1.1\r\nHost: a\r\nCookie: " + b"c" * 40000 + b"\r\n\r\n"):
        status, answer = raw(instance.web, request)
        assert status == 400 or status == 505, answer[:200]
        check(status, headers_of(answer), answer, request[:40])
        seen.add(status)
    assert {200, 302, 400, 401, 403, 404, 413, 414}.issubset(seen), seen


def test_nginx_error_pages_are_the_sites_own(instance):
    r = requests.get(instance.web + "/public?" + "q" * 20000)
    assert r.status_code == 414 and "Bad Request | MiniTwit" in r.text
    r = requests.post(instance.web + "/login", data="x" * (2 * 1024 * 1024))
    assert r.status_code == 413 and "Request Too Large | MiniTwit" in r.text


def test_session_cookie_is_httponly_samesite_and_not_secure_over_http(instance, http):
    user = fresh_name("ck")
    signed_in(instance, user)
    r = http.post(instance.web + "/login", data={"username": user, "password": "secret pw"},
                  allow_redirects=False)
    cookie = [v for k, v in r.raw.headers.items() if k.lower() == "set-cookie"
              and v.startswith("mt_session=")][0]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookies_setting_adds_secure(instance):
    """A second web_logout process with MINITWIT_SECURE_COOKIES=1, asked over FastCGI."""
    with tempfile.TemporaryDirectory() as tmp:
        sock, pidf = os.path.join(tmp, "t.sock"), os.path.join(tmp, "t.pid")
        script = (f". {instance.root}/scripts/lib.sh; MINITWIT_SECURE_COOKIES=1 "
                  f"MINITWIT_SOCKET={sock} MINITWIT_PIDFILE={pidf} exec "
                  f"\"$MINITWIT_BUILD_DIR/handlers/web_logout\"")
        proc = subprocess.Popen(["bash", "-c", script], env=instance.shell_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 20
            while not (os.path.exists(sock) and os.path.exists(pidf)) and time.time() < deadline:
                time.sleep(0.1)
            env = {"REQUEST_METHOD": "GET", "DOCUMENT_URI": "/logout", "REQUEST_SCHEME": "https",
                   "HTTP_HOST": "example.org", "PATH": os.environ["PATH"]}
            out = subprocess.run(["cgi-fcgi", "-bind", "-connect", sock], env=env,
                                 stdin=subprocess.DEVNULL, capture_output=True, timeout=20).stdout
        finally:
            proc.terminate()
            proc.wait(timeout=40)
    cookies = [line for line in out.decode().split("\r\n") if line.startswith("Set-Cookie:")]
    assert cookies and all("; Secure" in c and "HttpOnly" in c for c in cookies), out[:500]
