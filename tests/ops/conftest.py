"""The integration tests' fixtures (tests/integration/conftest.py), for the tests here."""
import importlib.util
import os

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

_spec = importlib.util.spec_from_file_location(
    "integration_conftest", os.path.join(os.path.dirname(__file__), "..", "integration", "conftest.py"))
_it = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_it)

SIM_AUTH = _it.SIM_AUTH
instance = _it.instance
name = _it.name


@pytest.fixture()
def http():
    """Like conftest's, but a 503 is retried (up to 3 times): a handler worker meets its dead
    connection once after test_api_db_restart restarted PostgreSQL, and a 503 commits nothing."""
    s = requests.Session()
    retry = Retry(total=3, connect=0, read=0, status_forcelist=[503], allowed_methods=None,
                  backoff_factor=0.05, raise_on_status=False)
    s.mount("http://", HTTPAdapter(max_retries=retry))
    yield s
    s.close()
