#!/usr/bin/env bash
# A private PostgreSQL for the test command (sourced by test.sh and bench.sh): Debian's package, installed when missing,
# on its own data folder and port, as the postgres user (the server refuses to run as root), reachable on 127.0.0.1
# only. start_postgres exports STAFFSYNC_TEST_DATABASE_URL and fails loudly if the server does not come up;
# stop_postgres stops it and removes its folder.
PG_BIN=/usr/lib/postgresql/15/bin

start_postgres() {
  if [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "==> installing Debian's postgresql"
    local sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  PG_DIR="$(mktemp -d /tmp/staffsync-pg.XXXXXX)" || return 1
  # A port nothing listens on, picked by the kernel.
  PG_PORT="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  local as=()
  if [ "$(id -u)" = 0 ]; then
    chown postgres:postgres "$PG_DIR"
    as=(runuser -u postgres --)
  fi
  chmod 700 "$PG_DIR"
  "${as[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log"; echo "PostgreSQL: initdb failed" >&2; return 1; }
  # Throwaway data: no fsync. Enough connections for three workers and the tests' stores.
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$PG_DIR/server.log"; echo "PostgreSQL did not start" >&2; return 1; }
  export STAFFSYNC_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "==> PostgreSQL on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    local as=()
    if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); fi
    "${as[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
