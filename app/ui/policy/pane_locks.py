"""A compare pane's header under the administrator's policy: the same locks as the main window's."""

from __future__ import annotations

from app.core.policy import Policy
from app.ui.compare.pane_header import PaneHeader
from app.ui.policy.locks import lock_control, lock_mark


def lock_pane_header(header: PaneHeader, policy: Policy) -> None:
    """Each locked parameter's box, and the prompt when prompts are locked; nothing else."""
    note = policy.locked_note()
    for name, box in header.boxes.items():
        lock_control(box, note, policy.is_locked(name))
    if policy.lock_prompts:
        editor = header.prompt_editor
        editor.setReadOnly(True)
        editor.setPlaceholderText(f"{lock_mark()} {note}")
        editor.setToolTip(f"{lock_mark()} {note}")
        editor.setAccessibleDescription(f"{lock_mark()} {note}")
        lock_control(header.picker, note, True)
