"""User and voice names: whatever the text, a profile path stays inside profiles/<user>/."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avatar.errors import UsageError
from avatar.voices.names import NAME_RE, parse_voice_id, validate_name, validate_user
from avatar.voices.store import VoiceStore

ROOT = Path("/srv/avatar/profiles")
# Characters that matter for paths, mixed with ordinary ones so hypothesis finds valid names too.
PATHISH = st.text(alphabet=st.sampled_from(list("./\\~-_ :\x00\n\tAaZz09éİK")), max_size=12)
ANY_NAME = st.one_of(st.text(max_size=80), PATHISH)


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.normpath(path)).parent == Path(os.path.normpath(folder))


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Alice", "alice"), ("a", "a"), ("a-b_c9", "a-b_c9"), ("0", "0"), ("x" * 64, "x" * 64), ("NARRATOR", "narrator")],
)
def test_valid_names_are_lowercased(name: str, expected: str) -> None:
    assert validate_name(name) == expected


@pytest.mark.parametrize(
    "name",
    ["", ".", "..", "../bob", "a/b", "a\\b", " alice", "alice ", "alice\n", "-x", "_x", "x" * 65, "ünï", "\u212a",
     "~root", "a.b", "con", "NUL", "com1", "a\x00b", "/abs"],
)  # fmt: skip
def test_invalid_names_are_refused_with_the_rule(name: str) -> None:
    with pytest.raises(UsageError) as info:
        validate_name(name)
    message = str(info.value)
    assert "\n" not in message
    assert "lowercase letters, digits, '-' and '_'" in message


def test_user_names_say_user() -> None:
    with pytest.raises(UsageError, match=r"^user name '\.\.' is not allowed"):
        validate_user("..")


@pytest.mark.parametrize(
    ("voice_id", "expected"),
    [("alice/narrator", ("alice", "narrator")), ("Bob/Deep-Voice", ("bob", "deep-voice"))],
)
def test_parse_voice_id(voice_id: str, expected: tuple[str, str]) -> None:
    assert parse_voice_id(voice_id) == expected


@pytest.mark.parametrize(
    ("voice_id", "fragment"),
    [
        ("alice", "write it as USER/NAME"),
        ("alice/a/b", "write it as USER/NAME"),
        ("/narrator", "user name '' is not allowed"),
        ("alice/", "voice name '' is not allowed"),
        ("../x", "user name '..' is not allowed"),
    ],
)
def test_parse_voice_id_refusals(voice_id: str, fragment: str) -> None:
    with pytest.raises(UsageError, match=fragment):
        parse_voice_id(voice_id)


@settings(max_examples=400, deadline=None)
@given(ANY_NAME)
def test_no_name_escapes_its_folder(name: str) -> None:
    try:
        clean = validate_name(name)
    except UsageError as exc:
        assert "\n" not in str(exc) and len(str(exc)) < 300
        return
    assert NAME_RE.fullmatch(clean)
    store = VoiceStore(ROOT)
    user_dir = store.user_dir("alice")
    assert _inside(store.voice_dir("alice", name), user_dir)
    assert _inside(store.user_dir(name), ROOT)


@settings(max_examples=400, deadline=None)
@given(ANY_NAME, ANY_NAME)
def test_no_voice_id_escapes_its_user(user: str, name: str) -> None:
    store = VoiceStore(ROOT)
    try:
        u, n = parse_voice_id(f"{user}/{name}")
    except UsageError as exc:
        assert "\n" not in str(exc)
        return
    folder = store.voice_dir(u, n)
    assert _inside(folder, ROOT / u)
    assert folder == ROOT / u / n
