#!/usr/bin/env bash
# Idempotent build of llama.cpp's llama-server from the tree vendored in the llama-cpp-python sdist.
#
# Prints the binary's path on stdout as its last line. The binary is only moved into place after a
# successful build, so its presence is the completion marker and a rerun returns at once.
# With --source, only fetches and unpacks the tree and prints its path (the GGUF converter is there).
set -euo pipefail

MODE="${1:-build}"

LLAMA_CPP_PYTHON_VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"
CACHE_DIR="${LLAMADESK_ENGINE_CACHE:-$HOME/.cache/llamadesk-engines}"
WORK="$CACHE_DIR/llama.cpp-$LLAMA_CPP_PYTHON_VERSION"
BIN="$WORK/bin/llama-server"
PYTHON="${LLAMADESK_ENGINE_PYTHON:-python3}"
JOBS="${LLAMADESK_BUILD_JOBS:-$(nproc)}"

SRC="$WORK/src"
if [[ "$MODE" == "build" && -x "$BIN" ]]; then
    echo "$BIN"
    exit 0
fi

mkdir -p "$WORK"
SDIST="$WORK/llama_cpp_python-$LLAMA_CPP_PYTHON_VERSION.tar.gz"
if [[ ! -f "$SDIST" ]]; then
    # pip prepares the sdist's metadata to resolve it. Not --no-binary :all:, which would also build
    # the build backend's whole dependency chain from source (many minutes); --no-deps: one file.
    "$PYTHON" -m pip download --quiet --progress-bar off --no-binary llama-cpp-python --no-deps \
        -d "$WORK/download" "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION" >&2
    mv "$WORK/download/$(basename "$SDIST")" "$SDIST"
    rm -rf "$WORK/download"
fi

if [[ ! -f "$SRC/.extracted" ]]; then
    rm -rf "$SRC"
    mkdir -p "$SRC"
    tar -xzf "$SDIST" -C "$SRC" --strip-components=3 \
        "llama_cpp_python-$LLAMA_CPP_PYTHON_VERSION/vendor/llama.cpp"
    touch "$SRC/.extracted"
fi
if [[ "$MODE" == "--source" ]]; then
    echo "$SRC"
    exit 0
fi

# Only the server target; no tests, examples, web UI (its prebuilt download would fail offline),
# OpenSSL (loopback HTTP only) or shared libraries (so the binary can be moved on its own).
cmake -S "$SRC" -B "$WORK/build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF \
    -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF \
    -DLLAMA_BUILD_APP=OFF \
    -DLLAMA_BUILD_TOOLS=ON \
    -DLLAMA_BUILD_SERVER=ON \
    -DLLAMA_USE_PREBUILT_UI=OFF \
    -DLLAMA_BUILD_UI=OFF \
    -DLLAMA_OPENSSL=OFF \
    -DLLAMA_LLGUIDANCE=OFF \
    -DGGML_NATIVE=ON \
    -DGGML_OPENMP=ON >&2
cmake --build "$WORK/build" --target llama-server -j "$JOBS" >&2

mkdir -p "$WORK/bin"
cp "$WORK/build/bin/llama-server" "$BIN.tmp"
mv "$BIN.tmp" "$BIN"
"$BIN" --version >&2
echo "$BIN"
