"""How much of the model's context window the next request takes: prompt, plus room to answer.

An estimate: about four bytes a token, made exact up to the last reply the server counted (its
usage says how many tokens the conversation took until then). Good enough to warn before a
message that cannot fit is sent, not to bill by.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.message import ChatMessage
from app.core.params import DEFAULT_MAX_TOKENS
from app.core.prompts.variables import VariableProblem
from app.core.request import PromptMode, Role, estimate_tokens
from app.core.session import ChatSession

#: Template tokens around each message (header ids, role, end of turn).
_PER_MESSAGE = 5
#: A reply needs at least this much room to say anything useful.
MIN_REPLY_TOKENS = 16


@dataclass(frozen=True)
class ContextEstimate:
    prompt_tokens: int  # what the next request's prompt takes
    reply_tokens: int  # what max_tokens asks for (the default when unset)
    window: int | None  # the model's context window, when known
    counted: bool  # calibrated by the server's own count of the conversation so far

    @property
    def prompt_fits(self) -> bool:
        """There is room for the prompt and a useful reply."""
        return self.window is None or self.prompt_tokens + MIN_REPLY_TOKENS <= self.window

    @property
    def fits(self) -> bool:
        """The prompt and the whole max_tokens fit; otherwise the reply is limited."""
        return self.window is None or self.prompt_tokens + self.reply_tokens <= self.window

    @property
    def reply_room(self) -> int | None:
        """How long the reply can be, given the window."""
        if self.window is None:
            return None
        return max(0, min(self.reply_tokens, self.window - self.prompt_tokens))


def estimate_context(
    session: ChatSession,
    draft: str,
    window: int | None,
    raw_prompt: str = "",
    *,
    replacing: ChatMessage | None = None,
) -> ContextEstimate:
    """The next request if `draft` were sent now, in the chat's prompt mode; with `replacing`,
    as a new version of that message (an edit: what followed it is not sent)."""
    settings = session.settings
    reply = settings.params.max_tokens or DEFAULT_MAX_TOKENS
    counted = False
    if settings.prompt_mode is PromptMode.RAW:
        prompt = _tokens(raw_prompt or _template(session, draft))
    elif settings.prompt_mode is PromptMode.UNSCOPED:
        path = session.path()
        last_user = next((m.text for m in reversed(path) if m.role is Role.USER), "")
        prompt = _tokens(draft if draft.strip() else last_user)
    else:
        path = session.path()
        if replacing is not None and replacing in path:
            path = path[: path.index(replacing)]
        anchor = next(
            (i for i in range(len(path) - 1, -1, -1) if _counted(path[i].usage)),
            None,
        )
        if anchor is not None:
            usage = path[anchor].usage
            assert usage is not None
            prompt = usage.prompt_tokens + usage.completion_tokens
            rest = path[anchor + 1 :]
            counted = True
        else:
            system = settings.system_prompt
            prompt = _tokens(system) if system.strip() else 0
            rest = path
        prompt += sum(_tokens(m.text) for m in rest if m.text.strip())
        if draft.strip():
            prompt += _tokens(draft)
        prompt += 1  # the open assistant header the server adds
    return ContextEstimate(prompt, reply, window, counted)


def _template(session: ChatSession, draft: str) -> str:
    try:
        return session.raw_prompt(draft)
    except VariableProblem:  # not fillable yet (the send will say why): weigh it as written
        return session.raw_prompt(draft, fill_variables=False)


def _tokens(text: str) -> int:
    return estimate_tokens(text) + _PER_MESSAGE


def _counted(usage: object) -> bool:
    return usage is not None and getattr(usage, "prompt_tokens", 0) > 0
