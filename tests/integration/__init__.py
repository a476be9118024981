"""Integration tests against real local inference servers (vLLM CPU, llama.cpp)."""
