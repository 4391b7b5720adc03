#!/usr/bin/env bash
# tests/integration/instance.sh start|stop BUILD_DIR: the integration tests' own MiniTwit
# (PostgreSQL, every handler, nginx) in a temporary folder on free ports. `start` writes
# BUILD_DIR/instance.env, which the tests and `stop` read.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cmd=$1
build=$(cd "$2" && pwd)
envfile=$build/instance.env

free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case "$cmd" in
  start)
    if [ -f "$envfile" ]; then  # a previous run that was not cleaned up
      set -a; . "$envfile"; set +a
      "$root/scripts/instance" stop || true
      rm -rf "$MINITWIT_DATA_DIR"
    fi
    data=$(mktemp -d /tmp/minitwit-it.XXXXXX)
    # The suite signs up and in from 127.0.0.1 far more often than the production limit
    # allows (30 a minute, nginx.conf.in); test_security_limits.py checks that limit itself.
    cat >"$envfile" <<ENV
MINITWIT_DATA_DIR=$data
MINITWIT_WEB_PORT=$(free_port)
MINITWIT_API_PORT=$(free_port)
MINITWIT_BUILD_DIR=$build
MINITWIT_PROCS=2
MINITWIT_ROOT=$root
MINITWIT_SIGNIN_RATE=100r/s
MINITWIT_SIGNIN_BURST=2000
ENV
    set -a; . "$envfile"; set +a
    "$root/scripts/instance" start
    ;;
  stop)
    [ -f "$envfile" ] || exit 0
    set -a; . "$envfile"; set +a
    "$root/scripts/instance" stop
    # Keep the logs for whoever reads the test output; drop the database.
    mkdir -p "$build/test-logs"
    cp -r "$MINITWIT_DATA_DIR/logs/." "$build/test-logs/" 2>/dev/null || true
    rm -rf "$MINITWIT_DATA_DIR" "$MINITWIT_DATA_DIR-backups" "$envfile"
    ;;
  *) echo "usage: instance.sh start|stop BUILD_DIR" >&2; exit 2 ;;
esac
