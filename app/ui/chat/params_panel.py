"""Every sampling parameter with its range and default, the prompt mode, and "reset to defaults"."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from app.core.i18n import QT_TRANSLATE_NOOP
from app.core.params import PARAM_SPECS, ParamSpec, SamplingParams
from app.core.request import PromptMode
from app.ui.policy.locks import lock_control, lock_mark, locked_label

_MODE_LABELS = {
    PromptMode.CHAT: QT_TRANSLATE_NOOP("ParamsPanel", "Chat (messages)"),
    PromptMode.UNSCOPED: QT_TRANSLATE_NOOP("ParamsPanel", "Single prompt"),
    PromptMode.RAW: QT_TRANSLATE_NOOP("ParamsPanel", "Raw template"),
}
_UNSET = QT_TRANSLATE_NOOP("ParamsPanel", "default")
_MAX_TOKENS_UNSET = QT_TRANSLATE_NOOP("ParamsPanel", "auto (1024)")

#: The parameters' names on screen (the wire names stay as they are).
PARAM_LABELS = {
    "max_tokens": QT_TRANSLATE_NOOP("ParamsPanel", "Max tokens"),
    "temperature": QT_TRANSLATE_NOOP("ParamsPanel", "Temperature"),
    "top_p": QT_TRANSLATE_NOOP("ParamsPanel", "Top p"),
    "top_k": QT_TRANSLATE_NOOP("ParamsPanel", "Top k"),
    "seed": QT_TRANSLATE_NOOP("ParamsPanel", "Seed"),
    "repetition_penalty": QT_TRANSLATE_NOOP("ParamsPanel", "Repetition penalty"),
    "frequency_penalty": QT_TRANSLATE_NOOP("ParamsPanel", "Frequency penalty"),
    "presence_penalty": QT_TRANSLATE_NOOP("ParamsPanel", "Presence penalty"),
}


def param_label(name: str) -> str:
    """A parameter's name as the window shows it, in the user's language."""
    label = PARAM_LABELS.get(name, name.replace("_", " ").capitalize())
    return QCoreApplication.translate("ParamsPanel", label)


class ParamsPanel(QWidget):
    """A form; an unset parameter shows "server default" and is not sent."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, muted: str = "#59636e") -> None:
        super().__init__(parent)
        self.setObjectName("paramsPanel")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        # Narrow side panel (a small window): fields go under their names instead of being cut.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.mode = QComboBox()
        self.mode.setObjectName("promptMode")
        self.mode.setAccessibleName(QCoreApplication.translate("ParamsPanel", "Prompt mode"))
        self.mode.setToolTip(
            QCoreApplication.translate(
                "ParamsPanel",
                "Chat sends the conversation as messages; Single prompt sends only "
                "your last message; Raw sends a Llama 3.1 template you can edit.",
            )
        )
        for mode, label in _MODE_LABELS.items():
            self.mode.addItem(QCoreApplication.translate("ParamsPanel", label), mode.value)
        self.mode.currentIndexChanged.connect(self.changed)
        self.mode.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        form.addRow(QCoreApplication.translate("ParamsPanel", "Mode"), self.mode)
        self._boxes: dict[str, QDoubleSpinBox] = {}
        self._names: dict[str, tuple[QLabel, str]] = {}  # each parameter's label and its text
        for spec in PARAM_SPECS:
            box = spin_for(spec)
            box.valueChanged.connect(self.changed)
            self._boxes[spec.name] = box
            # The range stays in sight (nobody should have to hover), in a smaller second line.
            text = QCoreApplication.translate(
                "ParamsPanel",
                '{capitalize}<br><span style="color:{muted}; font-size:small">{range}</span>',
            ).format(capitalize=param_label(spec.name), muted=muted, range=_range(spec))
            name = QLabel(text)
            self._names[spec.name] = (name, text)
            name.setBuddy(box)
            form.addRow(name, box)
        self.reproducible = QCheckBox(
            QCoreApplication.translate("ParamsPanel", "Reproducible (send a seed)")
        )
        self.reproducible.setObjectName("reproducible")
        self.reproducible.setAccessibleName(
            QCoreApplication.translate(
                "ParamsPanel", "Reproducible: send a seed with every request"
            )
        )
        self.reproducible.setToolTip(
            QCoreApplication.translate(
                "ParamsPanel",
                "Send a seed with every request, so that a reply can be asked for again exactly: "
                "the seed above if one is set, else a fresh random one for each request. Every "
                "seed sent is kept in the reply's Details.",
            )
        )
        self.reproducible.toggled.connect(self.changed)
        form.addRow(self.reproducible)
        self.reset_button = QPushButton(
            QCoreApplication.translate("ParamsPanel", "Reset to defaults")
        )
        self.reset_button.setObjectName("resetParams")
        self.reset_button.setToolTip(
            QCoreApplication.translate("ParamsPanel", "Clear every parameter back to its default")
        )
        self.reset_button.clicked.connect(self.reset)
        form.addRow(self.reset_button)
        self._form = form
        self.lock_note: QLabel | None = None  # made when the policy locks some of these

    def params(self) -> SamplingParams:
        values: dict[str, float | int | None] = {}
        for spec in PARAM_SPECS:
            box = self._boxes[spec.name]
            if box.value() == box.minimum():
                values[spec.name] = None
            else:
                values[spec.name] = int(box.value()) if spec.kind is int else box.value()
        return SamplingParams(**values).validated()  # type: ignore[arg-type]

    def set_params(self, params: SamplingParams) -> None:
        """Show `params`; `changed` is emitted once (not once a box) if anything changed."""
        before = self.params()
        for spec in PARAM_SPECS:
            value = getattr(params, spec.name)
            box = self._boxes[spec.name]
            box.blockSignals(True)
            box.setValue(box.minimum() if value is None else float(value))
            box.blockSignals(False)
        if self.params() != before:
            self.changed.emit()

    def lock(self, locked: Collection[str], note: str) -> None:
        """The administrator's policy sets these parameters: their boxes show it and say who.

        Only the show: the policy itself is enforced on the chat's settings.
        """
        for name, box in self._boxes.items():
            lock_control(box, note, name in locked)
            label, text = self._names[name]
            label.setText(locked_label(text, name in locked))
            label.setToolTip(note if name in locked else "")
        if locked and self.lock_note is None:
            self.lock_note = QLabel()
            self.lock_note.setObjectName("paramsLockNote")
            self.lock_note.setWordWrap(True)
            self.lock_note.setAccessibleName(
                QCoreApplication.translate("ParamsPanel", "Parameters set by your organization")
            )
            self._form.addRow(self.lock_note)
        if self.lock_note is not None:
            self.lock_note.setText(f"{lock_mark()} {note}")
            self.lock_note.setVisible(bool(locked))

    def prompt_mode(self) -> PromptMode:
        return PromptMode(self.mode.currentData())

    def set_prompt_mode(self, mode: PromptMode) -> None:
        self.mode.setCurrentIndex(max(0, self.mode.findData(mode.value)))

    def set_reproducible(self, on: bool) -> None:
        self.reproducible.setChecked(on)

    def reset(self) -> None:
        self.set_params(SamplingParams())


