"""`avatar serve` settings come through the config cascade; sentence splitting for streams (properties)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avatar.errors import ConfigError
from avatar.serve.config import resolve_settings
from avatar.serve.routes.speech import sentences
from avatar.text.chunking import clean_text


def test_defaults_file_set_and_options_layer_in_order(tmp_path: Path) -> None:
    config = tmp_path / "serve.yaml"
    config.write_text("serve:\n  max_input_chars: 100\n  queue: 3\n  model_aliases: {narrator: xtts}\n")
    s, profile = resolve_settings(None, config, ["serve.max_input_chars=150"], {"queue": 7, "port": None})
    assert profile  # the hardware profile chosen for this machine
    assert s.serve.max_input_chars == 150  # --set over the file
    assert s.serve.queue == 7  # the option over both
    assert s.serve.port == 8000  # an option not given leaves the default
    assert s.serve.model_aliases == {"tts-1": "piper", "tts-1-hd": "piper", "narrator": "xtts"}
    plain, _ = resolve_settings()
    assert plain.serve.max_input_chars == 4096 and plain.serve.queue == 32


def test_bad_values_name_their_source(tmp_path: Path) -> None:
    config = tmp_path / "serve.yaml"
    config.write_text("serve:\n  queue: 0\n")
    with pytest.raises(ConfigError, match=r"serve\.yaml.*serve\.queue"):
        resolve_settings(None, config)
    with pytest.raises(ConfigError, match=r"--set.*serve\.bogus"):
        resolve_settings(None, None, ["serve.bogus=1"])
    with pytest.raises(ConfigError, match="no stages"):
        resolve_settings(None, None, ["stages.speech.backend=xtts"])


def test_a_renamed_key_is_read_in_its_layer_and_a_higher_layer_still_wins(tmp_path: Path) -> None:
    """serve.max_portrait_mb moved to serve.live.max_portrait_mb: each layer's old name is moved before the
    layers merge, so --set beats a file whichever name either uses; both names in one file is an error."""
    config = tmp_path / "serve.yaml"
    config.write_text("serve:\n  max_portrait_mb: 3\n")
    assert resolve_settings(None, config)[0].serve.live.max_portrait_mb == 3
    assert resolve_settings(None, config, ["serve.live.max_portrait_mb=5"])[0].serve.live.max_portrait_mb == 5
    config.write_text("serve:\n  live: {max_portrait_mb: 4}\n")
    assert resolve_settings(None, config, ["serve.max_portrait_mb=6"])[0].serve.live.max_portrait_mb == 6
    config.write_text("serve:\n  max_portrait_mb: 3\n  live: {max_portrait_mb: 4}\n")
    with pytest.raises(ConfigError, match=r"serve\.yaml.*keep only serve\.live\.max_portrait_mb"):
        resolve_settings(None, config)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400), limit=st.integers(20, 200))
def test_sentences_lose_nothing_and_fit_the_limit(text: str, limit: int) -> None:
    chunks = sentences(text, limit)
    assert all(0 < len(c) <= limit for c in chunks)
    if all(len(w) <= limit for w in clean_text(text).split(" ")):
        assert " ".join(chunks) == clean_text(text)
    else:
        assert "".join(chunks).replace(" ", "") == clean_text(text).replace(" ", "")


def test_three_sentences_are_three_chunks() -> None:
    assert sentences("One here. Two here!  Three here?", 400) == ["One here.", "Two here!", "Three here?"]
