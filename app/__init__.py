"""LlamaDesk: a desktop chat client for Llama 3.1 8B Instruct FP8."""
