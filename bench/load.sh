#!/usr/bin/env bash
# Load test of the trace endpoint: starts the server jar, waits until the gallery is ready, starts
# a long training job so one core is busy training, then runs wrk (one thread, 64 connections, 10 s)
# against the trace of one test sequence of a gallery model. Prints requests/s, p50/p99 latency
# and errors, once with the trace cache on (the default) and once with it off, so every request
# runs its own forward pass. The machine's load average before and after each run is printed too:
# other work on the same cores shows up directly in the p99.
#
# The server runs with its default options: wrk connects from this machine, and clients on a loopback
# address are not limited by default, so no limit needs turning off. The training job is stopped with
# its owner token.
#
#   bench/load.sh [--jar target/lstm-explorer.jar] [--port 7199] [--duration 10s] [--connections 64] [--threads 1] [--model counter]
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
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --port) PORT=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --model) MODEL=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 1; }
[ -f "$JAR" ] || mvn -q -B package -DskipTests

DATA=$(mktemp -d)
BASE=http://localhost:$PORT
SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap cleanup EXIT

start_server() { # $1: extra options
  java -jar "$JAR" --port "$PORT" --data "$DATA" $1 > "$DATA/server.log" 2>&1 &
  SERVER_PID=$!
  local t0=$SECONDS
  until curl -sf "$BASE/api/health" 2>/dev/null | grep -q '"ready":true'; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$DATA/server.log" >&2; exit 1; fi
    if [ $((SECONDS - t0)) -gt 120 ]; then echo "server not ready after 120 s" >&2; exit 1; fi
    sleep 0.2
  done
  echo "server ready after $((SECONDS - t0)) s"
}

stop_server() {
  kill "$SERVER_PID"
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

run() { # $1: label
  # keep one core busy training for the whole run
  local job created token
  created=$(curl -sf -X POST "$BASE/api/models" -H 'Content-Type: application/json' \
    -d '{"task":"copy_machine","hidden":64,"layers":3,"maxSeconds":600,"learningRate":0.0001}')
  job=$(sed -E 's/.*"job":\{"id":"([^"]+)".*/\1/' <<< "$created")
  token=$(sed -E 's/.*"ownerToken":"([^"]+)".*/\1/' <<< "$created")
  until curl -sf "$BASE/api/jobs/$job" | grep -q '"status":"running"'; do sleep 0.1; done
  local url="$BASE/api/models/$MODEL/trace?sample=test&n=1"
  curl -sf "$url" > /dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" > /dev/null # let the JIT compile the hot path first
  local out load_before
  load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  local status
  status=$(curl -sf "$BASE/api/jobs/$job" | sed -E 's/.*"status":"([a-z]+)".*/\1/')
  curl -sf -X DELETE -H "X-Owner-Token: $token" "$BASE/api/jobs/$job" > /dev/null
  local rps p50 p99 non2xx socket
  rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
  p50=$(awk '$1 == "50%" {print $2}' <<< "$out")
  p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
  non2xx=$(awk -F': ' '/Non-2xx/ {print $2}' <<< "$out")
  socket=$(awk -F': ' '/Socket errors/ {print $2}' <<< "$out")
  printf '%-31s requests/s %-10s p50 %-9s p99 %-9s non-2xx %-4s socket errors: %s (training job: %s; load average %s -> %s)\n' \
    "$1" "$rps" "$p50" "$p99" "${non2xx:-0}" "${socket:-none}" "$status" "$load_before" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')"
}

echo "trace of one $MODEL test sequence, $CONNECTIONS connections, wrk on $THREADS thread(s), $DURATION, $(nproc) cores, training alongside, default limits"
start_server ""
run "cache on (default):"
stop_server
start_server "--trace-cache-mb 0"
run "cache off (forward pass each):"
