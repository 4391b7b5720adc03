"""Shared fixtures of the integration tests: the running instance that CTest's fixture
(tests/integration/instance.sh) started, HTTP helpers, and direct SQL through scripts/psql."""
import os
import subprocess
import uuid

import pytest
import requests

SIM_AUTH = {"Authorization": "Basic c2ltdWxhdG9yOnN1cGVyX3NhZmUh"}


def _load_env():
    path = os.environ.get("MINITWIT_TEST_ENV")
    if not path or not os.path.exists(path):
        pytest.exit("MINITWIT_TEST_ENV does not name a running instance (run through ctest)", 2)
    env = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.strip().partition("=")
            if key:
                env[key] = value
    return env


class Instance:
    def __init__(self, env):
        self.env = env
        self.root = env["MINITWIT_ROOT"]
        self.web = f"http://127.0.0.1:{env['MINITWIT_WEB_PORT']}"
        self.api = f"http://127.0.0.1:{env['MINITWIT_API_PORT']}"
        self.data_dir = env["MINITWIT_DATA_DIR"]

    def shell_env(self):
        return {**os.environ, **self.env}

    def sql(self, query, *args):
        """Runs SQL as the app's role with :'p1'... bound to args; returns rows of strings."""
        cmd = [f"{self.root}/scripts/psql", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"]
        for i, a in enumerate(args, 1):
            cmd += ["-v", f"p{i}={a}"]
        # Through stdin, since psql interpolates :'p1' variables in scripts but not in -c.
        out = subprocess.run(cmd + ["-f", "-"], input=query, env=self.shell_env(), check=True,
                             capture_output=True, text=True).stdout
        return [line.split("\t") for line in out.splitlines() if line]

    def lib(self, *functions):
        """Runs functions of scripts/lib.sh (e.g. mt_pg_stop) against this instance."""
        script = f". {self.root}/scripts/lib.sh; " + "; ".join(functions)
        subprocess.run(["bash", "-c", script], env=self.shell_env(), check=True)


@pytest.fixture(scope="session")
def instance():
    return Instance(_load_env())


@pytest.fixture()
def http():
    s = requests.Session()
    yield s
    s.close()


@pytest.fixture()
def name():
    """A fresh username per test, so tests never see each other's data."""
    return "u" + uuid.uuid4().hex[:10]
