"""The prompt library window put together: its widgets, what they do, and its file actions."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.prompts.library_access import LibraryAccess
from app.ui.prompts.library_actions import LibraryActions
from app.ui.prompts.library_controller import SEARCH_DELAY_MS, LibraryController
from app.ui.prompts.library_dialog import LibraryDialog
from app.ui.prompts.library_files import LibraryFilesController
from app.ui.prompts.prompt_binding import PromptBinding
from app.ui.prompts.questions import PathPicker, TextAsker, dialog_asker, dialog_picker
from app.ui.style import ChatStyle


class LibraryWindow:
    """Made on first use (Ctrl+Shift+L, or the picker's Library…), then shown again as it is."""

    def __init__(
        self,
        parent: QWidget,
        style: ChatStyle,
        access: LibraryAccess,
        binding: PromptBinding,
        *,
        ask_text: TextAsker | None = None,
        pick: PathPicker | None = None,
        search_delay_ms: int = SEARCH_DELAY_MS,
    ) -> None:
        self.dialog = LibraryDialog(parent, muted=style.muted, dark=style.dark)
        self.controller = LibraryController(self.dialog, access, search_delay_ms)
        self.actions = LibraryActions(
            self.controller, access, binding, ask_text or dialog_asker(self.dialog)
        )
        self.files = LibraryFilesController(
            self.controller, access, pick or dialog_picker(self.dialog)
        )

    def open(self, prompt_id: int | None = None) -> None:
        self.controller.open(prompt_id)

    def close(self) -> None:
        """Cancel a running import or export's waiting (the file work itself ends by itself)."""
        self.files.tasks.cancel_all()
        self.dialog.close()
