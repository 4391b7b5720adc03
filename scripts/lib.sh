# shellcheck shell=bash
# scripts/lib.sh: what every MiniTwit script shares: settings, PostgreSQL, migrations,
# handlers and nginx for one instance. Source it; it changes nothing by itself.

MT_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Settings (README "Configuration"): an instance is its data folder plus its two ports.
: "${MINITWIT_DATA_DIR:=$MT_ROOT/.data}"
: "${MINITWIT_WEB_PORT:=8080}"
: "${MINITWIT_API_PORT:=5001}"
: "${MINITWIT_BIND:=127.0.0.1}"
: "${MINITWIT_BUILD_DIR:=$MT_ROOT/build}"
: "${MINITWIT_PROCS:=3}"   # per busy handler: 2 cores plus one to cover PostgreSQL waits (docs/performance.md)
: "${MINITWIT_PROCS_LIGHT:=2}"  # per handler used now and then (sign-in, follow links, health)
: "${MINITWIT_PG_PORT:=5432}"   # PostgreSQL listens on a unix socket in the data folder only
: "${MINITWIT_PG_FSYNC:=on}"
: "${MINITWIT_SIGNIN_RATE:=30r/m}"  # sign-in/sign-up POSTs per client address (nginx limit_req)
: "${MINITWIT_SIGNIN_BURST:=20}"
export MINITWIT_DATA_DIR MINITWIT_WEB_PORT MINITWIT_API_PORT MINITWIT_BIND MINITWIT_BUILD_DIR \
  MINITWIT_PROCS MINITWIT_PROCS_LIGHT MINITWIT_PG_PORT MINITWIT_PG_FSYNC MINITWIT_SIGNIN_RATE MINITWIT_SIGNIN_BURST

MINITWIT_DATA_DIR=$(mkdir -p "$MINITWIT_DATA_DIR" && cd "$MINITWIT_DATA_DIR" && pwd)
# Backups live beside the data folder, not in it: they must outlive the instance (in production
# point MINITWIT_BACKUP_DIR at another host's storage).
: "${MINITWIT_BACKUP_DIR:=$MINITWIT_DATA_DIR-backups}"
export MINITWIT_BACKUP_DIR
MT_WAL_ARCHIVE=$MINITWIT_BACKUP_DIR/wal
MT_RUN=$MINITWIT_DATA_DIR/run
MT_LOGS=$MINITWIT_DATA_DIR/logs
MT_PGDATA=$MINITWIT_DATA_DIR/pg/data
MT_PGSOCK=$MINITWIT_DATA_DIR/pg/sock
MT_PGBIN=/usr/lib/postgresql/15/bin
MT_NGINX=$MINITWIT_DATA_DIR/nginx

