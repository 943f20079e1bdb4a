# Sourced by the bench scripts that compare with PyTorch: Debian's python3-torch, the jar, the load average.
PYTHON=/usr/bin/python3

require_torch() {
  if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
    echo "PyTorch is not installed for $PYTHON; install it with: apt-get install -y python3-torch" >&2
    exit 1
  fi
}

require_jar() { [ -f "$1" ] || mvn -q -B package -DskipTests; }

load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?'; }
