"""Compare mode: 2–4 chat sessions side by side, one message box sending to all."""
