"""The prompt library in the window: the system-prompt picker and save state, the library window."""
