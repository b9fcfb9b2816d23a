"""Checks before the queue: while the device thread is held inside a studio run, every bad request that
needs no model (upload type, decoding and duration, text empty after normalisation, pipeline, options,
portrait, stock voice) is answered with a JSON 4xx, not after the run. Real server, real run.

The proof is the order of events, not a clock: the run speaks through the tests' tone plugin, which holds
any sentence with the word "later" until a gate file exists. Every bad request is answered while the run is
still held; only then does the test open the gate, and the run finishes. A check that had been queued
behind the run would wait for the gate and time out. How fast they are answered is a benchmark's figure
(`benchmarks/bench_interactive.py`)."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from plugin_backends import gated_tone_server
from processes import Server

ZERO_WIDTH = "\u200b\u200c\u200d\ufeff\u2060 \u200b"
HELD = "This run starts now. It is finished later, when the test opens the gate."


@pytest.fixture(scope="module")
def gated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    root = tmp_path_factory.mktemp("prequeue")
    pipeline = root / "held.yaml"
    speech = {"backend": "tone", "speaker": "low", "timing": "estimate"}
    stages = [{"id": "speech", "uses": "synthesize", "with": speech},
              {"id": "finish", "uses": "finish_audio", "with": {"input": "speech"}}]  # fmt: skip
    pipeline.write_text(json.dumps({"name": "held", "stages": stages}))
    with gated_tone_server(root, "--set", f"serve.pipelines.held={pipeline}", keys={"alice": False}) as held:
        yield held


def _silence_wav(seconds: float) -> bytes:
    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, np.zeros(int(16000 * seconds), dtype=np.float32), 16000, format="WAV")
    return buf.getvalue()


BAD: list[tuple[str, str, dict[str, Any], int, str]] = [
    ("voice: 4 bytes, not audio", "/v1/voices", {"data": {"name": "v1"}, "files": {"audio": ("a.wav", b"abcd")}},
     400, "not a supported recording"),
    ("voice: silent recording", "/v1/voices", {"data": {"name": "v2"}, "files": {"audio": ("s.wav", _silence_wav(4))}},
     400, "silent"),
    ("run: zero-width text", "/v1/runs", {"data": {"text": ZERO_WIDTH}}, 400, "the text is empty"),
    ("run: unknown pipeline", "/v1/runs", {"data": {"text": "Hi.", "pipeline": "nope"}}, 404, "nope"),
    ("run: bad option", "/v1/runs", {"data": {"text": "Hi.", "set": ["stages.video.size=big"]}}, 400, "size"),
    ("run: portrait not an image", "/v1/runs",
     {"data": {"text": "Hi."}, "files": {"portrait": ("face.png", b"\x89PNG not really")}}, 400, "face.png"),
    ("speech: zero-width input", "/v1/audio/speech",
     {"json": {"model": "tts-1", "voice": "alloy", "input": ZERO_WIDTH}}, 400, "nothing to speak"),
    ("speech: unknown stock voice", "/v1/audio/speech",
     {"json": {"model": "piper", "voice": "nobody", "input": "Hi."}}, 404, "nobody"),
]  # fmt: skip


def test_bad_requests_are_answered_while_a_run_holds_the_device(gated: tuple[Server, Path]) -> None:
    server, gate = gated
    with server.client("alice") as c:
        r = c.post("/v1/runs", data={"text": HELD, "pipeline": "held"})
        assert r.status_code == 202, r.text
        run_id = r.json()["id"]
        deadline = time.monotonic() + 120
        while c.get(f"/v1/runs/{run_id}").json()["state"] != "running":
            assert time.monotonic() < deadline, "the run never started"
            time.sleep(0.2)
        for label, path, kwargs, status, words in BAD:
            r = c.post(path, **kwargs)
            assert r.status_code == status, (label, r.status_code, r.text)
            error = r.json()["error"]
            assert words in error["message"], (label, error)
        still = c.get(f"/v1/runs/{run_id}").json()["state"]
        gate.touch()  # the run may go on now
        deadline = time.monotonic() + 120
        while (state := c.get(f"/v1/runs/{run_id}").json()["state"]) in ("queued", "running"):
            assert time.monotonic() < deadline, "the run did not finish after the gate opened"
            time.sleep(0.2)
    assert still == "running", "the run was not held while the bad requests were answered"
    assert state == "done", state
