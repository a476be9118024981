"""A chat's {{variables}} in the window: the status line, the Variables dialog, the fill-in form
before sending, and the name {{user_name}} stands for."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from app.core.chat_settings import ChatSettings, default_builtins
from app.core.prompts.variables import (
    BUILTIN_NAMES,
    VariableProblem,
    VariableSpec,
    spec_map,
    unanswered,
    variable_names,
)
from app.core.session import ChatSession
from app.ui.chat.session_controller import SessionController
from app.ui.prompts.fill_in_form import FillInForm
from app.ui.prompts.variable_status import describe_usage
from app.ui.prompts.variables_dialog import VariablesDialog
from app.ui.window.main_window import MainWindow

#: Typing pauses this long before the status line reads the prompt again.
STATUS_DELAY_MS = 150


class VariablesController(QObject):
    """Owns the variables' dialogs; the window controller asks it before every send."""

    user_name_changed = Signal(str)  # "" = the login name

    def __init__(
        self,
        window: MainWindow,
        chat: SessionController,
        user_name: str = "",
        *,
        delay_ms: int = STATUS_DELAY_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._chat = chat
        self.user_name = user_name
        self.dialog: VariablesDialog | None = None
        self.form: FillInForm | None = None
        #: (title, intro) of the fill-in form; None: the usual words (Simple mode sets its own).
        self.form_words: tuple[str, str] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.refresh)
        chat.settings_changed.connect(self._timer.start)
        chat.session_replaced.connect(self._on_session_replaced)
        window.variables_requested.connect(self.open_dialog)
        window.variable_values_requested.connect(self.edit_values)
        window.variable_status.declare_requested.connect(self._on_declare_requested)
        window.style_changed.connect(window.variable_status.set_style)
        chat.session.builtins = self.builtins
        self.refresh()

    @property
    def session(self) -> ChatSession:
        return self._chat.session

    def builtins(self) -> Mapping[str, str]:
        """{{date}}, {{time}}, {{weekday}} now, and {{user_name}} as set (else the login)."""
        values = default_builtins()
        if self.user_name.strip():
            values["user_name"] = self.user_name.strip()
        return values

    def _on_session_replaced(self, session: ChatSession) -> None:
        session.builtins = self.builtins  # new and opened chats alike
        self.refresh()

    def refresh(self) -> None:
        settings = self.session.settings
        usage = describe_usage(settings.system_prompt, settings.variables, settings.value_map())
        self._window.variable_status.show_usage(usage)

    # -- before sending ----------------------------------------------------------------------

    def values_ready(self, then: Callable[[], None]) -> bool:
        """True when the system prompt can be filled in now. Otherwise False: an unknown
        variable is said in the status line, or the fill-in form asks for the missing values
        and `then` runs once it is accepted (Cancel: nothing happens, the draft stays)."""
        settings = self.session.settings
        if "{{" not in settings.system_prompt:
            return True
        declared = spec_map(settings.variables)
        unknown = [
            n
            for n in variable_names(settings.system_prompt)
            if n not in declared and n not in BUILTIN_NAMES
        ]
        if unknown:
            self._window.status_label.setText(str(VariableProblem(unknown=unknown)))
            return False
        asked = unanswered(settings.system_prompt, settings.variables, settings.value_map())
        if not asked:
            return True  # anything else (a default that does not fit) the send itself says
        self._ask(asked, QCoreApplication.translate("VariablesController", "Send"), then)
        return False

    def fill_in_now(self, ok_text: str, then: Callable[[], None]) -> bool:
        """Ask now for the values the chat's prompt still lacks (`then` once accepted);
        False when none is missing."""
        settings = self.session.settings
        asked = unanswered(settings.system_prompt, settings.variables, settings.value_map())
        if not asked:
            return False
        self._ask(asked, ok_text, then)
        return True

    def edit_values(self) -> None:
        """Chat ▸ Edit variable values…: every declared variable the prompt uses."""
        settings = self.session.settings
        declared = spec_map(settings.variables)
        used = [declared[n] for n in variable_names(settings.system_prompt) if n in declared]
        if not used:
            self._window.status_label.setText(
                QCoreApplication.translate(
                    "VariablesController",
                    "This chat's system prompt uses no declared variables: declare them with "
                    "Variables… (under the system prompt), then write {{name}} in the prompt.",
                )
            )
            return
        self._ask(used, QCoreApplication.translate("VariablesController", "Save"), lambda: None)

    def _ask(self, specs: list[VariableSpec], ok_text: str, then: Callable[[], None]) -> None:
        if self.form is not None:
            self.form.raise_()
            return
        session = self.session
        form = FillInForm(
            specs,
            session.settings.value_map(),
            self._window.style_in_use,
            ok_text=ok_text,
            parent=self._window,
            words=self.form_words,
        )

        def on_finished(result: int) -> None:
            self.form = None
            form.deleteLater()
            # The chat asked about must still be the one shown (a reply may have opened
            # another meanwhile: its values are not these).
            if result != QDialog.DialogCode.Accepted or self.session is not session:
                return
            session.update_settings(values=_merged(session.settings, form.values()))
            then()

        form.finished.connect(on_finished)
        self.form = form
        form.open()  # window-modal, no nested event loop

    # -- declarations ------------------------------------------------------------------------

    def open_dialog(self, add_names: tuple[str, ...] = ()) -> None:
        """The Variables dialog for the chat shown (Declare: with the unknown names added)."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        session = self.session
        dialog = VariablesDialog(
            session.settings.variables,
            self.user_name,
            default_builtins()["user_name"],
            self._window.style_in_use,
            add_names=add_names,
            parent=self._window,
        )

        def on_finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                return
            if dialog.user_name() != self.user_name:
                self.user_name = dialog.user_name()
                self.user_name_changed.emit(self.user_name)
            if self.session is session:
                session.update_settings(variables=dialog.specs())
            self.refresh()

        dialog.finished.connect(on_finished)
        self.dialog = dialog
        dialog.open()

    def _on_declare_requested(self, names: tuple[str, ...]) -> None:
        self.open_dialog(add_names=names)


def _merged(settings: ChatSettings, new: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    values = settings.value_map()
    values.update(new)
    return tuple(values.items())
