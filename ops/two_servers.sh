#!/usr/bin/env bash
# More than one server: two gunicorn app servers (production settings) on 127.0.0.1:8115 (A)
# and :8116 (B) against one PostgreSQL database and one Redis (REDIS_URL, default database 2
# of the local Redis) and one media folder (object storage in production). Publishes a change
# through A and sees it on B, signs in on A and is signed in on B, and checks the hashed static
# files (ops/two_servers_check.py).
OPS_WORK="${OPS_WORK:-$(mktemp -d /tmp/ops-two-servers.XXXX)}"
source "$(dirname "$0")/lib.sh"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/2}"
trap stop_servers EXIT

echo "==> Preparing the site (database ${DATABASE_URL##*/}, static files)"
prepare_site
start_server a 8115
start_server b 8116
echo "==> A: 127.0.0.1:8115, B: 127.0.0.1:8116; database ${DATABASE_URL##*/}, cache and sessions $REDIS_URL"
(cd "$ROOT" && "$PY" ops/two_servers_check.py http://127.0.0.1:8115 http://127.0.0.1:8116)
echo "==> Requests each server answered: A $(grep -c '"logger": "operations.request"' "$OPS_WORK/a.log")," \
    "B $(grep -c '"logger": "operations.request"' "$OPS_WORK/b.log") (logs in $OPS_WORK)"
