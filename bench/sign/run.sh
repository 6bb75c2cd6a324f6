#!/usr/bin/env bash
# CMS signing benchmark, run by hand (never in CI):   bash bench/sign/run.sh [--rounds 3] [--seconds 3]
# Runs bench/sign/cms-sign.bench.ts and the src/ files it imports through bench/register-ts.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node -r ./bench/register-ts.js bench/sign/cms-sign.bench.ts "$@"
