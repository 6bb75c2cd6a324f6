#!/usr/bin/env bash
# Transmission benchmark, run by hand (never in CI), alone on the machine:
#   bash bench/transmit/run.sh [throughput two-workers partners backlog chaos latency] [--envelopes 20000]
#        [--backlog 100000] [--partners 1000] [--per-partner 20] [--chaos 20000] [--seconds 20] [--concurrency 64]
# Needs local PostgreSQL and Redis; builds the hub first, then runs bench/transmit/transmit.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/transmit/transmit.bench.ts "$@"
