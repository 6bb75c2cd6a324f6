#!/usr/bin/env bash
# Builds dist/ (scripts/compile.js: swc, with the .swcrc the specs run under; no type check, which
# `npm run typecheck` does beside it in .ci/run) and stamps it with a hash of the sources it was built
# from, so that a second build of the same sources is skipped (.ci/run builds, then `npm test`'s
# pretest would build again). Sourced by scripts/prepare-test.sh and .ci/run; `npm run build` always
# builds, after a type check.

# Paths, sizes and modification times of every file under src/, and the build's own configuration
# (file_listing is scripts/services.sh's, sourced before this file).
source_stamp() {
  { file_listing src; cat package.json package-lock.json .swcrc scripts/compile.js; } | sha256sum | cut -d' ' -f1
}

build_hub() {
  node scripts/compile.js || return 1
  source_stamp >dist/.source-stamp
}

# Builds unless dist/ holds a build of exactly these sources.
ensure_built() {
  if [ -f dist/main.js ] && [ -f dist/.source-stamp ] && [ "$(cat dist/.source-stamp)" = "$(source_stamp)" ]; then
    echo "dist/ was built from these sources: not built again"
  else
    build_hub
  fi
}
