#!/usr/bin/env bash
# Training throughput against PyTorch, measured side by side in one run: for each task, our `bench`
# (the task's default LSTM, batch 32, 2 threads: forward + backward + Adam update, real timesteps
# per second over 1500 steps after a 300-step warm-up), then bench/vs_pytorch.py training nn.LSTM +
# nn.Linear of the same size on the same file (datasets/<task>/train.txt) the same way. Prints both
# throughputs and their ratio, with the load average before and after each task: other work on the
# same cores moves both numbers.
#
#   bench/vs-pytorch.sh [--jar target/lstm-explorer.jar] [--tasks counter,selective_counter,state_memorizer,copy_machine] [--threads 2]
#
# Needs: java 17, Debian's python3-torch run by /usr/bin/python3. Builds the jar with Maven if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=target/lstm-explorer.jar
TASKS=counter,selective_counter,state_memorizer,copy_machine
THREADS=2
PYTHON=/usr/bin/python3
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --tasks) TASKS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
  echo "PyTorch is not installed for $PYTHON; install it with: apt-get install -y python3-torch" >&2
  exit 1
fi
[ -f "$JAR" ] || mvn -q -B package -DskipTests

load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }
number() { "$PYTHON" -c "print(f'{$1:,.0f}')"; }
field() { "$PYTHON" -c "import json, sys; print(json.loads(sys.stdin.readline())['$1'])"; }

echo "training throughput, real timesteps/s, $THREADS threads each, $(nproc) cores, PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
printf '%-18s %6s %14s %14s %8s   %s\n' task params ours PyTorch ratio "load average before -> after"
for task in ${TASKS//,/ }; do
  before=$(load)
  ours=$(java -jar "$JAR" bench --tasks "$task" --threads "$THREADS" --json | tail -n 1)
  theirs=$("$PYTHON" bench/vs_pytorch.py --task "$task" --threads "$THREADS")
  ours_tps=$(field timesteps_per_second <<< "$ours")
  theirs_tps=$(field timesteps_per_second <<< "$theirs")
  printf '%-18s %6s %14s %14s %7sx   %s -> %s\n' "$task" "$(field parameters <<< "$ours")" \
    "$(number "$ours_tps")" "$(number "$theirs_tps")" "$("$PYTHON" -c "print(f'{$ours_tps / $theirs_tps:.1f}')")" "$before" "$(load)"
done
