"""Binds a pane's header to its session's settings, both ways (endpoint, prompt text, parameters)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, Qt

from app.core.chat_settings import ChatSettings
from app.core.params import ParameterError, SamplingParams
from app.core.session import ChatSession
from app.ui.compare.pane_header import PANE_PARAMS, SHORT_NAMES, PaneHeader
from app.ui.window.endpoint_choice import EndpointChoice, model_label


class PaneSettingsBinding(QObject):
    """The header always shows the pane's settings; edits go to the pane's session."""

    def __init__(
        self,
        header: PaneHeader,
        session: ChatSession,
        endpoints: EndpointChoice,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._header = header
        self._session = session
        self._endpoints = endpoints
        self._showing = False  # widgets are being set from the settings: not an edit
        header.params_edited.connect(self._on_header_params_edited)
        header.prompt_edited.connect(self._on_header_prompt_edited)
        header.endpoint_chosen.connect(self._on_header_endpoint_chosen)
        self.refresh_profiles()
        self.show(session.settings)

    def refresh_profiles(self) -> None:
        combo = self._header.endpoint
        combo.blockSignals(True)
        combo.clear()
        for profile in self._endpoints.profiles:
            combo.addItem(f"{profile.name} · {model_label(profile)}", profile.id)
            tip = f"{profile.name}: {model_label(profile)}"
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.blockSignals(False)
        self._show_profile(self._session.settings)

    def show(self, settings: ChatSettings) -> None:
        """Show `settings` in the header (a change from the session, or the pane's start)."""
        self._showing = True
        try:
            editor = self._header.prompt_editor
            if editor.toPlainText() != settings.system_prompt:
                editor.setPlainText(settings.system_prompt)
            for name in PANE_PARAMS:
                box = self._header.boxes[name]
                value = getattr(settings.params, name)
                box.setValue(box.minimum() if value is None else float(value))
            self._show_profile(settings)
            self._header.set_summary(settings_summary(settings))
        finally:
            self._showing = False

    def _show_profile(self, settings: ChatSettings) -> None:
        combo = self._header.endpoint
        wanted = self._endpoints.resolved_id(settings.profile_id)
        combo.blockSignals(True)
        combo.setCurrentIndex(max(0, combo.findData(wanted)))
        combo.blockSignals(False)

    def _on_header_params_edited(self) -> None:
        if self._showing:
            return
        values: dict[str, float | int | None] = {}
        for name in PANE_PARAMS:
            box = self._header.boxes[name]
            if box.value() == box.minimum():
                values[name] = None
            else:
                values[name] = int(box.value()) if box.decimals() == 0 else box.value()
        try:
            params: SamplingParams = replace(self._session.settings.params, **values).validated()  # type: ignore[arg-type]
        except ParameterError:
            return  # the boxes keep values inside their ranges; nothing else can be wrong
        self._session.update_settings(params=params)

    def _on_header_prompt_edited(self) -> None:
        if not self._showing:
            self._session.update_settings(system_prompt=self._header.prompt_editor.toPlainText())

    def _on_header_endpoint_chosen(self, profile_id: str) -> None:
        self._session.update_settings(profile_id=self._endpoints.resolved_id(profile_id))


def settings_summary(settings: ChatSettings) -> str:
    """The pane's settings in one line, for the folded header: parameters set, then prompt."""
    parts = []
    for name in PANE_PARAMS:
        value = getattr(settings.params, name)
        if value is not None:
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            parts.append(f"{QCoreApplication.translate('PaneHeader', SHORT_NAMES[name])} {shown}")
    if not parts:
        parts.append(QCoreApplication.translate("PaneSettings", "Default parameters"))
    first_line = settings.system_prompt.strip().split("\n", 1)[0]
    if not first_line:
        parts.append(QCoreApplication.translate("PaneSettings", "no system prompt"))
    elif settings.prompt_ref:
        parts.append(
            QCoreApplication.translate("PaneSettings", "library prompt: {first_line}").format(
                first_line=first_line
            )
        )
    else:
        parts.append(f"prompt: {first_line}")
    return " · ".join(parts)
