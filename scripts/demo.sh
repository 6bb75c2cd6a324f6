#!/usr/bin/env bash
# `npm run demo`: two hubs in trial mode (Cambodia issues, Japan receives), set up, exchanging and
# answering sample certificates. Needs Node.js only: no PostgreSQL, no Redis. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
ensure_dependencies
node scripts/compile.js
if [ -z "${HUB_HS_FILE:-}" ] && [ -f ../shared/data/hs/harmonized-system.csv ]; then export HUB_HS_FILE=$(cd ../shared/data/hs && pwd)/harmonized-system.csv; fi
exec node -r ./bench/register-ts.js scripts/demo/demo.ts
