"""Offline validation of the operations files: compose and swarm stack, YAML style, the
CircleCI config, Grafana and Kibana JSON, nginx, shell scripts (no Docker engine needed)."""
import glob
import json
import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
VALIDATE = os.path.join(ROOT, "deploy", "validate")


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert r.returncode == 0, f"{cmd}: {r.stdout}{r.stderr}"
    return r


def yaml_files():
    return ([os.path.join(ROOT, "docker-compose.yml"), os.path.join(ROOT, ".circleci", "config.yml")]
            + [os.path.join(ROOT, "deploy", "stack.yml")]
            + [f for d in ("prometheus", "grafana", "filebeat", "validate")
               for f in glob.glob(os.path.join(ROOT, "deploy", d, "**", "*.yml"), recursive=True)])


@pytest.mark.parametrize("path", ["docker-compose.yml", "deploy/stack.yml"])
def test_compose_files_are_valid(path):
    run(["docker-compose", "-f", os.path.join(ROOT, path), "config", "-q"], cwd=ROOT)


def test_yaml_passes_yamllint():
    files = [f for f in yaml_files() if "node_modules" not in f]
    run(["yamllint", "-s", "-c", os.path.join(VALIDATE, "yamllint.yml"), *files])


def test_circleci_config_parses():
    if not os.path.isdir(os.path.join(VALIDATE, "node_modules", "@circleci")):
        run(["npm", "ci", "--no-audit", "--no-fund"], cwd=VALIDATE, timeout=300)
    out = run(["node", "circleci.js", os.path.join(ROOT, ".circleci", "config.yml")], cwd=VALIDATE)
    assert out.stdout.strip() == "valid"


def test_grafana_and_kibana_files_parse():
    dash = json.load(open(os.path.join(ROOT, "deploy", "grafana", "dashboards", "minitwit.json")))
    exprs = " ".join(t["expr"] for p in dash["panels"] for t in p["targets"])
    for metric in ("minitwit_http_requests_total", "minitwit_http_request_duration_seconds_bucket",
                   "minitwit_simulator_latest", "minitwit_users", "minitwit_messages",
                   "minitwit_follows"):
        assert metric in exprs
    objects = [json.loads(line) for line in
               open(os.path.join(ROOT, "deploy", "kibana", "minitwit.ndjson")) if line.strip()]
    kinds = {o["type"] for o in objects}
    assert {"index-pattern", "dashboard", "search"} <= kinds
    for o in objects:  # nested JSON strings must parse too
        for key in ("panelsJSON", "optionsJSON"):
            if key in o["attributes"]:
                json.loads(o["attributes"][key])


def test_nginx_configs_pass_nginx_t(instance, tmp_path):
    instance.lib("mt_nginx_conf")  # renders the instance's templates and runs nginx -t
    # The edge proxy of the compose/swarm stacks, with its upstream hosts resolvable here.
    edge = open(os.path.join(ROOT, "deploy", "nginx", "edge.conf")).read()
    edge = edge.replace("server app:", "server 127.0.0.1:")
    for d in ("logs", "tmp"):
        (tmp_path / d).mkdir()
    (tmp_path / "edge.conf").write_text(edge.replace("listen 8080", "listen 127.0.0.1:1")
                                        .replace("listen 5001", "listen 127.0.0.1:2"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\n"
        "events {}\nhttp {\n"
        f"  client_body_temp_path {tmp_path}/tmp;\n  include {tmp_path}/edge.conf;\n}}\n")
    run(["nginx", "-t", "-q", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
         "-e", str(tmp_path / "logs" / "error.log")])


def test_shell_scripts_pass_shellcheck():
    scripts = [p for p in glob.glob(os.path.join(ROOT, "scripts", "*"))
               + [os.path.join(ROOT, "deploy", "app", "entrypoint")]
               if os.path.isfile(p) and open(p, errors="replace").readline().startswith("#!")
               and "sh" in open(p, errors="replace").readline()]
    scripts.append(os.path.join(ROOT, "scripts", "lib.sh"))
    assert len(scripts) >= 8
    run(["shellcheck", "-x", *sorted(set(scripts))], cwd=ROOT)
    run(["shellcheck", "-s", "sh", *glob.glob(os.path.join(ROOT, "deploy", "kibana", "*.sh"))])
