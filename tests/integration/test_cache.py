"""shared/cache: /msgs?no=N and /public are answered again without a query only while nothing
changed. A write through any handler, scripts/flag and scripts/psql show at once in every
worker; a write nobody announced (plain psql) shows within MINITWIT_CACHE_MAX_AGE_MS (1 s).

Other suites store messages dated in the future, so each test first puts a message of its own
ahead of all of them (through scripts/psql) and watches that one lead both answers."""
import shlex
import subprocess
import time

from conftest import SIM_AUTH
from web import api_post, api_register, flashes, message_texts, post, signed_in, user_url


def leading(http, instance):
    """The first message of GET /msgs and of GET /public."""
    r = http.get(instance.api + "/msgs", headers=SIM_AUTH, params={"no": 5})
    assert r.status_code == 200
    page = http.get(instance.web + "/public")
    assert page.status_code == 200
    return r.json()[0]["content"], message_texts(page.text)[0]


def everywhere(http, instance, rounds=6):
    """What every worker answers: requests go round the workers, so a few rounds reach all."""
    return {leading(http, instance) for _ in range(rounds)}


def put_on_top(instance, name, text):
    """A message of `name` dated after every other one (announced by scripts/psql)."""
    instance.sql("INSERT INTO message (author_id, text, pub_date) "
                 "SELECT user_id, :'p2', (SELECT max(pub_date) + 1000 FROM message) "
                 "FROM users WHERE username = :'p1'", name, text)


def unannounced(instance, sql):
    """Runs SQL through scripts/lib.sh's mt_psql, which (unlike scripts/psql) tells the
    handlers nothing."""
    instance.lib(f"mt_psql -q -c {shlex.quote(sql)} >/dev/null")


def test_a_write_through_any_handler_drops_every_copy(instance, http, name):
    s = signed_in(instance, name)
    put_on_top(instance, name, f"top {name}")
    assert everywhere(http, instance) == {(f"top {name}", f"top {name}")}
    for i in range(6):
        # Behind the handlers' back: the workers' copies still show the old text...
        unannounced(instance, f"UPDATE message SET text = 'top {name} v{i}' "
                              f"WHERE text LIKE 'top {name}%'")
        assert leading(http, instance) != (f"top {name} v{i}",) * 2, "nothing was reused"
        # ...until any handler writes anything: then no worker sends its copy again.
        if i % 2:
            post(instance, s, f"web post {i}")
        else:
            api_post(instance, name, f"api post {i}")
        assert everywhere(http, instance) == {(f"top {name} v{i}",) * 2}


def test_flagging_and_scripts_psql_are_announced(instance, http, name):
    api_register(instance, name)
    put_on_top(instance, name, f"flag me {name}")
    assert everywhere(http, instance) == {(f"flag me {name}",) * 2}
    msg_id = instance.sql("SELECT message_id FROM message WHERE text = :'p1'", f"flag me {name}")
    subprocess.run([f"{instance.root}/scripts/flag", msg_id[0][0]], env=instance.shell_env(),
                   check=True, capture_output=True)
    assert all(f"flag me {name}" not in pair for pair in everywhere(http, instance))

    put_on_top(instance, name, f"edit me {name}")
    assert everywhere(http, instance) == {(f"edit me {name}",) * 2}
    instance.sql(f"UPDATE message SET text = 'edited {name}' WHERE text = 'edit me {name}'")
    assert everywhere(http, instance) == {(f"edited {name}",) * 2}


def test_an_unannounced_write_shows_within_the_max_age(instance, http, name):
    api_register(instance, name)
    put_on_top(instance, name, f"before {name}")
    assert everywhere(http, instance) == {(f"before {name}",) * 2}
    unannounced(instance, f"UPDATE message SET text = 'after {name}' WHERE text = 'before {name}'")
    changed = time.monotonic()
    while everywhere(http, instance) != {(f"after {name}",) * 2}:
        assert time.monotonic() - changed < 3, "still stale after 3 s"
        time.sleep(0.05)
    seen = time.monotonic() - changed
    print(f"unannounced write visible everywhere after {seen:.2f} s")
    assert seen < 1.5


def test_cached_public_pages_belong_to_their_visitor(instance, http, name):
    alice, bob = signed_in(instance, name + "a"), signed_in(instance, name + "b")
    for _ in range(4):
        assert f"sign out [{name}a]" in alice.get(instance.web + "/public").text
        assert f"sign out [{name}b]" in bob.get(instance.web + "/public").text
        assert "sign out" not in http.get(instance.web + "/public").text
    # A flash is shown once, on a page that is never kept for anyone else.
    r = alice.get(instance.web + "/logout")
    assert r.status_code == 200 and flashes(r.text) == ["You were logged out"]
    assert flashes(alice.get(instance.web + "/public").text) == []
    assert flashes(http.get(instance.web + "/public").text) == []


def test_user_pages_and_follows_are_never_stale(instance, http, name):
    s = signed_in(instance, name)
    api_register(instance, name + "x")
    for i in range(5):
        post(instance, s, f"mine {i}")
        assert message_texts(http.get(user_url(instance, name)).text)[0] == f"mine {i}"
        r = http.get(f"{instance.api}/msgs/{name}", headers=SIM_AUTH, params={"no": 1})
        assert r.json()[0]["content"] == f"mine {i}"  # only this test writes as this user
    follows = lambda: http.get(f"{instance.api}/fllws/{name}", headers=SIM_AUTH).json()["follows"]
    assert follows() == []
    assert http.post(f"{instance.api}/fllws/{name}", headers=SIM_AUTH,
                     json={"follow": name + "x"}).status_code == 204
    assert follows() == [name + "x"]
