#!/usr/bin/env bash
# Matching benchmark, run by hand (never in CI):
#   bash bench/match/run.sh [--rounds 3] [--seconds 10] [--clients 10] [--small 10000] [--large 1000000] [--matching 100000]
# Needs local PostgreSQL (and psql, for COPY) and Redis; builds the hub first, then runs bench/match/match.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/match/match.bench.ts "$@"
