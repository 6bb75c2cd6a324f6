#!/usr/bin/env bash
# Audit benchmark, run by hand (never in CI), on a quiet machine (see `uptime`):
#   bash bench/audit/run.sh [--rounds 3] [--clients 32] [--seconds 10]     (or: npm run bench:audit -- ...)
# Needs local PostgreSQL and Redis; builds the hub first, then runs bench/audit/audit.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/audit/audit.bench.ts "$@"
