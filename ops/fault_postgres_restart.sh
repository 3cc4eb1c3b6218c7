#!/usr/bin/env bash
# Fault drill: PostgreSQL goes away while the site is under load, and the site recovers by
# itself. Runs gunicorn (production settings) on 127.0.0.1:${PORT:-8113} against
# $DATABASE_URL (default: database ops_drill, created and filled with the demo content), sends
# requests from 4 threads, takes the database away in the middle and prints the answers before,
# during and after. While it is away, pages the page cache holds are still served and every other
# request answers 503 with Retry-After (operations/views.py), never 500. Persistent connections
# (DB_CONN_MAX_AGE) are checked before reuse (CONN_HEALTH_CHECKS), so afterwards every request
# must succeed again.
#
# OUTAGE=restart (default) restarts the whole local cluster with pg_ctlcluster: it needs root
# (or the postgres user), and other users of that PostgreSQL lose their connections for a
# moment. OUTAGE=block shuts out only the drill's database for OUTAGE_SECONDS (default 5): new
# connections are refused and open ones are ended, as in a failover, and nothing else is touched.
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
started=$(date +%s%N)
if [ "${OUTAGE:-restart}" = block ]; then
    DRILL_DB="${DATABASE_URL##*/}"
    echo "==> $(date -u +%T) shutting out database $DRILL_DB for ${OUTAGE_SECONDS:-5} s"
    psql -h 127.0.0.1 -U postgres -qc "ALTER DATABASE \"$DRILL_DB\" ALLOW_CONNECTIONS false"
    psql -h 127.0.0.1 -U postgres -qtAc \
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '$DRILL_DB'" >/dev/null
    sleep "${OUTAGE_SECONDS:-5}"
    psql -h 127.0.0.1 -U postgres -qc "ALTER DATABASE \"$DRILL_DB\" ALLOW_CONNECTIONS true"
else
    echo "==> $(date -u +%T) restarting PostgreSQL $PG_VERSION"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
    until pg_isready -q -h 127.0.0.1 -p 5432; do sleep 0.1; done
fi
echo "==> $(date -u +%T) the database accepts connections again after $(( ($(date +%s%N) - started) / 1000000 )) ms"
echo after >"$PHASE"
sleep 2
echo "==> /healthz 2 s later: $(healthz "$PORT")"
sleep 13
echo stop >"$PHASE"

wait "$LOAD_PID"
echo "==> Answers per phase (4 threads; before: 15 s, during: the restart, after: 15 s)"
cat "$OPS_WORK/load.txt"
if grep -qE '(^| )500: ' "$OPS_WORK/load.txt"; then
    echo "==> Some requests answered 500: a database outage should answer 503 (operations/views.py)"
fi
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
