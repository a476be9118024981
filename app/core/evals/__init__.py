"""Test sets that prove a prompt: cases × prompts × repeats, assertions, grading, run vs run."""
