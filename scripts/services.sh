#!/usr/bin/env bash
# Starts the local PostgreSQL and Redis the hub and its tests use, when they are not running, and
# installs them first on a Debian machine that lacks them; likewise the tools the tests use and the
# project's dependencies. Sourced by scripts/quickstart.sh, scripts/prepare-test.sh and .ci/run.
ensure_services() {
  ensure_postgres || return 1
  ensure_redis || return 1
}

# PostgreSQL on 127.0.0.1:5432, user postgres without a password (trust), as the tests expect.
ensure_postgres() {
  pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || start_postgres || return 1
  ! command -v psql >/dev/null || psql -h 127.0.0.1 -U postgres -w -qAtc 'SELECT 1' postgres >/dev/null 2>&1 \
    || { echo "PostgreSQL on 127.0.0.1:5432 refuses user postgres without a password: the tests need trust auth for 127.0.0.1"; return 1; }
}

start_postgres() {
  local installed=no
  if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
    echo "PostgreSQL is missing: installing it (apt-get install postgresql)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || return 1
    installed=yes
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -1)
  [ -d "/etc/postgresql/$version/main" ] || pg_createcluster "$version" main >/dev/null || return 1
  if [ "$installed" = yes ]; then
    # Only on a cluster made here: the first matching line of pg_hba.conf wins, so this one goes on top.
    local hba="/etc/postgresql/$version/main/pg_hba.conf"
    grep -Eq '^host[[:space:]]+all[[:space:]]+all[[:space:]]+127\.0\.0\.1/32[[:space:]]+trust' "$hba" \
      || sed -i '1i host all all 127.0.0.1/32 trust' "$hba" || return 1
  fi
  # The package may have started the cluster already (then reload for the line above), or not.
  if pg_ctlcluster --skip-systemctl-redirect "$version" main status >/dev/null 2>&1; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main reload || return 1
  else
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || return 1
  fi
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432"; return 1; }
}

ensure_redis() {
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    if ! command -v redis-server >/dev/null; then
      { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; } || return 1
    fi
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null || return 1
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
  fi
  redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { echo "Redis is not reachable on 127.0.0.1:6379"; return 1; }
}

# The verification tests open the public page in Debian's Chromium, rasterise the PDF with poppler
# and read its QR code with zbar; the PKI tests compare with openssl.
ensure_test_tools() {
  # The verification tests open the public page in Debian's Chromium, rasterise the PDF with poppler
  # and read its QR code with zbar; the format tests validate UBL with libxml2's xmllint against the
  # shipped UBL 2.4 schemas and check its XML signature with xmlsec1, as a partner would; the key
  # store tests keep keys in a SoftHSM2 token (PKCS#11).
  local tools="openssl chromium pdftoppm zbarimg xmllint xmlsec1 softhsm2-util" tool
  for tool in $tools; do command -v "$tool" >/dev/null || break; done
  command -v "$tool" >/dev/null && return 0
  echo "installing what the tests use: openssl, chromium, poppler-utils, zbar-tools, libxml2-utils, xmlsec1, softhsm2 (apt-get)"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl chromium poppler-utils zbar-tools libxml2-utils xmlsec1 softhsm2 >/dev/null; } \
    || { echo "could not install openssl, chromium, poppler-utils, zbar-tools, libxml2-utils, xmlsec1 and softhsm2 (the browser, PDF, QR code, UBL schema, XML signature and PKCS#11 tests need them)"; return 1; }
}

# The PKCS#11 addon (pkcs11js, an optional dependency built by npm ci) loads, and drives SoftHSM2:
# a token of its own in a temporary directory, initialised, listed and closed again.
check_pkcs11_addon() {
  local dir lib status
  lib=$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so 2>/dev/null | head -n 1)
  [ -n "$lib" ] || { echo "SoftHSM2's libsofthsm2.so is not installed"; return 1; }
  dir=$(mktemp -d)
  mkdir "$dir/tokens"
  printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir" >"$dir/softhsm2.conf"
  SOFTHSM2_CONF="$dir/softhsm2.conf" softhsm2-util --init-token --free --label ci-check --pin 1234 --so-pin 5678 >/dev/null \
    && SOFTHSM2_CONF="$dir/softhsm2.conf" node -e '
      const pkcs11js = require("pkcs11js");
      const pkcs11 = new pkcs11js.PKCS11();
      pkcs11.load(process.argv[1]);
      pkcs11.C_Initialize();
      const labels = pkcs11.C_GetSlotList(true).map((slot) => pkcs11.C_GetTokenInfo(slot).label.trim());
      pkcs11.C_Finalize();
      if (!labels.includes("ci-check")) throw new Error(`the token is not listed: ${labels}`);
      console.log(`pkcs11js loads and lists the SoftHSM2 token (${process.argv[1]})`);
    ' "$lib"
  status=$?
  rm -rf "$dir"
  return $status
}

