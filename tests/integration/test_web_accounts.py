"""SPEC §3, accounts: /register, /login, /logout, signed session cookies, and accounts
shared with the simulator API. Every quoted SPEC text is asserted as written."""
import re

import pytest
import requests

from web import (PASSWORD, api_post, api_register, flashes, inputs, now, register, session_cookie,
                 signed_in, title, user_url)


# SPEC: "on `/register` the page's first five `<input>` elements are, in order, username,
# email, password, password2 and the submit button ... Any hidden field goes after them."
def test_register_form_inputs_in_order(instance, http):
    r = http.get(instance.web + "/register")
    assert r.status_code == 200
    assert title(r.text) == "Sign Up | MiniTwit"
    assert inputs(r.text)[:5] == [("text", "username"), ("text", "email"),
                                  ("password", "password"), ("password", "password2"),
                                  ("submit", None)]
    # SPEC: "each form's submit button sits in an element with class `actions`"
    assert re.search(r'class="actions"><input type="submit"', r.text)


# SPEC: "the first three on `/login` are username, password, submit"
def test_login_form_inputs_in_order(instance, http):
    r = http.get(instance.web + "/login")
    assert r.status_code == 200
    assert title(r.text) == "Sign In | MiniTwit"
    assert inputs(r.text)[:3] == [("text", "username"), ("password", "password"),
                                  ("submit", None)]
    assert re.search(r'class="actions"><input type="submit"', r.text)


# SPEC: "Errors, checked in this order: "You have to enter a username", "You have to enter a
# valid email address" (empty or no `@`), "You have to enter a password", "The two passwords
# do not match", "The username is already taken"." and "Form errors show as "Error: TEXT", and
# the form keeps what was typed (except passwords)."
@pytest.mark.parametrize("form,error", [
    ({"username": "", "email": "", "password": "", "password2": ""},
     "You have to enter a username"),
    ({"username": "NAME", "email": "", "password": "", "password2": ""},
     "You have to enter a valid email address"),
    ({"username": "NAME", "email": "no-at-sign", "password": "x", "password2": "x"},
     "You have to enter a valid email address"),
    ({"username": "NAME", "email": "a@b", "password": "", "password2": ""},
     "You have to enter a password"),
    ({"username": "NAME", "email": "a@b", "password": "x", "password2": "y"},
     "The two passwords do not match"),
])
def test_register_errors_in_spec_order(instance, http, name, form, error):
    form = {k: v.replace("NAME", name) for k, v in form.items()}
    r = http.post(instance.web + "/register", data=form, allow_redirects=False)
    assert r.status_code == 200
    assert f"Error: {error}" in r.text
    assert f'value="{form["username"]}"' in r.text
    assert f'value="{form["email"]}"' in r.text
    assert 'value="x"' not in r.text and 'value="y"' not in r.text  # never the passwords
    assert instance.sql("SELECT count(*) FROM users WHERE username = :'p1'", name) == [["0"]]


def test_register_taken_username(instance, http, name):
    assert register(instance, name).status_code == 302
    r = register(instance, name, email="other@example.com", http=http)
    assert r.status_code == 200
    assert "Error: The username is already taken" in r.text
    assert 'value="other@example.com"' in r.text


# SPEC: "Success: flash "You were successfully registered and can login now", redirect to
# `/login`." and "Flash messages appear once, on the next page shown, in a list."
def test_register_success_flashes_once_and_redirects_to_login(instance, http, name):
    r = register(instance, name, http=http)
    assert r.status_code == 302
    assert r.headers["Location"] == "/login"
    page = http.get(instance.web + "/login")
    assert flashes(page.text) == ["You were successfully registered and can login now"]
    assert flashes(http.get(instance.web + "/login").text) == []
    assert instance.sql("SELECT email FROM users WHERE username = :'p1'", name) == \
        [[f"{name}@example.com"]]


# SPEC: "Errors: "Invalid username", "Invalid password"."
def test_login_errors(instance, http, name):
    r = http.post(instance.web + "/login", data={"username": name, "password": "x"},
                  allow_redirects=False)
    assert r.status_code == 200 and "Error: Invalid username" in r.text
    assert f'value="{name}"' in r.text
    register(instance, name)
    r = http.post(instance.web + "/login", data={"username": name, "password": "wrong"},
                  allow_redirects=False)
    assert r.status_code == 200 and "Error: Invalid password" in r.text
    assert "mt_session" not in r.headers.get("Set-Cookie", "")


