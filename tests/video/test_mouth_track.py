"""Mouth shapes for clients that draw their own face: the blendshape frames follow what the renderer draws
for the same speech (its animator, fed the same audio and phonemes), and each shape shows on its phonemes:
lips shut on m/b/p, rounding on "oo", spread on "ee", the lower lip tucked on "f". Real piper speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from avatar.text.phonemes import PhonemeWriter, read_spans
from avatar.video.animate import poses
from avatar.video.mouth_track import NAMES, MouthTrack
from avatar.video.visemes import VisemeTrack

FPS = 30


@pytest.fixture(scope="module")
def piper() -> object:
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32")
    backend.load()
    yield backend
    backend.unload()


def _speak(backend: object, text: str) -> tuple[np.ndarray, list[tuple[str, int]], int]:
    from avatar.backends.base import SynthesisRequest

    speech = backend.speak(SynthesisRequest(text))  # type: ignore[attr-defined]
    assert speech.phonemes
    return speech.samples, speech.phonemes, backend.sample_rate  # type: ignore[attr-defined]


def _column(frames: list[list[float]], name: str) -> np.ndarray:
    return np.array([f[NAMES.index(name)] for f in frames])


def test_the_jaw_follows_the_renderers_mouth(piper: object, tmp_path: Path) -> None:
    samples, phonemes, rate = _speak(piper, "Hello! I am avatar, and my mouth moves with the words.")
    wav, tsv = tmp_path / "speech.wav", tmp_path / "phonemes.tsv"
    sf.write(str(wav), samples, rate)
    with open(tsv, "w", encoding="utf-8") as fh:
        PhonemeWriter(fh).write(0.0, rate, phonemes)
    drawn = [p.mouth for p in poses(wav, FPS, head_motion=0.0, blinks=False, visemes=VisemeTrack(read_spans(tsv), FPS))]
    track = MouthTrack(rate, FPS)
    for a in range(0, samples.size, 4000):  # streamed in pieces that do not fall on frames
        piece = samples[a : a + 4000]
        track.add(piece, phonemes if a == 0 else None)
    track.finish()
    jaw = _column(track.frames, "jawOpen")
    n = min(len(jaw), len(drawn))
    assert abs(len(jaw) - len(drawn)) <= 1 and n > FPS
    assert float(np.corrcoef(jaw[:n], np.array(drawn[:n]))[0, 1]) > 0.95
    assert float(np.abs(jaw[:n] - np.array(drawn[:n])).mean()) < 0.05
    assert all(len(f) == len(NAMES) and all(0.0 <= v <= 1.0 for v in f) for f in track.frames)


@pytest.mark.parametrize(
    ("text", "sounds", "name"),
    [
        ("Mama made a map, maybe.", ("m", "b", "p"), "mouthClose"),
        ("Who knew you two would do it?", ("u", "uː", "w"), "mouthPucker"),
        ("We see three green trees.", ("i", "iː"), "mouthStretchLeft"),
        ("Five fine vans fell off.", ("f", "v"), "mouthRollLower"),
    ],
)
def test_each_shape_shows_on_its_sounds(piper: object, text: str, sounds: tuple[str, ...], name: str) -> None:
    samples, phonemes, rate = _speak(piper, text)
    track = MouthTrack(rate, FPS)
    track.add(samples, phonemes)
    track.finish()
    values = _column(track.frames, name)
    on = np.zeros(len(values), dtype=bool)
    at = 0
    for label, count in phonemes:
        if label.strip("ˈˌ") in sounds:
            a, b = int(at / rate * FPS), int((at + count) / rate * FPS) + 1
            on[a:b] = True
        at += count
    assert on.any() and (~on).any()
    assert values[on].max() > 0.2 and values[on].mean() > values[~on].mean()


def test_silence_is_a_closed_still_mouth(piper: object) -> None:
    samples, phonemes, rate = _speak(piper, "One.")
    track = MouthTrack(rate, FPS)
    track.add(np.zeros(rate, dtype=np.float32), spoken=False)  # a second's pause first
    track.add(samples, phonemes)
    track.finish()
    assert track.frames[: FPS - 3] and all(max(f) == 0.0 for f in track.frames[: FPS - 3])
    assert max(_column(track.frames, "jawOpen")) > 0.2
