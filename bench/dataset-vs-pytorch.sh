#!/usr/bin/env bash
# A char-LSTM on a text, ours against PyTorch, side by side in one run: for each hidden size, our
# `bench --dataset` (windows of 100, batch 32, Adam 0.01: throughput over 100 steps after 20, then a
# fresh run of --seconds, its held-out bits per character, next-character accuracy and the best unit's
# |r| with the line position; then, through a server it starts, the text view of 20,000 test characters
# and the first probes request), then bench/vs_pytorch_text.py training nn.LSTM the same way on the same
# text. Prints both and the throughput ratio, with the load average before and after each size.
#
#   bench/dataset-vs-pytorch.sh [--jar target/lstm-explorer.jar] [--text datasets/code/java-sources.txt]
#                               [--hidden 64,128] [--seconds 120] [--threads 2]
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
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR=$2; shift 2 ;;
    --text) TEXT=$2; shift 2 ;;
    --hidden) HIDDEN=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

require_torch
require_jar "$JAR"
field() { "$PYTHON" -c "import json, sys; v = json.loads(sys.stdin.readline())['$1']; print(f'{v:,.0f}' if '$2' == 'n' else f'{v:.$2f}')"; }

echo "$TEXT, $SECONDS_EACH s per run, $THREADS threads each, $(nproc) cores, PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)')"
printf '%-6s %-8s %12s %9s %10s %9s %12s %11s %9s   %s\n' model who timesteps/s steps bits/char next-char "|r| line" "text 20k" probes \
  "load average before -> after"
for h in ${HIDDEN//,/ }; do
  before=$(load)
  ours=$(java -jar "$JAR" bench --dataset "$TEXT" --hidden "$h" --max-seconds "$SECONDS_EACH" --threads "$THREADS" --json | tail -n 1)
  theirs=$("$PYTHON" bench/vs_pytorch_text.py --text "$TEXT" --hidden "$h" --seconds "$SECONDS_EACH" --threads "$THREADS")
  after=$(load)
  for who in ours PyTorch; do
    line=$([ "$who" = ours ] && echo "$ours" || echo "$theirs")
    text_ms=$([ "$who" = ours ] && echo "$(field text_view_ms 0 <<< "$line") ms" || echo "—")
    probes_ms=$([ "$who" = ours ] && echo "$(field probes_first_ms 0 <<< "$line") ms" || echo "—")
    printf '1x%-4s %-8s %12s %9s %10s %8s%% %12s %11s %9s\n' "$h" "$who" "$(field timesteps_per_second n <<< "$line")" \
      "$(field steps n <<< "$line")" "$(field bits_per_character 3 <<< "$line")" \
      "$("$PYTHON" -c "import json, sys; print(f'{100 * json.loads(sys.argv[1])[\"next_char_accuracy\"]:.1f}')" "$line")" \
      "$(field line_position_r 2 <<< "$line")" "$text_ms" "$probes_ms"
  done
  ratio=$("$PYTHON" -c "import json, sys; a, b = (json.loads(x)['timesteps_per_second'] for x in sys.argv[1:]); print(f'{a / b:.1f}')" "$ours" "$theirs")
  printf '1x%-4s ours / PyTorch throughput: %sx   (load average %s -> %s)\n' "$h" "$ratio" "$before" "$after"
done