# SPEC: "Success: flash "You were logged in", redirect to `/`." and "Sessions are signed
# cookies (HttpOnly, SameSite=Lax)"
def test_login_success_sets_signed_cookie_flashes_and_redirects_home(instance, http, name):
    register(instance, name)
    r = http.post(instance.web + "/login", data={"username": name, "password": PASSWORD},
                  allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["Location"] == "/"
    cookie = [c for c in r.raw.headers.getlist("Set-Cookie") if c.startswith("mt_session=")][0]
    for attribute in ("HttpOnly", "SameSite=Lax", "Path=/", "Max-Age="):
        assert attribute in cookie
    page = http.get(instance.web + "/")
    assert title(page.text) == "My Timeline | MiniTwit"
    assert flashes(page.text) == ["You were logged in"]
    # SPEC: navigation "when signed in: "my timeline", "public timeline", "sign out [USERNAME]""
    for link in (">my timeline<", ">public timeline<", f">sign out [{name}]<"):
        assert link in page.text


# SPEC: "Already signed in: redirect to `/`."
def test_login_when_signed_in_redirects_home(instance, name):
    s = signed_in(instance, name)
    for method in (s.get, s.post):
        r = method(instance.web + "/login", allow_redirects=False)
        assert r.status_code == 302 and r.headers["Location"] == "/"


# SPEC: "`GET /logout` | flash "You were logged out", redirect to `/public`."
def test_logout_flashes_and_redirects_to_public(instance, name):
    s = signed_in(instance, name)
    r = s.get(instance.web + "/logout", allow_redirects=False)
    assert r.status_code == 302
    assert r.headers["Location"] == "/public"
    page = s.get(instance.web + "/public")
    assert flashes(page.text) == ["You were logged out"]
    # SPEC: navigation "when signed out: "public timeline", "sign up", "sign in""
    for link in (">public timeline<", ">sign up<", ">sign in<"):
        assert link in page.text
    assert "sign out" not in page.text
    assert s.get(instance.web + "/", allow_redirects=False).headers["Location"] == "/public"


# SPEC: "nothing about a session is trusted unless its signature checks out."
def test_tampered_forged_or_expired_cookie_is_signed_out(instance, name):
    s = signed_in(instance, name)
    uid = int(instance.sql("SELECT user_id FROM users WHERE username = :'p1'", name)[0][0])
    good = s.cookies.get("mt_session")
    payload, signature = good.split(".")
    cases = {
        "tampered signature": payload + "." + signature[:-2] + ("AA" if signature[-2:] != "AA"
                                                                 else "BB"),
        "other user, old signature": session_cookie(instance, uid + 1, "x", now() + 60)
        .split(".")[0] + "." + signature,
        "garbage": "not-a-cookie",
        "expired": session_cookie(instance, uid, name, now() - 1),
    }
    for label, value in cases.items():
        r = requests.get(instance.web + "/", cookies={"mt_session": value},
                         allow_redirects=False)
        assert r.status_code == 302 and r.headers["Location"] == "/public", label
        r = requests.post(instance.web + "/add_message", cookies={"mt_session": value},
                          data={"text": "forged"}, allow_redirects=False)
        assert r.status_code == 401, label
    # The same construction with a live expiry is accepted: the cases above fail for their flaw.
    fresh = session_cookie(instance, uid, name, now() + 60)
    r = requests.get(instance.web + "/", cookies={"mt_session": fresh}, allow_redirects=False)
    assert r.status_code == 200 and f"sign out [{name}]" in r.text


def test_api_registered_user_signs_in_on_the_web(instance, http, name):
    api_register(instance, name, password="api pw")
    r = http.post(instance.web + "/login", data={"username": name, "password": "api pw"},
                  allow_redirects=False)
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert f"sign out [{name}]" in http.get(instance.web + "/").text


def test_web_registered_user_is_known_to_the_api(instance, http, name):
    register(instance, name)
    api_post(instance, name, "via the api")
    assert "via the api" in http.get(user_url(instance, name)).text
    r = requests.post(instance.api + "/register", headers={"Authorization":
                      "Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh"},
                      json={"username": name, "email": "a@b", "pwd": "x"})
    assert r.status_code == 400
    assert r.json()["error_msg"] == "The username is already taken"


def test_route_names_cannot_be_registered(instance, http):
    for route in ("public", "login", "logout", "register", "add_message"):
        r = register(instance, route, http=http)
        assert r.status_code == 200
        assert "Error: The username is already taken" in r.text
