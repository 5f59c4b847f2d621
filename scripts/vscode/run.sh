#!/usr/bin/env bash
# The extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1) with headless chromium:
#   1. setup (idempotent; cache in $PACKS_VSCODE_HOME, default ~/.cache/packs-vscode)
#   2. the search panel's bundle in Chromium against a stand-in host (test/extension/webview-sandbox.cjs), then
#      integration tests: dist/test/extension-tests.js in the Node extension host of a server started with the
#      smoke-test driver, the working tree as extensionDevelopmentPath, a fresh copy of test/extension/workspace/
#   3. package the .vsix (scripts/vscode/package.mjs) and install it into a fresh code-server, as a user would
#   4. UI test test/extension/ui.test.cjs against that installed extension (no smoke-test driver: toasts show)
# Screenshots go to test-artifacts/ (PACKS_TEST_ARTIFACTS); the last line is `N passed, N failed`, counting
# each integration test, the package+install step and each UI step; exit 1 if anything failed.
#   PACKS_SKIP_BUILD=1        do not run `npm run build` first (when the caller just built)
#   EXT_DIR / TESTS           another extension folder / tests bundle (to test this harness itself)
#   PACKS_VSCODE_ONLY=integration|ui   run only that part (ui = package + install + UI test)
#   PACKS_IT_TIMEOUT=300      hang guard for the integration run, seconds
#   KEEP_RUN_DIR=1            keep the temp run dir (servers' logs, workspaces) even when everything passed
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export PACKS_VSCODE_HOME=${PACKS_VSCODE_HOME:-$HOME/.cache/packs-vscode}
EXT_DIR=$(cd "${EXT_DIR:-$ROOT}" && pwd)
TESTS_GIVEN=${TESTS:-}
TESTS=${TESTS:-$EXT_DIR/dist/test/extension-tests.js}
WORKSPACE_SRC=${WORKSPACE_SRC:-$ROOT/test/extension/workspace}
ARTIFACTS=${PACKS_TEST_ARTIFACTS:-$ROOT/test-artifacts}
ONLY=${PACKS_VSCODE_ONLY:-all}
RUN=$(mktemp -d "${TMPDIR:-/tmp}/packs-vscode.XXXXXX")
rm -rf "$ARTIFACTS" && mkdir -p "$ARTIFACTS"
ARTIFACTS=$(cd "$ARTIFACTS" && pwd)

