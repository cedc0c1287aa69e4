# Sourced by test.sh and bench/scaleout.sh: installs PostgreSQL 15 from Debian's packages when missing, and starts a
# throwaway cluster on a free port in a temp folder as the postgres user (the server refuses root). The cluster is
# stopped by its own data folder, and the folder deleted, when the calling script exits.
# After start_throwaway_postgres [server options...]: PG_CONNECTION is a connection string to its "postgres" database.
PG_BIN=/usr/lib/postgresql/15/bin

install_postgres_if_missing() {
  [ -x "$PG_BIN/postgres" ] && return 0
  echo "==> installing PostgreSQL 15 (apt)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
}

as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "cd / && $1"; else sh -c "$1"; fi; }

stop_throwaway_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_postgres "$PG_BIN/pg_ctl -D '$PG_DIR/data' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}

# Returns non-zero (and leaves PG_CONNECTION empty) when the cluster cannot be started.
start_throwaway_postgres() {
  install_postgres_if_missing || return 1
  PG_DIR=$(mktemp -d)
  trap stop_throwaway_postgres EXIT
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb -D '$PG_DIR/data' -A trust -U postgres" >/dev/null || return 1
  as_postgres "$PG_BIN/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/log' -w -o \"-p $port -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c max_connections=400 $*\" start" >/dev/null || return 1
  PG_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "==> PostgreSQL 15 on 127.0.0.1:$port ($PG_DIR)"
}
