#!/usr/bin/env bash
# Installs what the real-workbench tests need on a fresh Debian machine (run as root):
#   - Debian packages: Chromium (the browser the workbench runs in), ripgrep (stands in for the
#     prebuilt rg that @vscode/ripgrep would download), libkrb5-dev + pkg-config (code-server's
#     native `kerberos` module builds against them).
#   - one code-server (VS Code served over HTTP; VS Code desktop cannot be downloaded here) and
#     playwright-core, in a folder of their own with their own package.json, so the project's
#     node_modules and package-lock.json stay untouched;
#   - the Node that code-server requires, from the npm registry (node-<os>-<arch>), when it is
#     not the major version running this script (newer code-servers want a newer Node).
#
#   bash test/workbench/install.sh [--code-server oldest|newest|VERSION]
#
# Which code-server (default: $WORKBENCH_CODE_SERVER, else oldest):
#   oldest   the one bundling the oldest VS Code that package.json's engines.vscode accepts
#            (^1.100.0: the newest code-server 4.100.x, which is VS Code 1.100.x);
#   newest   the registry's latest code-server;
#   VERSION  that code-server version.
# The test runners read the same variable (test/workbench/workbenchTools.mjs).
#
# Layout of .cache/workbench/ ($WORKBENCH_TOOLS moves it, e.g. to share it between clones):
#   code-server-VERSION/   code-server and playwright-core; workbench.json names the versions and
#                          the node that runs this code-server
#   node-MAJOR/            a Node from the registry, when one is needed
#   oldest, newest         links to the code-server-VERSION folder the name resolved to last
# Idempotent: a second run only asks the registry which version the name means (about 1 s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${WORKBENCH_TOOLS:-$ROOT/.cache/workbench}"
WANTED="${WORKBENCH_CODE_SERVER:-oldest}"
while (($#)); do
  case "$1" in
    --code-server) WANTED="${2:?--code-server needs oldest, newest or a version}"; shift 2 ;;
    --code-server=*) WANTED="${1#*=}"; shift ;;
    *) echo "usage: $0 [--code-server oldest|newest|VERSION]" >&2; exit 2 ;;
  esac
done
PLAYWRIGHT_CORE_VERSION=1.65.1
RIPGREP_PKG_VERSION=1.15.11   # the @vscode/ripgrep code-server 4.100.x pins (newer ones need no seeding)
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

t0=$(date +%s)
say() { printf '[workbench-install +%ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }
# The last element of `npm view --json`'s answer: a string for one version, an array for several.
last_json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(Array.isArray(v)?v.at(-1):v)})'; }

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

# 2. Which code-server the name means. The registry decides; without an answer, the version
#    this name was installed as last time will do (saying so).
mkdir -p "$TOOLS"
case "$WANTED" in
  oldest)
    VSCODE_MINOR="$(node -p 'require(process.argv[1]).engines.vscode.match(/^\^?1\.(\d+)\./)[1]' "$ROOT/package.json")"
    RANGE="~4.$VSCODE_MINOR.0" ;;
  newest) RANGE=latest ;;
  [0-9]*) RANGE="$WANTED" ;;
  *) echo "--code-server must be oldest, newest or a version, not '$WANTED'" >&2; exit 2 ;;
esac
if CODE_SERVER_VERSION="$(npm view "code-server@$RANGE" version --json 2>/dev/null | last_json)" && [[ -n "$CODE_SERVER_VERSION" ]]; then
  say "code-server $WANTED: $CODE_SERVER_VERSION (code-server@$RANGE in the registry)"
elif [[ "$WANTED" =~ ^(oldest|newest)$ && -f "$TOOLS/$WANTED/workbench.json" ]]; then
  CODE_SERVER_VERSION="$(node -p 'require(process.argv[1]).codeServer' "$TOOLS/$WANTED/workbench.json")"
  say "the registry did not answer: code-server $WANTED stays $CODE_SERVER_VERSION, as installed before"
else
  echo "code-server@$RANGE: the registry did not answer and nothing is installed for '$WANTED'" >&2
  exit 1
fi
DEST="$TOOLS/code-server-$CODE_SERVER_VERSION"
STAMP="$DEST/workbench.json"

if [[ -f "$STAMP" && -x "$(node -p 'require(process.argv[1]).node' "$STAMP")" ]]; then
  say "present in ${DEST#"$ROOT"/}"
