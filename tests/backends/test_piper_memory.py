"""piper on the CPU gives back what a long sentence needed: onnxruntime's CPU arena otherwise keeps the
largest sentence's working memory for good (one 220-character sentence: +240 MB of RSS that never came
back, and a live conversation's server stepped up 248 MB at its first long reply)."""

from __future__ import annotations

import psutil

from avatar.backends.base import SynthesisRequest
from avatar.backends.piper import PiperBackend

MB = 2**20
SHORT = "The capital of France is Paris."
LONG = (
    " ".join(["The ocean covers most of the planet, and its deepest trench goes down nearly eleven kilometres"] * 2)
    + "."
)


def rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / MB


def test_a_long_sentence_leaves_no_memory_behind() -> None:
    backend = PiperBackend("cpu", "float32", noise_scale=0.0, noise_w_scale=0.0)
    backend.load()
    try:
        for _ in range(3):
            backend.synthesize(SynthesisRequest(SHORT))
        before = rss_mb()
        long = backend.synthesize(SynthesisRequest(LONG))
        assert long.size / backend.sample_rate > 8  # a long sentence indeed
        for _ in range(3):
            backend.synthesize(SynthesisRequest(SHORT))
        after = rss_mb()
        assert after - before < 100, (before, after)  # the arena kept +240 MB here before
    finally:
        backend.unload()
