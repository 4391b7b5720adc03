"""The simulator API of SPEC §4, row by row, through nginx against the real PostgreSQL.

This file runs first among the integration tests (CTest orders them by name), so the first
test sees the database as freshly migrated."""
import json
import urllib.parse

import pytest

from conftest import SIM_AUTH

WRONG_AUTH = {"Authorization": "Basic c2ltdWxhdG9yOndyb25n"}  # simulator:wrong
FORBIDDEN = {"status": 403, "error_msg": "You are not authorized to use this resource!"}


def path_user(username):
    return urllib.parse.quote(username, safe="")


def latest(instance, http):
    r = http.get(instance.api + "/latest")
    assert r.status_code == 200
    return r.json()["latest"]


def register(instance, http, username, email=None, pwd="pw", latest_id=None):
    params = {} if latest_id is None else {"latest": latest_id}
    return http.post(instance.api + "/register", params=params, headers=SIM_AUTH,
                     json={"username": username, "email": email or f"{username}@example.com",
                           "pwd": pwd})


def post_message(instance, http, username, content):
    return http.post(f"{instance.api}/msgs/{path_user(username)}", headers=SIM_AUTH,
                     json={"content": content})


def follow(instance, http, who, whom, action="follow"):
    return http.post(f"{instance.api}/fllws/{path_user(who)}", headers=SIM_AUTH,
                     json={action: whom})


def table_counts(instance):
    return instance.sql("SELECT (SELECT count(*) FROM users), (SELECT count(*) FROM message), "
                        "(SELECT count(*) FROM follower), "
                        "(SELECT count(*) || ':' || max(id) FROM latest)")[0]


# ---- GET /latest ---------------------------------------------------------------------------

def test_latest_is_minus_one_on_a_fresh_database(instance, http):
    assert http.get(instance.api + "/latest").json() == {"latest": -1}


def test_latest_is_served_on_the_api_port_and_under_api(instance, http):
    for base in (instance.api, instance.web + "/api"):
        r = http.get(base + "/latest")
        assert r.status_code == 200
        assert r.headers["Content-Type"] == "application/json"
        assert set(r.json()) == {"latest"}


def test_latest_follows_the_latest_parameter(instance, http, name):
    assert register(instance, http, name, latest_id=4711).status_code == 204
    assert latest(instance, http) == 4711
    http.get(instance.api + "/msgs", params={"latest": 4712}, headers=SIM_AUTH)
    assert latest(instance, http) == 4712


def test_latest_is_stored_even_when_the_action_fails(instance, http):
    r = http.post(instance.api + "/msgs/no-such-user-xyz", params={"latest": 999},
                  headers=SIM_AUTH, json={"content": "x"})
    assert r.status_code == 404
    assert latest(instance, http) == 999
    r = http.post(instance.api + "/register", params={"latest": 1000}, headers=SIM_AUTH,
                  json={"username": ""})
    assert r.status_code == 400
    assert latest(instance, http) == 1000


def test_latest_keeps_a_bounded_log(instance, http):
    """`latest` is a log (migration 004): the newest row is the value, and every 1,000th
    writer drops the rows older than the 1,000 before it."""
    top = int(instance.sql("SELECT COALESCE(max(id), 0) FROM latest")[0][0])
    writes = 1000 - top % 1000 + 5  # crosses the next multiple of 1,000
    for i in range(writes):
        r = http.get(instance.api + "/msgs", params={"no": 1, "latest": 50_000 + i},
                     headers=SIM_AUTH)
        assert r.status_code == 200
    assert http.get(instance.api + "/latest").json() == {"latest": 50_000 + writes - 1}
    assert int(instance.sql("SELECT count(*) FROM latest")[0][0]) <= 1005


def test_latest_that_is_not_an_integer_is_a_400(instance, http):
    before = latest(instance, http)
    r = http.get(instance.api + "/msgs", params={"latest": "abc"}, headers=SIM_AUTH)
    assert r.status_code == 400
    assert r.json()["status"] == 400
    assert latest(instance, http) == before


# ---- authorisation -------------------------------------------------------------------------

PROTECTED = [
    ("post", "/register", {"username": "intruder", "email": "i@x", "pwd": "x"}),
    ("get", "/msgs", None),
    ("get", "/msgs/intruder", None),
    ("post", "/msgs/intruder", {"content": "x"}),
    ("get", "/fllws/intruder", None),
    ("post", "/fllws/intruder", {"follow": "someone"}),
]


