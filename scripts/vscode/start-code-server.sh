#!/usr/bin/env bash
# Start code-server on 127.0.0.1:$PORT in the background with throwaway user-data/extensions/XDG dirs under
# $RUN_DIR and quiet settings; wait for /healthz. Stop it with stop-code-server.sh (same RUN_DIR).
#   PACKS_VSCODE_HOME  cache made by setup.sh            PORT     default 8080
#   RUN_DIR            required (created)                EXT_TESTS_MODE=1  adds --vscode-option enable-smoke-test-driver
#   CS_FOLDER          optional folder the workbench opens by default
# EXT_TESTS_MODE=1 is REQUIRED for the built workbench to honour ?payload=[["extensionDevelopmentPath",..],
# ["extensionTestsPath",..]], but it also suppresses notification toasts: UI tests use a server without it.
# The environment of this script reaches the extension host (it is forked from the server per connection),
# so export GGEN_HOME, PACKS_TEST_* and the like before calling it.
# Extensions already in $RUN_DIR/extensions (installed or symlinked) are loaded.
set -euo pipefail
VSC_HOME=${PACKS_VSCODE_HOME:-$HOME/.cache/packs-vscode}
PORT=${PORT:-8080}
RUN_DIR=${RUN_DIR:?RUN_DIR}
CS_NODE_BIN="$VSC_HOME/node${CS_NODE_MAJOR:-24}/node_modules/node/bin"
CS_BIN="$VSC_HOME/cs/node_modules/.bin/code-server"
[ -x "$CS_BIN" ] || {
  echo "code-server not found in $VSC_HOME: run scripts/vscode/setup.sh first" >&2
  exit 1
}
mkdir -p "$RUN_DIR"/{user-data/User,extensions,xdg,tmp}
printf 'bind-addr: 127.0.0.1:%s\nauth: none\n' "$PORT" >"$RUN_DIR/config.yaml" # must not be empty
# WORKSPACE_TRUST=1: Workspace Trust on, no startup prompt, so the opened folder stays untrusted (restricted mode).
trust_enabled=false
[ "${WORKSPACE_TRUST:-0}" = 1 ] && trust_enabled=true
cat >"$RUN_DIR/user-data/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": $trust_enabled,
  "security.workspace.trust.startupPrompt": "never",
  "git.openRepositoryInParentFolders": "never"
}
JSON
export XDG_CONFIG_HOME="$RUN_DIR/xdg/config" XDG_DATA_HOME="$RUN_DIR/xdg/data" XDG_CACHE_HOME="$RUN_DIR/xdg/cache"
export TMPDIR="$RUN_DIR/tmp" # VS Code leaves vscode-ipc-*.sock / vscode-git-*.sock there
extra=()
[ "${EXT_TESTS_MODE:-0}" = 1 ] && extra+=(--vscode-option enable-smoke-test-driver)
[ "${WORKSPACE_TRUST:-0}" = 1 ] || extra+=(--disable-workspace-trust)
[ -n "${CS_FOLDER:-}" ] && extra+=("$CS_FOLDER")
t0=$(date +%s%N)
# setsid: its own process group, so stop-code-server.sh ends server + extension hosts + watchers together
PATH="$CS_NODE_BIN:$PATH" setsid "$CS_BIN" \
  --config "$RUN_DIR/config.yaml" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check \
  --disable-getting-started-override --reconnection-grace-time 5 \
  --user-data-dir "$RUN_DIR/user-data" --extensions-dir "$RUN_DIR/extensions" \
  "${extra[@]}" \
  >"$RUN_DIR/code-server.log" 2>&1 </dev/null &
echo $! >"$RUN_DIR/code-server.pid"
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$(cat "$RUN_DIR/code-server.pid")" 2>/dev/null || {
    cat "$RUN_DIR/code-server.log"
    exit 1
  }
  sleep 0.1
done
curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" || {
  echo "code-server did not come up" >&2
  cat "$RUN_DIR/code-server.log"
  exit 1
}
echo "[code-server] up on http://127.0.0.1:$PORT after $((($(date +%s%N) - t0) / 1000000)) ms (run dir $RUN_DIR)"
