#!/usr/bin/env bash
# Signing benchmarks, run by hand (never in CI):
#   bash bench/sign/run.sh [--rounds 3] [--seconds 3]                      in-process CMS signatures vs openssl speed rsa2048
#   bash bench/sign/run.sh --api [--rounds 3] [--seconds 10] [--clients 10] issuance through the API, signed vs not signed
# Compiles the benchmark and the TypeScript files it imports on the fly with @swc/core (a dev
# dependency: no ts-node, @swc/register or @swc/cli needed) through a require hook, then runs it.
# The API benchmark runs the built hub (dist/), so it builds first.
set -euo pipefail
cd "$(dirname "$0")/../.."
script=./bench/sign/cms-sign.bench.ts
if [ "${1:-}" = "--api" ]; then
  shift
  script=./bench/sign/api-issue.bench.ts
  npm run --silent build
fi
exec node -e '
const swc = require("@swc/core");
require.extensions[".ts"] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    swcrc: false,
    sourceMaps: "inline",
    jsc: { parser: { syntax: "typescript", decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: "es2022" },
    module: { type: "commonjs" },
  });
  module._compile(code, filename);
};
require(process.argv[1]);
' "$script" "$@"
