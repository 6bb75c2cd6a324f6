#!/usr/bin/env bash
# CMS signing benchmark, run by hand (never in CI):   bash bench/sign/run.sh [--rounds 3] [--seconds 3]
# Compiles bench/sign/cms-sign.bench.ts and the src/ files it imports on the fly with @swc/core (a dev
# dependency: no ts-node, @swc/register or @swc/cli needed) through a require hook, then runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node -e '
const swc = require("@swc/core");
require.extensions[".ts"] = (module, filename) => {
  const { code } = swc.transformFileSync(filename, {
    swcrc: false,
    sourceMaps: "inline",
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
    module: { type: "commonjs" },
  });
  module._compile(code, filename);
};
require("./bench/sign/cms-sign.bench.ts");
' -- "$@"
