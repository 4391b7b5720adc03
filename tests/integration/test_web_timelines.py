"""SPEC §3, timelines: /, /public, /<username>, follow/unfollow, /add_message, paging,
escaping. Every quoted SPEC text is asserted as written."""
import hashlib
import re

from urllib.parse import quote

import requests

from web import (api_post, api_register, flashes, fresh_name, message_texts, older_link, post,
                 register, signed_in, title, user_url)


# SPEC: "Signed out: redirect to `/public`."
def test_home_signed_out_redirects_to_public(instance, http):
    r = http.get(instance.web + "/", allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["Location"] == "/public"


# SPEC: "a box "What's on your mind USERNAME?" and a text field `text` posting to
# `/add_message` with a "Share" button" ... "Non-empty `text`: store, flash "Your message was
# recorded". Redirect to `/`."
def test_post_a_message(instance, name):
    s = signed_in(instance, name)
    home = s.get(instance.web + "/").text
    assert f"What's on your mind {name}?" in home
    assert re.search(r'<form action="/add_message" method="post">\s*<input type="text" name="text"',
                     home)
    assert 'value="Share"' in home
    post(instance, s, "hello world")
    page = s.get(instance.web + "/")
    assert flashes(page.text) == ["Your message was recorded"]
    assert message_texts(page.text)[0] == "hello world"
    assert "hello world" in requests.get(user_url(instance, name)).text


def test_empty_message_is_not_stored(instance, name):
    s = signed_in(instance, name)
    s.get(instance.web + "/")  # shows "You were logged in"
    r = s.post(instance.web + "/add_message", data={"text": ""}, allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    page = s.get(instance.web + "/").text
    assert flashes(page) == []
    # SPEC: "An empty list shows "There's no message so far."."
    assert "There's no message so far." in page


# SPEC: "`POST /add_message` | signed in only (else 401)."
def test_add_message_signed_out_is_401(instance, http):
    r = http.post(instance.web + "/add_message", data={"text": "anon"}, allow_redirects=False)
    assert r.status_code == 401
    assert "<h1><a href=\"/public\">MiniTwit</a></h1>" in r.text  # the site's layout
    assert instance.sql("SELECT count(*) FROM message WHERE text = 'anon'") == [["0"]]


# SPEC: ""My Timeline" — the user's own and followed users' messages, newest first"
def test_my_timeline_is_own_and_followed_messages_only(instance, name):
    followed, stranger = fresh_name(), fresh_name()
    for other in (followed, stranger):
        api_register(instance, other)
    s = signed_in(instance, name)
    api_post(instance, followed, f"from {followed}")
    api_post(instance, stranger, f"from {stranger}")
    post(instance, s, f"from {name}")
    assert s.get(f"{user_url(instance, followed)}/follow", allow_redirects=False).status_code == 302
    page = s.get(instance.web + "/").text
    assert title(page) == "My Timeline | MiniTwit"
    assert message_texts(page)[:2] == [f"from {name}", f"from {followed}"]
    assert f"from {stranger}" not in page


# SPEC: ""USERNAME's Timeline": that user's messages."
def test_user_page_shows_only_that_users_messages(instance, http, name):
    other = fresh_name()
    api_register(instance, name)
    api_register(instance, other)
    api_post(instance, name, "mine 1")
    api_post(instance, other, "not mine")
    api_post(instance, name, "mine 2")
    page = http.get(user_url(instance, name)).text
    assert title(page) == f"{name}&#39;s Timeline | MiniTwit"
    assert message_texts(page) == ["mine 2", "mine 1"]
    # SPEC: "the author's name linking to `/<username>`", avatar and date
    assert f'<a href="/{name}">{name}</a>' in page
    md5 = hashlib.md5(f"{name}@x.org".encode()).hexdigest()
    assert f"https://www.gravatar.com/avatar/{md5}?d=identicon&amp;s=48" in page
    assert re.search(r"\d{4}-\d\d-\d\d @ \d\d:\d\d", page)


# SPEC: "Signed in: "This is you!" on one's own page; otherwise "You are currently following
# this user." with an "Unfollow user" link, or "You are not yet following this user." with a
# "Follow user" link."
def test_follow_status_texts_and_links(instance, http, name):
    other = fresh_name()
    api_register(instance, other)
    assert "following this user" not in http.get(user_url(instance, other)).text  # signed out
    s = signed_in(instance, name)
    assert "This is you!" in s.get(user_url(instance, name)).text
    page = s.get(user_url(instance, other)).text
    assert "You are not yet following this user." in page
    assert f'href="/{other}/follow">Follow user</a>' in page

    # SPEC: "Flash `You are now following "USERNAME"` ..., redirect to `/<username>`."
    r = s.get(f"{user_url(instance, other)}/follow", allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == f"/{other}"
    page = s.get(user_url(instance, other)).text
    assert flashes(page) == [f"You are now following &#34;{other}&#34;"]
    assert "You are currently following this user." in page
    assert f'href="/{other}/unfollow">Unfollow user</a>' in page
    # following twice is a no-op
    assert s.get(f"{user_url(instance, other)}/follow", allow_redirects=False).status_code == 302

    # SPEC: "`You are no longer following "USERNAME"`"
    r = s.get(f"{user_url(instance, other)}/unfollow", allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == f"/{other}"
    page = s.get(user_url(instance, other)).text
    assert flashes(page) == [f"You are no longer following &#34;{other}&#34;"]
    assert "You are not yet following this user." in page


# SPEC: "signed in only (else 401). ... Unknown user: 404."
def test_follow_signed_out_is_401_and_unknown_user_is_404(instance, http, name):
    other = fresh_name()
    api_register(instance, other)
    for action in ("follow", "unfollow"):
        assert http.get(f"{user_url(instance, other)}/{action}").status_code == 401
    s = signed_in(instance, name)
    for action in ("follow", "unfollow"):
        r = s.get(f"{instance.web}/{fresh_name()}/{action}", allow_redirects=False)
        assert r.status_code == 404
        assert f"sign out [{name}]" in r.text  # the layout, with the visitor's navigation


# SPEC: "Unknown user: 404 page."
def test_unknown_user_and_unknown_path_are_404_pages(instance, http):
    for path in (f"/{fresh_name()}", "/a/b/c", "/nope/follow/x"):
        r = http.get(instance.web + path)
        assert r.status_code == 404, path
        assert title(r.text) == "Not Found | MiniTwit"
        assert "<h1><a href=\"/public\">MiniTwit</a></h1>" in r.text


# SPEC: "All user-supplied text is HTML-escaped the way Jinja2/MarkupSafe does it: `&` `<` `>`
# `"` `'` become `&amp;` `&lt;` `&gt;` `&#34;` `&#39;` — existing test suites look for
# `You are now following &#34;foo&#34;`."
def test_messages_and_usernames_are_escaped(instance, name):
    odd = f"{name}\"<b>'&"
    assert register(instance, odd).status_code == 302
    s = signed_in(instance, name)
    post(instance, s, "<script>alert('x')</script> & \"quotes\"")
    page = s.get(instance.web + "/").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quotes&#34;" in page
    assert "<script>" not in page

    r = s.get(f"{user_url(instance, odd)}/follow", allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == "/" + quote(odd, safe="")
    page = s.get(user_url(instance, odd)).text
    assert flashes(page) == [f"You are now following &#34;{name}&#34;&lt;b&gt;&#39;&amp;&#34;"]
    assert title(page) == f"{name}&#34;&lt;b&gt;&#39;&amp;&#39;s Timeline | MiniTwit"
    assert "<b>" not in page


def test_flagged_messages_are_never_shown(instance, http, name):
    api_register(instance, name)
    api_post(instance, name, "visible")
    api_post(instance, name, "flag me")
    instance.sql("UPDATE message SET flagged = TRUE WHERE text = 'flag me'")
    for url in (user_url(instance, name), instance.web + "/public"):
        assert "flag me" not in http.get(url).text
    assert "visible" in http.get(user_url(instance, name)).text


def collect_pages(instance, session, path, limit=10):
    """Every message text on `path` and its older pages, page by page."""
    pages = []
    while path and len(pages) < limit:
        r = session.get(instance.web + path)
        assert r.status_code == 200
        pages.append(message_texts(r.text))
        path = older_link(r.text)
    return pages


# SPEC: "30 per page" and "Timelines offer a way to older messages."
def test_paging_shows_every_message_once(instance, name):
    api_register(instance, name)
    for i in range(65):
        api_post(instance, name, f"m{i:02d}")
    expected = [f"m{i:02d}" for i in reversed(range(65))]

    pages = collect_pages(instance, requests.Session(), "/" + name)
    assert [len(p) for p in pages] == [30, 30, 5]
    assert sum(pages, []) == expected

    reader = fresh_name()
    s = signed_in(instance, reader)
    s.get(f"{user_url(instance, name)}/follow")
    pages = collect_pages(instance, s, "/")
    assert [len(p) for p in pages] == [30, 30, 5]
    assert sum(pages, []) == expected

    # /public pages onwards too (other tests' messages, some dated in the future, interleave)
    first = requests.get(instance.web + "/public").text
    second = requests.get(instance.web + older_link(first)).text
    assert len(message_texts(first)) == 30 and len(message_texts(second)) == 30
    before = lambda html: int(older_link(html).split("before=")[1])
    assert before(second) < before(first)


def test_bad_paging_parameter_is_400(instance, http):
    assert http.get(instance.web + "/public?before=abc").status_code == 400
