"""The end-of-turn rule, without audio: a finished sentence shortens the wait, a trailing word lengthens it."""

from __future__ import annotations

import pytest

from avatar.config.schema import TurnSettings
from avatar.errors import AsrError, AvatarError, ChatError
from avatar.listening.listener import end_of_turn_ms, trails_off

TURN = TurnSettings()


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        ("What time is it?", TURN.sentence_end_ms),
        ("I am done.", TURN.sentence_end_ms),
        ("I want a pizza and", TURN.trailing_ms),
        ("I want a pizza, and...", TURN.trailing_ms),
        ("So,", TURN.trailing_ms),
        ("well um", TURN.trailing_ms),
        ("I want a pizza", TURN.silence_ms),
        ("", TURN.silence_ms),
    ],
)
def test_the_wait_follows_how_the_transcript_ends(text: str, wait: int) -> None:
    assert end_of_turn_ms(text, TURN) == wait


def test_trailing_words_are_a_setting() -> None:
    turn = TurnSettings(trailing_words=["also"])
    assert trails_off("and also", turn) and not trails_off("bread and", turn)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"sentence_end_ms": 900, "silence_ms": 700}, "pause_ms <= sentence_end_ms <= silence_ms <= trailing_ms"),
        ({"trailing_ms": 500}, "pause_ms <= sentence_end_ms <= silence_ms <= trailing_ms"),
        ({"surprise": 1}, "Extra inputs are not permitted"),
    ],
)
def test_turn_settings_are_checked(values: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TurnSettings(**values)  # type: ignore[arg-type]


def test_the_errors_are_one_line_and_in_the_one_tree() -> None:
    for cls in (AsrError, ChatError):
        err = cls("the endpoint said:\n  500 Internal\n  Server Error")
        assert isinstance(err, AvatarError) and "\n" not in str(err)
        assert str(err) == "the endpoint said: 500 Internal Server Error"
