"""The prompt library window: prompts, a prompt's versions, its text or a diff of two versions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.prompts.diff_pane import DiffPane
from app.ui.prompts.library_row import PromptRowDelegate
from app.ui.style import style_for
from app.ui.window.screen_fit import fit_to_screen


class LibraryDialog(QDialog):
    """Layout only; `LibraryController` decides what the controls do."""

    def __init__(
        self, parent: QWidget | None = None, *, muted: str = "#6b7280", dark: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptLibraryDialog")
        self.setWindowTitle(QCoreApplication.translate("LibraryDialog", "Prompt library"))
        self.setAccessibleName(QCoreApplication.translate("LibraryDialog", "Prompt library"))
        fit_to_screen(self, 1040, 680)
        self._muted = muted
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("librarySearch")
        self.search_edit.setPlaceholderText(
            QCoreApplication.translate("LibraryDialog", "Search prompts… (Ctrl+F)")
        )
        self.search_edit.setAccessibleName(
            QCoreApplication.translate("LibraryDialog", "Search prompts")
        )
        self.search_edit.setToolTip(
            QCoreApplication.translate(
                "LibraryDialog", "Prompts whose name or newest text contains these words"
            )
        )
        self.search_edit.setClearButtonEnabled(True)
        # Its clear button shows an icon only: a screen reader reads the action's text.
        clear = self.search_edit.findChild(QAction, "_q_qlineeditclearaction")
        if clear is not None:
            clear.setText(QCoreApplication.translate("SearchBox", "Clear the search"))
        self.new_button = self._button(
            QCoreApplication.translate("LibraryDialog", "&New prompt…"),
            "newPromptButton",
            QCoreApplication.translate(
                "LibraryDialog",
                "A new prompt: this chat's own text if it has one, else empty (the chat stays as it is)",
            ),
        )
        self.import_button = self._button(
            QCoreApplication.translate("LibraryDialog", "&Import…"),
            "importPromptsButton",
            QCoreApplication.translate(
                "LibraryDialog", "Add prompts from a LlamaDesk prompt file (JSON)"
            ),
        )
        self.export_library_button = self._button(
            QCoreApplication.translate("LibraryDialog", "Export &library…"),
            "exportLibraryButton",
            QCoreApplication.translate(
                "LibraryDialog", "Every prompt with all its versions, as JSON"
            ),
        )
        self.trash_button = self._button(
            QCoreApplication.translate("LibraryDialog", "Tras&h"),
            "libraryTrashButton",
            QCoreApplication.translate(
                "LibraryDialog", "Show the deleted prompts, to read or restore them"
            ),
        )
        self.trash_button.setCheckable(True)
        self.trash_note = QLabel(
            QCoreApplication.translate(
                "LibraryDialog",
                "The trash: deleted prompts. Chats and replies that used them keep their text; "
                "Restore puts a prompt back in the library.",
            )
        )
        self.trash_note.setObjectName("libraryTrashNote")
        self.trash_note.setWordWrap(True)
        self.trash_note.setStyleSheet(f"color: {muted};")
        self.trash_note.hide()

        self.prompt_list = QListView()
        self.prompt_list.setObjectName("promptList")
        self.prompt_list.setAccessibleName(QCoreApplication.translate("LibraryDialog", "Prompts"))
        self.prompt_list.setToolTip(
            QCoreApplication.translate(
                "LibraryDialog", "F2 renames, Del deletes (Ctrl+Z brings it back)"
            )
        )
        self.prompt_list.setUniformItemSizes(True)
        self.prompt_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.prompt_list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.prompt_list.setMinimumWidth(160)
        self.prompt_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.row_delegate = PromptRowDelegate(muted, self.prompt_list)
        self.prompt_list.setItemDelegate(self.row_delegate)

        self.name_label = QLabel()
        self.name_label.setObjectName("promptName")
        self.name_label.setTextFormat(Qt.TextFormat.PlainText)  # a name is not markup
        font = self.name_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.name_label.setFont(font)
        self.origin_label = QLabel()
        self.origin_label.setObjectName("promptOrigin")
        self.origin_label.setTextFormat(Qt.TextFormat.PlainText)
        self.origin_label.setStyleSheet(f"color: {muted};")
        self.use_button = self._button(
            QCoreApplication.translate("LibraryDialog", "&Use in this chat"),
            "useInChatButton",
            QCoreApplication.translate(
                "LibraryDialog", "The chat's system prompt becomes this version"
            ),
        )
        self.use_button.setDefault(True)
        self.rename_button = self._button(
            QCoreApplication.translate("LibraryDialog", "Rena&me"),
            "renamePromptButton",
            QCoreApplication.translate("LibraryDialog", "Rename the prompt (F2)"),
        )
        self.fork_button = self._button(
            QCoreApplication.translate("LibraryDialog", "F&ork…"),
            "forkPromptButton",
            QCoreApplication.translate(
                "LibraryDialog", "A new prompt starting from the selected version"
            ),
        )
        self.export_prompt_button = self._button(
            QCoreApplication.translate("LibraryDialog", "E&xport this prompt…"),
            "exportPromptButton",
            QCoreApplication.translate(
                "LibraryDialog", "This prompt with all its versions, as JSON"
            ),
        )
        self.delete_button = self._button(
            QCoreApplication.translate("LibraryDialog", "&Delete"),
            "deletePromptButton",
            QCoreApplication.translate(
                "LibraryDialog", "Move the prompt to the trash (Ctrl+Z undoes)"
            ),
        )
        self.restore_button = self._button(
            QCoreApplication.translate("LibraryDialog", "Re&store"),
            "restorePromptButton",
            QCoreApplication.translate("LibraryDialog", "Put the prompt back in the library"),
        )
        self.restore_button.hide()

        self.version_table = QTableView()
        self.version_table.setObjectName("versionTable")
        self.version_table.setAccessibleName(
            QCoreApplication.translate("LibraryDialog", "Versions")
        )
        self.version_table.setToolTip(
            QCoreApplication.translate(
                "LibraryDialog",
                "Newest first. Select one to read it, or two (Ctrl+click) to compare them.",
            )
        )
        self.version_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.version_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.version_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.version_table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.version_table.verticalHeader().hide()
        rows = self.version_table.verticalHeader()
        rows.setDefaultSectionSize(self.version_table.fontMetrics().height() + 8)
        self.version_table.setWordWrap(False)
        self.version_table.setAlternatingRowColors(True)
        self.revert_button = self._button(
            QCoreApplication.translate("LibraryDialog", "&Revert to this version"),
            "revertButton",
            QCoreApplication.translate(
                "LibraryDialog", "Save a new version equal to the selected one (nothing is deleted)"
            ),
        )
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("labelName")
        self.label_combo.setEditable(True)
        self.label_combo.setAccessibleName(QCoreApplication.translate("LibraryDialog", "Label"))
        self.label_combo.setToolTip(
            QCoreApplication.translate(
                "LibraryDialog",
                "A label such as production or staff: letters, digits, . _ - (at most 40)",
            )
        )
        self.label_combo.setMinimumContentsLength(12)
        edit = self.label_combo.lineEdit()
        assert edit is not None
        edit.setPlaceholderText(
            QCoreApplication.translate("LibraryDialog", "label, e.g. production")
        )
        edit.setMaxLength(40)
        self.set_label_button = self._button(
            QCoreApplication.translate("LibraryDialog", "&Put label here"),
            "setLabelButton",
            QCoreApplication.translate(
                "LibraryDialog", "Point the label at the selected version (moves it)"
            ),
        )
        self.remove_label_button = self._button(
            QCoreApplication.translate("LibraryDialog", "Remove lab&el"),
            "removeLabelButton",
            QCoreApplication.translate("LibraryDialog", "Take the label off this prompt"),
        )

        self.preview = QPlainTextEdit()
        self.preview.setObjectName("versionPreview")
        self.preview.setAccessibleName(QCoreApplication.translate("LibraryDialog", "Version text"))
        self.preview.setToolTip(
            QCoreApplication.translate(
                "LibraryDialog", "The selected version's text, as it is sent (read only)"
            )
        )
        self.preview.setReadOnly(True)
        self.diff_pane = DiffPane(dark=dark)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("libraryTabs")
        self.tabs.addTab(self.preview, QCoreApplication.translate("LibraryDialog", "&Text"))
        self.tabs.addTab(
            self.diff_pane, QCoreApplication.translate("LibraryDialog", "Di&fferences")
        )

        self.status_label = QLabel()
        self.status_label.setObjectName("libraryStatus")
        self.status_label.setAccessibleName(
            QCoreApplication.translate("LibraryDialog", "Library status")
        )
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = self._button(
            QCoreApplication.translate("LibraryDialog", "Undo delete"),
            "undoPromptDeleteButton",
            QCoreApplication.translate(
                "LibraryDialog", "Bring back the prompt deleted last (Ctrl+Z)"
            ),
        )
        self.undo_button.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("libraryProgress")
        self.progress.setAccessibleName(
            QCoreApplication.translate("LibraryDialog", "Import or export progress")
        )
        self.progress.setRange(0, 0)  # busy: how long a file takes is not known in advance
        self.progress.setMaximumWidth(160)
        self.progress.hide()

        self.focus_search_action = self._action(
            self,
            QCoreApplication.translate("LibraryDialog", "Search prompts"),
            QKeySequence.StandardKey.Find,
        )
        self.undo_action = self._action(
            self,
            QCoreApplication.translate("LibraryDialog", "Undo delete"),
            QKeySequence.StandardKey.Undo,
        )
        # On the list only: Del and F2 in the search box or the label field edit their text.
        listed = self.prompt_list
        self.delete_action = self._action(
            listed,
            QCoreApplication.translate("LibraryDialog", "Delete prompt"),
            QKeySequence.StandardKey.Delete,
        )
        self.rename_action = self._action(
            listed, QCoreApplication.translate("LibraryDialog", "Rename prompt"), "F2"
        )
        self._build_layout()

    def _button(self, text: str, name: str, tooltip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tooltip)
        button.setAutoDefault(False)
        return button

    def _action(self, owner: QWidget, text: str, keys: QKeySequence.StandardKey | str) -> QAction:
        act = QAction(text, owner)
        act.setShortcut(QKeySequence(keys))
        context = Qt.ShortcutContext
        act.setShortcutContext(context.WindowShortcut if owner is self else context.WidgetShortcut)
        owner.addAction(act)
        return act

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        for button in (
            self.new_button,
            self.import_button,
            self.export_library_button,
            self.trash_button,
        ):
            top.addWidget(button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        prompts_title = QLabel(QCoreApplication.translate("LibraryDialog", "<b>Prompts</b>"))
        prompts_title.setBuddy(self.prompt_list)
        left_layout.addWidget(prompts_title)
        left_layout.addWidget(self.prompt_list, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.name_label)
        right_layout.addWidget(self.origin_label)
        actions = QHBoxLayout()
        for button in (self.use_button, self.rename_button, self.fork_button, self.restore_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_prompt_button)
        actions.addWidget(self.delete_button)
        right_layout.addLayout(actions)
        details = QSplitter(Qt.Orientation.Vertical)
        versions = QWidget()
        versions_layout = QVBoxLayout(versions)
        versions_layout.setContentsMargins(0, 0, 0, 0)
        versions_layout.addWidget(self.version_table, 1)
        # Two rows, so that the window still fits an 800-pixel-wide screen.
        revert_row = QHBoxLayout()
        revert_row.addWidget(self.revert_button)
        revert_row.addStretch(1)
        versions_layout.addLayout(revert_row)
        label_row = QHBoxLayout()
        label_title = QLabel(QCoreApplication.translate("LibraryDialog", "L&abel:"))
        label_title.setBuddy(self.label_combo)
        label_row.addWidget(label_title)
        label_row.addWidget(self.label_combo, 1)
        label_row.addWidget(self.set_label_button)
        label_row.addWidget(self.remove_label_button)
        self.label_row = QWidget()
        self.label_row.setLayout(label_row)
        label_row.setContentsMargins(0, 0, 0, 0)
        versions_layout.addWidget(self.label_row)
        details.addWidget(versions)
        details.addWidget(self.tabs)
        details.setStretchFactor(0, 2)
        details.setStretchFactor(1, 3)
        right_layout.addWidget(details, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("librarySplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([260, 780])
        for index in range(2):
            splitter.setCollapsible(index, False)

        bottom = QHBoxLayout()
        self.status_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bottom.addWidget(self.status_label, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.undo_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.trash_note)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    def setup_version_columns(self) -> None:
        """Number and date fit their text; the note takes the room left."""
        header = self.version_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

    def show_prompt_controls(self, shown: bool) -> None:
        """Without a selected prompt, only search, New and Import apply."""
        for widget in (
            self.use_button,
            self.rename_button,
            self.fork_button,
            self.export_prompt_button,
            self.delete_button,
            self.revert_button,
            self.label_combo,
            self.set_label_button,
            self.remove_label_button,
            self.restore_button,
        ):
            widget.setEnabled(shown)

    def show_trash(self, on: bool) -> None:
        """The trash lists deleted prompts: they can be read and restored, not changed."""
        self.trash_note.setVisible(on)
        for widget in (
            self.use_button,
            self.rename_button,
            self.fork_button,
            self.export_prompt_button,
            self.delete_button,
            self.revert_button,
            self.label_row,
        ):
            widget.setVisible(not on)
        self.restore_button.setVisible(on)
        self.delete_action.setEnabled(not on)
        self.rename_action.setEnabled(not on)
        self.prompt_list.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if on
            else QAbstractItemView.EditTrigger.EditKeyPressed
        )

    def changeEvent(self, event: QEvent) -> None:
        """The OS switched between light and dark: muted text and diff colours follow."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            style = style_for(self.palette())
            for label in (self.origin_label, self.trash_note):
                label.setStyleSheet(f"color: {style.muted};")
            self.row_delegate.set_muted(style.muted)
            self.diff_pane.set_dark(style.dark)
        super().changeEvent(event)

    def say(self, text: str) -> None:
        self.status_label.setText(text)