# What node_modules was installed from: the lock file and the node that ran the install.
lock_hash() {
  { cat package-lock.json; node --version; } | sha256sum | cut -d' ' -f1
}

# `npm ci` (from npm's cache where it holds the packages) unless node_modules was installed from this
# very lock file (the hash kept in node_modules/.lock-hash); without that hash, unless npm's own
# record of the install is newer than the lock file. A checkout without node_modules (a fresh clone,
# as CI makes one) links in the tree an earlier `npm ci` of the same lock file and Node version left
# in the dependency cache (below) instead.
ensure_dependencies() {
  local hash
  hash=$(lock_hash)
  if [ -f node_modules/.lock-hash ]; then
    [ "$(cat node_modules/.lock-hash)" = "$hash" ] && { echo "node_modules was installed from this package-lock.json: npm ci not needed"; return 0; }
  elif [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    return 0
  fi
  link_cached_dependencies "$hash" && return 0
  # pkcs11js (optional, for keys in a hardware module) builds with node-gyp; without the Node
  # headers at hand node-gyp would download them, and this machine has no internet beyond npm.
  [ -f /usr/include/node/node_api.h ] && export npm_config_nodedir=/usr
  npm ci --no-audit --no-fund --prefer-offline || return 1
  echo "$hash" >node_modules/.lock-hash
  cache_dependencies "$hash"
}

# The dependency cache: node_modules as `npm ci` installed it, one tree per lock file and Node version
# (lock_hash), outside any checkout ($ECOO_DEPS_CACHE, by default ~/.cache/ecoo-hub/node-modules).
# A checkout gets hard links to its files: about 1.5 s for the ~34,000 files, against 17 to 35 s of
# `npm ci` on the development machine (it unpacks every package and builds pkcs11js); a copy took 10
# to 21 s here. A linked file is one file in the cache and in the checkout, so the cache keeps a
# digest of every file's size and modification time beside each tree: a tree in which anything was
# written since (a rebuild of pkcs11js in a checkout, a library patched by hand) no longer matches,
# is dropped, and `npm ci` runs. A tree is stored whole or not at all (made aside, then renamed); the
# three used last are kept. Where the cache cannot be read or written, `npm ci` runs as before.
dependency_cache() {
  echo "${ECOO_DEPS_CACHE:-${HOME:-/nonexistent}/.cache/ecoo-hub/node-modules}"
}

# Every file under a directory, a line each: its path within it, size and modification time, sorted.
# What says a tree changed, here and in scripts/build.sh's source stamp.
file_listing() {
  find "$1" -type f -printf '%P %s %T@\n' | LC_ALL=C sort
}

# Every file of a tree, by path, size and modification time, as one digest.
tree_digest() {
  file_listing "$1" | sha256sum | cut -d' ' -f1
}

link_cached_dependencies() {
  local cached
  cached="$(dependency_cache)/$1"
  [ -f "$cached/.lock-hash" ] && [ "$(cat "$cached/.lock-hash")" = "$1" ] && [ -f "$cached.digest" ] || return 1
  if [ "$(tree_digest "$cached")" != "$(cat "$cached.digest")" ]; then
    echo "the dependency cache's tree $cached was changed since it was stored: dropped"
    rm -rf "$cached" "$cached.digest"
    return 1
  fi
  rm -rf node_modules
  cp -al "$cached" node_modules 2>/dev/null || { rm -rf node_modules; return 1; }
  touch "$cached"
  echo "node_modules linked from the dependency cache ($cached, installed from this package-lock.json): npm ci not needed"
}

cache_dependencies() {
  local root cached staging old
  root=$(dependency_cache)
  cached="$root/$1"
  [ -d "$cached" ] && [ -f "$cached.digest" ] && return 0
  # A tree left without its digest (a store cut short) is never linked: it is made again.
  rm -rf "$cached"
  mkdir -p "$root" 2>/dev/null || return 0
  staging=$(mktemp -d "$root/.staging.XXXXXX" 2>/dev/null) || return 0
  # The digest goes in after the tree: a tree without one is not linked.
  if cp -al node_modules "$staging/tree" 2>/dev/null && tree_digest "$staging/tree" >"$staging/digest" && mv -T "$staging/tree" "$cached" 2>/dev/null && mv "$staging/digest" "$cached.digest"; then
    # One path a line, never split on spaces: what is removed is a tree of this cache and its digest.
    ls -1dt "$root"/*/ 2>/dev/null | tail -n +4 | while IFS= read -r old; do rm -rf "${old%/}" "${old%/}.digest"; done
  fi
  rm -rf "$staging"
  return 0
}
