"""The speaking service's rules on real scripts: chunks, the pause before each, the request for each."""

from __future__ import annotations

import numpy as np

from avatar.backends.base import Speech, SynthesisRequest
from avatar.backends.piper import PiperBackend
from avatar.speaking.service import chunk_request, pause_ms, plan_chunks, prepare_script, speak_all, speak_chunks

SSML = '<speak>One two.<break time="300ms"/>Three four. Five.<prosody rate="150%">Six seven.</prosody></speak>'


def test_chunks_and_pauses_follow_one_rule() -> None:
    script = prepare_script(SSML, PiperBackend, voices_root=None, user=None, language="en")
    packed = plan_chunks(script, 200)
    sentences = plan_chunks(script, 200, per_sentence=True)
    assert [c.text for c in packed] == ["One two.", "Three four. Five.", "Six seven."]
    assert [c.text for c in sentences] == ["One two.", "Three four.", "Five.", "Six seven."]
    # none before the first; the SSML break where there is one; else the caller's default
    assert [pause_ms(packed, i, 250) for i in range(3)] == [0, 300, 0]  # a rate change: a new segment, no pause
    assert [pause_ms(sentences, i, 250) for i in range(4)] == [0, 300, 250, 0]
    assert [pause_ms(sentences, i, 0) for i in range(4)] == [0, 300, 0, 0]
    assert [c.rate for c in sentences] == [1.0, 1.0, 1.0, 1.5]


def test_a_request_is_the_callers_speed_times_the_chunks_rate() -> None:
    request = chunk_request("Hi.", 1.5, language="en", speaker="joe", speed=1.2)
    assert request == SynthesisRequest(text="Hi.", language="en", speaker="joe", speed=1.2 * 1.5)


def test_speaking_puts_each_pause_before_its_chunk() -> None:
    script = prepare_script(SSML, PiperBackend, voices_root=None, user=None, language="en")
    chunks = plan_chunks(script, 200, per_sentence=True)
    asked: list[SynthesisRequest] = []

    def speak(request: SynthesisRequest) -> Speech:  # one sample per character, so each chunk is findable
        asked.append(request)
        return Speech(np.full(len(request.text), 0.5, dtype=np.float32))

    parts = list(speak_chunks(speak, chunks, 1000, 100, speed=2.0))
    assert [p.pause.size for p in parts] == [0, 300, 100, 0]
    assert [r.speed for r in asked] == [2.0, 2.0, 2.0, 3.0]
    joined = speak_all(speak, chunks, 1000, 100)
    assert joined.size == sum(len(c.text) for c in chunks) + 400
    assert joined[: len("One two.")].tolist() == [0.5] * 8 and not joined[8 : 8 + 300].any()
