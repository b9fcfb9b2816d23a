"""A served piper voice is warmed as it loads: one sentence of ``serve.warm_chars`` characters, never more than
``chunk_chars`` (here 200), so onnxruntime's CPU arena (which keeps what the longest sentence so far needed)
is held, and measured, from the load. A long sentence spoken afterwards then adds next to nothing to the
server's memory; with ``serve.warm_chars`` 0 the same sentence adds the arena (about +230 MB at 200
characters)."""

from __future__ import annotations

from pathlib import Path

import pytest
from processes import DETERMINISTIC, Server, running_server

CHUNK = 200
LONG_SENTENCE = (
    "Every evening the keeper of the lighthouse climbed the narrow stairs, polished the great lens, wrote "
    "the weather in his book and watched the fishing boats come home across the darkening water."
)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")


def load_then_speak(server: Server) -> tuple[dict[str, float], float, float]:
    """The load's answer, the server's RSS after the load and after a long sentence."""
    with server.client() as c:
        r = c.post("/v1/models/piper/load")
        assert r.status_code == 200, r.text
        loaded = r.json()
        after_load = rss_mb(server.proc.pid)
        r = c.post(
            "/v1/audio/speech",
            json={"model": "piper", "voice": "alloy", "input": LONG_SENTENCE, "response_format": "wav"},
        )
        assert r.status_code == 200, r.text
        return loaded, after_load, rss_mb(server.proc.pid)


@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
def test_load_holds_the_longest_sentence_memory(tmp_path: Path, warm: bool) -> None:
    assert len(LONG_SENTENCE) < CHUNK
    sets = [*DETERMINISTIC, f"chunk_chars={CHUNK}", f"serve.warm_chars={400 if warm else 0}"]
    with running_server(tmp_path, *[a for s in sets for a in ("--set", s)]) as server:
        loaded, after_load, after_speech = load_then_speak(server)
        log = server.log_text()
    grown = after_speech - after_load
    held = loaded["memory_after_mb"] - loaded["memory_before_mb"]
    if warm:
        assert "warmed with a 200-character sentence" in log
        assert held > 150, loaded  # the arena is part of what the load holds
        assert grown < 60, (after_load, after_speech)
    else:
        assert "warmed" not in log
        assert grown > 120, (after_load, after_speech)  # the first long sentence grows the arena


@pytest.mark.parametrize("chars", [40, 41, 100, 399, 400, 5000])
def test_the_warm_sentence_is_one_sentence_within_a_word_of_its_length(chars: int) -> None:
    from avatar.serve.device.policy import longest_sentence

    text = longest_sentence(chars)
    assert chars - 12 <= len(text) <= chars
    assert text.endswith(".") and text.count(".") == 1 and text[:-1].replace(" ", "").isalpha()
