"""The link scheme rendered Markdown uses for its own actions (the view acts on it, never opens it)."""

from __future__ import annotations

#: A code block's Copy link: ``copy-code:<id>``, resolved by ``MarkdownRenderer.code_for``.
COPY_SCHEME = "copy-code"
