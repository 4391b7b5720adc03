"""shared/cache: /msgs?no=N and /public are answered again without a query only while nothing
changed. A write through any handler, scripts/flag and scripts/psql show at once in every
worker; a write nobody announced (plain psql) shows within MINITWIT_CACHE_MAX_AGE_MS (1 s)."""
import subprocess
import time

from conftest import SIM_AUTH
from web import api_post, api_register, flashes, message_texts, post, signed_in, user_url

ROUNDS = 20  # each read may land on any worker: every one must have dropped its copy


# Other tests run beside these and some store messages dated in the future, so "newest" means
# "among the newest", never "the first".
def newest_api(http, instance):
    r = http.get(instance.api + "/msgs", headers=SIM_AUTH, params={"no": 50})
    assert r.status_code == 200
    return [m["content"] for m in r.json()]


def newest_public(http, instance):
    r = http.get(instance.web + "/public")
    assert r.status_code == 200
    return message_texts(r.text)


def warm(http, instance):
    """Fills every worker's copy of both answers (requests go round the workers)."""
    for _ in range(8):
        newest_api(http, instance)
        newest_public(http, instance)


def test_a_new_message_shows_at_once_through_both_doors(instance, http, name):
    api_register(instance, name)
    warm(http, instance)
    for i in range(ROUNDS):
        text = f"{name} says {i}"
        api_post(instance, name, text)
        assert text in newest_api(http, instance)
        assert text in newest_public(http, instance)


def test_a_message_posted_on_the_web_shows_at_once_in_the_api(instance, http, name):
    s = signed_in(instance, name)
    warm(http, instance)
    for i in range(5):
        post(instance, s, f"web {name} {i}")
        assert f"web {name} {i}" in newest_api(http, instance)
        assert f"web {name} {i}" in newest_public(http, instance)


def test_flagging_and_psql_writes_are_announced(instance, http, name):
    api_register(instance, name)
    api_post(instance, name, f"flag me {name}")
    warm(http, instance)
    assert f"flag me {name}" in newest_api(http, instance)
    msg_id = instance.sql("SELECT message_id FROM message WHERE text = :'p1'", f"flag me {name}")[0][0]
    subprocess.run([f"{instance.root}/scripts/flag", msg_id], env=instance.shell_env(),
                   check=True, capture_output=True)
    for _ in range(8):
        assert f"flag me {name}" not in newest_api(http, instance)
        assert f"flag me {name}" not in newest_public(http, instance)

    api_post(instance, name, f"edit me {name}")
    warm(http, instance)
    instance.sql(f"UPDATE message SET text = 'edited {name}' WHERE text = 'edit me {name}'")
    for _ in range(8):
        assert f"edited {name}" in newest_api(http, instance)
        assert f"edited {name}" in newest_public(http, instance)


def test_an_unannounced_write_shows_within_the_max_age(instance, http, name):
    api_register(instance, name)
    api_post(instance, name, f"before {name}")
    warm(http, instance)
    # psql itself, not scripts/psql: nothing tells the handlers about this UPDATE.
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    database_url(instance),
                    "-c", f"UPDATE message SET text = 'after {name}' WHERE text = 'before {name}'"],
                   check=True, capture_output=True)
    changed = time.monotonic()
    deadline = changed + 3
    while time.monotonic() < deadline:
        if all(f"after {name}" in newest_api(http, instance) and
               f"after {name}" in newest_public(http, instance) for _ in range(8)):
            break
        time.sleep(0.05)
    seen = time.monotonic() - changed
    print(f"unannounced write visible everywhere after {seen:.2f} s")
    assert seen < 1.5


def database_url(instance):
    pg = f"{instance.data_dir}/pg/sock"
    port = instance.env.get("MINITWIT_PG_PORT", "5432")
    return f"host={pg} port={port} dbname=minitwit user=minitwit"


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
