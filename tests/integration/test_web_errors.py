"""Web error pages: a handler's own 503 while PostgreSQL is down renders in the site's layout,
and the service resumes by itself."""
import time

from web import title


def test_database_down_gives_503_page_in_layout(instance, http):
    instance.lib("mt_pg_stop")
    try:
        for _ in range(3):  # every worker meets the dead connection
            r = http.get(instance.web + "/public")
            assert r.status_code == 503
            assert title(r.text) == "Service Unavailable | MiniTwit"
            assert "The service is temporarily unavailable, please retry" in r.text
            assert '<link rel="stylesheet" href="/static/style.css">' in r.text
    finally:
        instance.lib("mt_pg_start")
    deadline = time.monotonic() + 10
    while http.get(instance.web + "/public").status_code != 200:
        assert time.monotonic() < deadline, "the web pages did not recover"
        time.sleep(0.1)


def test_static_page_for_errors_nginx_answers(instance, http):
    r = http.get(instance.web + "/static/unavailable.html")
    assert r.status_code == 200
    assert title(r.text) == "Temporarily Unavailable | MiniTwit"
    assert http.get(instance.web + "/static/style.css").status_code == 200
