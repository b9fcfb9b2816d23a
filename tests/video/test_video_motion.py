"""Head motion and blinks follow the phrasing: the animator stepped frame by frame, as the talking_head stage
and live sessions step it, over speech-like loudness with pauses (no rendering: the poses themselves)."""

from __future__ import annotations

import numpy as np

from avatar.video.animate import Animator, Pose

FPS = 25


def speech_like(seconds: float, phrases: list[tuple[float, float]], seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Per-frame RMS with syllables (about 4 a second) inside the phrases and silence outside; speaking flags."""
    n = int(seconds * FPS)
    t = np.arange(n) / FPS
    rng = np.random.default_rng(seed)
    speaking = np.zeros(n, bool)
    for a, b in phrases:
        speaking |= (t >= a) & (t < b)
    syllables = 0.5 + 0.5 * np.abs(np.sin(2 * np.pi * 2.0 * t + rng.uniform(0, 6)))
    return np.where(speaking, 0.08 * syllables, 0.0), speaking


def run(animator: Animator, rms: np.ndarray, speaking: np.ndarray, stress_every: int = 0) -> list[Pose]:
    poses = []
    for i, (r, s) in enumerate(zip(rms, speaking, strict=True)):
        shape = 0.7 if s else None
        stress = bool(s and stress_every and i % stress_every == 0)
        poses.append(animator.step(float(r), bool(s), shape, 0.0, 0.0, stress))
    return poses


def head(poses: list[Pose]) -> np.ndarray:
    return np.array([(p.dx, p.dy, p.angle / 100.0) for p in poses])


def test_head_moves_with_phrases_and_settles_in_pauses() -> None:
    phrases = [(0.5, 3.0), (4.5, 7.0), (8.5, 11.0)]
    rms, speaking = speech_like(13.0, phrases)
    poses = run(Animator(FPS, seed=5), rms, speaking, stress_every=9)
    h = head(poses)
    t = np.arange(len(poses)) / FPS
    # Deep in each pause (after the head has had time to settle) against the phrases themselves.
    pause = ((t > 3.6) & (t < 4.5)) | ((t > 7.6) & (t < 8.5)) | (t > 11.6)
    moving = np.abs(np.diff(h, axis=0)).sum(axis=1)
    assert moving[speaking[1:]].mean() > 2.0 * moving[pause[1:]].mean()
    # Still alive in the pauses, and never a jump: the largest step is a small share of the range.
    assert moving[pause[1:]].mean() > 0.0
    assert moving.max() < 0.25 * (h.max(axis=0) - h.min(axis=0)).sum()
    # Each phrase looks a different way: the mean turn differs between phrases.
    turns = [h[(t > a + 0.8) & (t < b), 0].mean() for a, b in phrases]
    assert max(turns) - min(turns) > 0.005


def test_some_blinks_come_at_phrase_ends() -> None:
    phrases = [(0.3 + 2.2 * k, 1.8 + 2.2 * k) for k in range(12)]
    rms, speaking = speech_like(27.0, phrases)
    poses = run(Animator(FPS, seed=11), rms, speaking)
    blink = np.array([p.blink for p in poses])
    starts = np.flatnonzero((blink[1:] > 0) & (blink[:-1] == 0)) + 1
    t = starts / FPS
    ends = np.array([b for _, b in phrases])
    # The 0.3 s pause that ends a phrase, and 0.05-0.25 s after it.
    near_end = [bool(np.any((s - ends > 0.3) & (s - ends < 0.65))) for s in t]
    assert sum(near_end) >= 3
    assert len(t) < 27.0 / 1.0  # and no more than one blink a second


def test_the_same_seed_gives_the_same_motion() -> None:
    rms, speaking = speech_like(6.0, [(0.5, 5.0)])
    a = run(Animator(FPS, seed=2), rms, speaking, stress_every=7)
    b = run(Animator(FPS, seed=2), rms, speaking, stress_every=7)
    c = run(Animator(FPS, seed=3), rms, speaking, stress_every=7)
    assert a == b and a != c
