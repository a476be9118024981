"""The main window: saved conversations, then conversation and composer, then system prompt and parameters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.request import estimate_tokens
from app.ui.chat.composer import Composer
from app.ui.chat.conversation_view import ConversationView
from app.ui.chat.params_panel import ParamsPanel
from app.ui.history.history_pane import HistoryPane
from app.ui.policy.locks import POLICY_LOCKED
from app.ui.prompts.prompt_panel import PromptPicker, PromptSaveBar
from app.ui.prompts.variable_status import VariableStatus
from app.ui.style import ChatStyle, style_for
from app.ui.window.screen_fit import fit_to_screen
from app.ui.window.status_label import StatusLabel
from app.ui.window.window_menus import build_window_menus
from app.ui.window.window_toolbar import WindowToolbar


class MainWindow(QMainWindow):
    """Layout and intents only; the controller decides what happens."""

    closing = Signal()
    new_chat_requested = Signal()
    endpoints_requested = Signal()
    file_action_requested = Signal(str)  # export-markdown | export-json | import-json | ...
    font_size_step_requested = Signal(int)  # +1 larger, -1 smaller, 0 back to the system size
    use_as_default_requested = Signal()  # this chat's settings become the defaults for new chats
    prompt_library_requested = Signal()
    test_sets_requested = Signal()
    style_changed = Signal(object)  # ChatStyle: the OS switched between light and dark
    last_reply_action_requested = Signal(object)  # MessageAction on the last reply shown
    variables_requested = Signal()  # declare this chat's {{variables}}
    variable_values_requested = Signal()  # change the values the fill-in form asked for
    compare_requested = Signal()  # enter or leave compare mode (Ctrl+Shift+K)
    theme_requested = Signal(object)  # Theme chosen in View > Theme

    def __init__(
        self, style: ChatStyle, parent: QWidget | None = None, batch_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self.style_in_use = style
        self.high_contrast = style.high_contrast  # set by the appearance before its palette
        self.setWindowTitle(QCoreApplication.translate("MainWindow", "LlamaDesk"))
        self.setObjectName("mainWindow")
        fit_to_screen(self, 1180, 760)
        self.conversation_view = (
            ConversationView(style)
            if batch_ms is None
            else ConversationView(style, batch_ms=batch_ms)
        )
        self.composer = Composer()
        self.send_button = QPushButton(QCoreApplication.translate("MainWindow", "Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Send the message (Enter)")
        )
        self.send_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Send"))
        self.send_button.setDefault(True)
        self.stop_button = QPushButton(QCoreApplication.translate("MainWindow", "Stop"))
        self.stop_button.setObjectName("stopButton")
        self.stop_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Stop the reply and keep its text (Esc)")
        )
        self.stop_button.setAccessibleName(QCoreApplication.translate("MainWindow", "Stop"))
        self.stop_button.hide()
        self.status_label = StatusLabel()
        self.status_label.setObjectName("replyStatus")
        self.status_label.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Reply status")
        )
        self.status_label.setWordWrap(True)  # a long notice must not widen the window
        # Titles, file names and server errors land here: never markup (<img> reads files).
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setStyleSheet(f"color: {style.muted};")
        self.context_meter = QLabel()
        self.context_meter.setObjectName("contextMeter")
        self.context_meter.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Context window use")
        )
        self.context_meter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)

        self.system_prompt_editor = QPlainTextEdit()
        self.system_prompt_editor.setObjectName("systemPromptEditor")
        self.system_prompt_editor.setAccessibleName(
            QCoreApplication.translate("MainWindow", "System prompt")
        )
        self.system_prompt_editor.setToolTip(
            QCoreApplication.translate(
                "MainWindow",
                "This chat's instructions for the model; every chat keeps its own. Edits apply to "
                "the next turn.",
            )
        )
        self.system_prompt_editor.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "e.g. You are a concise assistant.")
        )
        self.system_prompt_editor.setTabChangesFocus(True)  # keyboard users must get out
        self.system_prompt_tokens = QLabel()
        self.system_prompt_tokens.setObjectName("systemPromptTokens")
        self.system_prompt_tokens.setStyleSheet(f"color: {style.muted};")
        self.system_prompt_editor.textChanged.connect(self._on_system_prompt_changed)
        self._on_system_prompt_changed()
        self.prompt_picker = PromptPicker()  # above the editor: which prompt this chat uses
        self.prompt_picker.library_requested.connect(self.prompt_library_requested)
        self.prompt_save_bar = PromptSaveBar(style.muted)  # below it: saved or edited
        # Under the editor: the {{variables}} it uses, and the button that declares them.
        self.variable_status = VariableStatus(style)
        self.variables_button = QPushButton(QCoreApplication.translate("MainWindow", "Varia&bles…"))
        self.variables_button.setObjectName("variablesButton")
        self.variables_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Declare this chat's {{variables}}: type, label, default"
            )
        )
        self.variables_button.clicked.connect(self.variables_requested)
        self.presets_menu = QMenu(
            QCoreApplication.translate("MainWindow", "P&resets"), self
        )  # filled by the presets controller
        self.presets_menu.setObjectName("presetsMenu")
        self.raw_editor = QPlainTextEdit()
        self.raw_editor.setObjectName("rawPromptEditor")
        self.raw_editor.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Raw prompt template")
        )
        self.raw_editor.setTabChangesFocus(True)
        self.raw_editor.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "The exact Llama 3.1 prompt that Raw mode sends; edit freely."
            )
        )
        self.params_panel = ParamsPanel(muted=style.muted)
        self.use_as_default_button = QPushButton(
            QCoreApplication.translate("MainWindow", "Use as default for new chats")
        )
        self.use_as_default_button.setObjectName("useAsDefaultButton")
        self.use_as_default_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow",
                "New chats will start with this system prompt, these parameters, this prompt mode "
                "and this endpoint",
            )
        )
        self.use_as_default_button.clicked.connect(self.use_as_default_requested)
        self.defaults_note = QLabel()
        self.defaults_note.setObjectName("defaultsNote")
        self.defaults_note.setWordWrap(True)
        self.defaults_note.setStyleSheet(f"color: {style.muted};")

        self.profile_selector = QComboBox()
        self.profile_selector.setObjectName("profileSelector")
        self.profile_selector.setAccessibleName(
            QCoreApplication.translate("MainWindow", "Endpoint")
        )
        self.profile_selector.setToolTip(
            QCoreApplication.translate("MainWindow", "Which endpoint answers: switch at any time")
        )
        self.profile_selector.setMinimumContentsLength(22)
        self.endpoint_status = QLabel()
        self.endpoint_status.setObjectName("endpointStatus")
        self.endpoint_status.setStyleSheet(f"color: {style.muted};")

        self.history_pane = HistoryPane()
        self.conversation_list = self.history_pane.conversation_list

        self._chat_shown = True  # compare mode puts its panes in the chat's place
        self._busy = False
        self._build_layout()
        menus = build_window_menus(self, self)
        self.view_menu = menus.view
        self.stop_action = menus.stop
        self.chat_actions: tuple[QAction, ...] = menus.chat_only
        self.theme_actions = menus.themes  # Theme -> its checkable View > Theme action
        self.send_button.clicked.connect(self.composer.send_requested)
        self.set_busy(False)

    # -- layout -------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        toolbar = WindowToolbar(self.profile_selector, self.endpoint_status, self.presets_menu)
        self.endpoints_button = toolbar.endpoints_button
        self.endpoints_button.clicked.connect(self.endpoints_requested)
        self.new_chat_button = toolbar.new_chat_button
        self.new_chat_button.clicked.connect(self.new_chat_requested)
        self.compare_button = toolbar.compare_button
        self.compare_button.clicked.connect(self.compare_requested)
        self.presets_button = toolbar.presets_button
        self.addToolBar(toolbar)

        chat = QWidget()
        chat_layout = QVBoxLayout(chat)
        chat_layout.setContentsMargins(0, 0, 6, 0)
        chat_layout.addWidget(self.conversation_view, 1)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_label, 1)
        status_row.addWidget(self.context_meter)
        chat_layout.addLayout(status_row)
        row = QHBoxLayout()
        row.addWidget(self.composer, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        chat_layout.addLayout(row)

        side = self.side_panel = QWidget()  # hidden in compare mode (panes have their own)
        side.setObjectName("sidePanel")
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        title = QLabel(QCoreApplication.translate("MainWindow", "<b>This chat's system prompt</b>"))
        title.setObjectName("systemPromptTitle")
        title.setBuddy(self.system_prompt_editor)
        side_layout.addWidget(title)
        side_layout.addWidget(self.prompt_picker)
        side_layout.addWidget(self.system_prompt_editor, 2)
        side_layout.addWidget(self.system_prompt_tokens)
        variables_row = QHBoxLayout()
        variables_row.addWidget(self.variable_status, 1)
        variables_row.addWidget(self.variables_button, 0, Qt.AlignmentFlag.AlignTop)
        side_layout.addLayout(variables_row)
        side_layout.addWidget(self.prompt_save_bar)
        self.raw_group = QGroupBox(
            QCoreApplication.translate("MainWindow", "Raw prompt (Llama 3.1 template)")
        )
        raw_layout = QVBoxLayout(self.raw_group)
        raw_layout.addWidget(self.raw_editor)
        self.refill_raw_button = QPushButton(
            QCoreApplication.translate("MainWindow", "Refill from conversation")
        )
        self.refill_raw_button.setObjectName("refillRawButton")
        self.refill_raw_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Rebuild the template from the chat and your message"
            )
        )
        raw_layout.addWidget(self.refill_raw_button)
        self.raw_group.hide()
        side_layout.addWidget(self.raw_group, 2)
        params_box = QGroupBox(QCoreApplication.translate("MainWindow", "This chat's parameters"))
        params_box.setObjectName("paramsBox")
        params_layout = QVBoxLayout(params_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Never sideways: the form wraps instead, so Tab cannot scroll the names out of sight.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.params_panel)
        params_layout.addWidget(scroll)
        side_layout.addWidget(params_box, 3)
        side_layout.addWidget(self.defaults_note)
        side_layout.addWidget(self.use_as_default_button)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.history_pane)
        self.chat_stack = QStackedWidget()  # the chat, or compare mode's panes in its place
        self.chat_stack.addWidget(chat)
        self.splitter.addWidget(self.chat_stack)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 0)  # the sidebar keeps its width; the chat grows
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 1)
        # No pane may shrink to an unreadable sliver (an 800x600 window still fits all three).
        # Minimums on the contents, not the panes: a larger font (Ctrl++) widens them with it.
        self.history_pane.setMinimumWidth(140)
        self.conversation_view.setMinimumWidth(300)
        self.system_prompt_editor.setMinimumWidth(220)
        for index in range(3):
            self.splitter.setCollapsible(index, False)
        self.splitter.setSizes([200, 620, 340])
        container = QWidget()
        layout = QVBoxLayout(container)
        layout.setContentsMargins(10, 6, 10, 10)
        layout.addWidget(self.splitter)
        self.setCentralWidget(container)

    # -- state --------------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """While a reply streams, Send becomes Stop."""
        self._busy = busy
        self.send_button.setVisible(not busy)
        self.stop_button.setVisible(busy)
        self.stop_action.setEnabled(busy and self._chat_shown)
        if not busy:
            # Back to the message box, unless the user is typing elsewhere (the system prompt,
            # the search, a rename) while the reply ended.
            focused = QApplication.focusWidget()
            if focused is None or focused is self.stop_button or not self.isAncestorOf(focused):
                self.composer.setFocus()

    def set_chat_actions_enabled(self, enabled: bool) -> None:
        """Compare mode hides the chat: the actions on it go off (and come back after). Esc
        too: a chat still streaming behind the panes is not what Esc stops there."""
        self._chat_shown = enabled
        for act in self.chat_actions:  # one the administrator's policy locks stays off
            act.setEnabled(enabled and not act.property(POLICY_LOCKED))
        self.stop_action.setEnabled(enabled and self._busy)

    def set_raw_mode(self, raw: bool) -> None:
        self.raw_group.setVisible(raw)

    def set_defaults_note(self, text: str) -> None:
        self.defaults_note.setText(text)

    def set_context_meter(self, text: str, tooltip: str, level: str) -> None:
        """How full the context window will be; level "", "warning" or "error" colours it."""
        style = self.style_in_use
        colour = {"warning": style.warning, "error": style.error}.get(level, style.muted)
        self.context_meter.setText(text)
        self.context_meter.setToolTip(tooltip)
        self.context_meter.setAccessibleDescription(tooltip)
        self.context_meter.setStyleSheet(f"color: {colour}; font-size: small;")

    def _on_system_prompt_changed(self) -> None:
        tokens = estimate_tokens(self.system_prompt_editor.toPlainText())
        self.system_prompt_tokens.setText(
            QCoreApplication.translate("MainWindow", "≈ {tokens} tokens").format(tokens=tokens)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.restyle()
        super().changeEvent(event)

    def restyle(self, palette: QPalette | None = None) -> None:
        """The chat's colours follow the palette (the window's, or one just set on the app and
        not yet passed down) and the contrast; style_changed when they moved."""
        style = style_for(palette or self.palette(), self.high_contrast)
        if style is not self.style_in_use:
            self.style_in_use = style
            self._follow_style(style)
            self.style_changed.emit(style)

    def _follow_style(self, style: ChatStyle) -> None:
        """Muted text in the new style's colour (the conversation redraws on style_changed)."""
        for label in (
            self.status_label,
            self.system_prompt_tokens,
            self.defaults_note,
            self.endpoint_status,
        ):
            label.setStyleSheet(f"color: {style.muted};")
        self.prompt_save_bar.set_muted(style.muted)
        self.variable_status.set_style(style)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
