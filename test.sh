#!/usr/bin/env bash
# Runs every test: unit, integration and e2e (real Chromium). Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")"

# e2e tests drive Debian's Chromium at /usr/bin/chromium (Playwright cannot download browsers here).
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Chromium (apt)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# PostgreSQL 15 (Debian's package) for the PostgreSQL store suites and the multi-instance tests: a throwaway cluster
# on a free port in a temp folder, run as the postgres user (the server refuses root), stopped by its data folder at
# the end. Without it those tests are skipped with the reason.
PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/postgres" ]; then
  echo "==> installing PostgreSQL 15 (apt)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi
as_postgres() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "cd / && $1"; else sh -c "$1"; fi; }
PG_DIR=$(mktemp -d)
stop_postgres() {
  as_postgres "$PG_BIN/pg_ctl -D '$PG_DIR/data' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_postgres EXIT
PG_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
# fsync off: the cluster lives only as long as this script, and the suites create a database per test.
if as_postgres "$PG_BIN/initdb -D '$PG_DIR/data' -A trust -U postgres" >/dev/null \
  && as_postgres "$PG_BIN/pg_ctl -D '$PG_DIR/data' -l '$PG_DIR/log' -w -o \"-p $PG_PORT -k '$PG_DIR' -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off\" start" >/dev/null; then
  echo "==> PostgreSQL 15 on 127.0.0.1:$PG_PORT ($PG_DIR)"
  export PROCESSSTUDIO_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres"
else
  echo "==> PostgreSQL could not be started ($PG_DIR/log); its tests are skipped"
fi

# One Release build of the whole solution; the e2e fixture starts ProcessStudio.Web from its Release output.
echo "==> building"
dotnet build ProcessStudio.sln -c Release -nologo -v q

echo "==> testing"
mkdir -p artifacts/test-results
status=0
for project in tests/*/ e2e/*/; do
  dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$(basename "$project").trx" --results-directory artifacts/test-results || status=1
done

# One closing line over every project, from the trx files.
python3 - <<'PY' || true
import glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob("artifacts/test-results/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0))
    skipped += int(c.get("total", 0)) - int(c.get("executed", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
