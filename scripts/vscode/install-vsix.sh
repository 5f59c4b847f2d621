#!/usr/bin/env bash
# Install a .vsix into the extensions dir of a code-server run dir, the way a user would
# (code-server --install-extension). Usage: RUN_DIR=... bash install-vsix.sh file.vsix
set -euo pipefail
VSC_HOME=${PACKS_VSCODE_HOME:-$HOME/.cache/packs-vscode}
RUN_DIR=${RUN_DIR:?RUN_DIR}
vsix=${1:?usage: install-vsix.sh file.vsix}
mkdir -p "$RUN_DIR"/{user-data,extensions,xdg}
XDG_CONFIG_HOME="$RUN_DIR/xdg/config" XDG_DATA_HOME="$RUN_DIR/xdg/data" XDG_CACHE_HOME="$RUN_DIR/xdg/cache" \
  PATH="$VSC_HOME/node${CS_NODE_MAJOR:-24}/node_modules/node/bin:$PATH" \
  "$VSC_HOME/cs/node_modules/.bin/code-server" --auth none \
  --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" --install-extension "$vsix"
