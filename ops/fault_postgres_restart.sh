#!/usr/bin/env bash
# Fault drill: PostgreSQL restarts while the site is under load, and the site recovers by
# itself. Runs gunicorn (production settings) on 127.0.0.1:${PORT:-8113} against
# $DATABASE_URL (default: database ops_drill, created and filled with the demo content), sends
# requests from 4 threads, restarts the PostgreSQL cluster in the middle and prints the answers
# before, during and after the restart. Persistent connections (DB_CONN_MAX_AGE) are checked
# before reuse (CONN_HEALTH_CHECKS), so after the restart every request must succeed again.
#
# Needs root (or the postgres user) for pg_ctlcluster. It restarts the whole local cluster:
# other users of that PostgreSQL lose their connections for a moment.
OPS_WORK="${OPS_WORK:-$(mktemp -d /tmp/ops-pg-drill.XXXX)}"
source "$(dirname "$0")/lib.sh"
PORT="${PORT:-8113}"
PHASE="$OPS_WORK/phase"
trap stop_servers EXIT

echo "==> Preparing the site (database ${DATABASE_URL##*/}, static files)"
prepare_site
start_server app "$PORT"
echo "==> gunicorn on 127.0.0.1:$PORT; /healthz: $(healthz "$PORT")"

PATHS=(/en/ /fi/ /ru/ /en/events/ /en/publications/ /healthz)
for path in "${PATHS[@]}"; do curl -s -o /dev/null "http://127.0.0.1:$PORT$path"; done  # warm up

echo before >"$PHASE"
"$PY" "$ROOT/ops/load.py" --base "http://127.0.0.1:$PORT" --phase-file "$PHASE" "${PATHS[@]}" \
    >"$OPS_WORK/load.txt" &
LOAD_PID=$!
sleep 15

echo during >"$PHASE"
echo "==> $(date -u +%T) restarting PostgreSQL $PG_VERSION"
started=$(date +%s%N)
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
until pg_isready -q -h 127.0.0.1 -p 5432; do sleep 0.1; done
echo "==> $(date -u +%T) PostgreSQL accepts connections again after $(( ($(date +%s%N) - started) / 1000000 )) ms"
echo after >"$PHASE"
sleep 2
echo "==> /healthz 2 s later: $(healthz "$PORT")"
sleep 13
echo stop >"$PHASE"

wait "$LOAD_PID"
echo "==> Answers per phase (4 threads; before: 15 s, during: the restart, after: 15 s)"
cat "$OPS_WORK/load.txt"
echo "==> Database errors the server logged: $(grep -c '"level": "ERROR"' "$OPS_WORK/app.log" || true)" \
    "(log: $OPS_WORK/app.log)"
grep '"level": "ERROR"' "$OPS_WORK/app.log" | "$PY" -c '
import json, sys
from collections import Counter
seen = Counter()
for line in sys.stdin:
    entry = json.loads(line)
    last = entry.get("exception", "").strip().splitlines()[-1:] or [entry["message"]]
    seen[last[0][:150]] += 1
for message, count in seen.most_common(5):
    print(f"    {count} x {message}")
'
