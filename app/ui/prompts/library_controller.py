"""What the library window shows: prompts found by the search, a prompt's versions, text, diff."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelection, QModelIndex, QObject, QTimer

from app.core.prompts.library import PromptSummary, PromptVersion
from app.ui.prompts.diff_pane import variables_note
from app.ui.prompts.library_access import NO_LIBRARY, LibraryAccess
from app.ui.prompts.library_dialog import LibraryDialog
from app.ui.prompts.library_models import PromptListModel, VersionTableModel
from app.ui.prompts.prompt_state import when

SEARCH_DELAY_MS = 150  # typing pauses this long before the library is asked


class LibraryController(QObject):
    """Keeps the list, the versions and the text or diff in step with the library and selection."""

    def __init__(
        self,
        dialog: LibraryDialog,
        access: LibraryAccess,
        search_delay_ms: int = SEARCH_DELAY_MS,
    ) -> None:
        super().__init__(dialog)
        self.dialog, self._access = dialog, access
        self._prompt: PromptSummary | None = None
        self._announcing = False
        self._selecting = False
        self._trash = False  # the list shows the deleted prompts
        self.prompts = PromptListModel(self._page, self)
        self.versions = VersionTableModel(self)
        d = dialog
        d.prompt_list.setModel(self.prompts)
        d.version_table.setModel(self.versions)
        d.setup_version_columns()
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(search_delay_ms)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        d.search_edit.textChanged.connect(self.search_timer.start)
        d.focus_search_action.triggered.connect(self._on_focus_search_triggered)
        d.trash_button.toggled.connect(self._on_trash_toggled)
        d.prompt_list.selectionModel().currentChanged.connect(self._on_prompt_current_changed)
        d.version_table.selectionModel().selectionChanged.connect(self._on_versions_selected)
        access.changed.connect(self._on_library_changed)
        self._show_prompt(None)

    @property
    def prompt(self) -> PromptSummary | None:
        """The prompt shown."""
        return self._prompt

    @property
    def in_trash(self) -> bool:
        """The list shows the trash (deleted prompts) rather than the library."""
        return self._trash

    def forget_prompt(self) -> None:
        """The prompt shown is gone (deleted): the next selection shows whatever is there."""
        self._prompt = None

    def show_name(self, summary: PromptSummary) -> None:
        """The prompt shown was renamed in place."""
        if self._prompt is not None and self._prompt.id == summary.id:
            self._prompt = summary
            self.dialog.name_label.setText(summary.name)

    # -- showing ------------------------------------------------------------------------------

    def open(self, prompt_id: int | None = None) -> None:
        """Show the window with the list as the library has it now, on `prompt_id` if given."""
        self._reload_list()
        if prompt_id is not None:
            self.select_prompt(prompt_id)
        if self.dialog.isVisible():  # behind the main window: bring it forward
            self.dialog.raise_()
        self.dialog.show()
        self.dialog.activateWindow()
        self.dialog.prompt_list.setFocus()

    def _page(self, query: str, limit: int, offset: int) -> list[PromptSummary]:
        trash = self._trash
        rows = self._access.attempt(
            lambda lib: lib.prompts(query, limit=limit, offset=offset, deleted=trash),
            self.dialog.say,
        )
        return rows or []

    def _on_trash_toggled(self, on: bool) -> None:
        self._trash = on
        self._prompt = None
        self.dialog.show_trash(on)
        self.prompts.refresh()
        self.select_row(0 if self.prompts.rowCount() else -1)
        self.dialog.prompt_list.setFocus()

    def _reload_list(self) -> None:
        """Read the list again; the selection stays on the prompt shown (if it is still listed)."""
        keep = self._prompt.id if self._prompt else None
        if self._access.library is None:
            self.dialog.say(QCoreApplication.translate("LibraryAccess", NO_LIBRARY))
        self.prompts.refresh()
        row = self.prompts.row_of(keep)
        self.select_row(0 if row < 0 and self.prompts.rowCount() else row)

    def select_row(self, row: int) -> None:
        view = self.dialog.prompt_list
        index = self.prompts.index(row, 0) if row >= 0 else QModelIndex()
        self._selecting = True  # shown once, below, whether or not the current row changes
        try:
            view.setCurrentIndex(index)
        finally:
            self._selecting = False
        if not index.isValid():
            self._show_prompt(None)
        else:
            self._show_prompt(self.prompts.summary(row))  # also when it was current already

    def select_prompt(self, prompt_id: int) -> None:
        """Show `prompt_id` (a search that hides it is cleared)."""
        if self.prompts.row_of(prompt_id) < 0 and self.prompts.query:
            self.dialog.search_edit.blockSignals(True)
            self.dialog.search_edit.clear()
            self.dialog.search_edit.blockSignals(False)
            self.prompts.search("")
        self.select_row(self.prompts.row_of(prompt_id))

    def _on_library_changed(self) -> None:
        if self.dialog.isVisible() and not self._announcing:
            self._reload_list()

    def announce(self) -> None:
        """Tell the other views (the chat's panel); this one reloads as its action needs."""
        self._announcing = True
        try:
            self._access.announce()
        finally:
            self._announcing = False

    def _on_search_timer_timeout(self) -> None:
        self._prompt = None
        self.prompts.search(self.dialog.search_edit.text().strip())
        self.select_row(0 if self.prompts.rowCount() else -1)

    def _on_focus_search_triggered(self) -> None:
        self.dialog.search_edit.setFocus()
        self.dialog.search_edit.selectAll()

    def _on_prompt_current_changed(self, current: QModelIndex) -> None:
        if self._selecting:
            return
        summary = self.prompts.summary(current.row()) if current.isValid() else None
        if summary is None or self._prompt is None or summary.id != self._prompt.id:
            self._show_prompt(summary)

    def _show_prompt(
        self, summary: PromptSummary | None, keep_numbers: tuple[int, ...] = ()
    ) -> None:
        d = self.dialog
        keep = keep_numbers or (
            self.selected_numbers()
            if summary and self._prompt and summary.id == self._prompt.id
            else ()
        )
        self._prompt = summary
        d.show_prompt_controls(summary is not None)
        if summary is None:
            empty = (
                QCoreApplication.translate("LibraryController", "The trash is empty")
                if self._trash
                else QCoreApplication.translate("LibraryController", "No prompts yet")
            )
            d.name_label.setText(
                QCoreApplication.translate("LibraryController", "No prompt selected")
                if self.prompts.rowCount()
                else empty
            )
            d.origin_label.setText(
                QCoreApplication.translate(
                    "LibraryController", "Deleted prompts wait here until restored."
                )
                if self._trash
                else QCoreApplication.translate(
                    "LibraryController",
                    "“New prompt…” starts one; “Save as new prompt…” in a chat keeps its text.",
                )
            )
            self.versions.set_versions([], [])
            d.preview.clear()
            d.diff_pane.clear("")
            return
        versions = self._access.attempt(lambda lib: lib.versions(summary.id), d.say) or []
        d.name_label.setText(summary.name)
        changed = (
            QCoreApplication.translate("LibraryController", "Changed {when}.").format(
                when=when(summary.updated_at)
            )
            if summary.updated_at
            else ""
        )
        d.origin_label.setText(" ".join(filter(None, (self._origin(summary), changed))))
        self.versions.set_versions(versions, summary.labels)
        d.label_combo.clear()
        d.label_combo.addItems([label for label, _number in summary.labels])
        d.label_combo.setCurrentText("")
        rows = [self.versions.row_of(n) for n in keep] if keep else [0]
        self._select_versions([r for r in rows if r >= 0] or [0])

    def _origin(self, summary: PromptSummary) -> str:
        source = summary.forked_from
        if source is None or source.version is None:
            return ""
        parent = self._access.attempt(lambda lib: lib.prompt(source.prompt_id), _ignore)
        name = (
            f"“{parent.name}”"
            if parent
            else QCoreApplication.translate(
                "LibraryController", "a prompt no longer in the library"
            )
        )
        return QCoreApplication.translate(
            "LibraryController", "Forked from {name}, version {version}."
        ).format(name=name, version=source.version)

    def _select_versions(self, rows: list[int]) -> None:
        table, model = self.dialog.version_table, self.versions
        selection = QItemSelection()
        for row in rows:
            if 0 <= row < model.rowCount():
                selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
        table.selectionModel().clearSelection()
        table.selectionModel().select(selection, table.selectionModel().SelectionFlag.Select)
        if rows and 0 <= rows[0] < model.rowCount():
            table.selectionModel().setCurrentIndex(
                model.index(rows[0], 0), table.selectionModel().SelectionFlag.NoUpdate
            )
        self._on_versions_selected()

    def selected_numbers(self) -> tuple[int, ...]:
        return tuple(v.number for v in self.selected_versions())

    def selected_versions(self) -> list[PromptVersion]:
        """The selected versions, newest first."""
        rows = sorted({i.row() for i in self.dialog.version_table.selectionModel().selectedRows()})
        return [v for r in rows if (v := self.versions.version(r)) is not None]

    def _on_versions_selected(self) -> None:
        d = self.dialog
        chosen = self.selected_versions()
        d.revert_button.setEnabled(len(chosen) == 1 and chosen[0].number != self._latest())
        d.use_button.setEnabled(len(chosen) == 1)
        d.set_label_button.setEnabled(len(chosen) == 1)
        d.fork_button.setEnabled(len(chosen) == 1)
        if not chosen:
            d.preview.clear()
            d.diff_pane.clear(
                QCoreApplication.translate(
                    "LibraryController",
                    "Select a version to read it, or two (Ctrl+click) to compare them.",
                )
            )
            return
        newest = chosen[0]
        if d.preview.toPlainText() != newest.text:
            d.preview.setPlainText(newest.text)
        if len(chosen) == 2:
            older = chosen[1]
            d.diff_pane.compare(
                older.text,
                newest.text,
                QCoreApplication.translate("LibraryController", "version {number}").format(
                    number=older.number
                ),
                QCoreApplication.translate("LibraryController", "version {number}").format(
                    number=newest.number
                ),
                variables_note(older.variables, newest.variables),
            )
            d.tabs.setCurrentWidget(d.diff_pane)
        elif len(chosen) > 2:
            d.diff_pane.clear(
                QCoreApplication.translate(
                    "LibraryController", "Select exactly two versions to compare them."
                )
            )
        else:
            before = self.versions.version(self.versions.row_of(newest.number) + 1)
            if before is None:
                d.diff_pane.clear(
                    QCoreApplication.translate(
                        "LibraryController",
                        "Version {number} is the first: select two versions to compare them.",
                    ).format(number=newest.number)
                )
            else:
                d.diff_pane.compare(
                    before.text,
                    newest.text,
                    QCoreApplication.translate("LibraryController", "version {number}").format(
                        number=before.number
                    ),
                    QCoreApplication.translate("LibraryController", "version {number}").format(
                        number=newest.number
                    ),
                    variables_note(before.variables, newest.variables),
                )

    def _latest(self) -> int:
        first = self.versions.version(0)
        return first.number if first else 0

    # -- acting ---------------------------------------------------------------------------

    def show_changes(
        self, say: str, *, select: int | None = None, numbers: tuple[int, ...] = ()
    ) -> None:
        """The library changed here: every view reloads; this one shows `select` and `numbers`."""
        self.announce()
        self.prompts.refresh()
        prompt_id = select if select is not None else (self._prompt.id if self._prompt else None)
        self._prompt = None
        if prompt_id is not None:
            self.select_prompt(prompt_id)
            if numbers and self._prompt is not None:
                self._show_prompt(self._prompt, numbers)
        else:
            self.select_row(0 if self.prompts.rowCount() else -1)
        self.dialog.say(say)


def _ignore(_sentence: str) -> None:
    """Where a fork came from is a detail: a failed read leaves it out."""
