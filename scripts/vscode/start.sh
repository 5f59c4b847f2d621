#!/usr/bin/env bash
# `npm start`: the extension from the working tree in a real VS Code in your browser (code-server).
# Runs setup, links the working tree into a throwaway extensions dir (rebuild + "Developer: Reload Window"
# picks up changes), copies the sample workspace into a temp folder, starts code-server on 127.0.0.1:$PORT
# (default 8080), prints the URL and stays in the foreground until Ctrl-C.
#   GGEN_HOME   default: a throwaway folder (your ~/.ggen is left alone); PACKS_VSCODE_HOME: the cache
#   EXT_DIR     another extension folder (to test this script)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export PACKS_VSCODE_HOME=${PACKS_VSCODE_HOME:-$HOME/.cache/packs-vscode}
EXT_DIR=$(cd "${EXT_DIR:-$ROOT}" && pwd)
PORT=${PORT:-8080}
RUN=$(mktemp -d "${TMPDIR:-/tmp}/packs-start.XXXXXX")
export RUN_DIR="$RUN/server"
cleanup() {
  bash "$HERE/stop-code-server.sh"
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bash "$HERE/setup.sh"
[ -f "$EXT_DIR/$(node -p "require('$EXT_DIR/package.json').main")" ] || {
  echo "the extension is not built: npm run build" >&2
  exit 1
}
id=$(node -p "const p = require('$EXT_DIR/package.json'); p.publisher + '.' + p.name + '-' + p.version")
mkdir -p "$RUN_DIR/extensions" "$RUN/workspace"
ln -s "$EXT_DIR" "$RUN_DIR/extensions/$id"
cp -r "$ROOT/test/extension/workspace/." "$RUN/workspace/"
export GGEN_HOME=${GGEN_HOME:-$RUN/ggen-home}
mkdir -p "$GGEN_HOME"
CS_FOLDER="$RUN/workspace" PORT=$PORT bash "$HERE/start-code-server.sh"
echo
echo "  Packs in VS Code: http://127.0.0.1:$PORT/?folder=$RUN/workspace"
echo "  extension: $EXT_DIR (linked; after npm run build use \"Developer: Reload Window\")"
echo "  GGEN_HOME=$GGEN_HOME   server log: $RUN_DIR/code-server.log"
echo "  Ctrl-C to stop"
tail --pid="$(cat "$RUN_DIR/code-server.pid")" -f /dev/null
echo "code-server exited; its log:"
tail -20 "$RUN_DIR/code-server.log"
