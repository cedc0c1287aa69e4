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

# PostgreSQL 15 (Debian's package) for the PostgreSQL store suites and the multi-instance tests: a throwaway cluster,
# stopped by its data folder when this script exits. fsync off: it lives only as long as this script, and the suites
# create a database per test. Without it those tests are skipped with the reason.
source scripts/throwaway-postgres.sh
if start_throwaway_postgres "-c fsync=off"; then
  export PROCESSSTUDIO_TEST_POSTGRES="$PG_CONNECTION"
else
  echo "==> PostgreSQL could not be started; its tests are skipped"
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
