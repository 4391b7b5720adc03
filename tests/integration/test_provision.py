"""Provisioning and deployment, checked offline (no cloud, no Docker engine): the cloud-init
user data (cloud-init schema, raw and as the playbook renders it), the Ansible playbook
(syntax check, module options against ansible-doc), yamllint, shellcheck, and scripts/deploy
(--dry-run shows every command; without Docker or settings it fails with a message).
Needs no running instance. A validator that is missing fails the test: nothing is skipped."""
import json
import os
import re
import shutil
import subprocess

import pytest
import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROVISION = os.path.join(ROOT, "deploy", "provision")
USER_DATA = ["manager.yaml", "worker.yaml"]
PLAYBOOKS = ["playbook.yml", "render.yml"]
SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIProvisionTestKeyOnlyNotARealKeyAtAll test@minitwit"
# Never an engine: a deploy that got past its checks must not find one by accident.
NO_ENGINE = "unix:///nonexistent/minitwit-test/docker.sock"
# Dry runs never connect; the address is loopback all the same.
MANAGER = "127.0.0.1"
REGISTRY = "registry.example.org/minitwit"


def tool(name):
    path = shutil.which(name)
    assert path, f"{name} is not installed: run scripts/install-deps --test"
    return path


def run(cmd, env=None, cwd=ROOT, check=True):
    p = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True,
                       text=True, timeout=300, stdin=subprocess.DEVNULL)
    if check:
        assert p.returncode == 0, f"{cmd} exited {p.returncode}\n{p.stdout}\n{p.stderr}"
    return p


