#!/usr/bin/env bash
# How long each side needs to reach its steady speed, the reason for the warm-ups of bench/vs-pytorch.sh
# and bench-scale: the JIT compiles our code while it runs, PyTorch runs compiled code from the start.
#
#   copy_machine, ours: timesteps/s over 2000 steps after W warm-up steps, a fresh JVM per W
#   copy_machine, PyTorch: timesteps/s over 1500 steps after 300 and after 3000 warm-up steps
#   the 2 x 256 trace of bench-scale, forward pass alone in single precision: every run in order, none untimed
#
#   bench/warmup.sh [--jar target/lstm-explorer.jar] [--threads 2]
#
# Needs: java 17, Debian's python3-torch run by /usr/bin/python3. Builds the jar with Maven if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
JAR=target/lstm-explorer.jar
THREADS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

require_torch
require_jar "$JAR"
field() { "$PYTHON" -c "import json, sys; print(json.loads(sys.stdin.read())['$1'])"; }
rate() { "$PYTHON" -c "import sys; print(f'{float(sys.argv[1]):>12,.0f}')" "$1"; }

echo "$THREADS threads, $(nproc) cores; load average $(load) before"
echo "copy_machine, ours: timesteps/s over 2,000 steps after W warm-up steps (a fresh JVM for each W)"
for w in 1000 3000 6000 12000; do
  ours=$(java -jar "$JAR" bench --tasks copy_machine --threads "$THREADS" --throughput-only --throughput-steps 2000 \
    --warmup-steps "$w" --json | tail -n 1 | field timesteps_per_second)
  printf '  W = %6d %s\n' "$w" "$(rate "$ours")"
done
echo "copy_machine, PyTorch: timesteps/s over 1,500 steps after W warm-up steps"
for w in 300 3000; do
  theirs=$("$PYTHON" bench/vs_pytorch.py --task copy_machine --threads "$THREADS" --steps 1500 --warmup "$w" | field timesteps_per_second)
  printf '  W = %6d %s\n' "$w" "$(rate "$theirs")"
done
echo "2 x 256 trace of 2,000 characters, forward pass alone, single precision: ms of each run in order, with no warm-up"
runs=$(java -Xmx1g -jar "$JAR" bench-scale --trace-only --warmups 0 --repeat 15 --json 2>/dev/null | grep -v INFO \
  | "$PYTHON" -c "import json, sys; print(' '.join(f'{v:.0f}' for v in json.load(sys.stdin)['trace_forward_single_runs_ms']))")
echo "  $runs"
echo "load average $(load) after"
