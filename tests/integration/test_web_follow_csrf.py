"""GET /<username>/follow and /unfollow change data (SPEC §3 makes them links), so a link on
another site must not make a signed-in browser follow anyone: such requests get 403."""
from web import api_register, fresh_name, signed_in


def follows(instance, who, whom):
    return instance.sql("SELECT count(*) FROM follower f JOIN users a ON a.user_id = f.who_id "
                        "JOIN users b ON b.user_id = f.whom_id "
                        "WHERE a.username = :'p1' AND b.username = :'p2'", who, whom) == [["1"]]


def test_follow_links_from_another_site_are_refused(instance):
    me, other = fresh_name(), fresh_name()
    api_register(instance, other)
    s = signed_in(instance, me)
    own = f"{instance.web}/{me}"
    for headers in ({"Referer": "http://evil.example/page"},
                    {"Sec-Fetch-Site": "cross-site"},
                    {"Sec-Fetch-Site": "cross-site", "Referer": own}):
        r = s.get(f"{instance.web}/{other}/follow", headers=headers, allow_redirects=False)
        assert r.status_code == 403, headers
        assert not follows(instance, me, other)
    r = s.get(f"{instance.web}/{other}/follow", allow_redirects=False,
              headers={"Referer": own, "Sec-Fetch-Site": "same-origin"})
    assert r.status_code == 302
    assert follows(instance, me, other)
    r = s.get(f"{instance.web}/{other}/unfollow", allow_redirects=False,
              headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert follows(instance, me, other)
    r = s.get(f"{instance.web}/{other}/unfollow", allow_redirects=False)
    assert r.status_code == 302
    assert not follows(instance, me, other)
