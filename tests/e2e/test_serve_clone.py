"""`avatar serve` with a cloning model: a voice uploaded over HTTP speaks through xtts (a tiny random-weight
XTTS-v2 the tests build: the real load / clone / synthesise code, noise for audio); another user cannot."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from processes import Server, decode, running_server

pytestmark = pytest.mark.heavy


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, tiny_xtts_dir: Path) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-clone")
    with running_server(root, "--set", f"models.xtts.path={tiny_xtts_dir}", keys={"alice": True, "bob": False}) as srv:
        yield srv


def test_uploaded_voice_speaks_through_xtts_for_its_owner_only(
    server: Server, piper_speech: tuple[np.ndarray, int]
) -> None:
    import soundfile as sf

    samples, rate = piper_speech
    buf = io.BytesIO()
    sf.write(buf, samples, rate, format="WAV")
    body = {"model": "xtts", "voice": "narrator", "input": "The quick brown fox.", "response_format": "wav"}
    with server.client("alice") as a, server.client("bob") as b:
        r = a.post(
            "/v1/voices",
            data={"name": "narrator", "transcript": "The quick brown fox jumps over the lazy dog.", "language": "en"},
            files={"audio": ("ref.wav", buf.getvalue(), "audio/wav")},
        )
        assert r.status_code == 201, r.text
        r = a.post("/v1/audio/speech", json=body)
        assert r.status_code == 200, r.text
        audio, sr = decode(r.content, "wav")
        assert sr == 24000 and audio.size > 0 and np.isfinite(audio).all()
        card = a.get("/v1/models/xtts").json()
        assert card["state"] == "loaded" and "en" in card["languages"]
        # Bob: the same name is not his voice, and xtts has no stock voice of that name.
        r = b.post("/v1/audio/speech", json=body)
        assert r.status_code == 404, r.text
        assert r.json()["error"]["code"] == "voice_not_found" and "alice" not in r.text
        # Both models stay warm while they fit; an admin can unload one and see its memory figures.
        models = {m["id"]: m["state"] for m in a.get("/v1/models").json()["data"]}
        assert models["xtts"] == "loaded"
        out = a.post("/v1/models/xtts/unload").json()
        assert out["state"] == "unloaded" and out["memory_before_mb"] >= out["memory_after_mb"]


@pytest.fixture(scope="module")
def qwen_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    pytest.importorskip("qwen_tts")
    from tiny_models import build_tiny_qwen

    folder = build_tiny_qwen(tmp_path_factory.mktemp("tiny-qwen-cv"), "custom_voice")
    root = tmp_path_factory.mktemp("serve-qwen")
    with running_server(root, "--set", f"models.qwen3-tts.path={folder}", keys={"alice": False}) as srv:
        yield srv


def test_qwen_custom_voice_takes_a_stock_speaker_and_instructions(qwen_server: Server) -> None:
    body = {"model": "qwen3-tts", "voice": "ryan", "input": "Hello there.", "response_format": "wav"}
    with qwen_server.client("alice") as c:
        r = c.post("/v1/audio/speech", json=body | {"instructions": "Speak slowly and warmly, like a narrator."})
        assert r.status_code == 200, r.text
        audio, sr = decode(r.content, "wav")
        assert sr == 24000 and audio.size > 0
        card = c.get("/v1/models/qwen3-tts").json()
        assert set(card["voices"]) == {"ryan", "vivian"} and card["state"] == "loaded"
        r = c.post("/v1/audio/speech", json=body | {"voice": "nobody"})
        assert r.status_code == 404 and r.json()["error"]["code"] == "voice_not_found"
        assert "ryan" in r.json()["error"]["message"]  # the message lists the stock voices