def spin_for(spec: ParamSpec) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setObjectName(f"param_{spec.name}")
    decimals = 0 if spec.kind is int else 2
    step = 1.0 if spec.kind is int else 0.05
    box.setDecimals(decimals)
    box.setSingleStep(step)
    # One step below the range means "unset": shown as "server default" and not sent.
    box.setRange(spec.minimum - step, spec.maximum)
    unset = _UNSET if spec.name != "max_tokens" else _MAX_TOKENS_UNSET
    box.setSpecialValueText(QCoreApplication.translate("ParamsPanel", unset))
    # At least as wide as its longest text; a narrower panel wraps the row (see WrapLongRows).
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    box.setValue(box.minimum())
    default = (
        QCoreApplication.translate("ParamsPanel", "; the model's default is {default:g}").format(
            default=spec.default
        )
        if spec.default is not None
        else ""
    )
    unset = (
        QCoreApplication.translate(
            "ParamsPanel", "“auto” sends 1024, fitted to what the context window leaves"
        )
        if spec.name == "max_tokens"
        else QCoreApplication.translate("ParamsPanel", "“default” leaves it to the server")
    )
    tip = f"{QCoreApplication.translate('ParamSpec', spec.help)}. {spec.allowed.capitalize()}{default}; {unset}."
    box.setToolTip(tip)
    box.setAccessibleName(param_label(spec.name))
    box.setAccessibleDescription(tip)
    return box


def _range(spec: ParamSpec) -> str:
    """The allowed range, shown next to the name so nobody has to hover to find it."""

    def fmt(value: float) -> str:
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"

    return f"{fmt(spec.minimum)}–{fmt(spec.maximum)}"
