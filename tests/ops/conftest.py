"""The integration tests' fixtures (tests/integration/conftest.py), for the tests here."""
import importlib.util
import os

import requests

_spec = importlib.util.spec_from_file_location(
    "integration_conftest", os.path.join(os.path.dirname(__file__), "..", "integration", "conftest.py"))
_it = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_it)

SIM_AUTH = _it.SIM_AUTH
instance = _it.instance
name = _it.name
http = _it.http


