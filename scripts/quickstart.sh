#!/usr/bin/env bash
# `npm run hub`: the hub on this machine, API and worker in one process, against local PostgreSQL
# and Redis. Installs and builds what is missing, creates the database, keeps its development
# secrets in .hub-dev.env (git-ignored) so a restart keeps its keys.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
ensure_dependencies
ensure_services
node scripts/compile.js

if [ ! -f .hub-dev.env ]; then
  umask 077
  {
    echo "HUB_ADMIN_TOKEN=dev-operator-$(node -e 'console.log(require("crypto").randomBytes(18).toString("hex"))')"
    echo "HUB_MASTER_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
  } > .hub-dev.env
fi
set -a
. ./.hub-dev.env
: "${PORT:=3000}"
: "${DATABASE_URL:=postgres://postgres@127.0.0.1:5432/ecoo}"
: "${REDIS_URL:=redis://127.0.0.1:6379}"
: "${HUB_PUBLIC_URL:=http://localhost:${PORT}}"
if [ -z "${HUB_HS_FILE:-}" ] && [ -f ../shared/data/hs/harmonized-system.csv ]; then HUB_HS_FILE=$(cd ../shared/data/hs && pwd)/harmonized-system.csv; fi
set +a

db=$(node -e 'console.log(new URL(process.env.DATABASE_URL).pathname.slice(1))')
if ! psql "$DATABASE_URL" -qc 'SELECT 1' >/dev/null 2>&1; then
  admin=$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/postgres"; console.log(u.toString())')
  psql "$admin" -qc "CREATE DATABASE \"$db\"" >/dev/null
fi

cat <<INFO
e-CoO hub starting on ${HUB_PUBLIC_URL}
  operator token (Authorization: Bearer ...): ${HUB_ADMIN_TOKEN}
  database ${DATABASE_URL}, Redis ${REDIS_URL}
  HS nomenclature: ${HUB_HS_FILE:-none (shape and chapter checks only)}
  API documentation: ${HUB_PUBLIC_URL}/docs    health: ${HUB_PUBLIC_URL}/health
INFO
exec node dist/main.js --with-worker
