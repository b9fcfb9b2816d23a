"""One conversation's chat: the operator's system prompt plus the caller's persona (bounded), a bounded
history of turns, and replies streamed as sentences (the one sentence rule of
:func:`avatar.text.chunking.streamed_sentences`), so speech can start at the first sentence, or at its first
clause (``first_clause_words``).

The history keeps what was *said*: a reply is remembered once the caller says how much of it was heard
(:meth:`Chat.remember`); :meth:`Chat.reply` with ``remember=True`` keeps the whole reply (no speech)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator

from avatar.config.schema import ChatSettings
from avatar.errors import OverLimit
from avatar.text.chunking import clean_text, streamed_sentences
from avatar.thinking.base import ChatBackend, Message

logger = logging.getLogger(__name__)


def checked_persona(persona: str | None, settings: ChatSettings) -> str:
    """A caller's persona, cleaned; an :class:`OverLimit` naming the setting when it is too long."""
    persona = clean_text(persona or "")
    if len(persona) > settings.max_persona_chars:
        raise OverLimit(
            f"a persona of {len(persona)} characters is over the limit of {settings.max_persona_chars} "
            "(serve.live.chat.max_persona_chars)",
            param="persona",
            code="string_above_max_length",
        )
    return persona


class Chat:
    def __init__(self, model: ChatBackend, settings: ChatSettings | None = None, persona: str | None = None) -> None:
        self.model = model
        self.settings = settings or ChatSettings()
        self.persona = checked_persona(persona, self.settings)
        self.turns: list[tuple[str, str]] = []  # (what the caller said, what of the reply was heard)

    @property
    def history(self) -> list[Message]:
        """The kept turns as messages (:meth:`_turns`)."""
        return self._turns(None)

    def _turns(self, new: str | None) -> list[Message]:
        """The kept turns and ``new`` as messages: each caller's turn, then what of its reply was heard. A turn
        whose reply was not heard at all is joined to the caller's next one, so the roles alternate (some
        models' chat templates refuse two user messages in a row) and nothing the caller said is lost."""
        out: list[Message] = []
        waiting: list[str] = []
        for user_text, said in self.turns:
            waiting.append(user_text)
            if said:
                out += [Message("user", " ".join(waiting)), Message("assistant", said)]
                waiting = []
        if new is not None:
            waiting.append(new)
        if waiting:
            out.append(Message("user", " ".join(waiting)))
        return out

    def system(self) -> Message:
        text = self.settings.system_prompt.strip()
        if self.persona:
            text += f"\n\nThe caller asks you to be: {self.persona}"
        return Message("system", text)

    def messages(self, user_text: str) -> list[Message]:
        """What the model is asked: the system prompt, the kept history and the new turn."""
        return [self.system(), *self._turns(user_text)]

    def remember(self, user_text: str, said: str) -> None:
        """Keep one turn: what the caller said and what of the reply was heard. When nothing was heard there is
        no reply in the history, and the caller's words join their next turn's: a placeholder reply ("...", as
        kept before) is imitated by a small model, which then answered "...." (nothing to say) to the next
        question."""
        self.turns.append((user_text, said.strip()))
        keep = self.settings.max_history_turns
        self.turns = self.turns[-keep:] if keep else []

    def forget_last(self) -> None:
        """Drop the last turn kept (a reply that was corrected after it was remembered)."""
        if self.turns:
            self.turns.pop()

    def reply(self, user_text: str, cancelled: threading.Event | None = None, remember: bool = False) -> Iterator[str]:
        """The reply to ``user_text``, sentence by sentence as the model writes it (the first may be a clause)."""
        said: list[str] = []
        pieces = self.model.stream(self.messages(user_text), self.settings.max_reply_tokens, cancelled)
        for sentence in streamed_sentences(pieces, self.settings.first_clause_words):
            if cancelled is not None and cancelled.is_set():
                break
            said.append(sentence)
            yield sentence
        if remember:
            self.remember(user_text, " ".join(said))
