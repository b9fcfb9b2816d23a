"""The chat's rules without a model: sentences from a stream by the one sentence rule, the persona's bound,
the history's bound and what it keeps."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.config.schema import ChatSettings
from avatar.errors import OverLimit
from avatar.text.chunking import sentences, streamed_sentences
from avatar.thinking.base import ChatBackend, Message
from avatar.thinking.chat import Chat


class Scripted(ChatBackend):
    """Answers with a fixed text, a few characters at a time, and remembers what it was asked."""

    name = "scripted"
    package = "avatar"

    def __init__(self, answer: str, **options: object) -> None:
        super().__init__("cpu")
        self.answer = answer
        self.asked: list[list[Message]] = []

    def stream(
        self, messages: list[Message], max_tokens: int, cancelled: threading.Event | None = None
    ) -> Iterator[str]:
        self.asked.append(messages)
        for i in range(0, len(self.answer), 3):
            yield self.answer[i : i + 3]


@given(st.lists(st.sampled_from(["Hi", " there", ".", " ", "How", " are", " you", "?", " Fine", "!", "3.5", "\n"]),
                max_size=30), st.integers(1, 7))  # fmt: skip
def test_streamed_sentences_are_the_sentences_of_the_whole_text(pieces: list[str], step: int) -> None:
    text = "".join(pieces)
    chunks = [text[i : i + step] for i in range(0, len(text), step)]
    assert list(streamed_sentences(chunks)) == [s for s in sentences(text, 10_000) if any(c.isalnum() for c in s)]


def test_the_first_sentence_comes_before_the_stream_ends() -> None:
    seen: list[str] = []

    def pieces() -> Iterator[str]:
        yield from ["Paris is ", "the capital. ", "It is "]
        seen.append("asked for more")
        yield "large."

    out = streamed_sentences(pieces())
    assert next(out) == "Paris is the capital." and seen == []
    assert list(out) == ["It is large."]


def test_a_persona_over_its_bound_is_refused() -> None:
    with pytest.raises(OverLimit, match=r"persona of 31 characters is over the limit of 30"):
        Chat(Scripted("Hi."), ChatSettings(max_persona_chars=30), persona="x" * 31)


def test_the_system_prompt_carries_the_persona_and_the_history_is_bounded() -> None:
    model = Scripted("Hello there. How are you?")
    chat = Chat(model, ChatSettings(max_history_turns=2), persona="a  pirate")
    assert list(chat.reply("hi", remember=True)) == ["Hello there.", "How are you?"]
    for n in range(3):
        chat.remember(f"turn {n}", f"heard {n}")
    assert [m.content for m in chat.history] == ["turn 1", "heard 1", "turn 2", "heard 2"]
    asked = chat.messages("next")
    assert asked[0].role == "system" and asked[0].content.endswith("The caller asks you to be: a pirate")
    assert [m.role for m in asked[1:]] == ["user", "assistant", "user", "assistant", "user"]


def test_a_reply_nothing_of_which_was_heard_leaves_no_placeholder() -> None:
    """Nothing heard: no assistant message (a small model imitates a placeholder such as "..."), and the
    caller's words join their next turn, so the roles still alternate."""
    chat = Chat(Scripted("Hi."), ChatSettings(max_history_turns=4))
    chat.remember("My name is Ada.", "")
    chat.remember("I live in Leeds.", "  ")
    assert [(m.role, m.content) for m in chat.history] == [("user", "My name is Ada. I live in Leeds.")]
    chat.remember("What is my name?", "Your name is Ada.")
    asked = chat.messages("Where do I live?")
    assert [(m.role, m.content) for m in asked[1:]] == [
        ("user", "My name is Ada. I live in Leeds. What is my name?"),
        ("assistant", "Your name is Ada."),
        ("user", "Where do I live?"),
    ]
    chat.forget_last()
    assert [m.role for m in chat.messages("Hello?")] == ["system", "user"]


