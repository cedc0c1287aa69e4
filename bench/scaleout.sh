#!/usr/bin/env bash
# Aggregate durable steps/s of 1 SQLite instance and 1, 2, 3 instances on one PostgreSQL 15 (docs/performance.md).
# Starts a throwaway cluster with PostgreSQL's default durability (fsync and synchronous_commit on), stopped at the end.
# Usage: bench/scaleout.sh [runs=240] [nodes=20]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/throwaway-postgres.sh
start_throwaway_postgres
export PROCESSSTUDIO_BENCH_POSTGRES="$PG_CONNECTION"
dotnet run -c Release --project bench/ProcessStudio.Bench -- measure scaleout "${1:-240}" "${2:-20}"