@pytest.mark.parametrize("method,path,body", PROTECTED)
@pytest.mark.parametrize("headers", [{}, WRONG_AUTH, {"Authorization": "Bearer x"}],
                         ids=["none", "wrong", "bearer"])
def test_requests_without_credentials_get_403_and_change_nothing(instance, http, method, path,
                                                                 body, headers):
    before = table_counts(instance)
    r = http.request(method, instance.api + path, params={"latest": 123456}, headers=headers,
                     json=body)
    assert r.status_code == 403
    assert r.json() == FORBIDDEN
    assert table_counts(instance) == before  # latest included


# ---- POST /register ------------------------------------------------------------------------

def test_register_returns_204_with_an_empty_body(instance, http, name):
    r = register(instance, http, name)
    assert r.status_code == 204
    assert r.content == b""
    row = instance.sql("SELECT email, pw_hash FROM users WHERE username = :'p1'", name)
    assert row[0][0] == f"{name}@example.com"
    assert row[0][1].startswith("$argon2id$v=19$m=7168,t=5,p=1$")


@pytest.mark.parametrize("body,error", [
    ({"email": "a@b", "pwd": "x"}, "You have to enter a username"),
    ({"username": "", "email": "", "pwd": ""}, "You have to enter a username"),
    ({"username": "NAME", "pwd": "x"}, "You have to enter a valid email address"),
    ({"username": "NAME", "email": "no-at", "pwd": "x"}, "You have to enter a valid email address"),
    ({"username": "NAME", "email": "", "pwd": ""}, "You have to enter a valid email address"),
    ({"username": "NAME", "email": "a@b"}, "You have to enter a password"),
    ({"username": "NAME", "email": "a@b", "pwd": ""}, "You have to enter a password"),
])
def test_register_errors_have_spec_texts_in_spec_order(instance, http, name, body, error):
    body = {k: (name if v == "NAME" else v) for k, v in body.items()}
    r = http.post(instance.api + "/register", headers=SIM_AUTH, json=body)
    assert r.status_code == 400
    assert r.json() == {"status": 400, "error_msg": error}
    assert instance.sql("SELECT count(*) FROM users WHERE username = :'p1'", name) == [["0"]]


def test_register_twice_says_the_username_is_taken(instance, http, name):
    assert register(instance, http, name).status_code == 204
    r = register(instance, http, name, email="other@example.com")
    assert r.status_code == 400
    assert r.json() == {"status": 400, "error_msg": "The username is already taken"}


def test_usernames_of_site_routes_cannot_be_registered(instance, http):
    for reserved in ("public", "login", "register", "logout", "add_message", "api", "metrics"):
        r = register(instance, http, reserved)
        assert r.status_code == 400, reserved
        assert r.json()["error_msg"] == "The username is already taken"


def test_overlong_and_slash_usernames_are_refused(instance, http):
    for bad in ("x" * 65, "a/b", "tab\there"):
        r = register(instance, http, bad)
        assert r.status_code == 400, bad
        assert r.json()["status"] == 400


# ---- messages ------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [" with space", " Ærø ✓", " 100% & <b>"])
def test_usernames_with_spaces_and_non_ascii_work_url_encoded(instance, http, name, suffix):
    user = name + suffix
    assert register(instance, http, user).status_code == 204
    assert post_message(instance, http, user, "hello from " + user).status_code == 204
    r = http.get(f"{instance.api}/msgs/{path_user(user)}", headers=SIM_AUTH)
    assert r.status_code == 200
    assert r.json()[0]["user"] == user
    assert r.json()[0]["content"] == "hello from " + user


def test_posted_message_is_listed_with_content_pub_date_user(instance, http, name):
    assert register(instance, http, name).status_code == 204
    r = post_message(instance, http, name, "first <b>post</b> \"quoted\"")
    assert r.status_code == 204
    assert r.content == b""
    msgs = http.get(f"{instance.api}/msgs/{name}", headers=SIM_AUTH).json()
    assert len(msgs) == 1
    assert set(msgs[0]) == {"content", "pub_date", "user"}
    assert msgs[0]["content"] == "first <b>post</b> \"quoted\""
    assert isinstance(msgs[0]["pub_date"], int)
    assert msgs[0]["user"] == name
    everyone = http.get(instance.api + "/msgs", headers=SIM_AUTH).json()
    assert everyone[0] == msgs[0]


