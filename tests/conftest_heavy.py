"""Fixtures for the heavy backends (qwen3-tts, xtts): tiny real-architecture models, built once a session.

conftest.py imports the fixtures; the helpers below are plain functions the heavy tests import.
Everything heavy is imported inside the fixtures, so collecting tests without the extras stays cheap.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from avatar.voices.stored import StoredVoice

REFERENCE_TRANSCRIPT = "The quick brown fox jumps over the lazy dog. Avatar speaks one stage at a time."


@pytest.fixture(scope="session")
def tiny_qwen_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight qwen3-tts Base (voice-clone) checkpoint folder."""
    pytest.importorskip("qwen_tts")
    from tiny_models import build_tiny_qwen

    return build_tiny_qwen(tmp_path_factory.mktemp("tiny-qwen"))


@pytest.fixture(scope="session")
def tiny_xtts_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight XTTS-v2 checkpoint folder (config.json, model.pth, vocab.json)."""
    pytest.importorskip("TTS")
    from tiny_models import build_tiny_xtts

    return build_tiny_xtts(tmp_path_factory.mktemp("tiny-xtts"))


def write_voice(
    root: Path,
    voice_id: str,
    samples: np.ndarray,
    sample_rate: int,
    transcript: str | None = REFERENCE_TRANSCRIPT,
    language: str | None = "en",
) -> Path:
    """Write ``root/<user>/<name>/`` with voice.yaml, reference.wav and a placeholder embedding.

    The real ``VoiceStore.add`` also normalises the audio and runs the speaker encoder; the cloning
    backends only read the reference and transcript, so the heavy tests skip that work.
    """
    import yaml

    from avatar import atomic
    from avatar.audio import io as audio_io
    from avatar.voices.stored import EMBEDDING_FILE, REFERENCE_FILE, VOICE_FILE, VoiceDoc

    user, name = voice_id.split("/")
    folder = Path(root) / user / name
    folder.mkdir(parents=True, exist_ok=True)
    audio_io.write(folder / REFERENCE_FILE, samples, sample_rate)
    np.save(folder / EMBEDDING_FILE, np.zeros(256, dtype=np.float32), allow_pickle=False)
    doc = VoiceDoc.model_validate(
        {
            "user": user,
            "name": name,
            "created": datetime.now(UTC).replace(microsecond=0),
            "reference": {
                "sha256": atomic.sha256_file(folder / REFERENCE_FILE),
                "sample_rate": sample_rate,
                "duration_s": round(len(samples) / sample_rate, 3),
            },
            "embedding": {
                "sha256": atomic.sha256_file(folder / EMBEDDING_FILE),
                "model": "placeholder",
                "dim": 256,
            },
            "transcript": transcript,
            "language": language,
        }
    )
    (folder / VOICE_FILE).write_text(yaml.safe_dump(doc.model_dump(mode="json"), sort_keys=False))
    return folder


@pytest.fixture
def profile(tmp_path: Path, piper_speech: tuple[np.ndarray, int]) -> StoredVoice:
    """A stored voice 'alice/narrator' made from real piper speech, loaded back."""
    from avatar.voices.stored import load_voice

    samples, sr = piper_speech
    return load_voice(write_voice(tmp_path / "voices", "alice/narrator", samples, sr))
