#!/usr/bin/env bash
# Installs what the real-workbench tests need on a fresh Debian machine (run as root):
#   - Debian packages: Chromium (the browser the workbench runs in), ripgrep (stands in for the
#     prebuilt rg that @vscode/ripgrep would download), libkrb5-dev + pkg-config (code-server's
#     native `kerberos` module builds against them).
#   - code-server (= VS Code 1.100.3 served over HTTP), playwright-core and mocha into
#     .cache/code-server/ (or $WORKBENCH_TOOLS) with their own package.json, so the project's
#     node_modules and package-lock.json stay untouched (VS Code desktop cannot be downloaded here).
# Idempotent: every step checks first and is skipped when already done (a second run: ~0.2 s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# WORKBENCH_TOOLS moves it elsewhere, e.g. to share one install between clones (CI's fresh clone).
DEST="${WORKBENCH_TOOLS:-$ROOT/.cache/code-server}"
CODE_SERVER_VERSION=4.100.3   # bundles VS Code 1.100.3; needs node 20
PLAYWRIGHT_CORE_VERSION=1.65.1
MOCHA_VERSION=11.7.6          # mocha 11 is CommonJS; 12 is ESM-only and needs node >= 20.19
RIPGREP_PKG_VERSION=1.15.11   # @vscode/ripgrep version pinned by code-server 4.100.3
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

t0=$(date +%s)
say() { printf '[workbench-install +%ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

# 1. Debian packages. `dpkg -s` is the cheap check; apt-get update only when something is missing.
APT_PKGS=(chromium ripgrep libkrb5-dev pkg-config)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages present: ${APT_PKGS[*]}"
fi

# 2. The npm packages, in their own folder. A stamp holding the wanted versions tells whether the
#    install finished with exactly these versions (a half-done install has no stamp).
WANT="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION mocha@$MOCHA_VERSION"
STAMP="$DEST/.installed"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" && -x "$DEST/node_modules/.bin/code-server" ]]; then
  say "npm packages present in ${DEST#$ROOT/}: $WANT"
else
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable) unless its cache in
  # os.tmpdir() already holds the tarball: give it Debian's rg under the expected name.
  TMP="$(node -p 'require("os").tmpdir()')"
  RG_CACHE="$TMP/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [[ ! -s "$RG_CACHE/$RIPGREP_TARBALL" ]]; then
    say "seeding @vscode/ripgrep cache with /usr/bin/rg: $RG_CACHE/$RIPGREP_TARBALL"
    mkdir -p "$RG_CACHE"
    tar -czf "$RG_CACHE/$RIPGREP_TARBALL" -C /usr/bin rg
  fi

  say "npm install $WANT into ${DEST#$ROOT/} (about a minute)"
  mkdir -p "$DEST"
  rm -f "$STAMP"
  cat >"$DEST/package.json" <<EOF
{
  "name": "libvirt-xml-workbench-tools",
  "private": true,
  "description": "Written by test/workbench/install.sh; not part of the extension.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION",
    "mocha": "$MOCHA_VERSION"
  }
}
EOF
  # unsafe_perm: as root, code-server's postinstall refuses to run without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which would otherwise prompt (npmrc has yes=false).
  (cd "$DEST" && npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error >"$DEST/npm-install.log" 2>&1) || {
    say "npm install failed; last lines of ${DEST#$ROOT/}/npm-install.log:"; tail -n 30 "$DEST/npm-install.log"; exit 1; }
  echo "$WANT" >"$STAMP"
fi

# (read the version from package.json: `code-server --version` would also write ~/.config/code-server)
say "code-server $(node -p "require('$DEST/node_modules/code-server/package.json').version")"
say "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
say "done"
