#!/usr/bin/env bash
# Runs before `npm test`: installs what is missing (PostgreSQL, Redis, and the tools the tests use,
# on Debian), starts PostgreSQL and Redis if they are down, and builds dist/ (the smoke test boots
# the built hub) unless it was built from these very sources. Each test run then makes its own
# databases and BullMQ prefixes (test/support/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/services.sh
. scripts/build.sh
ensure_dependencies
ensure_services
ensure_test_tools || echo "warning: the browser, PDF and QR code tests will fail without them"
ensure_built