def ansible_env():
    return {"DO_API_TOKEN": "dummy-token", "MINITWIT_SSH_PUBLIC_KEY": SSH_KEY,
            "MINITWIT_REGISTRY": REGISTRY, "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "false"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The user data exactly as the playbook's template lookup makes it (render.yml)."""
    out = tmp_path_factory.mktemp("user-data")
    run([tool("ansible-playbook"), "-i", f"{PROVISION}/inventory.yml", f"{PROVISION}/render.yml",
         "-e", f"render_dir={out}", "-e", "preview_join_token=SWMTKN-1-test-token",
         "-e", "preview_manager_addr=10.110.16.2"], env=ansible_env())
    return {name: out / name for name in USER_DATA}


# ---- cloud-init ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", USER_DATA)
def test_user_data_template_is_valid_cloud_config(name):
    p = run([tool("cloud-init"), "schema", "--config-file", f"{PROVISION}/cloud-init/{name}"])
    assert "Valid cloud-config" in p.stdout


@pytest.mark.parametrize("name", USER_DATA)
def test_rendered_user_data_is_valid_cloud_config(rendered, name):
    p = run([tool("cloud-init"), "schema", "--config-file", str(rendered[name])])
    assert "Valid cloud-config" in p.stdout


@pytest.mark.parametrize("name", USER_DATA)
def test_rendered_user_data_hardens_the_host(rendered, name):
    text = rendered[name].read_text()
    assert text.startswith("#cloud-config\n")
    assert "{{" not in text and "{%" not in text, "a Jinja expression was left unrendered"
    ud = yaml.safe_load(text)
    # Docker from the distribution; a non-root deploy user, key only, in the docker group.
    assert "docker.io" in ud["packages"]
    [user] = ud["users"]
    assert user["name"] == "deploy" and user["lock_passwd"] is True
    assert user["ssh_authorized_keys"] == [SSH_KEY]
    assert "sudo" not in user
    assert ["usermod", "--append", "--groups", "docker", "deploy"] in ud["runcmd"]
    assert ud["ssh_pwauth"] is False and ud["disable_root"] is True
    sshd = next(f["content"] for f in ud["write_files"] if f["path"].startswith("/etc/ssh/"))
    for line in ["PermitRootLogin no", "PasswordAuthentication no", "AllowUsers deploy"]:
        assert line in sshd.splitlines()
    # ufw: the world gets 22/80/443 only; the swarm ports only from the private network.
    ufw = [c for c in ud["runcmd"] if isinstance(c, list) and c[0] == "ufw"]
    assert ["ufw", "default", "deny", "incoming"] in ufw
    world = sorted(c[2] for c in ufw if c[1] == "allow" and c[2] != "from")
    assert world == ["22/tcp", "443/tcp", "80/tcp"]
    private = sorted((c[7], c[9]) for c in ufw if c[1:3] == ["allow", "from"])
    assert private == [("2377", "tcp"), ("4789", "udp"), ("7946", "tcp"), ("7946", "udp")]
    assert all(c[3] == "10.110.16.0/20" for c in ufw if c[1:3] == ["allow", "from"])
    assert ufw[-1] == ["ufw", "--force", "enable"]


def test_rendered_user_data_forms_the_swarm(rendered):
    manager = "\n".join(c for c in yaml.safe_load(rendered["manager.yaml"].read_text())["runcmd"]
                        if isinstance(c, str))
    worker = "\n".join(c for c in yaml.safe_load(rendered["worker.yaml"].read_text())["runcmd"]
                       if isinstance(c, str))
    assert re.search(r'docker swarm init --advertise-addr "\$addr"', manager)
    assert "169.254.169.254/metadata/v1/interfaces/private/0/ipv4/address" in manager
    assert re.search(r'docker swarm join --token "SWMTKN-1-test-token" --advertise-addr "\$addr" '
                     r'\\\s+"10.110.16.2:2377"', worker)


def test_no_secret_in_the_repository():
    for dirpath, _, files in os.walk(PROVISION):
        for f in files:
            text = open(os.path.join(dirpath, f)).read()
            assert not re.search(r"SWMTKN-1-[0-9a-z]{40,}", text), f"a swarm token in {f}"
            assert "PRIVATE KEY" not in text, f
            assert not re.search(r"\bdop_v1_[0-9a-f]{20,}", text), f"a DO token in {f}"


# ---- Ansible ------------------------------------------------------------------------------

def test_ansible_ships_the_collections():
    out = run([tool("ansible-galaxy"), "collection", "list"]).stdout
    for collection in ["community.digitalocean", "community.docker"]:
        assert re.search(rf"^{re.escape(collection)}\s+\d", out, re.M), collection


@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_playbook_syntax(playbook):
    # --syntax-check also resolves every module name, so a missing collection fails here.
    p = run([tool("ansible-playbook"), "--syntax-check", "-i", f"{PROVISION}/inventory.yml",
             f"{PROVISION}/{playbook}"], env=ansible_env())
    assert f"playbook: {PROVISION}/{playbook}" in p.stdout


class AnsibleLoader(yaml.SafeLoader):
    """Reads playbooks: Ansible's !unsafe marks a plain string that Jinja must not touch."""


AnsibleLoader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def _tasks(playbook):
    for play in yaml.load(open(f"{PROVISION}/{playbook}"), Loader=AnsibleLoader):
        yield from play.get("tasks", [])


TASK_KEYWORDS = {"name", "register", "loop", "loop_control", "when", "until", "retries", "delay", "vars",
                 "environment", "changed_when", "no_log", "tags", "notify", "become"}


@pytest.mark.parametrize("playbook", PLAYBOOKS)
def test_playbook_uses_only_documented_module_options(playbook):
    """ansible-playbook accepts any option name until the task runs; ansible-doc knows them."""
    uses = {}
    for task in _tasks(playbook):
        [module] = [k for k in task if k not in TASK_KEYWORDS]
        args = task[module]
        if isinstance(args, dict) and module != "ansible.builtin.add_host":
            uses.setdefault(module, set()).update(args)
    docs = json.loads(run([tool("ansible-doc"), "-j", *uses]).stdout)
    for module, options in uses.items():
        known = set(docs[module]["doc"]["options"])
        for spec in docs[module]["doc"]["options"].values():
            known.update(spec.get("aliases", []))
        assert options <= known, f"{module}: unknown options {sorted(options - known)}"


def test_playbook_takes_secrets_from_the_environment():
    group_vars = yaml.safe_load(open(f"{PROVISION}/group_vars/all.yml"))
    assert "lookup('ansible.builtin.env', 'DO_API_TOKEN')" in group_vars["do_token"]
    assert "'MINITWIT_SSH_PUBLIC_KEY'" in group_vars["deploy_ssh_key"]
    tasks = {t["name"]: t for t in _tasks("playbook.yml")}
    cloud = [(t["name"], args) for t in tasks.values() for module, args in t.items()
             if module.startswith("community.digitalocean.")]
    assert len(cloud) == 6
    for name, args in cloud:
        assert args["oauth_token"] == "{{ do_token }}", name
    deploy = tasks["Deploy the stack"]["ansible.builtin.command"]["cmd"]
    assert "docker stack deploy" in deploy and "-c deploy/stack.yml" in deploy


def test_playbook_fails_clearly_without_the_environment(tmp_path):
    env = {k: "" for k in ansible_env() if k.startswith(("DO_", "MINITWIT_"))}
    p = run([tool("ansible-playbook"), "-i", f"{PROVISION}/inventory.yml",
             f"{PROVISION}/playbook.yml"], env=env, check=False)
    assert p.returncode != 0
    assert "Set DO_API_TOKEN" in p.stdout, p.stdout


# ---- yamllint, shellcheck -----------------------------------------------------------------

def _our_yaml():
    return [os.path.join(d, f) for d, _, fs in os.walk(PROVISION) for f in fs
            if f.endswith((".yml", ".yaml"))]


def test_yamllint_relaxed(rendered):
    files = _our_yaml() + [str(p) for p in rendered.values()]
    p = run([tool("yamllint"), "-f", "parsable", "-d", "relaxed", *files], check=False)
    assert p.returncode == 0, p.stdout
    # Stricter on the files we write: the project's 100 columns, no warning at all.
    strict = "{extends: relaxed, rules: {line-length: {max: 100}}}"
    p = run([tool("yamllint"), "-s", "-f", "parsable", "-d", strict, *_our_yaml()], check=False)
    assert p.returncode == 0, p.stdout


def test_shellcheck_deploy():
    run([tool("shellcheck"), "scripts/deploy"])


# ---- scripts/deploy -----------------------------------------------------------------------

def deploy(*args, env=None, cwd=ROOT, check=True):
    base = {"MINITWIT_REGISTRY": REGISTRY, "MINITWIT_MANAGER": MANAGER, "DOCKER_HOST": NO_ENGINE}
    return run([f"{cwd}/scripts/deploy", *args], env={**base, **(env or {})}, cwd=cwd,
               check=check)


def commands(out):
    return [line[2:] for line in out.splitlines() if line.startswith("+ ")]


def index_of(cmds, pattern):
    hits = [i for i, c in enumerate(cmds) if re.search(pattern, c)]
    assert len(hits) == 1, f"{pattern!r} matched {len(hits)} commands:\n" + "\n".join(cmds)
    return hits[0]


def tagged_services(stack_file, kind):
    """Services running an image we build: "rolling" (update_config rolls back on failure: the
    handler services) or "job" (runs to completion, e.g. migrate)."""
    out = []
    for name, s in yaml.safe_load(open(stack_file))["services"].items():
        if "MINITWIT_TAG" not in s.get("image", ""):
            continue
        d = s.get("deploy") or {}
        if (d.get("update_config") or {}).get("failure_action") == "rollback":
            out += [name] if kind == "rolling" else []
        elif (d.get("restart_policy") or {}).get("condition", "any") != "any":
            out += [name] if kind == "job" else []
    return out


def check_rollout(cmds, rev, services, images, jobs=()):
    remote = f"env DOCKER_HOST=ssh://deploy@{MANAGER} "
    r = re.escape
    for image in images:
        built = index_of(cmds, rf"^git archive --format=tar HEAD:\S* \| docker build --file \S+ "
                               rf"--tag {r(image)}:{r(rev)} -$")
        pushed = index_of(cmds, rf"^docker push {r(image)}:{r(rev)}$")
        assert built < pushed
    # A placeholder revision of a dry rollback (<previous>) comes quoted.
    ran = [index_of(cmds, rf"^{r(remote)}docker service update --detach --with-registry-auth "
                          rf"--image '?{r(REGISTRY)}/[^: ]+:{r(rev)}'? minitwit_{r(j)}$")
           for j in jobs]
    waited = [index_of(cmds, rf"^{r(remote)}docker service ps --no-trunc --format "
                             rf"'\{{\{{\.Image}}}} \{{\{{\.CurrentState}}}}' minitwit_{r(j)}$")
              for j in jobs]
    updates = [index_of(cmds, rf"^{r(remote)}docker service update --detach=false "
                              rf"--with-registry-auth --image '?{r(REGISTRY)}/[^: ]+:{r(rev)}'? "
                              rf"minitwit_{r(s)}$") for s in services]
    assert updates == sorted(updates), "one service after the other, in stack order"
    assert all(a < b for a, b in zip(ran, waited)), "each job is started, then waited for"
    assert all(w < min(updates) for w in waited), "migrations complete before the handlers"
    stack = index_of(cmds, rf"^env MINITWIT_REGISTRY={r(REGISTRY)} '?MINITWIT_TAG={r(rev)}'? "
                           rf"DOCKER_HOST=ssh://deploy@{r(MANAGER)} docker stack deploy "
                           rf"--with-registry-auth --prune -c deploy/stack.yml minitwit$")
    assert max(updates) < stack
    return stack


def test_deploy_dry_run_on_the_real_stack():
    stack_file = f"{ROOT}/deploy/stack.yml"
    assert os.path.exists(stack_file), "deploy/stack.yml is missing"
    rev = run(["git", "rev-parse", "--short", "HEAD"]).stdout.strip()
    p = deploy("--dry-run")
    cmds = commands(p.stdout)
    services = tagged_services(stack_file, "rolling")
    assert services, "deploy/stack.yml has no handler service (update_config failure_action: " \
                     "rollback) running an image tagged ${MINITWIT_TAG}"
    jobs = tagged_services(stack_file, "job")
    images = {re.sub(r":\$\{MINITWIT_TAG[^}]*\}$", "",
                     re.sub(r"\$\{MINITWIT_REGISTRY[^}]*\}", REGISTRY, image))
              for image in (yaml.safe_load(open(stack_file))["services"][s]["image"]
                            for s in services + jobs)}
    stack = check_rollout(cmds, rev, services, images, jobs)
    label = index_of(cmds, r"docker node update --label-add 'minitwit\.revisions=.* "
                           rf"{re.escape(rev)}'")
    assert stack < label
    assert "none was run" in p.stderr


FAKE_STACK = """\
version: "3.8"
x-rolling: &rolling
  update_config: {parallelism: 1, order: start-first, failure_action: rollback}
services:
  migrate:
    image: ${MINITWIT_REGISTRY:-minitwit}/app:${MINITWIT_TAG:-latest}
    deploy: {restart_policy: {condition: on-failure}}
  api_msgs:
    image: ${MINITWIT_REGISTRY:-minitwit}/app:${MINITWIT_TAG:-latest}
    build: {context: .., dockerfile: deploy/app.Dockerfile}
    deploy: *rolling
  web_timeline:
    image: ${MINITWIT_REGISTRY}/app:${MINITWIT_TAG}
    deploy: *rolling
  nginx:
    image: ${MINITWIT_REGISTRY}/nginx:${MINITWIT_TAG}
    deploy: *rolling
  exporter:
    image: ${MINITWIT_REGISTRY}/app:${MINITWIT_TAG}
  postgres:
    image: postgres:15
"""
FAKE_COMPOSE = """\
services:
  nginx:
    build: {context: ., dockerfile: deploy/nginx.Dockerfile}
"""


@pytest.fixture()
def fake_repo(tmp_path):
    """A repository with a known stack: services sharing an image, a build: found only in
    docker-compose.yml, and a service we do not build."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "deploy").mkdir()
    shutil.copy(f"{ROOT}/scripts/deploy", tmp_path / "scripts" / "deploy")
    (tmp_path / "deploy" / "stack.yml").write_text(FAKE_STACK)
    (tmp_path / "docker-compose.yml").write_text(FAKE_COMPOSE)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    run(git + ["init", "-q"], cwd=tmp_path)
    run(git + ["add", "."], cwd=tmp_path)
    run(git + ["commit", "-qm", "fake"], cwd=tmp_path)
    return tmp_path


def test_deploy_dry_run_builds_each_image_once_and_updates_each_service(fake_repo):
    rev = run(["git", "rev-parse", "--short", "HEAD"], cwd=fake_repo).stdout.strip()
    cmds = commands(deploy("--dry-run", cwd=fake_repo).stdout)
    check_rollout(cmds, rev, ["api_msgs", "web_timeline", "nginx"],
                  [f"{REGISTRY}/app", f"{REGISTRY}/nginx"], ["migrate"])
    assert not any(c.endswith(" minitwit_exporter") for c in cmds), "left to stack deploy"
    assert f"git archive --format=tar HEAD: | docker build --file deploy/nginx.Dockerfile " \
           f"--tag {REGISTRY}/nginx:{rev} -" in cmds
    assert not any("postgres" in c for c in cmds)


def test_deploy_rollback_dry_run_goes_to_the_previous_revision(fake_repo):
    p = deploy("--rollback", "--dry-run", cwd=fake_repo)
    cmds = commands(p.stdout)
    assert not any("docker build" in c or "docker push" in c for c in cmds)
    read = index_of(cmds, r"docker node inspect --format '\{\{index \.Spec\.Labels "
                          r"\"minitwit\.revisions\"\}\}'")
    stack = check_rollout(cmds, "<previous>", ["api_msgs", "web_timeline", "nginx"], [],
                          ["migrate"])
    label = index_of(cmds, r"docker node update --label-add 'minitwit\.revisions=<older> "
                           r"<previous>'")
    assert read < stack < label


def test_deploy_fails_clearly_without_settings(fake_repo):
    p = deploy(env={"MINITWIT_REGISTRY": ""}, cwd=fake_repo, check=False)
    assert p.returncode == 1 and "MINITWIT_REGISTRY is not set" in p.stderr
    p = deploy(env={"MINITWIT_MANAGER": ""}, cwd=fake_repo, check=False)
    assert p.returncode == 1 and "MINITWIT_MANAGER is not set" in p.stderr
    assert deploy("--bogus", cwd=fake_repo, check=False).returncode == 2


def test_deploy_fails_clearly_without_docker(fake_repo):
    p = deploy(cwd=fake_repo, check=False)
    assert p.returncode == 1
    assert p.stdout == "", "nothing may run before the checks pass"
    if shutil.which("docker"):
        assert f"no Docker engine answers at {NO_ENGINE}" in p.stderr, p.stderr
    else:
        assert "the docker CLI is not installed" in p.stderr, p.stderr
    # Without a docker CLI at all (PATH without it), the message says so.
    bare = fake_repo / "bin"
    bare.mkdir()
    for t in ["bash", "git", "python3", "env", "sed", "dirname", "cat", "paste", "tail"]:
        os.symlink(tool(t), bare / t)
    p = deploy(cwd=fake_repo, env={"PATH": str(bare)}, check=False)
    assert p.returncode == 1 and "the docker CLI is not installed" in p.stderr, p.stderr
