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

# The checks' caches. `npm run lint` and `npm run typecheck` keep what they found under .cache/ in
# the checkout (ESLint's results per file, by content; TypeScript's incremental state, a hash of
# each file and its diagnostics) and check again only what changed and, for the type check, what
# depends on it. A fresh clone has neither: it starts from the last ones a check on this machine
# stored ($ECOO_CHECKS_CACHE, by default ~/.cache/ecoo-hub/checks). TypeScript's state names files
# relative to itself; ESLint's by absolute path, which is stored as "<checkout>/" and put back as
# this checkout's. A state from another commit gives right answers: a file whose content is not the
# one it was checked with is checked again, and ESLint's results are kept per configuration.
checks_cache() {
  echo "${ECOO_CHECKS_CACHE:-${HOME:-/nonexistent}/.cache/ecoo-hub/checks}"
}

# Replaces every occurrence of $1 by $2, from standard input to standard output.
replace_text() {
  node -e 'const [from, to] = process.argv.slice(1); process.stdout.write(require("node:fs").readFileSync(0, "utf8").split(from).join(to));' "$1" "$2"
}

restore_check_caches() {
  local cache
  cache=$(checks_cache)
  mkdir -p .cache
  if [ ! -f .cache/typecheck.tsbuildinfo ] && [ -f "$cache/typecheck.tsbuildinfo" ]; then
    cp "$cache/typecheck.tsbuildinfo" .cache/
  fi
  if [ ! -f .cache/eslint.json ] && [ -f "$cache/eslint.json" ]; then
    replace_text "<checkout>/" "$PWD/" <"$cache/eslint.json" >.cache/eslint.json || rm -f .cache/eslint.json
  fi
  return 0
}

# Stores .cache/$1 in the machine's cache, whole or not at all (written aside, then renamed).
store_check_cache() {
  local cache staging
  cache=$(checks_cache)
  [ -f ".cache/$1" ] && mkdir -p "$cache" 2>/dev/null || return 0
  staging="$cache/.$1.$$"
  if [ "$1" = eslint.json ]; then
    replace_text "$PWD/" "<checkout>/" <".cache/$1" >"$staging"
  else
    cp ".cache/$1" "$staging"
  fi && mv "$staging" "$cache/$1" || rm -f "$staging"
  return 0
}
