"""The window's language: LlamaDesk's compiled catalogue and Qt's own, chosen from the settings.

The catalogues (`llamadesk_<lang>.qm`) are compiled from resources/i18n/*.ts by
`pyside6-lrelease` when LlamaDesk is installed or bundled (packaging/setup.sh, build_deb.sh);
they are not kept in the source tree. Qt's `qtbase_<lang>.qm` translates the standard dialogs'
buttons (Cancel, Save, Yes...). A missing catalogue leaves the window in English and says so.
The command line never comes here: it stays English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.core.i18n import english_plural, install_plural_translator, install_translator
from app.storage.settings import Language

#: Where the compiled catalogues are (beside the .ts sources; in a bundle, its resources).
CATALOGUE_DIR = Path(__file__).resolve().parents[3] / "resources" / "i18n"
#: The languages LlamaDesk is translated into, besides English (its source language).
TRANSLATED = ("de",)


@dataclass
class InstalledLanguage:
    """The translators in use (removed again by `remove`), and a note when one was missing."""

    language: str  # "en" or one of TRANSLATED: what the window actually shows
    translators: list[QTranslator] = field(default_factory=list)
    note: str = ""

    def remove(self) -> None:
        """Back to the English source text (tests; a window built afterwards is English)."""
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()
        install_translator(None)
        install_plural_translator(None)


def wanted_language(choice: str, system: QLocale | None = None) -> str:
    """The language a preference asks for: "de", or "en" for English and every language
    LlamaDesk has no translation for (the OS's first UI language that it has, for "system")."""
    if choice in TRANSLATED or choice == Language.ENGLISH:
        return choice
    for name in (system or QLocale.system()).uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in TRANSLATED or code == "en":
            return code
    return "en"


def install_language(
    choice: str, *, catalogue_dir: Path = CATALOGUE_DIR, system: QLocale | None = None
) -> InstalledLanguage:
    """Load the catalogues for a `Language` preference into the application (and the core's
    messages); before the first window is built, since widgets translate when they are made."""
    language = wanted_language(choice, system)
    installed = InstalledLanguage(language)
    own = QTranslator()
    # English needs a catalogue too: it holds the plural forms ("1 chat", "2 chats").
    if own.load(f"llamadesk_{language}", str(catalogue_dir)):
        installed.translators.append(own)
    elif language != "en":
        installed.language = "en"
        # English on purpose: the translation that would say this is the one missing.
        installed.note = (
            f"The {QLocale(language).nativeLanguageName()} translation of LlamaDesk is not "
            f"installed (llamadesk_{language}.qm is missing); the window is in English. "
            "Installing LlamaDesk again (packaging/setup.sh) compiles it."
        )
        fallback = QTranslator()
        if fallback.load("llamadesk_en", str(catalogue_dir)):
            installed.translators.append(fallback)
    if installed.language != "en":
        qt_own = QTranslator()
        for folder in (
            catalogue_dir,
            Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        ):
            if qt_own.load(f"qtbase_{language}", str(folder)):
                installed.translators.append(qt_own)
                break
    for translator in installed.translators:
        QCoreApplication.installTranslator(translator)
    install_translator(_qt_translate)
    install_plural_translator(_qt_translate_count)
    return installed


def _qt_translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _qt_translate_count(context: str, text: str, count: int) -> str:
    translated = QCoreApplication.translate(context, text, None, count)
    # No catalogue had it (English without llamadesk_en.qm): the source picks its own forms.
    return (
        english_plural(context, text, count)
        if translated == text.replace("%n", str(count))
        else translated
    )