def test_a_cancelled_reply_stops() -> None:
    cancelled = threading.Event()
    chat = Chat(Scripted("One. Two. Three."))
    out = chat.reply("count", cancelled)
    assert next(out) == "One."
    cancelled.set()
    assert list(out) == []


def test_conversation_settings_live_under_serve_live() -> None:
    from avatar.config.schema import Settings

    s = Settings.model_validate(
        {"serve": {"live": {"asr": "/models/whisper-small", "turn": {"trailing_ms": 2000},
                            "chat": {"backend": "openai", "options": {"base_url": "http://127.0.0.1:9/v1",
                                                                      "model": "m", "api_key_env": "KEY"}}}}}
    )  # fmt: skip
    assert s.serve.live.turn.trailing_ms == 2000 and s.serve.live.turn.silence_ms == 700
    assert s.serve.live.chat.options["api_key_env"] == "KEY" and s.serve.live.asr_backend == "faster-whisper"
    with pytest.raises(ValueError, match="max_persona_chars"):
        Settings.model_validate({"serve": {"live": {"chat": {"max_persona_chars": -1}}}})
    with pytest.raises(ValueError, match="Extra inputs are not permitted"):
        Settings.model_validate({"serve": {"live": {"chat": {"api_key": "sk-..."}}}})


PIECES = ["Hi", " there", ",", ".", " ", "how", " are", " you", "?", " fine", "—", "1,000", "\n"]


@given(st.lists(st.sampled_from(PIECES), max_size=40), st.integers(1, 7), st.integers(0, 5))
def test_a_first_clause_changes_where_the_first_part_ends_never_the_words(
    pieces: list[str], step: int, words: int
) -> None:
    text = "".join(pieces)
    chunks = [text[i : i + step] for i in range(0, len(text), step)]
    parts = list(streamed_sentences(chunks, words))
    whole = [s for s in sentences(text, 10_000) if any(c.isalnum() for c in s)]
    assert " ".join(parts).split() == " ".join(whole).split()
    if parts[:1] != whole[:1]:  # the first sentence came as its first clause and its rest; the others whole
        assert words > 0 and len(parts[0].split()) >= words and parts[0][-1] in ",—"
        assert f"{parts[0]} {parts[1]}".split() == whole[0].split() and parts[2:] == whole[1:]
    else:
        assert parts == whole


def test_the_first_clause_is_spoken_before_its_sentence_ends() -> None:
    seen: list[str] = []

    def pieces() -> Iterator[str]:
        yield from ["The sky", " on a clear", " day is", " blue,", " with"]
        seen.append("asked for more")
        yield from [" a hint", " of pink.", " Next, it", " rains."]

    out = streamed_sentences(pieces(), 4)
    assert next(out) == "The sky on a clear day is blue," and seen == []
    # the rest of that sentence, then whole sentences: a comma later on splits nothing
    assert list(out) == ["with a hint of pink.", "Next, it rains."]
    # too short a clause ("Sure,") or a number's comma is not a clause; 0 turns it off
    assert list(streamed_sentences(["Sure, the", " sky is 1,000", " km up, they", " say."], 4)) == [
        "Sure, the sky is 1,000 km up,",
        "they say.",
    ]
    assert list(streamed_sentences(["The sky on a clear day is blue, with", " pink."], 0)) == [
        "The sky on a clear day is blue, with pink."
    ]


def test_a_chat_reply_starts_at_the_first_clause() -> None:
    chat = Chat(Scripted("Cats sleep a lot because, as hunters, they save energy. They also dream."))
    assert list(chat.reply("Why do cats sleep?")) == [
        "Cats sleep a lot because,",
        "as hunters, they save energy.",
        "They also dream.",
    ]
    chat = Chat(Scripted("Cats sleep a lot because, as hunters, they save energy."), ChatSettings(first_clause_words=0))
    assert list(chat.reply("Why do cats sleep?")) == ["Cats sleep a lot because, as hunters, they save energy."]
