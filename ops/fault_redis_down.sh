#!/usr/bin/env bash
# Fault drill: the site keeps serving while Redis is down. Starts a Redis server of its own on
# 127.0.0.1:${REDIS_PORT:-8120} (never the shared one), runs gunicorn (production settings) on
# 127.0.0.1:${PORT:-8114} with REDIS_URL pointing at it, sends requests from 4 threads, shuts
# that Redis down, then starts it again, and prints the answers in each phase, /healthz and
# the cache warnings the server logged.
OPS_WORK="${OPS_WORK:-$(mktemp -d /tmp/ops-redis-drill.XXXX)}"
source "$(dirname "$0")/lib.sh"
PORT="${PORT:-8114}"
REDIS_PORT="${REDIS_PORT:-8120}"
PHASE="$OPS_WORK/phase"

start_redis() {
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --dir "$OPS_WORK" --pidfile "$OPS_WORK/redis.pid" --logfile "$OPS_WORK/redis.log"
    until redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; do sleep 0.1; done
}
stop_redis() {
    redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}
trap 'stop_servers; stop_redis' EXIT

echo "==> Preparing the site (database ${DATABASE_URL##*/}, static files)"
prepare_site
start_redis
start_server app "$PORT" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
PATHS=(/en/ /fi/ /ru/ /en/events/ /en/publications/ /en/search/?query=turku)
for path in "${PATHS[@]}"; do curl -s -o /dev/null "http://127.0.0.1:$PORT$path"; done  # warm up
echo "==> gunicorn on 127.0.0.1:$PORT with its cache in Redis on port $REDIS_PORT" \
    "($(redis-cli -p "$REDIS_PORT" dbsize) keys); /healthz: $(healthz "$PORT")"

echo "redis up" >"$PHASE"
"$PY" "$ROOT/ops/load.py" --base "http://127.0.0.1:$PORT" --phase-file "$PHASE" "${PATHS[@]}" \
    >"$OPS_WORK/load.txt" &
LOAD_PID=$!
sleep 12

stop_redis
echo "redis down" >"$PHASE"
echo "==> $(date -u +%T) Redis stopped"
sleep 6
echo "==> /healthz while Redis is down: $(healthz "$PORT")"
echo "==> a page while Redis is down: $(curl -s -o /dev/null -w 'HTTP %{http_code} in %{time_total} s' "http://127.0.0.1:$PORT/en/")"
sleep 6

start_redis
echo "redis back" >"$PHASE"
echo "==> $(date -u +%T) Redis started again (empty)"
sleep 2
echo "==> /healthz 2 s later: $(healthz "$PORT")"
sleep 10
echo stop >"$PHASE"
wait "$LOAD_PID"

echo "==> Answers per phase (4 threads; 12 s each)"
cat "$OPS_WORK/load.txt"
echo "==> Cache warnings the server logged (at most one per worker thread every 5 s):"
grep '"logger": "operations.cache"' "$OPS_WORK/app.log" | "$PY" -c '
import json, sys
lines = [json.loads(line) for line in sys.stdin]
ignored = sum(entry.get("ignored_errors", 0) for entry in lines)
print(f"    {len(lines)} warnings, {ignored} cache errors ignored in all")
for entry in lines[:2]:
    print("    e.g.", entry["time"], entry["message"][:140])
'
echo "==> Errors the server logged (log: $OPS_WORK/app.log):"
grep '"level": "ERROR"' "$OPS_WORK/app.log" | "$PY" -c '
import json, sys
for line in sys.stdin:
    entry = json.loads(line)
    print("   ", entry["logger"] + ":", entry["message"])
' || echo "    none"