# Every handler binary, named after its source as CMakeLists.txt does (handlers/api/msgs.cpp is
# api_msgs); nginx/*.in name their sockets the same way.
MT_HANDLERS=()
for _src in "$MT_ROOT"/handlers/*.cpp "$MT_ROOT"/handlers/*/*.cpp; do
  _rel=${_src#"$MT_ROOT"/handlers/}
  _rel=${_rel%.cpp}
  MT_HANDLERS+=("${_rel//\//_}")
done
unset _src _rel

export MINITWIT_DATABASE_URL="host=$MT_PGSOCK port=$MINITWIT_PG_PORT dbname=minitwit user=minitwit connect_timeout=2"
export MINITWIT_SESSION_SECRET_FILE=$MINITWIT_DATA_DIR/session_secret
export MINITWIT_METRICS_FILE=$MT_RUN/metrics.shm
export MINITWIT_CHANGES_FILE=$MT_RUN/changes.shm
export MINITWIT_TEMPLATE_DIR=$MT_ROOT/templates

mt_say() { printf '%s\n' "$*" >&2; }
mt_die() { mt_say "error: $*"; exit 1; }

# Runs a command as the postgres user when we are root (PostgreSQL refuses to run as root).
mt_as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

mt_dirs() {
  mkdir -p "$MT_RUN" "$MT_LOGS" "$MINITWIT_DATA_DIR/pg" "$MT_NGINX/tmp" "$MINITWIT_DATA_DIR/bin"
  chmod 755 "$MINITWIT_DATA_DIR"   # mktemp -d makes 700; the postgres user must get through
  mkdir -p "$MT_WAL_ARCHIVE"
  if [ "$(id -u)" = 0 ]; then
    mkdir -p "$MT_LOGS/postgresql" "$MT_PGSOCK"
    chown postgres: "$MINITWIT_DATA_DIR/pg" "$MT_PGSOCK" "$MT_LOGS/postgresql" "$MT_WAL_ARCHIVE"
  fi
  if [ ! -s "$MINITWIT_SESSION_SECRET_FILE" ]; then
    (umask 077 && head -c 48 /dev/urandom | base64 -w0 >"$MINITWIT_SESSION_SECRET_FILE")
  fi
}

# ---- PostgreSQL ------------------------------------------------------------------------

mt_psql_super() { psql -X -q -v ON_ERROR_STOP=1 "host=$MT_PGSOCK port=$MINITWIT_PG_PORT dbname=postgres user=postgres" "$@"; }
mt_psql() { psql -X -v ON_ERROR_STOP=1 "$MINITWIT_DATABASE_URL" "$@"; }
# What a script that wrote to the database behind the handlers' back runs afterwards: every
# handler process stops reusing answers it computed before (shared/cache, data-changed).
mt_data_changed() {
  if [ -x "$MINITWIT_BUILD_DIR/data-changed" ]; then
    "$MINITWIT_BUILD_DIR/data-changed" "$MINITWIT_CHANGES_FILE"
  elif [ -e "$MINITWIT_CHANGES_FILE" ]; then
    mt_say "warning: no $MINITWIT_BUILD_DIR/data-changed; cached answers may lag for up to ${MINITWIT_CACHE_MAX_AGE_MS:-1000} ms"
  fi
}

mt_pg_running() { mt_as_pg "$MT_PGBIN/pg_ctl" status -D "$MT_PGDATA" >/dev/null 2>&1; }

mt_pg_start() {
  mt_dirs
  if [ ! -s "$MT_PGDATA/PG_VERSION" ]; then
    mt_say "initialising PostgreSQL in $MT_PGDATA"
    mt_as_pg "$MT_PGBIN/initdb" -D "$MT_PGDATA" -U postgres --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$MT_LOGS/initdb.log" 2>&1 ||
      mt_die "initdb failed, see $MT_LOGS/initdb.log"
    echo "include 'minitwit.conf'" | mt_as_pg tee -a "$MT_PGDATA/postgresql.conf" >/dev/null
  fi
  # The project's settings, refreshed on every start.
  sed -e "s|@PGSOCK@|$MT_PGSOCK|; s|@PGLOGS@|$MT_LOGS/postgresql|; s|@FSYNC@|$MINITWIT_PG_FSYNC|; s|@WAL_ARCHIVE@|$MT_WAL_ARCHIVE|g" \
    "$MT_ROOT/sql/postgresql.conf" | mt_as_pg tee "$MT_PGDATA/minitwit.conf" >/dev/null
  mt_pg_running && return 0
  mt_as_pg "$MT_PGBIN/pg_ctl" start -w -t 60 -D "$MT_PGDATA" -o "-p $MINITWIT_PG_PORT" \
    -l "$MT_LOGS/postgresql/startup.log" >/dev/null || mt_die "PostgreSQL did not start, see $MT_LOGS/postgresql/"
}

mt_pg_stop() {
  mt_pg_running || return 0
  mt_as_pg "$MT_PGBIN/pg_ctl" stop -w -t 60 -m fast -D "$MT_PGDATA" >/dev/null
}

# Applies sql/roles.sql, then each sql/migrations/NNN_*.sql not yet recorded, in order, each in
# one transaction together with its record in schema_migrations.
mt_migrate() {
  mt_psql_super -f "$MT_ROOT/sql/roles.sql" >/dev/null
  mt_psql -q -c "SET client_min_messages = warning; CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())" >/dev/null
  local f v applied=0
  for f in "$MT_ROOT"/sql/migrations/*.sql; do
    v=$(basename "$f" .sql)
    if [ -z "$(mt_psql -At -c "SELECT 1 FROM schema_migrations WHERE version = '$v'")" ]; then
      mt_say "migrating: $v"
      mt_psql -q -1 -c "SET client_min_messages = warning" -f "$f" \
        -c "INSERT INTO schema_migrations (version) VALUES ('$v')" >/dev/null
      applied=1
    fi
  done
  [ "$applied" = 0 ] || mt_data_changed  # a migration may rewrite rows under running handlers
}

# ---- handlers --------------------------------------------------------------------------

# True while process $1 exists and is not a zombie (init here reaps orphans late).
mt_alive() {
  local stat
  stat=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [ -n "$stat" ] && [ "${stat:0:1}" != Z ]
}

mt_handler_pid() { cat "$MT_RUN/$1.pid" 2>/dev/null; }

# The handlers every page view or simulator request goes through get MINITWIT_PROCS workers;
# the rest MINITWIT_PROCS_LIGHT. calibrate is the bench's ceiling: it matches the busy ones.
MT_BUSY_HANDLERS=" api_msgs api_msgs_user api_fllws api_register web_public_timeline web_user_timeline web_timeline calibrate "
mt_procs() {
  case "$MT_BUSY_HANDLERS" in
    *" $1 "*) printf '%s\n' "$MINITWIT_PROCS" ;;
    *) printf '%s\n' "$MINITWIT_PROCS_LIGHT" ;;
  esac
}

# The environment of a handler process, beyond the MINITWIT_* settings (docs/performance.md):
# glibc keeps up to 1,000 freed blocks per size for reuse (the default 7 makes every page
# render fall through to the slower allocator paths), and GnuTLS, which libpq's LDAP support
# loads but MiniTwit never uses, skips its global initialisation (about 1 MB of memory).
mt_handler_env() {
  printf 'GLIBC_TUNABLES=%s\n' "${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}glibc.malloc.tcache_count=1000"
  printf 'GNUTLS_NO_IMPLICIT_INIT=1\n'
  printf 'MINITWIT_PROCS=%s\n' "$(mt_procs "$1")"
}

# Asks the processes behind socket $1 whether they can serve (a FastCGI request with MT_PROBE,
# answered by fcgi::serve itself: 200 when it reaches PostgreSQL). nginx never sends MT_PROBE.
mt_probe() {
  env -i MT_PROBE=1 REQUEST_METHOD=GET DOCUMENT_URI=/probe timeout 5 \
    cgi-fcgi -bind -connect "$1" </dev/null 2>/dev/null | head -n 1 | grep -q '^Status: 200'
}

# Copies binary $2 of handler $1 to $MINITWIT_DATA_DIR/bin/<name>-<sha256 prefix> (a new inode:
# later builds never touch a running binary) and prints that path.
mt_install_binary() {
  local name=$1 bin=$2 sum dest
  sum=$(sha256sum "$bin" | cut -c1-12)
  dest=$MINITWIT_DATA_DIR/bin/$name-$sum
  if [ ! -x "$dest" ]; then
    install -m 755 "$bin" "$dest.tmp.$$" && mv -f "$dest.tmp.$$" "$dest"
  fi
  printf '%s\n' "$dest"
}

# Starts a generation of handler $1 from binary $2 (default: the build's) on a fresh socket,
# checks that it answers the readiness probe, then renames its socket over the live one: nginx
# connects to the new processes from then on. The old generation (if any) keeps running; the
# caller stops it. Returns 1, leaving everything as it was, if the new one is not ready in 5 s.
mt_handler_start() {
  local name=$1 src=${2:-$MINITWIT_BUILD_DIR/handlers/$1}
  local sock=$MT_RUN/$name.sock.new pidf=$MT_RUN/$name.pid.new pid bin
  [ -x "$src" ] || { mt_say "no such binary: $src"; return 1; }
  bin=$(mt_install_binary "$name" "$src")
  rm -f "$sock" "$pidf"
  local -a henv
  mapfile -t henv < <(mt_handler_env "$name")
  env "${henv[@]}" MINITWIT_SOCKET="$sock" MINITWIT_PIDFILE="$pidf" setsid "$bin" \
    </dev/null >>"$MT_LOGS/$name.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    [ -s "$pidf" ] && [ -S "$sock" ] && mt_probe "$sock" && break
    mt_alive "$pid" || break
    sleep 0.05
  done
  if ! [ -s "$pidf" ] || ! mt_alive "$pid" || ! mt_probe "$sock"; then
    kill -TERM "$pid" 2>/dev/null
    rm -f "$sock" "$pidf"
    mt_say "handler $name did not start or is not ready (see $MT_LOGS/$name.log)"
    return 1
  fi
  mv -f "$sock" "$MT_RUN/$name.sock"
  mv -f "$pidf" "$MT_RUN/$name.pid"
  printf '%s\n' "$bin" >>"$MINITWIT_DATA_DIR/bin/$name.history"
}

# Stops master pid $1 gracefully (its workers finish and drain), waiting up to 35 s.
mt_stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 700); do
    mt_alive "$pid" || return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null
}

mt_handlers_start() {
  local h
  for h in "${MT_HANDLERS[@]}"; do
    if [ -n "$(mt_handler_pid "$h")" ] && mt_alive "$(mt_handler_pid "$h")"; then continue; fi
    mt_handler_start "$h" || return 1
  done
}

mt_handlers_stop() {
  local h
  for h in "${MT_HANDLERS[@]}"; do
    mt_stop_pid "$(mt_handler_pid "$h")" &
  done
  wait
  for h in "${MT_HANDLERS[@]}"; do rm -f "$MT_RUN/$h.pid" "$MT_RUN/$h.sock"; done
}

# ---- nginx -----------------------------------------------------------------------------

mt_render() {  # template -> output with the instance's paths, ports and limits
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  [[ $MINITWIT_SIGNIN_RATE =~ ^[0-9]+r/[sm]$ ]] || mt_die "MINITWIT_SIGNIN_RATE: like 30r/m"
  [[ $MINITWIT_SIGNIN_BURST =~ ^[0-9]+$ ]] || mt_die "MINITWIT_SIGNIN_BURST: a number"
  sed -e "s|@ROOT@|$MT_ROOT|g; s|@DATA@|$MINITWIT_DATA_DIR|g; s|@RUN@|$MT_RUN|g" \
    -e "s|@CONF@|$MT_NGINX|g; s|@WEB_PORT@|$MINITWIT_WEB_PORT|g; s|@API_PORT@|$MINITWIT_API_PORT|g" \
    -e "s|@BIND@|$MINITWIT_BIND|g; s|@USER@|$user_line|g; s|@PREFIX@|${3:-}|g" \
    -e "s|@SIGNIN_RATE@|$MINITWIT_SIGNIN_RATE|g; s|@SIGNIN_BURST@|$MINITWIT_SIGNIN_BURST|g" \
    "$1" >"$2"
}

mt_nginx_conf() {
  mt_dirs
  mt_render "$MT_ROOT/nginx/nginx.conf.in" "$MT_NGINX/nginx.conf"
  mt_render "$MT_ROOT/nginx/api_handler.conf.in" "$MT_NGINX/api_handler.conf"
  mt_render "$MT_ROOT/nginx/api_locations.conf.in" "$MT_NGINX/api_root.conf" ""
  mt_render "$MT_ROOT/nginx/api_locations.conf.in" "$MT_NGINX/api_prefixed.conf" "/api"
  mt_render "$MT_ROOT/nginx/ops_locations.conf.in" "$MT_NGINX/ops_locations.conf"
  nginx -t -q -p "$MT_NGINX" -c "$MT_NGINX/nginx.conf" -e "$MT_LOGS/nginx_error.log"
}

mt_nginx_running() { [ -s "$MT_RUN/nginx.pid" ] && mt_alive "$(cat "$MT_RUN/nginx.pid")"; }

mt_nginx_start() {
  mt_nginx_conf || mt_die "nginx configuration is invalid"
  if mt_nginx_running; then
    nginx -p "$MT_NGINX" -c "$MT_NGINX/nginx.conf" -e "$MT_LOGS/nginx_error.log" -s reload
  else
    nginx -p "$MT_NGINX" -c "$MT_NGINX/nginx.conf" -e "$MT_LOGS/nginx_error.log" ||
      mt_die "nginx did not start (ports $MINITWIT_WEB_PORT/$MINITWIT_API_PORT in use?)"
  fi
}

mt_nginx_stop() {
  mt_nginx_running || return 0
  local pid
  pid=$(cat "$MT_RUN/nginx.pid")
  nginx -p "$MT_NGINX" -c "$MT_NGINX/nginx.conf" -e "$MT_LOGS/nginx_error.log" -s quit 2>/dev/null
  mt_stop_pid "$pid"
}

# ---- the whole instance ----------------------------------------------------------------

mt_wait_health() {
  for _ in $(seq 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$MINITWIT_WEB_PORT/health" 2>/dev/null && return 0
    sleep 0.1
  done
  mt_say "the site did not become healthy: see $MT_LOGS/"
  return 1
}

mt_start_all() {
  mt_pg_start
  mt_migrate
  mt_handlers_start || mt_die "a handler did not start"
  mt_nginx_start
  mt_wait_health
}

mt_stop_all() {
  mt_nginx_stop
  mt_handlers_stop
  mt_pg_stop
}
