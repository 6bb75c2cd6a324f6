#!/usr/bin/env bash
# Transmission benchmark, run by hand (never in CI):
#   bash bench/transmit/run.sh [--rounds 3] [--envelopes 1000] [--concurrency 8] [--clients 10] [--seconds 10]
# Needs local PostgreSQL and Redis; builds the hub first, then runs bench/transmit/transmit.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/transmit/transmit.bench.ts "$@"
