"""The translation hook for words the core shows to people: `translate(context, text)`.

The core never imports Qt; the window installs Qt's translator here at start
(`install_translator`), so core messages come out in the user's language, while the command
line keeps the English text. `pyside6-lupdate` finds every `translate("Context", "text")` call,
in the core as in the window, and puts it in the catalogue. Format after translating:
`translate("Policy", "Questions: {contact}.").format(contact=...)`, never an f-string.
"""

from __future__ import annotations

from collections.abc import Callable

Translator = Callable[[str, str], str]


def _untranslated(context: str, text: str) -> str:
    return text


_translator: Translator = _untranslated


def translate(context: str, text: str, disambiguation: None = None, n: int = -1) -> str:
    """`text` in the user's language (the English text itself until a translator is installed).

    With a count `n`, `text` holds %n ("%n chat(s)") and comes back in the form the count needs
    ("1 chat", "2 chats"). The unused third argument keeps Qt's order, which lupdate reads."""
    if n >= 0:
        return _plural_translator(context, text, n)
    return _translator(context, text)


def install_translator(translator: Translator | None) -> None:
    """Route core messages through `translator` (Qt's); None puts the English text back."""
    global _translator
    _translator = translator or _untranslated


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks `text` for the catalogue where it is defined (a table made at import time, before
    any translator is installed); the code that shows it calls translate(context, text) then."""
    return text


PluralTranslator = Callable[[str, str, int], str]


def english_plural(context: str, text: str, count: int) -> str:
    """The English source's own forms: "%n chat(s)" says "1 chat", "2 chats"."""
    return text.replace("(s)", "" if count == 1 else "s").replace("%n", str(count))


_plural_translator: PluralTranslator = english_plural


def install_plural_translator(translator: PluralTranslator | None) -> None:
    """Route counted messages through `translator` (Qt's); None puts the English forms back."""
    global _plural_translator
    _plural_translator = translator or english_plural
