#!/usr/bin/env bash
# Trial mode beside server mode, run by hand (never in CI):   bash bench/trial/run.sh [--rounds 3] [--seconds 10] [--clients 10]
# Certificates created and issued per second through the API, trial mode (embedded PostgreSQL, queues
# in it) against server mode (local PostgreSQL and Redis, which must be running), alternating rounds.
# Builds the hub first, then runs bench/trial/trial.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/trial/trial.bench.ts "$@"
