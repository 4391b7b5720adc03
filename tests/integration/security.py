"""Helpers of the security tests (test_security_*.py): handler processes, a fingerprint of the
database, raw HTTP for requests a client library refuses to send, and hostile payloads."""
import glob
import os
import socket
import subprocess

SQLI = ["' OR '1'='1", "'; DROP TABLE users; --", "\" OR 1=1 --", "1; SELECT pg_sleep(5)--",
        "admin'--", "') UNION SELECT username, pw_hash FROM users--", "%' AND 1=0 UNION ALL --"]
XSS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'\"><svg/onload=alert(1)>",
       "</title><script>alert(document.cookie)</script>", "{{title}}{{{title}}}"]
ODD = ["a\x00b", "\x00", "a\x01b\r\nSet-Cookie: x=1", "x" * 5000, "\u202eevil", "%00", "%ff%fe"]
PAYLOADS = SQLI + XSS + ODD
INVALID_UTF8 = [b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"a\xe2\x82", b"\xf8\x88\x80\x80\x80"]


def processes(instance):
    """{pidfile name: (master pid, sorted worker pids)} of every handler and nginx."""
    out = {}
    for path in sorted(glob.glob(os.path.join(instance.data_dir, "run", "*.pid"))):
        master = open(path).read().strip()
        children = subprocess.run(["pgrep", "-P", master], capture_output=True, text=True).stdout
        out[os.path.basename(path)] = (master, sorted(children.split()))
    return out


def fingerprint(instance):
    """{table: md5 of its rows in order}: equal fingerprints mean byte-for-byte equal data."""
    tables = [row[0] for row in instance.sql(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
    query = " UNION ALL ".join(
        f"SELECT '{t}', md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} x"
        for t in tables)
    return dict(instance.sql(query))


def raw(url, request: bytes, timeout=10):
    """Sends bytes as they are to the host:port of `url`; returns (status, whole answer)."""
    host, port = url.split("//")[1].split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as s:
        s.sendall(request)
        chunks = []
        try:
            while True:
                data = s.recv(65536)
                if not data:
                    break
                chunks.append(data)
        except socket.timeout:
            pass
    answer = b"".join(chunks)
    first = answer.split(b"\r\n", 1)[0].split()
    return (int(first[1]) if len(first) > 1 and first[1].isdigit() else None), answer


def html_escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))
