"""Simple mode's status line: the window's notices, with anything technical put plainly.

Many parts of the window write to the status line (the wait for an answer, a retry, a message
that cannot be sent). In Simple mode each text passes through `PlainStatus`: the ones known to
carry technical words get plain ones, and any other text that still holds such a word is
replaced by a plain sentence saying what to do, rather than shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

#: Words a staff member should never have to read (the jargon walk test checks the screen).
TECHNICAL = re.compile(
    r"https?:|://|\b(?:url|json|api|tokens?|endpoints?|sse|max_tokens|parameters?|temperature"
    r"|top_p|top_k|seed|models?|keyring|account id|status|traceback|template|system prompt"
    r"|raw|variables?|http)\b|\{\{|\b[1-5]\d\d\b"
    # The same words as the German catalogue says them (the status texts arrive translated).
    r"|\b(?:endpunkt\w*|modell\w*|temperatur|schlüsselbund\w*|parameter\w*|systemprompt\w*"
    r"|vorlage\w*|variable\w*|rohformat)",
    re.IGNORECASE,
)
_WAITING = re.compile(r"^Waiting for the answer… (\d+) s")
_RETRYING = re.compile(r"Retrying in (\d+) s…$")
_STREAMING = re.compile(r"\bstill streaming\b", re.IGNORECASE)


def technical(text: str) -> bool:
    return TECHNICAL.search(text) is not None


class PlainStatus:
    """Rewrites one status text; `contact_sentence` ends the sentences that ask for help."""

    def __init__(self, contact_sentence: str = "") -> None:
        self.contact_sentence = contact_sentence

    def __call__(self, text: str) -> str:
        if waiting := _WAITING.match(text):
            return QCoreApplication.translate(
                "SimpleStatus", "Waiting for the answer… {seconds} s (Esc stops)"
            ).format(seconds=waiting.group(1))
        if retrying := _RETRYING.search(text):
            return QCoreApplication.translate(
                "SimpleStatus", "The assistant is busy. Trying again in {seconds} s… (Esc stops)"
            ).format(seconds=retrying.group(1))
        if _STREAMING.search(text):
            return QCoreApplication.translate(
                "SimpleStatus", "Wait for the answer to finish, or press Esc to stop it first."
            )
        if not technical(text):
            return text
        plain = QCoreApplication.translate(
            "SimpleStatus", "That did not work. Try again, or start a new chat."
        )
        return f"{plain} {self.contact_sentence}" if self.contact_sentence else plain
