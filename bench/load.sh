#!/usr/bin/env bash
# The ask path under load, against the HTTP floor of the same run, on the packaged jar and embedded defaults.
#
#   bench/load.sh [--port P] [--data-dir D] [--jar J] [--seconds S]
#
# Starts the jar on a fresh data directory, warms it (30 s of asks), then reports, in one run:
#   - GET /api/v1/health with 4 connections: the floor (what the server does for a request that does nothing)
#   - POST /api/v1/ask with 2, 4 and 8 connections, the published set's data questions round-robin,
#     one bearer token (every ask a new conversation): asks/s, p50, p99, and asks/s as a share of the floor
#   - CPU ms per ask: the JVM's CPU time (user + system, /proc) over the ask runs / the asks answered
#   - DuckDB ms per query: the mean of the usheru.ask.warehouse timer over the same asks (/actuator/prometheus)
# Needs wrk (apt-get install wrk), curl and python3. Numbers vary with the machine's load:
# compare only with the floor of the same run, and note the load average it prints.
set -euo pipefail
cd "$(dirname "$0")/.."

port=8197 data_dir=/tmp/load-bench jar=target/usheru-ai.jar seconds=20
while [ $# -gt 0 ]; do
    case "$1" in
        --port) port=$2; shift 2 ;;
        --data-dir) data_dir=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -ntp -DskipTests package" >&2; exit 2; }
base="http://localhost:$port"
work=$(mktemp -d)

pid=
stop() {
    [ -n "$pid" ] && { kill "$pid" 2>/dev/null || true; for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done; }
    local pg="$data_dir/postgres/postmaster.pid"
    [ -f "$pg" ] && { kill "$(head -n 1 "$pg")" 2>/dev/null || true; }
    rm -rf "$work"
}
trap stop EXIT

rm -rf "$data_dir"
SERVER_PORT=$port APP_DATA_DIR=$data_dir APP_ADMIN_EMAIL=admin@example.com APP_ADMIN_PASSWORD=change-me-please \
APP_INSIGHTS_SCHEDULE=false APP_PREDICTIONS_SCHEDULE=false \
    "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" >"$work/app.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/health")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "the app died:" >&2; tail -n 30 "$work/app.log" >&2; exit 1; }
    sleep 0.2
done
echo "started: $(grep -o 'Started Application in [0-9.]* seconds' "$work/app.log")"

token=$(curl -s -X POST "$base/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"email":"admin@example.com","password":"change-me-please"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# The published set's data questions for everyone (no scope), as wrk requests, round-robin.
python3 - "$work/ask.lua" <<'EOF'
import json, sys
questions = []
for line in open("../shared/eval/questions-dev.jsonl"):
    case = json.loads(line)
    if case.get("kind", "data") == "data" and "question" in case and not case.get("scope"):
        questions.append(case["question"])
bodies = ",\n".join("    wrk.format('POST', '/api/v1/ask', headers, %s)" % json.dumps(json.dumps({"question": q})) for q in questions)
open(sys.argv[1], "w").write("""local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
local requests, i = {}, 0
init = function(args)
  requests = {
%s
  }
end
request = function()
  i = i %% #requests + 1
  return requests[i]
end
""" % bodies)
EOF

cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$pid/stat"; }
admin_cookies="$work/admin-cookies"
curl -s -c "$admin_cookies" -b "$admin_cookies" -o /dev/null "$base/login"
curl -s -c "$admin_cookies" -b "$admin_cookies" -o /dev/null -X POST "$base/login" \
    --data-urlencode "username=admin@example.com" --data-urlencode "password=change-me-please"
warehouse() {  # queries run in DuckDB (not from the cache) and their total seconds, from the usheru.ask.warehouse timer
    curl -s -b "$admin_cookies" "$base/actuator/prometheus" | awk '
        /^usheru_ask_warehouse_seconds_count\{.*cached="false"/ {n += $2}
        /^usheru_ask_warehouse_seconds_sum\{.*cached="false"/ {t += $2}
        END {printf "%d %s\n", n, t + 0}'
}
run() {  # connections, target, [script]: prints "requests/s p50 p99 requests non2xx"
    local out
    if [ -n "${3:-}" ]; then out=$(TOKEN=$token wrk -t2 -c"$1" -d"${seconds}s" -s "$3" --latency "$2"); else out=$(wrk -t2 -c"$1" -d"${seconds}s" --latency "$2"); fi
    echo "$out" | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /requests in/ {n=$1} /Non-2xx/ {bad=$4}
        END {printf "%s %s %s %s %s\n", rps, p50, p99, n, bad+0}'
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
TOKEN=$token wrk -t2 -c2 -d30s -s "$work/ask.lua" "$base" >/dev/null   # warm-up: JIT, caches, connection pool
read -r floor floor_p50 _ _ _ <<<"$(run 4 "$base/api/v1/health")"
echo "GET /api/v1/health, 4 connections: $floor requests/s, p50 $floor_p50"
read -r wh_count0 wh_total0 <<<"$(warehouse)"
cpu0=$(cpu_ms) asks=0
for connections in 2 4 8; do
    read -r rps p50 p99 n bad <<<"$(run "$connections" "$base" "$work/ask.lua")"
    asks=$((asks + n - bad))
    share=$(python3 -c "print(f'{100 * $rps / $floor:.1f}')")
    echo "POST /api/v1/ask, $connections connections: $rps asks/s ($share % of the floor), p50 $p50, p99 $p99, $bad not 2xx"
done
cpu1=$(cpu_ms)
read -r wh_count1 wh_total1 <<<"$(warehouse)"
echo "CPU per ask: $(python3 -c "print(f'{($cpu1 - $cpu0) / max(1, $asks):.1f}')") ms over $asks asks (the JVM's user + system time, every thread)"
if [ "$wh_count1" -gt "$wh_count0" ]; then
    echo "DuckDB per query: $(python3 -c "print(f'{1000 * ($wh_total1 - $wh_total0) / ($wh_count1 - $wh_count0):.2f}')") ms mean over $((wh_count1 - wh_count0)) queries not served from the result cache (usheru.ask.warehouse: the query slot's wait included)"
fi
echo "load after asks: $(cut -d' ' -f1-3 /proc/loadavg)"
