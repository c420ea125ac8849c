#!/usr/bin/env bash
# Seconds from `java` to the first 200 of GET /api/v1/health, on a cold (new) or warm data directory.
#
#   bench/startup.sh [--runs N] [--port P] [--data-dir D] [--jar J] [--check] [--extract DIR | --aot DIR]
#                    [cold|warm] [-- extra java options]
#
#   cold   a new data directory each run: initdb, migrations, the data mart load
#   warm   one data directory, started once to warm it, then N timed starts on it (the default)
#   --check    after the last start, sign in, ask one question and print the answer's intent and rows
#   --extract  run the jar extracted into DIR (java -Djarmode=tools -jar … extract), as the AOT cache needs
#   --aot      the same, plus a training run (a cold start, one sign-in and one question, then a normal
#              stop) that writes DIR/app.aot, which every timed run then uses (-XX:AOTCache)
#
# Prints each run and the median (seconds to healthy and the JVM's CPU seconds until then), the load
# average before and after, and Spring's own "Started … in" line. Example: bench/startup.sh --aot /tmp/app warm
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3 port=8190 data_dir=/tmp/startup-bench jar=target/usheru-ai.jar mode=warm check=false extract= aot=false
java_opts=()
seconds= cpu=
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --data-dir) data_dir=$2; shift 2 ;;
        --jar) jar=$2; shift 2 ;;
        --check) check=true; shift ;;
        --extract) extract=$2; shift 2 ;;
        --aot) extract=$2; aot=true; shift 2 ;;
        cold|warm) mode=$1; shift ;;
        --) shift; java_opts=("$@"); break ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -ntp -DskipTests package" >&2; exit 2; }

pid=
stop() {
    [ -n "$pid" ] || return 0
    kill "$pid" 2>/dev/null || true
    # Long enough for a training run's JVM to write its AOT cache after the application stopped.
    for _ in $(seq 1 3000); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    # A postgres left behind by a killed JVM: stopped by its own pid file, nothing else touched.
    local pg="$data_dir/postgres/postmaster.pid"
    if [ -f "$pg" ]; then kill "$(head -n 1 "$pg")" 2>/dev/null || true; sleep 1; fi
    pid=
}
trap stop EXIT

# Starts the jar, waits for 200 from /health, leaves the seconds it took in $seconds (no subshell: $pid must survive).
start() {
    local log=$1
    if curl -s -o /dev/null "http://localhost:$port/"; then echo "port $port is already taken" >&2; exit 1; fi
    local t0; t0=$(date +%s.%N)
    SERVER_PORT=$port APP_DATA_DIR=$data_dir APP_ADMIN_EMAIL=admin@example.com APP_ADMIN_PASSWORD=change-me-please \
    APP_INSIGHTS_SCHEDULE=false APP_PREDICTIONS_SCHEDULE=false \
        "$java" --enable-native-access=ALL-UNNAMED "${java_opts[@]}" -jar "$jar" >"$log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/api/v1/health")" = 200 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "the app died, see $log" >&2; tail -n 30 "$log" >&2; exit 1; }
        sleep 0.05
    done
    seconds=$(echo "$(date +%s.%N) - $t0" | bc)
    # The JVM's own CPU time until then (user + system): steadier than the wall clock on a busy machine.
    cpu=$(awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$pid/stat")
}

ask() {
    local token
    token=$(curl -s -X POST "localhost:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
        -d '{"email":"admin@example.com","password":"change-me-please"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')
    curl -s -X POST "localhost:$port/api/v1/ask" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d '{"question":"top 3 films by box office in Ireland"}' \
        | python3 -c 'import json,sys; r=json.load(sys.stdin); print("ask:", r["intent"], r["rows"][:3], "|", r["answer"])'
}

if [ -n "$extract" ]; then
    rm -rf "$extract"
    "$java" -Djarmode=tools -jar "$jar" extract --destination "$extract" >/dev/null
    jar="$(cd "$extract" && pwd)/$(basename "$jar")"
fi
if [ "$aot" = true ]; then
    # The cache is tied to the class path as written: the timed runs use the same absolute path.
    train_opts=("${java_opts[@]}")
    java_opts=("${java_opts[@]}" -XX:AOTCacheOutput="$extract/app.aot")
    saved_dir=$data_dir; data_dir="$data_dir-training"; rm -rf "$data_dir"
    start "$data_dir.log"; ask >/dev/null; stop
    printf 'trained %s/app.aot (%s MB): %.1f s to healthy\n' "$extract" "$(du -m "$extract/app.aot" | cut -f1)" "$seconds"
    rm -rf "$data_dir"; data_dir=$saved_dir
    java_opts=("${train_opts[@]}" -XX:AOTCache="$extract/app.aot")
fi
echo "mode=$mode runs=$runs jar=$jar ($(du -m "$jar" | cut -f1) MB) java options: ${java_opts[*]:-none}"
echo "load before: $(uptime | sed 's/.*load average: //')"
if [ "$mode" = warm ] && [ ! -d "$data_dir/postgres" ]; then
    start "$data_dir.warmup.log"; stop
    printf 'warmed %s: %.1f s to healthy\n' "$data_dir" "$seconds"
fi
times=() cpus=()
for i in $(seq 1 "$runs"); do
    [ "$mode" = cold ] && rm -rf "$data_dir"
    log="$data_dir.$i.log"
    start "$log"
    times+=("$seconds")
    cpus+=("$cpu")
    printf 'run %d: %.1f s to healthy, %s s of CPU (%s)\n' "$i" "$seconds" "$cpu" "$(grep -o 'Started Application in [0-9.]* seconds' "$log" || echo 'no Started line')"
    if [ "$i" = "$runs" ] && [ "$check" = true ]; then ask; fi
    stop
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END{printf "%.1f", a[int((NR+1)/2)]}'; }
echo "median: $(median "${times[@]}") s to healthy, $(median "${cpus[@]}") s of CPU, of $runs runs"
echo "load after: $(uptime | sed 's/.*load average: //')"
