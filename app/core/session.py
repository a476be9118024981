"""A chat as data: its settings and its tree of message versions, with the operations on them.

Qt-free, so several sessions can live at once (compare panes, a test-set runner) and a
headless program can drive one. Views and the history subscribe to the changes it describes.

The tree of message versions itself (reading it, linking, removing) is MessageTree, in
message_tree.py; this module adds what a chat does with it: send, branch, switch, replay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.core.chat_settings import ChatSettings, default_builtins, random_seed
from app.core.i18n import translate
from app.core.message import ChatMessage, MessageState
from app.core.message_tree import MessageTree
from app.core.params import SamplingParams
from app.core.policy import NO_POLICY, Policy
from app.core.prompts.variables import Filled
from app.core.provenance import EndpointInfo, PromptUse, Provenance, SentRequest
from app.core.reply import ReplyRecorder
from app.core.request import GenerationRequest, Message, PromptMode, Role
from app.core.sent_prompt import (
    PromptSource,
    filled_system_prompt,
    prompt_in_raw,
    prompt_use,
)
from app.core.session_events import (
    BranchSelected,
    ReplyEnded,
    ReplyGrew,
    ReplyStarted,
    SettingsChanged,
)
from app.core.stored_request import (
    ReplayUnavailable,
    RequestLoader,
    replay_request,
    request_of,
)
from app.core.template import llama3_prompt


@dataclass(frozen=True, eq=False)
class Turn:
    """A reply about to stream: into which message, the request, and the text it already has.

    A replay has no request to build: `sent` is the stored one, sent again byte for byte.
    """

    reply: ChatMessage
    request: GenerationRequest | None
    prefix: str = ""
    #: The library prompt and values it was asked with; None when no system prompt is sent.
    prompt: PromptUse | None = None
    sent: SentRequest | None = None  # Replay: the stored request to send again
    replay_of: ChatMessage | None = None  # Replay: the reply whose request that is
    reproducible: bool = False  # its seed was made fresh: the chat is reproducible, none set


class SessionBusy(RuntimeError):
    """A reply is streaming; the conversation cannot change until it ends."""


class ChatSession(MessageTree):
    """One chat: settings, the version tree, and the operations that send, branch and switch."""

    def __init__(
        self,
        settings: ChatSettings | None = None,
        *,
        conversation_id: int | None = None,
        rules: Policy = NO_POLICY,
    ) -> None:
        super().__init__()
        #: The administrator's policy: every settings change passes through it (see policy.py).
        self._rules = rules
        self._settings = rules.enforced(settings or ChatSettings())
        self.conversation_id = conversation_id  # the stored conversation, once stored
        self.title = ""
        #: The built-in variables' values at send time (replaced in tests and by the window).
        self.builtins: Callable[[], Mapping[str, str]] = default_builtins
        #: For a chat on a library prompt: the exact version its system prompt is, the prompt's
        #: name and the label followed (the window's library answers; None: the settings alone).
        self.prompt_source: PromptSource | None = None
        #: The seed a reproducible chat sends when none is set (replaced in tests).
        self.new_seed: Callable[[], int] = random_seed
        #: Reads the bytes of a stored reply's request by its message id (the history sets it
        #: on the chats it loads); raises RequestUnavailable when they cannot be read.
        self.request_loader: RequestLoader | None = None

    @classmethod
    def rebuild(
        cls,
        settings: ChatSettings,
        nodes: Iterable[tuple[ChatMessage, ChatMessage | None]],
        chosen: Mapping[ChatMessage | None, ChatMessage] | None = None,
        *,
        conversation_id: int | None = None,
        title: str = "",
        rules: Policy = NO_POLICY,
    ) -> ChatSession:
        """A session from stored or imported messages (parents first); no change is announced.

        Without a remembered choice, the newest version of each message is shown.
        """
        session = cls(settings, conversation_id=conversation_id, rules=rules)
        session.title = title
        for message, parent in nodes:
            session._link(message, parent)
        for parent, child in (chosen or {}).items():
            if child in session._parent and session._parent[child] is parent:
                session._chosen[parent] = child
        return session

    # -- settings ----------------------------------------------------------------------------

    @property
    def settings(self) -> ChatSettings:
        return self._settings

    @property
    def rules(self) -> Policy:
        return self._rules

    @rules.setter
    def rules(self, rules: Policy) -> None:
        """A new policy applies at once: locked values are put back and announced."""
        self._rules = rules
        new = rules.enforced(self._settings)
        if new != self._settings:
            before, self._settings = self._settings, new
            self._announce(SettingsChanged(new, before))

    def update_settings(self, **changes: Any) -> None:
        """Change some settings (field=value) as far as the policy allows.

        Listeners hear of it when something changed, or when the policy kept a value the change
        asked for (`SettingsChanged.refused` names it, so a view can show the kept value again).
        """
        wanted = replace(self._settings, **changes)
        new = self._rules.enforced(wanted, self._settings)
        refused = self._rules.refused(wanted, new) if new != wanted else ()
        if new != self._settings or refused:
            before, self._settings = self._settings, new
            self._announce(SettingsChanged(new, before, refused))

    # -- turns -------------------------------------------------------------------------------

    def send(self, text: str, raw_prompt: str = "") -> Turn:
        """Add the user's message and an empty reply; RequestError/ParameterError change nothing."""
        self._check_idle()
        path = self.path()
        parent = path[-1] if path else None
        user = ChatMessage(Role.USER, text)
        request, prompt = self._request([*path, user], raw_prompt)
        self._add(user, parent)
        return self._turn(self._start_reply(user), request, prompt)

    def send_edited(self, message: ChatMessage, text: str, raw_prompt: str = "") -> Turn:
        """A new version of a sent message; what followed the old one stays on its branch."""
        self._check_idle()
        if message.role is not Role.USER:
            raise ValueError("only a message the user wrote can be edited")
        parent = self._parent[message]
        user = ChatMessage(Role.USER, text)
        request, prompt = self._request([*self._path_to(parent), user], raw_prompt)
        self._add(user, parent)
        return self._turn(self._start_reply(user), request, prompt)

    def regenerate(self, reply: ChatMessage) -> Turn:
        """Ask again: a new version of `reply`; a failed reply with no text is replaced instead."""
        self._check_idle()
        if reply.role is not Role.ASSISTANT:
            raise ValueError("only a reply can be regenerated")
        parent = self._parent[reply]
        request, prompt = self._request(self._path_to(parent), "")
        if reply.failed and not reply.text.strip() and not self._children[reply]:
            self._remove(reply)  # nothing worth keeping, and nothing follows it
        return self._turn(self._start_reply(parent), request, prompt)

    def continue_reply(self, reply: ChatMessage) -> Turn:
        """Continue a reply where it stopped: the same version grows (a raw, open template)."""
        self._check_idle()
        if reply.role is not Role.ASSISTANT or not reply.text:
            raise ValueError("only a reply with text can be continued")
        system = self._system()
        before = self._with_system(system.text, self._path_to(self._parent[reply]))
        prompt = llama3_prompt(before, open_reply=reply.text)
        # The same turn as messages, for servers without a raw endpoint (/completions).
        as_chat = (*before, Message(Role.ASSISTANT, reply.text))
        request = GenerationRequest.raw(prompt, self._params(), continues=as_chat)
        self.select(reply)
        reply.state = MessageState.STREAMING
        self._announce(ReplyStarted(reply, continued=True))
        return self._turn(reply, request, self._prompt_use(system), prefix=reply.text)

    def replay(self, reply: ChatMessage) -> Turn:
        """Send the reply's stored request again, byte for byte: a new version of `reply`.

        ReplayUnavailable when it has no single stored request (an old reply, one that failed
        before anything was sent, one grown by Continue, one whose bytes cannot be read);
        nothing changes then.
        """
        self._check_idle()
        if reply.role is not Role.ASSISTANT:
            raise ValueError("only a reply can be replayed")
        if self._rules.locks_requests():  # its bytes may carry values the policy now locks
            raise ReplayUnavailable(
                translate(
                    "ChatSession",
                    "Replay sends a stored request unchanged, and your organization sets some "
                    "of what a request carries. Use Regenerate to ask again.",
                )
                + " "
                + self._rules.locked_note()
            )
        sent = replay_request(reply, self.request_loader)
        provenance = reply.provenance
        assert provenance is not None  # it has a stored request
        return Turn(
            self._start_reply(self._parent[reply]),
            None,
            prompt=provenance.prompt,
            sent=sent,
            replay_of=reply,
            reproducible=provenance.reproducible,
        )

    def request_of(self, message: ChatMessage) -> SentRequest | None:
        """The request behind a reply with its bytes (read from the history if need be);
        None when none was recorded, RequestUnavailable when they cannot be had."""
        return request_of(message, self.request_loader)

    def append_text(self, reply: ChatMessage, text: str) -> None:
        """Text arrived for the streaming reply (kept by the recorder; listeners hear of it)."""
        if text:
            self._announce(ReplyGrew(reply, text))

    def finish_reply(self, reply: ChatMessage, recorder: ReplyRecorder, prefix: str = "") -> None:
        """The reply ended (finished, stopped or failed): its text and figures are final."""
        reply.record(recorder, prefix)
        self._announce(ReplyEnded(reply))

    def finish_turn(
        self, turn: Turn, recorder: ReplyRecorder, endpoint: EndpointInfo | None = None
    ) -> None:
        """The turn's reply ended: its text, figures and provenance (where it came from,
        the exact request sent, `endpoint` it was sent to) are final."""
        reply = turn.reply
        if recorder.request is not None or not turn.prefix:
            # A Continue that sent nothing keeps the provenance of the request it grew from.
            reply.provenance = Provenance(
                endpoint=endpoint,
                prompt=turn.prompt,
                request=recorder.request,
                request_id=recorder.request_id,
                reproducible=turn.reproducible,
                replay_of=None if turn.replay_of is None else turn.replay_of.id,
                continued=bool(turn.prefix),
            )
        self.finish_reply(reply, recorder, turn.prefix)

    # -- versions ----------------------------------------------------------------------------

    def switch_version(self, message: ChatMessage, step: int) -> ChatMessage | None:
        """Show the version `step` places before/after `message`; None when there is none."""
        self._check_idle()
        siblings = self._children[self._parent[message]]
        index = siblings.index(message) + step
        if not 0 <= index < len(siblings):
            return None
        other = siblings[index]
        self.select(other)
        return other

    def select(self, message: ChatMessage) -> None:
        """Make the path run through `message` (a version chosen, a search hit opened)."""
        if message.state is not MessageState.STREAMING:
            self._check_idle()  # the streaming reply must stay on the path shown
        node: ChatMessage | None = message
        changed = False
        while node is not None:
            parent = self._parent[node]
            if self._chosen.get(parent) is not node:
                self._chosen[parent] = node
                changed = True
            node = parent
        if changed:
            self._path = None
            self._announce(BranchSelected(message))

    # -- requests ----------------------------------------------------------------------------

    def raw_prompt(self, draft: str = "", *, fill_variables: bool = True) -> str:
        """The Llama 3.1 template of the conversation shown (plus a draft message, if any).

        VariableProblem when the system prompt cannot be filled in; without `fill_variables`
        its {{variables}} stay as written (to weigh it, never to send it)."""
        history = self._history(self.path(), fill_variables=fill_variables)
        if draft.strip():
            history.append(Message(Role.USER, draft))
        return llama3_prompt(history)

    def _turn(
        self,
        reply: ChatMessage,
        request: GenerationRequest,
        prompt: PromptUse | None,
        prefix: str = "",
    ) -> Turn:
        return Turn(reply, request, prefix, prompt, reproducible=self._fresh_seed())

    def _fresh_seed(self) -> bool:
        """Each request gets a new seed: the chat is reproducible and sets none itself."""
        return self.settings.reproducible and self.settings.params.seed is None

    def _params(self) -> SamplingParams:
        """The chat's parameters; a reproducible chat without a seed gets a fresh one."""
        params = self.settings.params
        return replace(params, seed=self.new_seed()) if self._fresh_seed() else params

    def _request(
        self, path: list[ChatMessage], raw_prompt: str
    ) -> tuple[GenerationRequest, PromptUse | None]:
        """The request for `path`, and the library prompt it carries (None: no system prompt
        is part of it). VariableProblem when the system prompt cannot be filled in."""
        mode, params = self.settings.prompt_mode, self._params()
        if mode is PromptMode.UNSCOPED:  # the last message alone, without the system prompt
            last_user = next((m.text for m in reversed(path) if m.role is Role.USER), "")
            return GenerationRequest.unscoped(last_user, params), None
        if mode is PromptMode.RAW and raw_prompt:
            used = prompt_in_raw(raw_prompt, self.settings, self.builtins, self.prompt_source)
            return GenerationRequest.raw(raw_prompt, params), used
        system = self._system()
        history = self._with_system(system.text, path)
        if mode is PromptMode.RAW:
            request = GenerationRequest.raw(llama3_prompt(history), params)
        else:
            request = GenerationRequest.chat(history, params)
        return request, self._prompt_use(system)

    def _prompt_use(self, system: Filled) -> PromptUse | None:
        return prompt_use(self.settings, system, self.prompt_source)

    def _system(self) -> Filled:
        return filled_system_prompt(self.settings, self.builtins)

    def _history(self, path: list[ChatMessage], *, fill_variables: bool = True) -> list[Message]:
        """Messages to send: the system prompt, then every message of `path` that has text."""
        prompt = self._system().text if fill_variables else self.settings.system_prompt
        return self._with_system(prompt, path)

    @staticmethod
    def _with_system(prompt: str, path: list[ChatMessage]) -> list[Message]:
        out = [Message(Role.SYSTEM, prompt)] if prompt.strip() else []
        out.extend(Message(m.role, m.text) for m in path if m.text.strip())
        return out

    # -- the tree, inside --------------------------------------------------------------------

    def _check_idle(self) -> None:
        if self.streaming_reply is not None:
            raise SessionBusy(
                translate("ChatSession", "A reply is still streaming: stop it first.")
            )

    def _start_reply(self, parent: ChatMessage | None) -> ChatMessage:
        reply = ChatMessage(Role.ASSISTANT, "", MessageState.STREAMING)
        self._add(reply, parent)
        self._announce(ReplyStarted(reply, continued=False))
        return reply