passed=0
failed=0
t_start=$(date +%s)
secs() { echo $(($(date +%s) - $1))s; }
free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
finish() {
  if [ "$failed" -gt 0 ] || [ "${KEEP_RUN_DIR:-0}" = 1 ]; then
    for d in "$RUN"/it "$RUN"/untrusted "$RUN"/ui; do
      [ -d "$d" ] || continue
      mkdir -p "$ARTIFACTS/logs-$(basename "$d")"
      cp "$d/code-server.log" "$ARTIFACTS/logs-$(basename "$d")/" 2>/dev/null
      cp -r "$d/user-data/logs/." "$ARTIFACTS/logs-$(basename "$d")/" 2>/dev/null
    done
  fi
  echo "[vscode] artifacts in $ARTIFACTS; total $(secs "$t_start")"
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}
cleanup() {
  for p in ${REG_PIDS:-}; do kill -TERM "$p" 2>/dev/null; done
  for d in "$RUN"/it "$RUN"/untrusted "$RUN"/ui; do [ -d "$d" ] && RUN_DIR=$d bash "$HERE/stop-code-server.sh"; done
  if [ "${KEEP_RUN_DIR:-0}" = 1 ]; then echo "[vscode] run dir kept: $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
trap 'failed=$((failed + 1)); finish' INT TERM
fatal() {
  echo "[vscode] FAIL: $*"
  failed=$((failed + 1))
  finish
}
fresh_workspace() { mkdir -p "$1" && cp -r "$WORKSPACE_SRC/." "$1/"; }

# 1. setup (and the build, unless the caller did it)
t=$(date +%s)
timeout 1200 bash "$HERE/setup.sh" || fatal "setup"
echo "[vscode] setup $(secs "$t")"
if [ "${PACKS_SKIP_BUILD:-0}" != 1 ] && [ "$EXT_DIR" = "$ROOT" ]; then
  t=$(date +%s)
  (cd "$ROOT" && npm run build --silent) || fatal "npm run build"
  echo "[vscode] build $(secs "$t")"
fi
[ "$ONLY" = ui ] || [ -f "$TESTS" ] || fatal "no integration tests bundle at $TESTS"

# add_counts <log> <label> <exit code> <what>: add the log's last "<label>: N passed, M failed" line to the
# totals; a non-zero exit with no failed test (activation error, a throw after the count, a hang) or a
# missing line is one more failure.
add_counts() {
  local counts p f
  counts=$(grep -aoE "$2: [0-9]+ passed, [0-9]+ failed" "$1" | tail -1)
  if [ -z "$counts" ]; then
    echo "[vscode] $4 printed no '$2: N passed, M failed' line (exit $3)"
    failed=$((failed + 1))
    return
  fi
  read -r p f < <(echo "$counts" | sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed/\1 \2/')
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$3" -ne 0 ] && [ "$f" -eq 0 ] && failed=$((failed + 1))
  return 0
}

# 2. integration tests. The extension host inherits the server's environment (exported here, per server).
#    integration <name> <tests bundle> <trust 0|1>: a fresh workspace, $GGEN_HOME and server per run.
#    A 4th argument 1 also starts a real Verdaccio (test/support/verdaccio-for-run.ts) for the run, lists it in
#    that $GGEN_HOME's config.toml and passes PACKS_TEST_REGISTRY / PACKS_TEST_REGISTRY_TOKEN to the tests.
integration() {
  local name=$1 tests=$2 trust=$3 t reg_pid="" reg_url="" reg_token=""
  t=$(date +%s)
  fresh_workspace "$RUN/ws-$name"
  mkdir -p "$RUN/ggen-home-$name"
  if [ "${4:-0}" = 1 ]; then
    local info="$RUN/registry-$name.json"
    (cd "$ROOT" && exec node --import tsx test/support/verdaccio-for-run.ts "$info") >"$RUN/registry-$name.log" 2>&1 &
    reg_pid=$!
    REG_PIDS="${REG_PIDS:-} $reg_pid"
    for _ in $(seq 1 1200); do # a hang guard while it starts, not a timing check
      [ -s "$info" ] && break
      kill -0 "$reg_pid" 2>/dev/null || break
      sleep 0.1
    done
    [ -s "$info" ] || {
      cat "$RUN/registry-$name.log"
      fatal "start Verdaccio for the $name tests"
    }
    reg_url=$(node -p "require('$info').url")
    reg_token=$(node -p "require('$info').token")
    printf '[registries]\nteam = "%s"\n' "$reg_url" >"$RUN/ggen-home-$name/config.toml"
  fi
  port=$(free_port)
  (
    export GGEN_HOME="$RUN/ggen-home-$name" PACKS_TEST_WORKSPACE="$RUN/ws-$name" PACKS_TEST_ARTIFACTS="$ARTIFACTS"
    export PACKS_TEST_REGISTRY="$reg_url" PACKS_TEST_REGISTRY_TOKEN="$reg_token"
    RUN_DIR="$RUN/$name" PORT=$port EXT_TESTS_MODE=1 WORKSPACE_TRUST=$trust bash "$HERE/start-code-server.sh"
  ) || fatal "start code-server for the $name tests"
  timeout $((${PACKS_IT_TIMEOUT:-300} + 60)) node "$HERE/run-ext-tests.cjs" --url "http://127.0.0.1:$port" --ext "$EXT_DIR" --tests "$tests" \
    --folder "$RUN/ws-$name" --timeout "${PACKS_IT_TIMEOUT:-300}" --shot "$ARTIFACTS/$name-end.png" | tee "$RUN/$name.log"
  it_rc=${PIPESTATUS[0]}
  RUN_DIR="$RUN/$name" bash "$HERE/stop-code-server.sh"
  if [ -n "$reg_pid" ]; then
    kill -TERM "$reg_pid" 2>/dev/null
    wait "$reg_pid" 2>/dev/null
  fi
  add_counts "$RUN/$name.log" "extension tests" "$it_rc" "the $name run"
  echo "[vscode] $name exit $it_rc, $(secs "$t")"
}
# 2a. the search panel's bundle in Chromium against a stand-in host with a hostile pack (no VS Code needed)
if [ "$ONLY" != ui ] && [ -z "${TESTS_GIVEN:-}" ] && [ -f "$ROOT/test/extension/webview-sandbox.cjs" ]; then
  t=$(date +%s)
  PACKS_TEST_ARTIFACTS="$ARTIFACTS" timeout 120 node "$ROOT/test/extension/webview-sandbox.cjs" | tee "$RUN/webview.log"
  add_counts "$RUN/webview.log" "webview tests" "${PIPESTATUS[0]}" "the webview sandbox test"
  echo "[vscode] webview sandbox $(secs "$t")"
fi
if [ "$ONLY" != ui ]; then
  # Our own tests get a registry (publish, the Registries view, install from it); another bundle does not.
  integration it "$TESTS" 0 "$([ -z "${TESTS_GIVEN:-}" ] && echo 1 || echo 0)"
  # The same extension in an untrusted workspace (Workspace Trust on, folder not trusted): hooks never run.
  UNTRUSTED=${UNTRUSTED_TESTS:-$EXT_DIR/dist/test/extension-untrusted.js}
  [ -f "$UNTRUSTED" ] && [ -z "${TESTS_GIVEN:-}" ] && integration untrusted "$UNTRUSTED" 1
fi
[ "$ONLY" = integration ] && finish

# 3. package the .vsix and install it into a fresh server's extensions dir
t=$(date +%s)
if EXT_DIR="$EXT_DIR" node "$ROOT/scripts/vscode/package.mjs" --out "$RUN/packs.vsix" >"$RUN/package.log" 2>&1 &&
  RUN_DIR="$RUN/ui" bash "$HERE/install-vsix.sh" "$RUN/packs.vsix" >>"$RUN/package.log" 2>&1; then
  passed=$((passed + 1))
  echo "[vscode] ok   - package + install: $(grep -a '^packaged ' "$RUN/package.log") ($(secs "$t"))"
else
  cat "$RUN/package.log"
  fatal "package + install the .vsix"
fi

# 4. UI test against the installed extension
t=$(date +%s)
fresh_workspace "$RUN/ws-ui"
mkdir -p "$RUN/ggen-home-ui"
port=$(free_port)
(
  export GGEN_HOME="$RUN/ggen-home-ui" PACKS_TEST_WORKSPACE="$RUN/ws-ui" PACKS_TEST_ARTIFACTS="$ARTIFACTS"
  RUN_DIR="$RUN/ui" PORT=$port bash "$HERE/start-code-server.sh"
) || fatal "start code-server for the UI test"
timeout 660 node "$ROOT/test/extension/ui.test.cjs" --url "http://127.0.0.1:$port" --folder "$RUN/ws-ui" \
  --shots "$ARTIFACTS" --timeout 600 | tee "$RUN/ui.log"
ui_rc=${PIPESTATUS[0]}
RUN_DIR="$RUN/ui" bash "$HERE/stop-code-server.sh"
add_counts "$RUN/ui.log" "ui tests" "$ui_rc" "the UI test"
echo "[vscode] ui exit $ui_rc, $(secs "$t")"
finish