else
  # 3. The Node this code-server runs on: its engines.node names a major version (20, 24) and its
  #    postinstall refuses any other.
  NODE_MAJOR="$(npm view "code-server@$CODE_SERVER_VERSION" engines.node | grep -o '[0-9]\+' | head -n 1)"
  if [[ "$(node -p 'process.versions.node.split(".")[0]')" == "$NODE_MAJOR" ]]; then
    NODE_BIN="$(node -p 'process.execPath')"
    say "node $NODE_MAJOR: this one, $NODE_BIN"
  else
    NODE_PKG="node-$(node -p 'process.platform + "-" + process.arch')"
    NODE_DIR="$TOOLS/node-$NODE_MAJOR"
    NODE_BIN="$NODE_DIR/node_modules/$NODE_PKG/bin/node"
    if [[ ! -x "$NODE_BIN" ]]; then
      say "npm install $NODE_PKG@$NODE_MAJOR into ${NODE_DIR#"$ROOT"/} (code-server $CODE_SERVER_VERSION needs node $NODE_MAJOR)"
      mkdir -p "$NODE_DIR"
      echo '{ "private": true, "description": "Written by test/workbench/install.sh." }' >"$NODE_DIR/package.json"
      (cd "$NODE_DIR" && npm install --no-save --no-audit --no-fund --loglevel=error "$NODE_PKG@$NODE_MAJOR")
    fi
    say "node $NODE_MAJOR: $("$NODE_BIN" --version), $NODE_BIN"
  fi

  # @vscode/ripgrep's postinstall (in code-server 4.100.x) downloads rg from GitHub (unreachable)
  # unless its cache in os.tmpdir() already holds the tarball: give it Debian's rg under that name.
  RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [[ ! -s "$RG_CACHE/$RIPGREP_TARBALL" ]]; then
    say "seeding @vscode/ripgrep cache with /usr/bin/rg: $RG_CACHE/$RIPGREP_TARBALL"
    mkdir -p "$RG_CACHE"
    tar -czf "$RG_CACHE/$RIPGREP_TARBALL" -C /usr/bin rg
  fi

  # 4. code-server and playwright-core, with that Node first on PATH: npm runs under it (the
  #    postinstall checks) and node-gyp builds the native modules against its headers.
  say "npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into ${DEST#"$ROOT"/} (one to two minutes)"
  mkdir -p "$DEST"
  cat >"$DEST/package.json" <<EOF
{
  "name": "libvirt-xml-workbench-tools",
  "private": true,
  "description": "Written by test/workbench/install.sh; not part of the extension.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_CORE_VERSION"
  }
}
EOF
  NODE_HOME="$(dirname "$(dirname "$NODE_BIN")")"
  # unsafe_perm: as root, code-server 4.100's postinstall refuses to run without it.
  # yes: node-pty's postinstall runs `npx node-gyp`, which would otherwise prompt.
  # nodedir: node-gyp's headers for the Node the modules will run in (the registry's package has them).
  (cd "$DEST" && PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$NODE_HOME" JOBS=max \
     npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error >"$DEST/npm-install.log" 2>&1) || {
    say "npm install failed; last lines of ${DEST#"$ROOT"/}/npm-install.log:"; tail -n 30 "$DEST/npm-install.log"; exit 1; }

  # The stamp is written last: a half-done install has none and is done again.
  VSCODE_VERSION="$(node -p 'require(process.argv[1]).version' "$DEST/node_modules/code-server/lib/vscode/package.json")"
  "$NODE_BIN" -e 'const [file, codeServer, vscode, node] = process.argv.slice(1);
    const stamp = { codeServer, vscode, node, nodeVersion: process.versions.node };
    require("fs").writeFileSync(file, JSON.stringify(stamp, null, 2) + "\n");' \
    "$STAMP" "$CODE_SERVER_VERSION" "$VSCODE_VERSION" "$NODE_BIN"
fi

# 5. oldest/newest name the folder just checked, for the runners (which do not ask the registry).
if [[ "$WANTED" =~ ^(oldest|newest)$ ]]; then ln -sfn "code-server-$CODE_SERVER_VERSION" "$TOOLS/$WANTED"; fi
say "$(node -p 'const s = require(process.argv[1]); `code-server ${s.codeServer} = VS Code ${s.vscode}, on node ${s.nodeVersion} (${s.node})`' "$STAMP")"
say "chromium: $(/usr/bin/chromium --version 2>/dev/null)"
say "done"
