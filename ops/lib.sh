# Shared by the scripts in ops/: run the site as in production (gunicorn, production settings,
# PostgreSQL) on loopback. Source it; set OPS_WORK before (a scratch folder for logs and pids).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
PG_VERSION="$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)"

export DJANGO_SETTINGS_MODULE=site_config.settings.production
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/ops_drill}"
export SECRET_KEY="${SECRET_KEY:-drill-only-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain HTTP on loopback: no load balancer terminating TLS in front of these servers.
export SECURE_SSL_REDIRECT=false
export MEDIA_ROOT="${MEDIA_ROOT:-$OPS_WORK/media}"
export LOG_FORMAT=json
mkdir -p "$OPS_WORK" "$MEDIA_ROOT"

SERVER_PIDS=()

stop_servers() {
    for pid in "${SERVER_PIDS[@]:-}"; do
        [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    done
    SERVER_PIDS=()
}

# Database (created if missing), migrations, demo content and hashed static files.
prepare_site() {
    local name="${DATABASE_URL##*/}"
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not running on 127.0.0.1:5432" >&2; exit 1; }
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1 \
        || createdb -h 127.0.0.1 -U postgres "$name"
    (cd "$ROOT" && "$PY" manage.py migrate --noinput -v0 && "$PY" manage.py load_demo_content >/dev/null \
        && "$PY" manage.py collectstatic --noinput -v0)
}

# start_server NAME PORT [VAR=value ...]: gunicorn in the background, logs in $OPS_WORK/NAME.log;
# returns once /healthz answers.
start_server() {
    local name="$1" port="$2"
    shift 2
    (cd "$ROOT" && exec env "$@" WEB_CONCURRENCY="${WEB_CONCURRENCY:-2}" GUNICORN_THREADS="${GUNICORN_THREADS:-2}" \
        "$ROOT/.venv/bin/gunicorn" site_config.wsgi --bind "127.0.0.1:$port" >"$OPS_WORK/$name.log" 2>&1) &
    SERVER_PIDS+=("$!")
    for _ in $(seq 1 60); do
        curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && return 0
        sleep 1
    done
    echo "server $name did not come up; its log:" >&2
    tail -n 30 "$OPS_WORK/$name.log" >&2
    exit 1
}

healthz() {
    curl -s -w ' (HTTP %{http_code})' "http://127.0.0.1:$1/healthz" | tr -d '\n'
}
