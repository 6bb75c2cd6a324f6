#!/usr/bin/env bash
# Batch issuance benchmark, run by hand (never in CI):
#   bash bench/batch/run.sh [--rounds 3] [--seconds 10] [--clients 10] [--batch-clients 2] [--size 100]
# Needs local PostgreSQL and Redis; builds the hub first, then runs bench/batch/batch.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/batch/batch.bench.ts "$@"
