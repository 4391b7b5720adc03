"""Web error pages nginx answers itself (a handler down or too slow): a static page in the
site's look. The handlers' own error pages (401/404/500/503 in the layout) are covered in
test_web_timelines.py and tests/unit/pages_test.cpp."""
from web import title


def test_static_page_for_errors_nginx_answers(instance, http):
    r = http.get(instance.web + "/static/unavailable.html")
    assert r.status_code == 200
    assert title(r.text) == "Temporarily Unavailable | MiniTwit"
    assert '<link rel="stylesheet" href="/static/style.css">' in r.text
    assert http.get(instance.web + "/static/style.css").status_code == 200
