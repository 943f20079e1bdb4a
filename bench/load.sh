#!/usr/bin/env bash
# Load test of the trace endpoint: starts the server jar on its defaults, waits until the gallery is
# ready, and runs wrk (one thread, 64 connections, 10 s) against the trace of one test sequence of a
# gallery model. Prints requests/s, p50/p99 latency and errors for:
#
#   target        the server on its defaults (trace cache on), nothing else asked of it. This is the
#                 row the target below is about, and the script says whether that run met it.
#   extra rows    the same with a long training job started through the API, so one of the cores is
#                 busy training while wrk runs: once with the trace cache on, and once with the server
#                 started with --trace-cache-mb 0, so every request runs its own forward pass.
#
# The machine's load average before and after each run is printed too: other work on the same cores
# shows up directly in the p99.
#
# The server runs with its default options: wrk connects from this machine, and clients on a loopback
# address are not limited by default, so no limit needs turning off. The training jobs are stopped with
# their owner token.
#
#   bench/load.sh [--jar target/lstm-explorer.jar] [--port 7199] [--duration 10s] [--connections 64]
#                 [--threads 1] [--model counter] [--target-only] [--java-opts '-XX:+UseParallelGC']
#
# --target-only skips the extra rows. --java-opts passes options to the JVM that runs the server (none by
# default: the target is about `java -jar` as the README runs it).
#
# Each measured run follows a 3 s warm-up run that is not counted. Target: 0 non-2xx, p99 <= 10 ms.
#
# Needs: java 17, curl, wrk (Debian: apt-get install wrk). Builds the jar with Maven if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=target/lstm-explorer.jar
PORT=7199
DURATION=10s
WARMUP=3s
CONNECTIONS=64
THREADS=1
MODEL=counter
TARGET_ONLY=
JAVA_OPTS=
TARGET_P99_MS=10
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    --target-only) TARGET_ONLY=1; shift ;;
    --java-opts) JAVA_OPTS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || mvn -q -B package -DskipTests

DATA=$(mktemp -d)
BASE=http://localhost:$PORT
URL="$BASE/api/models/$MODEL/trace?sample=test&n=1"
SERVER_PID=
JOB=
TOKEN=
cleanup() {
  stop_training
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

loadavg() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }

start_server() { # $1: extra server options
  # shellcheck disable=SC2086 # the options are words
  java $JAVA_OPTS -jar "$JAR" --port "$PORT" --data "$DATA" $1 > "$DATA/server.log" 2>&1 &
  SERVER_PID=$!
  local t0=$SECONDS
  until curl -sf "$BASE/api/health" 2>/dev/null | grep -q '"ready":true'; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$DATA/server.log" >&2; exit 1; fi
    if [ $((SECONDS - t0)) -gt 120 ]; then echo "server not ready after 120 s" >&2; exit 1; fi
    sleep 0.2
  done
  echo "server ready after $((SECONDS - t0)) s${1:+ (options: $1)}"
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

start_training() { # keeps one core busy training for the whole run
  local created
  created=$(curl -sf -X POST "$BASE/api/models" -H 'Content-Type: application/json' \
    -d '{"task":"copy_machine","hidden":64,"layers":3,"maxSeconds":600,"learningRate":0.0001}')
  JOB=$(sed -E 's/.*"job":\{"id":"([^"]+)".*/\1/' <<< "$created")
  TOKEN=$(sed -E 's/.*"ownerToken":"([^"]+)".*/\1/' <<< "$created")
  until curl -sf "$BASE/api/jobs/$JOB" | grep -q '"status":"running"'; do sleep 0.1; done
}

stop_training() {
  [ -n "$JOB" ] || return 0
  curl -sf -X DELETE -H "X-Owner-Token: $TOKEN" "$BASE/api/jobs/$JOB" > /dev/null || true
  JOB=
}

# wrk's latency ("850.00us", "9.52ms", "1.02s") in milliseconds
millis() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; print n }'
}

P99= NON2XX= SOCKET=
run() { # $1: label, $2: what else runs ("" or "training")
  curl -sf "$URL" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$URL" > /dev/null # let the JIT compile the hot path first
  local out load_before status=""
  load_before=$(loadavg)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$URL")
  if [ -n "$JOB" ]; then status="training job: $(curl -sf "$BASE/api/jobs/$JOB" | sed -E 's/.*"status":"([a-z]+)".*/\1/'); "; fi
  local rps p50
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  P99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  NON2XX=$(awk -F': ' '/Non-2xx/ {print $2}' <<< "$out")
  NON2XX=${NON2XX:-0}
  SOCKET=$(awk -F': ' '/Socket errors/ {print $2}' <<< "$out")
  SOCKET=${SOCKET:-none}
  printf '%-48s requests/s %-10s p50 %-9s p99 %-9s non-2xx %-4s socket errors: %s (%sload average %s -> %s)\n' \
    "$1" "$rps" "$p50" "$P99" "$NON2XX" "$SOCKET" "$status" "$load_before" "$(loadavg)"
}

echo "trace of one $MODEL test sequence, $CONNECTIONS connections, wrk on $THREADS thread(s), $DURATION, $(nproc) cores, default limits${JAVA_OPTS:+, java $JAVA_OPTS}; load average $(loadavg) before the server starts"
start_server ""
run "target: defaults, cache on, nothing else:"
if [ "$NON2XX" = 0 ] && [ "$SOCKET" = none ] && awk -v p="$(millis "$P99")" -v t="$TARGET_P99_MS" 'BEGIN { exit !(p <= t) }'; then
  echo "  target 0 non-2xx, p99 <= $TARGET_P99_MS ms: met in this run (p99 $P99)"
else
  echo "  target 0 non-2xx, p99 <= $TARGET_P99_MS ms: NOT met in this run (p99 $P99, non-2xx $NON2XX, socket errors: $SOCKET)"
fi
[ -n "$TARGET_ONLY" ] && exit 0

echo "extra rows, not the target: a training job on one of the cores while wrk runs"
start_training
run "extra: cache on, training alongside:"
stop_training
stop_server
start_server "--trace-cache-mb 0"
start_training
run "extra: cache off (forward pass each), training:"
stop_training
