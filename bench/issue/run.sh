#!/usr/bin/env bash
# Issuance benchmark, run by hand (never in CI):   bash bench/issue/run.sh [--rounds 3] [--seconds 10] [--clients 10]
# Needs local PostgreSQL and Redis; builds the hub first, then runs bench/issue/issue.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/issue/issue.bench.ts "$@"
