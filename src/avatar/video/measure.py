"""Lip-sync figures measured from outside: landmarks re-detected on the rendered video's frames.

Nothing here reads the animator's own numbers. The first frame is searched like a portrait (Haar box, then
the face mesh); each later frame starts from the previous frame's landmarks, as MediaPipe tracks, and falls
back to a fresh search when the face is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from avatar.errors import InputError
from avatar.text.phonemes import PhonemeSpan
from avatar.video import landmarks as lmk
from avatar.video.portrait import detect_face
from avatar.video.visemes import openness

LIP_SOUNDS = frozenset("pbm")


@dataclass(frozen=True)
class FrameFaces:
    gaps: np.ndarray  # per frame, inner-lip gap / mouth width (NaN where no face was found)
    found: np.ndarray  # per frame, whether the landmarker found a face

    @property
    def found_share(self) -> float:
        return float(self.found.mean()) if self.found.size else 0.0


def measure_frames(frames: Iterable[np.ndarray]) -> FrameFaces:
    """Inner-lip gap (in mouth widths) of the face in each RGB frame, by the face-mesh landmarker."""
    gaps: list[float] = []
    found: list[bool] = []
    last: lmk.Landmarks | None = None
    for frame in frames:
        lm = lmk.track(frame, last) if last is not None else None
        if lm is None or lm.score < lmk.FACE_SCORE_MIN:
            try:
                box = detect_face(frame, Path("frame"))
            except InputError:
                lm = None
            else:
                lm = lmk.find_landmarks(frame, box)
        ok = lm is not None and lm.score >= lmk.FACE_SCORE_MIN
        found.append(ok)
        gaps.append(lm.inner_lip_gap() / max(lm.mouth_width(), 1e-6) if ok and lm is not None else float("nan"))
        last = lm if ok else None
    return FrameFaces(np.array(gaps), np.array(found, dtype=bool))


def phoneme_frames(spans: Sequence[PhonemeSpan], n: int, fps: int) -> tuple[np.ndarray, np.ndarray]:
    """Indices of frames whose middle falls in a lip sound (m, b, p) and in an open vowel (a, æ, ɑ...)."""
    mids = (np.arange(n) + 0.5) / fps
    lips = np.zeros(n, dtype=bool)
    wide = np.zeros(n, dtype=bool)
    for s in spans:
        hit = (mids >= s.start_s) & (mids < s.end_s)
        if s.phoneme.strip("ˈˌ") in LIP_SOUNDS:
            lips |= hit
        elif openness(s.phoneme) == 1.0:
            wide |= hit
    return np.flatnonzero(lips), np.flatnonzero(wide)


def gap_ratio(gaps: np.ndarray, lips: np.ndarray, wide: np.ndarray) -> float:
    """Mean gap on lip-sound frames over mean gap on open-vowel frames (0: lips shut, 1: no difference)."""
    return float(np.nanmean(gaps[lips]) / max(float(np.nanmean(gaps[wide])), 1e-9))


def loudness_correlation(gaps: np.ndarray, rms: np.ndarray) -> float:
    """Pearson correlation of the lip gap with per-frame loudness (RMS), over frames where a face was found."""
    n = min(len(gaps), len(rms))
    g, r = gaps[:n], rms[:n]
    ok = np.isfinite(g)
    return float(np.corrcoef(g[ok], r[ok])[0, 1])
