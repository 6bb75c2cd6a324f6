#!/usr/bin/env bash
# Runs before `npm test`: installs what is missing (PostgreSQL and Redis too, on Debian), starts
# PostgreSQL and Redis if they are down, and builds dist/ (the smoke test boots the built hub). Each
# test run then makes its own databases and BullMQ prefixes (test/support/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
ensure_dependencies
ensure_services
npx nest build