def insert_messages(instance, username, count, pub_date):
    """Inserts `count` messages at one pub_date straight into the database."""
    instance.sql("INSERT INTO message (author_id, text, pub_date) "
                 "SELECT user_id, 'm' || g, :p2 FROM users, generate_series(1, :p3) g "
                 "WHERE username = :'p1'", username, pub_date, count)


def test_msgs_default_to_100_and_honour_no(instance, http, name):
    assert register(instance, http, name).status_code == 204
    insert_messages(instance, name, 120, 2_000_000_000)
    url = f"{instance.api}/msgs/{name}"
    assert len(http.get(url, headers=SIM_AUTH).json()) == 100
    assert len(http.get(url, params={"no": 7}, headers=SIM_AUTH).json()) == 7
    assert len(http.get(url, params={"no": 0}, headers=SIM_AUTH).json()) == 0
    assert len(http.get(url, params={"no": 500}, headers=SIM_AUTH).json()) == 120
    assert len(http.get(instance.api + "/msgs", params={"no": 3}, headers=SIM_AUTH).json()) == 3


def test_messages_are_newest_first_with_ties_broken_by_newest_id(instance, http, name):
    assert register(instance, http, name).status_code == 204
    insert_messages(instance, name, 3, 2_100_000_000)  # m1..m3, one second
    insert_messages(instance, name, 2, 2_000_000_001)  # older second
    got = [m["content"] for m in
           http.get(f"{instance.api}/msgs/{name}", headers=SIM_AUTH).json()]
    assert got == ["m3", "m2", "m1", "m2", "m1"]
    top = http.get(instance.api + "/msgs", params={"no": 3}, headers=SIM_AUTH).json()
    assert [(m["user"], m["content"]) for m in top] == [(name, "m3"), (name, "m2"), (name, "m1")]


def test_flagged_messages_are_never_returned(instance, http, name):
    assert register(instance, http, name).status_code == 204
    for text in ("keep me", "flag me"):
        assert post_message(instance, http, name, text).status_code == 204
    instance.sql("UPDATE message SET flagged = TRUE WHERE text = 'flag me'")
    own = http.get(f"{instance.api}/msgs/{name}", headers=SIM_AUTH).json()
    assert [m["content"] for m in own] == ["keep me"]
    everyone = http.get(instance.api + "/msgs", params={"no": 10000}, headers=SIM_AUTH).json()
    assert "flag me" not in [m["content"] for m in everyone]


# ---- follows -------------------------------------------------------------------------------

def test_follow_is_idempotent_and_unfollow_of_a_stranger_is_204(instance, http, name):
    a, b, c = name + "a", name + "b", name + "c"
    for u in (a, b, c):
        assert register(instance, http, u).status_code == 204
    for _ in range(2):
        r = follow(instance, http, a, b)
        assert r.status_code == 204
        assert r.content == b""
    assert follow(instance, http, a, c).status_code == 204
    r = http.get(f"{instance.api}/fllws/{a}", headers=SIM_AUTH)
    assert r.status_code == 200
    assert r.json() == {"follows": [b, c]}
    assert http.get(f"{instance.api}/fllws/{a}", params={"no": 1},
                    headers=SIM_AUTH).json() == {"follows": [b]}
    assert follow(instance, http, a, b, "unfollow").status_code == 204
    assert follow(instance, http, a, b, "unfollow").status_code == 204  # not followed: no-op
    assert follow(instance, http, b, c, "unfollow").status_code == 204
    assert http.get(f"{instance.api}/fllws/{a}", headers=SIM_AUTH).json() == {"follows": [c]}
    assert http.get(f"{instance.api}/fllws/{b}", headers=SIM_AUTH).json() == {"follows": []}


# ---- unknown users -------------------------------------------------------------------------

def test_unknown_users_are_404_on_every_route(instance, http, name):
    assert register(instance, http, name).status_code == 204
    ghost = name + "-ghost"
    calls = [
        ("get", f"/msgs/{ghost}", None),
        ("post", f"/msgs/{ghost}", {"content": "x"}),
        ("get", f"/fllws/{ghost}", None),
        ("post", f"/fllws/{ghost}", {"follow": name}),
        ("post", f"/fllws/{name}", {"follow": ghost}),
        ("post", f"/fllws/{name}", {"unfollow": ghost}),
    ]
    for method, path, body in calls:
        r = http.request(method, instance.api + path, headers=SIM_AUTH, json=body)
        assert r.status_code == 404, path
        assert r.json()["status"] == 404
        assert r.json()["error_msg"]


