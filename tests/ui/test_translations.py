"""Every word the window shows goes through Qt's translation system, and the German is complete.

Three checks: an AST walk over app/ui finds literals handed to Qt calls that show text
(tests/ui/translation_scan.py); lupdate over app/ finds every wrapped text, and each must have a
finished German translation in the committed catalogue that keeps its placeholders; the compiled
catalogue then really turns the window German, and a missing one leaves it English with a note.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale

from app.core import i18n
from app.ui.window.language import install_language, wanted_language
from tests.ui.translation_scan import english_fstrings, scan_source, scan_tree

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "resources" / "i18n"
TOOL = ROOT / "packaging" / "translations.py"
PLACEHOLDER = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})|%n|%\d")

Message = tuple[str, str]  # (context, source text)


def test_every_text_the_window_shows_is_wrapped_for_translation() -> None:
    found = scan_tree(ROOT / "app" / "ui")
    assert not found, "shown but not translatable:\n" + "\n".join(map(str, found))


def test_no_f_string_of_english_words_is_left_in_the_window() -> None:
    found = english_fstrings(ROOT / "app" / "ui")
    assert not found, "translate the template, then .format():\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source",
    [
        'button.setText("Save")',
        'QLabel(f"{count} chats")',
        'box.setToolTip("Saved " + when)',
        'QMessageBox.warning(self, "LlamaDesk", "The file is gone.")',
        'QAction(text="&Quit", parent=window)',
        'label.setText("Hello {name}".format(name=name))',
        'def _t(text):\n    return QCoreApplication.translate("C", text)\nx = _t("Hidden from lupdate")',
    ],
)
def test_the_scan_finds_unwrapped_text(source: str) -> None:
    assert scan_source(source, Path("example.py")), source


@pytest.mark.parametrize(
    "source",
    [
        'button.setText(QCoreApplication.translate("Ctx", "Save"))',
        'label.setText(translate("Ctx", "Hello {name}").format(name=name))',
        "label.setText(name)",
        'label.setText(" · ")',
        'widget.setObjectName("saveButton")',
    ],
)
def test_the_scan_leaves_translated_and_computed_text_alone(source: str) -> None:
    assert not scan_source(source, Path("example.py")), source


def _messages(ts_file: Path) -> dict[Message, ET.Element]:
    messages = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            messages[(name, message.findtext("source", ""))] = message
    return messages


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


def _is_finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return (
        translation is not None
        and translation.get("type") not in {"unfinished", "obsolete", "vanished"}
        and all(text.strip() for text in _translations(message))
    )


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[Message, ET.Element]:
    """What lupdate finds in app/ now (not what the committed catalogue remembers)."""
    ts_file = tmp_path_factory.mktemp("lupdate") / "found.ts"
    sys.path.insert(0, str(TOOL.parent))
    try:
        import translations  # packaging/translations.py
    finally:
        sys.path.remove(str(TOOL.parent))
    translations.extract(ts_file)
    return _messages(ts_file)


def test_lupdate_finds_the_window_and_the_core_messages(
    extracted: dict[Message, ET.Element],
) -> None:
    contexts = {context for context, _ in extracted}
    assert {"MainWindow", "WindowMenus", "EndpointsDialog", "Policy"} <= contexts
    assert len(extracted) > 900


def test_every_text_has_a_finished_german_translation(
    extracted: dict[Message, ET.Element],
) -> None:
    german = _messages(CATALOGUES / "llamadesk_de.ts")
    missing = [
        f"{context}: {source!r}"
        for context, source in extracted
        if (context, source) not in german or not _is_finished(german[(context, source)])
    ]
    assert not missing, (
        f"{len(missing)} texts lack German (run `python packaging/translations.py update`, "
        "then translate them in resources/i18n/llamadesk_de.ts):\n" + "\n".join(missing)
    )


def test_german_keeps_every_placeholder_and_one_accelerator(
    extracted: dict[Message, ET.Element],
) -> None:
    german = _messages(CATALOGUES / "llamadesk_de.ts")
    wrong = []
    for key in extracted:
        if key not in german:
            continue  # reported by the completeness test
        source = key[1]
        for text in _translations(german[key]):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                wrong.append(f"{key}: placeholders differ in {text!r}")
            if _accelerators(source) != _accelerators(text):
                wrong.append(f"{key}: accelerator (&) differs in {text!r}")
    assert not wrong, "\n".join(wrong)


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?=[^&\s;])", re.sub(r"&\w+;", "", text)))


def test_english_has_every_plural_form(extracted: dict[Message, ET.Element]) -> None:
    english = _messages(CATALOGUES / "llamadesk_en.ts")
    plurals = [key for key, message in extracted.items() if message.get("numerus") == "yes"]
    missing = [key for key in plurals if key not in english or not _is_finished(english[key])]
    assert not missing, missing


@pytest.fixture
def compiled(tmp_path: Path) -> Path:
    subprocess.run([sys.executable, str(TOOL), "compile", str(tmp_path)], check=True)
    return tmp_path


@pytest.fixture
def restore_english() -> Iterator[None]:
    yield
    i18n.install_translator(None)


def test_the_compiled_german_catalogue_translates_window_and_core(
    qapp: QCoreApplication, compiled: Path, restore_english: None
) -> None:
    installed = install_language("de", catalogue_dir=compiled)
    try:
        assert installed.language == "de" and not installed.note
        assert QCoreApplication.translate("WindowMenus", "&New chat") == "&Neuer Chat"
        assert i18n.translate("Policy", "Set by your organization.") == (
            "Von Ihrer Organisation festgelegt."
        )
        # Qt's own catalogue came along: the standard buttons of dialogs are German too.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Abbrechen"
    finally:
        installed.remove()
    assert QCoreApplication.translate("WindowMenus", "&New chat") == "&New chat"
    assert i18n.translate("Policy", "Set by your organization.") == "Set by your organization."


def test_a_missing_catalogue_leaves_english_and_says_so(
    qapp: QCoreApplication, tmp_path: Path, restore_english: None
) -> None:
    installed = install_language("de", catalogue_dir=tmp_path)
    try:
        assert installed.language == "en"
        assert "llamadesk_de.qm is missing" in installed.note
        assert QCoreApplication.translate("WindowMenus", "&New chat") == "&New chat"
    finally:
        installed.remove()


@pytest.mark.parametrize(
    ("choice", "system", "expected"),
    [
        ("system", "de_AT", "de"),
        ("system", "fr_FR", "en"),
        ("system", "C", "en"),
        ("en", "de_DE", "en"),
        ("de", "en_US", "de"),
    ],
)
def test_the_language_follows_the_os_unless_one_is_chosen(
    choice: str, system: str, expected: str
) -> None:
    assert wanted_language(choice, QLocale(system)) == expected


def test_counts_take_the_form_their_number_needs_in_german_and_english(
    qapp: QCoreApplication, compiled: Path, restore_english: None
) -> None:
    for language, one, many in (("de", "1 Chat", "3 Chats"), ("en", "1 chat", "3 chats")):
        installed = install_language(language, catalogue_dir=compiled)
        try:
            assert QCoreApplication.translate("FileActions", "%n chat(s)", None, 1) == one
            assert QCoreApplication.translate("FileActions", "%n chat(s)", None, 3) == many
        finally:
            installed.remove()
    de = install_language("de", catalogue_dir=compiled)
    try:
        assert i18n.translate("Compare", "%n word(s)", None, 1) == "1 Wort"
        assert i18n.translate("Compare", "%n word(s)", None, 2) == "2 Wörter"
    finally:
        de.remove()
    # With no catalogue at all (the command line), the English source picks its own forms.
    assert i18n.translate("Compare", "%n word(s)", None, 1) == "1 word"
    assert i18n.translate("Compare", "%n word(s)", None, 7) == "7 words"
