"""Smoke test: the API answers through nginx on both of its base URLs."""
from conftest import SIM_AUTH


def test_latest_on_api_port_and_under_api(instance, http):
    for base in (instance.api, instance.web + "/api"):
        r = http.get(base + "/latest")
        assert r.status_code == 200
        assert "latest" in r.json()


def test_health(instance, http):
    r = http.get(instance.web + "/health")
    assert r.status_code == 200
    assert r.headers["X-Request-Id"]


def test_register_requires_auth(instance, http, name):
    r = http.post(instance.api + "/register", json={"username": name, "email": "a@b", "pwd": "x"})
    assert r.status_code == 403
    r = http.post(instance.api + "/register", json={"username": name, "email": "a@b", "pwd": "x"},
                  headers=SIM_AUTH)
    assert r.status_code == 204