# ---- bad input -----------------------------------------------------------------------------

def raw_post(http, url, data, content_type="application/json"):
    return http.post(url, data=data, headers={**SIM_AUTH, "Content-Type": content_type})


def test_bad_bodies_get_a_4xx_json_error_and_change_nothing(instance, http, name):
    assert register(instance, http, name).status_code == 204
    other = name + "o"
    assert register(instance, http, other).status_code == 204
    cases = [
        ("/register", b"{not json"),
        ("/register", b""),
        ("/register", b"[1, 2, 3]"),
        ("/register", json.dumps({"username": 42, "email": "a@b", "pwd": "x"}).encode()),
        ("/register", json.dumps({"username": ["x"], "email": "a@b", "pwd": "x"}).encode()),
        ("/register", json.dumps({"username": name + "z", "email": "a@b", "pwd": 1}).encode()),
        (f"/msgs/{name}", b"{\"content\": "),
        (f"/msgs/{name}", json.dumps({"content": 5}).encode()),
        (f"/msgs/{name}", json.dumps({"text": "wrong field"}).encode()),
        (f"/msgs/{name}", json.dumps({"content": ""}).encode()),
        (f"/msgs/{name}", json.dumps({"content": "x" * 1001}).encode()),
        (f"/msgs/{name}", b"{\"content\": \"\xff\xfe\"}"),
        (f"/fllws/{name}", json.dumps({"follow": 3}).encode()),
        (f"/fllws/{name}", json.dumps({}).encode()),
        (f"/fllws/{name}", json.dumps({"follow": other, "unfollow": other}).encode()),
        (f"/fllws/{name}", ("[" * 5000 + "]" * 5000).encode()),
        (f"/fllws/{name}", json.dumps({"follow": {"deep": [[[[other]]]]}}).encode()),
    ]
    before = table_counts(instance)
    for path, data in cases:
        r = raw_post(http, instance.api + path, data)
        assert 400 <= r.status_code < 500, (path, data[:40], r.status_code)
        body = r.json()
        assert body["status"] == r.status_code
        assert isinstance(body["error_msg"], str) and body["error_msg"]
    assert table_counts(instance) == before


@pytest.mark.parametrize("no", ["-1", "abc", "", "1.5", "99999999999999999999", "10001"])
def test_no_that_is_not_a_small_non_negative_integer_is_a_400(instance, http, name, no):
    assert register(instance, http, name).status_code == 204
    for path in ("/msgs", f"/msgs/{name}", f"/fllws/{name}"):
        r = http.get(instance.api + path, params={"no": no}, headers=SIM_AUTH)
        assert r.status_code == 400, path
        assert r.json() == {"status": 400,
                            "error_msg": "\"no\" must be an integer between 0 and 10000"}


def test_oversized_bodies_are_refused_with_json(instance, http, name):
    assert register(instance, http, name).status_code == 204
    before = table_counts(instance)
    for size in (70 * 1024, 2 * 1024 * 1024):  # over the handler's cap; over nginx's cap
        data = json.dumps({"content": "x" * size}).encode()
        r = raw_post(http, f"{instance.api}/msgs/{name}", data)
        assert r.status_code == 413
        assert r.json()["status"] == 413
    assert table_counts(instance) == before


def test_wrong_methods_are_405_json(instance, http, name):
    for method, path in (("delete", "/msgs"), ("put", f"/msgs/{name}"),
                         ("post", "/latest"), ("get", "/register"), ("patch", f"/fllws/{name}")):
        r = http.request(method, instance.api + path, headers=SIM_AUTH)
        assert r.status_code == 405, (method, path)
        assert r.json()["status"] == 405


def test_unknown_api_paths_are_404_json(instance, http):
    for path in ("/nope", "/msgs/a/b", "/fllws"):
        r = http.get(instance.api + path, headers=SIM_AUTH)
        assert r.status_code == 404, path
        assert r.json()["status"] == 404


def test_every_response_carries_a_request_id(instance, http):
    r = http.get(instance.api + "/latest", headers={"X-Request-Id": "test-req-42"})
    assert r.headers["X-Request-Id"] == "test-req-42"
    r = http.get(instance.api + "/latest")
    assert len(r.headers["X-Request-Id"]) == 32
