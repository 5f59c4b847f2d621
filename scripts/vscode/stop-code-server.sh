#!/usr/bin/env bash
# Stop the code-server started by start-code-server.sh: its whole process group, by the PID it saved.
RUN_DIR=${RUN_DIR:?RUN_DIR}
[ -f "$RUN_DIR/code-server.pid" ] || exit 0
pid=$(cat "$RUN_DIR/code-server.pid")
kill -TERM -- "-$pid" 2>/dev/null || true
for _ in $(seq 1 50); do
  kill -0 -- "-$pid" 2>/dev/null || break
  sleep 0.1
done
kill -KILL -- "-$pid" 2>/dev/null || true
rm -f "$RUN_DIR/code-server.pid"
