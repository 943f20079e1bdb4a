#!/usr/bin/env bash
# Training throughput against PyTorch, measured side by side in one run. Each case is measured
# --runs times (ours, then PyTorch's, then the next run), and its row shows the run with the worst
# ratio, and every run's ratio: other work on the same cores moves both numbers.
#
#   the four tasks: our `bench --throughput-only` (the task's default LSTM, batch 32: forward +
#     backward + Adam update, real timesteps per second over 6000 steps after 12000 to warm up),
#     then bench/vs_pytorch.py training nn.LSTM + nn.Linear of the same size on the same file
#     (datasets/<task>/train.txt) the same way, over 3000 steps after 3000.
#   text-1x128, text-1x256: a 1 x 128 and a 1 x 256 LSTM on Python's argparse.py (100 KB, 88
#     characters) in windows of 100, batch 32, 30 steps after 6 (`bench --data-file`).
#   anbncn-150: a 2 x 20 LSTM on a^50 b^50 c^50, sequences of 150 characters and the newline,
#     batch 32: ours 120 steps after 240, PyTorch's 60 after 60 (its 2 x 20 step is small too).
#
# The warm-ups differ because the runtimes do: the JIT compiles our step while it runs, PyTorch runs
# compiled code from the start. bench/warmup.sh measures both after warm-ups of different lengths.
#
#   bench/vs-pytorch.sh [--jar target/lstm-explorer.jar] [--cases counter,...,anbncn-150] [--runs 3] [--threads 2]
#
# Needs: java 17, Debian's python3-torch run by /usr/bin/python3. Builds the jar with Maven if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
JAR=target/lstm-explorer.jar
CASES=counter,selective_counter,state_memorizer,copy_machine,text-1x128,text-1x256,anbncn-150
THREADS=2
RUNS=3
# ours, then PyTorch's: steps timed and steps to warm up (see above)
TASK_STEPS=6000 TASK_WARMUP=12000 TORCH_TASK_STEPS=3000 TORCH_TASK_WARMUP=3000
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --cases|--tasks) CASES=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

require_torch
require_jar "$JAR"

TEXT=$("$PYTHON" -c 'import argparse; print(argparse.__file__)')
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$PYTHON" -c "print(('a' * 50 + 'b' * 50 + 'c' * 50 + '\n') * 200, end='')" > "$WORK/anbncn-150.txt"
field() { "$PYTHON" -c "import json, sys; print(json.loads(sys.stdin.readline())['$1'])"; }

# prints one JSON line of our measurement, then one of PyTorch's, for case $1
measure() {
  local data steps warmup torch_steps torch_warmup
  case "$1" in
    text-1x*) data=(--data-file "$TEXT" --kind text --window 100 --layers 1 --hidden "${1#text-1x}") steps=30 warmup=6 torch_steps=30 torch_warmup=6 ;;
    anbncn-150) data=(--data-file "$WORK/anbncn-150.txt" --kind lines --layers 2 --hidden 20) steps=120 warmup=240 torch_steps=60 torch_warmup=60 ;;
    *) data=() ;;
  esac
  if [ ${#data[@]} -eq 0 ]; then
    java -jar "$JAR" bench --tasks "$1" --threads "$THREADS" --throughput-only --throughput-steps "$TASK_STEPS" \
      --warmup-steps "$TASK_WARMUP" --json | tail -n 1
    "$PYTHON" bench/vs_pytorch.py --task "$1" --threads "$THREADS" --steps "$TORCH_TASK_STEPS" --warmup "$TORCH_TASK_WARMUP"
  else
    java -jar "$JAR" bench "${data[@]}" --threads "$THREADS" --throughput-steps "$steps" --warmup-steps "$warmup" --json | tail -n 1
    "$PYTHON" bench/vs_pytorch.py "${data[@]}" --threads "$THREADS" --steps "$torch_steps" --warmup "$torch_warmup"
  fi
}

echo "training throughput, real timesteps/s, $THREADS threads each, $(nproc) cores, PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)'), worst of $RUNS runs"
printf '%-18s %7s %12s %12s %7s   %-22s %s\n' case params ours PyTorch ratio "ratio of each run" "load average before -> after"
for c in ${CASES//,/ }; do
  before=$(load)
  rows=()
  for ((run = 1; run <= RUNS; run++)); do
    out=$(measure "$c")
    ours=$(head -n 1 <<< "$out")
    theirs=$(tail -n 1 <<< "$out")
    rows+=("$(field parameters <<< "$ours") $(field timesteps_per_second <<< "$ours") $(field timesteps_per_second <<< "$theirs")")
  done
  "$PYTHON" - "$c" "$before" "$(load)" "${rows[@]}" <<'EOF'
import sys
case, before, after, rows = sys.argv[1], sys.argv[2], sys.argv[3], [r.split() for r in sys.argv[4:]]
runs = [(int(p), float(o), float(t)) for p, o, t in rows]
ratios = [o / t for _, o, t in runs]
params, ours, theirs = runs[ratios.index(min(ratios))]
each = " ".join(f"{r:.1f}" for r in ratios)
print(f"{case:<18} {params:>7} {ours:>12,.0f} {theirs:>12,.0f} {min(ratios):>6.1f}x   {each:<22} {before} -> {after}")
EOF
done
