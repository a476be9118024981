"""Convert the tiny model to GGUF with the llama.cpp tree's own converter, for llama-server.

Run with the engines' venv python (torch, transformers, numpy, sentencepiece):

    python convert_tiny_gguf.py LLAMA_CPP_SRC HF_MODEL_DIR OUT.gguf

The converter identifies a BPE pre-tokenizer by hashing how the tokenizer splits a fixed text, and
refuses a tokenizer it has never seen, which a freshly trained one always is. Ours uses Llama 3's
split regex exactly, so it is told "llama-bpe" (what it would detect for the real Llama 3.1);
everything else (tensor layout, Q/K permutation, llama3 RoPE factors, chat template, special
tokens) is the converter's own work.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, model_dir, out_file = (Path(arg) for arg in argv)
    # The vendored gguf-py matches the converter; a PyPI gguf might not.
    sys.path[:0] = [str(src / "gguf-py"), str(src)]

    from conversion import base

    base.TextModel.get_vocab_base_pre = lambda self, tokenizer: "llama-bpe"

    partial = out_file.with_name(out_file.name + ".partial")
    sys.argv = [
        str(src / "convert_hf_to_gguf.py"),
        str(model_dir),
        "--outfile",
        str(partial),
        "--outtype",
        "f32",  # exact copy of the bf16 weights; the model is under 2 MB either way
    ]
    try:
        runpy.run_path(sys.argv[0], run_name="__main__")
    except SystemExit as exit_:
        if exit_.code not in (None, 0):
            raise
    partial.replace(out_file)
    print(out_file)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
