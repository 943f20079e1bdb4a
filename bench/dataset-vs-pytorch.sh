#!/usr/bin/env bash
# A char-LSTM on a text, ours against PyTorch, side by side in one run: for each hidden size and seed, our
# `bench --dataset` (windows of 100, batch 32, Adam 0.01: throughput over 100 steps after 20, then a
# fresh run of --seconds, its held-out bits per character, next-character accuracy and the best unit's
# |r| with the line position; then, through a server it starts, the text view of 20,000 test characters
# and the first probes request), then bench/vs_pytorch_text.py training nn.LSTM the same way on the same
# text from the same seed. Prints both and the throughput ratio, with the load average before and after
# each size; with more than one seed, each seed's rows and then each side's median over the seeds, so
# that a gap can be told from the spread between seeds.
#
#   bench/dataset-vs-pytorch.sh [--jar target/lstm-explorer.jar] [--text datasets/code/java-sources.txt]
#                               [--hidden 64,128] [--seconds 120] [--threads 2] [--seeds 1] [--lr 0.01]
#
# Needs: java 17, Debian's python3-torch run by /usr/bin/python3. Builds the jar with Maven if missing.
set -euo pipefail

cd "$(dirname "$0")/.."
. bench/lib.sh
JAR=target/lstm-explorer.jar
TEXT=datasets/code/java-sources.txt
HIDDEN=64,128
SECONDS_EACH=120
THREADS=2
SEEDS=1
LR=0.01
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --text) TEXT=$2; shift 2 ;;
    --hidden) HIDDEN=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --seeds) SEEDS=$2; shift 2 ;;
    --lr) LR=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

require_torch
require_jar "$JAR"
field() { "$PYTHON" -c "import json, sys; v = json.loads(sys.stdin.readline())['$1']; print(f'{v:,.0f}' if '$2' == 'n' else f'{v:.$2f}')"; }

# the median of one field over JSON lines, one per argument
median() { "$PYTHON" -c "import json, statistics, sys; print(statistics.median(json.loads(x)['$1'] for x in sys.argv[2:]))" "$@"; }
# one row of the table from a JSON line of either side, or from the medians of several
row() { # model seed who json
  local line=$4
  local text_ms probes_ms
  text_ms=$([ "$3" = ours ] && echo "$(field text_view_ms 0 <<< "$line") ms" || echo "—")
  probes_ms=$([ "$3" = ours ] && echo "$(field probes_first_ms 0 <<< "$line") ms" || echo "—")
  printf '1x%-4s %-6s %-8s %12s %9s %10s %8s%% %12s %11s %9s\n' "$1" "$2" "$3" "$(field timesteps_per_second n <<< "$line")" \
    "$(field steps n <<< "$line")" "$(field bits_per_character 3 <<< "$line")" \
    "$("$PYTHON" -c "import json, sys; print(f'{100 * json.loads(sys.argv[1])[\"next_char_accuracy\"]:.1f}')" "$line")" \
    "$(field line_position_r 2 <<< "$line")" "$text_ms" "$probes_ms"
}
# a JSON line of the medians of the fields a row shows
medians() {
  "$PYTHON" -c "import json, statistics, sys
rows = [json.loads(x) for x in sys.argv[1:]]
print(json.dumps({k: statistics.median(r[k] for r in rows) for k in ('timesteps_per_second', 'steps', 'bits_per_character',
      'next_char_accuracy', 'line_position_r', 'text_view_ms', 'probes_first_ms') if k in rows[0]}))" "$@"
}

echo "$TEXT, $SECONDS_EACH s per run, $THREADS threads each, $(nproc) cores, Adam $LR, seeds $SEEDS, PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
printf '%-6s %-6s %-8s %12s %9s %10s %9s %12s %11s %9s   %s\n' model seed who timesteps/s steps bits/char next-char "|r| line" "text 20k" \
  probes "load average before -> after"
for h in ${HIDDEN//,/ }; do
  before=$(load)
  all_ours=() all_theirs=() ratios=()
  for seed in ${SEEDS//,/ }; do
    ours=$(java -jar "$JAR" bench --dataset "$TEXT" --hidden "$h" --max-seconds "$SECONDS_EACH" --threads "$THREADS" --seed "$seed" \
      --lr "$LR" --json | tail -n 1)
    theirs=$("$PYTHON" bench/vs_pytorch_text.py --text "$TEXT" --hidden "$h" --seconds "$SECONDS_EACH" --threads "$THREADS" \
      --seed "$seed" --lr "$LR")
    row "$h" "$seed" ours "$ours"
    row "$h" "$seed" PyTorch "$theirs"
    all_ours+=("$ours") all_theirs+=("$theirs")
    ratios+=("$("$PYTHON" -c "import json, sys; a, b = (json.loads(x)['timesteps_per_second'] for x in sys.argv[1:]); print(json.dumps({'ratio': a / b}))" "$ours" "$theirs")")
  done
  if [ ${#all_ours[@]} -gt 1 ]; then
    row "$h" median ours "$(medians "${all_ours[@]}")"
    row "$h" median PyTorch "$(medians "${all_theirs[@]}")"
  fi
  after=$(load)
  ratio=$("$PYTHON" -c "import sys; print(f'{float(sys.argv[1]):.1f}')" "$(median ratio "${ratios[@]}")")
  printf '1x%-4s ours / PyTorch throughput: %sx%s   (load average %s -> %s)\n' "$h" "$ratio" \
    "$([ ${#ratios[@]} -gt 1 ] && echo ", the median of ${#ratios[@]} seeds")" "$before" "$after"
done
