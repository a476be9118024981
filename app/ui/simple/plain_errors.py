"""Simple mode's words for every failure: what happened and what to do, nothing technical.

The technical message (hosts, status codes, the server's own words) stays in the history and in
the normal window; a staff member sees one of these sentences, ending with whom to ask.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.errors import ErrorCategory


def _sentence(category: ErrorCategory, key_pasteable: bool) -> str:
    match category:
        case ErrorCategory.BAD_TOKEN:
            if key_pasteable:
                return QCoreApplication.translate(
                    "SimpleErrors",
                    "Your key was not accepted. Choose “Enter your key again” below and paste "
                    "the key your IT team gave you.",
                )
            return QCoreApplication.translate(
                "SimpleErrors",
                "LlamaDesk could not sign in to the assistant. Your IT team needs to fix this "
                "on this computer.",
            )
        case ErrorCategory.MISSING_SETTING:
            if key_pasteable:
                return QCoreApplication.translate(
                    "SimpleErrors",
                    "LlamaDesk needs your key first. Choose “Enter your key again” below and "
                    "paste the key your IT team gave you.",
                )
            return QCoreApplication.translate(
                "SimpleErrors",
                "LlamaDesk is not completely set up on this computer. Ask your IT team to "
                "finish the set-up.",
            )
        case (
            ErrorCategory.WRONG_ACCOUNT
            | ErrorCategory.UNKNOWN_MODEL
            | ErrorCategory.DEPRECATED_MODEL
            | ErrorCategory.PROTOCOL
            | ErrorCategory.TLS
        ):
            return QCoreApplication.translate(
                "SimpleErrors",
                "The assistant is not set up correctly on this computer, so it cannot answer. "
                "Your IT team needs to fix this.",
            )
        case ErrorCategory.UNSUPPORTED:
            return QCoreApplication.translate(
                "SimpleErrors",
                "The assistant cannot do this. Ask your question again as a new message.",
            )
        case ErrorCategory.QUOTA_EXHAUSTED:
            return QCoreApplication.translate(
                "SimpleErrors",
                "The assistant has answered as much as it may for today. Try again tomorrow.",
            )
        case ErrorCategory.RATE_LIMITED:
            return QCoreApplication.translate(
                "SimpleErrors",
                "The assistant is busy right now. Wait a minute, then choose Try again.",
            )
        case ErrorCategory.BAD_INPUT:
            return QCoreApplication.translate(
                "SimpleErrors",
                "The assistant could not take this message. Change the message, then try again.",
            )
        case ErrorCategory.REQUEST_TOO_LARGE:
            return QCoreApplication.translate(
                "SimpleErrors",
                "Your message is too long. Shorten it, or start a new chat and send it there.",
            )
        case ErrorCategory.CONTEXT_TOO_LONG:
            return QCoreApplication.translate(
                "SimpleErrors",
                "This chat has grown too long for the assistant. Start a new chat to go on.",
            )
        case ErrorCategory.SERVER_ERROR:
            return QCoreApplication.translate(
                "SimpleErrors", "The assistant had a problem on its side. Try again in a minute."
            )
        case ErrorCategory.UNREACHABLE:
            return QCoreApplication.translate(
                "SimpleErrors",
                "LlamaDesk cannot reach the assistant. Check that this computer is connected "
                "to the network, then try again.",
            )
        case ErrorCategory.TIMEOUT:
            return QCoreApplication.translate(
                "SimpleErrors", "The assistant took too long to answer. Try again."
            )
        case ErrorCategory.INTERRUPTED:
            return QCoreApplication.translate(
                "SimpleErrors",
                "The answer was cut off before it was complete. What arrived is kept; try again.",
            )


def plain_message(
    category: ErrorCategory, *, contact_sentence: str = "", key_pasteable: bool = False
) -> str:
    """The sentence Simple mode shows for a failure of `category`; `key_pasteable`: the user
    can fix a refused or missing key by pasting their own (the policy's token.from "user")."""
    text = _sentence(category, key_pasteable)
    return f"{text} {contact_sentence}" if contact_sentence else text
