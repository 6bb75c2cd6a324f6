#!/usr/bin/env bash
# Verification benchmark, run by hand (never in CI):
#   bash bench/verify/run.sh [--rounds 3] [--seconds 10] [--certificates 200]
# Needs local PostgreSQL and Redis and openssl; builds the hub first, then runs bench/verify/verify.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/../.."
npx nest build
exec node -r ./bench/register-ts.js bench/verify/verify.bench.ts "$@"
