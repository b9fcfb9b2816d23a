"""One speaking service: the same script gives the same chunks, pauses and timings through the `synthesize`
stage (`avatar run`, a real subprocess) and `/v1/audio/speech` (a real server), with the deterministic
third-party ``tone`` backend (real torch weights; 0.25 s of tone per word)."""

from __future__ import annotations

import base64
import io
import itertools
import json
import os
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from plugin_backends import install_backends
from processes import run_cli, running_server

# Three SSML segments of one sentence each: a stream's sentence chunks and a run's packed chunks are the same
# chunks, so the pauses (the breaks) and the speed (the prosody rate) must come out the same.
SCRIPT = (
    '<speak>One two three.<break time="300ms"/>Four five.<break time="500ms"/>'
    '<prosody rate="200%">Six seven eight nine.</prosody></speak>'
)
RATE = 16000


def test_a_run_and_the_speech_api_speak_one_script_alike(tmp_path: Path) -> None:
    root, weights = install_backends(tmp_path / "plugin", 8)
    env = {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    out = tmp_path / "run"
    proc = run_cli("run", "speech", "--text", SCRIPT, "--out", str(out), "--json",
                   "--set", "stages.speech.backend=tone", "--set", f"models.tone.path={weights}",
                   env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    run_dir = out
    speech_wav = next(run_dir.rglob("speech.wav"))
    timings = json.loads(next(run_dir.rglob("timings.json")).read_text())
    chunks = timings["chunks"]
    assert [c["text"] for c in chunks] == ["One two three.", "Four five.", "Six seven eight nine."]
    # the breaks are the pauses; the 200% rate halves the last chunk (4 words x 0.25 s / 2)
    gaps = [round(b["start_s"] - a["end_s"], 3) for a, b in itertools.pairwise(chunks)]
    assert gaps == [0.3, 0.5]
    assert chunks[2]["end_s"] - chunks[2]["start_s"] == pytest.approx(0.5, abs=0.02)
    run_words = json.loads(next(run_dir.rglob("words.json")).read_text())["words"]
    run_audio, rate = sf.read(speech_wav, dtype="float32")
    assert rate == RATE

    server_root = tmp_path / "serve"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        sets = ("--set", f"models.tone.path={weights}")
        with running_server(server_root, *sets, keys={"alice": False}) as server, server.client("alice") as c:
            body = {
                "model": "tone",
                "voice": "low",
                "input": SCRIPT,
                "response_format": "wav",
                "timestamps": "word",
                "loudness": {"normalize": False},
            }  # fmt: skip  (the field's old name, still read)
            r = c.post("/v1/audio/speech", json=body)
    assert r.status_code == 200, r.text
    answer = r.json()
    api_audio, api_rate = sf.read(io.BytesIO(base64.b64decode(answer["audio"])), dtype="float32")
    assert answer["sample_rate"] == api_rate == RATE
    # the same samples (up to 16-bit rounding): the same chunks, in order, with the same pauses and speeds
    assert api_audio.size == run_audio.size
    assert np.max(np.abs(api_audio - run_audio)) < 2e-4
    # and the same word timings, from the same chunks and offsets
    api_words = [(w["text"], w["start_s"], w["end_s"]) for w in answer["words"]]
    assert [(w["text"], w["start_s"], w["end_s"]) for w in run_words] == api_words
    assert [w[0] for w in api_words] == ["One", "two", "three", "Four", "five", "Six", "seven", "eight", "nine"]
