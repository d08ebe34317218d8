#!/usr/bin/env bash
# N Streamlit replicas on loopback behind nginx on one port, with sticky sessions (deploy/nginx.conf).
#
#   deploy/scale_out.sh [PORT [REPLICAS]]     defaults: 8500 and 2 (replicas on PORT+1 ... PORT+REPLICAS)
#
# No root needed: nginx's pid, logs and temp files live in STATE_DIR (default: a new temp folder). The
# script prints one `replica I PID PORT` line per replica and `ready URL` once nginx answers; Ctrl-C or
# SIGTERM stops everything, and if any process dies the others are stopped and the script fails.
# PYTHON (default .venv/bin/python) runs the app; NGINX (default: nginx on PATH or /usr/sbin/nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${1:-8500}
REPLICAS=${2:-2}
PYTHON=${PYTHON:-.venv/bin/python}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}
STATE_DIR=${STATE_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/scale_out.XXXXXX")}
[ -x "$NGINX" ] || { echo "nginx not found: run \`make browser\` (it installs Debian's nginx)" >&2; exit 2; }
mkdir -p "$STATE_DIR"
chmod 711 "$STATE_DIR"  # started as root, nginx's workers run as nobody and write their temp files here

pids=()
stop() {
    trap - EXIT INT TERM
    [ ${#pids[@]} -eq 0 ] && return
    kill "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 50); do  # 5 s to stop cleanly, then no more waiting
        kill -0 "${pids[@]}" 2>/dev/null || break
        sleep 0.1
    done
    kill -9 "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 0' INT TERM

# One secret for all replicas: a cookie signed by one (st.login) is then valid on the others.
# One heavy-work worker per replica (core/pool.py): N replicas, N workers, niced below the servers.
export GD_POOL_WORKERS=${GD_POOL_WORKERS:-1}
STREAMLIT_SERVER_COOKIE_SECRET=$("$PYTHON" -c 'import secrets; print(secrets.token_hex(32))')
export STREAMLIT_SERVER_COOKIE_SECRET
servers="" urls=()
for i in $(seq 1 "$REPLICAS"); do
    port=$((PORT + i))
    # One torch thread per process (app.py) and one process per core: N replicas use N cores.
    "$PYTHON" -m streamlit run serve.py --server.headless true --server.address 127.0.0.1 \
        --server.port "$port" --browser.gatherUsageStats false >"$STATE_DIR/replica$i.log" 2>&1 &
    pids+=($!)
    echo "replica $i $! $port"
    servers+="server 127.0.0.1:$port max_fails=0; "
    urls+=("http://127.0.0.1:$port")
done

sed -e "s|@PREFIX@|$STATE_DIR|g" -e "s|@LISTEN@|127.0.0.1:$PORT|g" -e "s|@SERVERS@|$servers|g" \
    deploy/nginx.conf >"$STATE_DIR/nginx.conf"
"$NGINX" -p "$STATE_DIR" -c "$STATE_DIR/nginx.conf" -e "$STATE_DIR/error.log" -g 'daemon off;' &
pids+=($!)

# Ready when every replica and then nginx answer the health check (or fail after 90 s).
"$PYTHON" - "${urls[@]}" "http://127.0.0.1:$PORT" <<'EOF'
import sys, time, urllib.request
deadline = time.monotonic() + 90
for url in sys.argv[1:]:
    while True:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=2)
            break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit(f"{url} is not healthy after 90 s")
            time.sleep(0.3)
EOF
echo "ready http://127.0.0.1:$PORT (state and logs in $STATE_DIR)"

wait -n "${pids[@]}"
echo "a replica or nginx stopped: stopping the others (logs in $STATE_DIR)" >&2
exit 1
