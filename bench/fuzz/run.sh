#!/usr/bin/env bash
# Fuzzing of the pki readers at length, run by hand (never in CI; CI runs a fixed seed in
# src/pki/crypto/readers.fuzz.spec.ts):
#   npm run bench:fuzz -- [--runs 5000] [--seed 12345] [--target CMS]
# No build, no database: the readers are pure. Compiles the TypeScript on the fly through the
# @swc/core require hook in bench/register-ts.js.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node -r ./bench/register-ts.js bench/fuzz/readers.fuzz.bench.ts "$@"
