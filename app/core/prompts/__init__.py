"""The system-prompt library: saved prompts, their immutable versions, labels, variables, diffs."""
