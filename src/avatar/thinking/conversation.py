"""A conversation: a final transcript in, the chat's reply spoken sentence by sentence through a speaking
port (:class:`avatar.speaking.port.SpeakingPort`), so the first sentence is spoken while the model still
writes the rest.

Barge-in: :meth:`Conversation.interrupt` takes how many words of the reply the caller heard ("heard up to
word N", which the player knows from word timings); the reply stops, and the history keeps only those words,
so the model's memory of the conversation is what was actually said. An interruption after the reply was
fully spoken (its audio still playing) corrects the history the same way.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from avatar.listening.base import Transcript
from avatar.speaking.port import SpeakingPort, Spoken, Voice
from avatar.text.chunking import speakable
from avatar.thinking.chat import Chat

logger = logging.getLogger(__name__)

OnSpoken = Callable[[str, Spoken], Awaitable[None]]


@dataclass
class Reply:
    """One turn's reply: the sentences spoken (in order, with their audio), when the first sentence came from
    the chat and when its audio was ready (seconds from the turn's start), and what the history keeps."""

    user_text: str
    sentences: list[str] = field(default_factory=list)
    spoken: list[Spoken] = field(default_factory=list)
    first_sentence_s: float | None = None
    first_audio_s: float | None = None
    interrupted: bool = False
    heard: str = ""
    remembered: bool = False

    def words(self) -> list[str]:
        return " ".join(self.sentences).split()


class Conversation:
    """One caller's conversation: ``chat`` thinks, ``speaking`` speaks with ``voice``. One turn at a time."""

    def __init__(self, chat: Chat, speaking: SpeakingPort, voice: Voice) -> None:
        self.chat, self.speaking, self.voice = chat, speaking, voice
        self.current: Reply | None = None
        self._cancelled = threading.Event()

    async def respond(self, heard: Transcript | str, on_spoken: OnSpoken | None = None) -> Reply:
        """Answer what the caller said (a final transcript); ``on_spoken`` gets each sentence and its audio as
        soon as it is spoken (a live session queues it for playback there)."""
        text = heard.text if isinstance(heard, Transcript) else heard
        reply = Reply(text.strip())
        if not speakable(text):
            return reply
        self._cancelled = cancelled = threading.Event()
        self.current = reply
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str | BaseException | None] = asyncio.Queue()
        started = time.perf_counter()

        def think() -> None:
            try:
                for sentence in self.chat.reply(reply.user_text, cancelled):
                    loop.call_soon_threadsafe(queue.put_nowait, sentence)
            except BaseException as exc:
                loop.call_soon_threadsafe(queue.put_nowait, exc)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        thinking = asyncio.create_task(asyncio.to_thread(think))
        failure: BaseException | None = None
        try:
            while (item := await queue.get()) is not None:
                if isinstance(item, BaseException):
                    failure = item
                    continue
                if reply.first_sentence_s is None:
                    reply.first_sentence_s = time.perf_counter() - started
                if cancelled.is_set():
                    continue
                spoken = await self._speak(item, cancelled, first=not reply.spoken)
                if spoken is None or cancelled.is_set():
                    continue
                if reply.first_audio_s is None:
                    reply.first_audio_s = time.perf_counter() - started
                reply.sentences.append(item)
                reply.spoken.append(spoken)
                if on_spoken is not None:
                    await on_spoken(item, spoken)
        finally:
            cancelled.set()  # a turn that ends early (an error, a cancelled task) stops the model too
            await thinking
        if failure is not None:
            raise failure
        if not reply.interrupted:
            reply.heard = " ".join(reply.sentences)
            self.chat.remember(reply.user_text, reply.heard)
            reply.remembered = True
        return reply

    async def _speak(self, sentence: str, cancelled: threading.Event, first: bool) -> Spoken | None:
        """Speak one sentence of the reply. The first is what the caller waits for, so while it is spoken the
        chat model holds (a local one stops at its next token, so the two do not share the processors); the
        later ones are spoken while the first plays, with time to spare."""
        if not first:
            return await self.speaking.speak(self.voice, sentence, cancelled)
        self.chat.model.hold()
        try:
            return await self.speaking.speak(self.voice, sentence, cancelled)
        finally:
            self.chat.model.release()

    def withdraw(self) -> None:
        """Drop the reply begun and not yet heard (the caller went on after the pause it was begun at): it
        stops, and the history keeps nothing of it."""
        reply = self.current
        if reply is None or reply.remembered:
            return
        self._cancelled.set()
        reply.interrupted = True  # respond() does not remember it
        self.current = None
        logger.debug("withdrawn before it was heard: the reply to %r", reply.user_text)

    def interrupt(self, heard_words: int) -> str:
        """The caller spoke over the reply having heard its first ``heard_words`` words: stop, and keep only
        those in the history. Returns what is kept."""
        reply = self.current
        if reply is None:
            return ""
        self._cancelled.set()
        reply.interrupted = True
        reply.heard = " ".join(reply.words()[: max(0, heard_words)])
        if reply.remembered:  # fully spoken, still playing: correct what was remembered
            self.chat.forget_last()
        self.chat.remember(reply.user_text, reply.heard)
        reply.remembered = True
        logger.debug("interrupted after %d words: %r", heard_words, reply.heard)
        return reply.heard
