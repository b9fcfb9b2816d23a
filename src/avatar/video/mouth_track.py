"""The mouth shapes the renderer draws, as numbers, for clients that draw a face of their own (a 3D avatar, a
2D puppet): per frame of a fixed rate, ARKit-style blendshape weights from 0 to 1, time-aligned with the
audio they were computed from.

They come from the same animator the talking head and live sessions step (:class:`avatar.video.animate.
Animator`): the opening follows the speech's loudness shaped by its phonemes where the backend timed them,
with the same coarticulation, so a client's mouth moves as avatar's own face does. The weights:

- ``jawOpen``: the mouth's opening (the jaw carries it);
- ``mouthClose``: the lips pressed together while the jaw is not open (m, b, p and silence between words);
- ``mouthFunnel`` and ``mouthPucker``: rounding, pushed forward (oo, w); funnel with the mouth open;
- ``mouthStretchLeft`` / ``mouthStretchRight``: lips spread (ee);
- ``mouthRollLower``: the lower lip drawn under the upper teeth (f, v).

The track streams: audio and phonemes arrive chunk by chunk (a sentence, a pause), frames come out as soon
as their audio is complete, and the state is a few numbers, so an hour of speech costs what a sentence does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from avatar.text.phonemes import PhonemeSpan, fold_modifiers
from avatar.video.animate import Animator
from avatar.video.visemes import VisemeTrack

NAMES = ("jawOpen", "mouthClose", "mouthFunnel", "mouthPucker", "mouthStretchLeft", "mouthStretchRight",
         "mouthRollLower")  # fmt: skip
DEFAULT_FPS = 30
MIN_FPS, MAX_FPS = 10, 120


def sentence_frames(samples: np.ndarray, rate: int, spans: list[PhonemeSpan] | None, fps: int) -> list[list[float]]:
    """Every frame of one sentence (a live session's), from a closed mouth to its end."""
    track = MouthTrack(rate, fps)
    track.add(samples, spans=spans)
    track.finish()
    return track.frames


def weights(mouth: float, spread: float, tuck: float, speaking: bool) -> list[float]:
    """One frame's blendshape weights (rounded to 3 places) from the animator's mouth, spread and tuck."""
    rounding = max(0.0, -spread)
    stretch = max(0.0, spread)
    closed = 1.0 - min(1.0, mouth / 0.15) if speaking else 0.0  # lips held together at a closure, not at rest
    values = (mouth, closed, rounding * min(1.0, 2.0 * mouth), rounding, stretch, stretch, tuck)
    return [round(min(1.0, max(0.0, v)), 3) for v in values]


@dataclass
class _Pending:
    samples: list[np.ndarray] = field(default_factory=list)
    size: int = 0


class MouthTrack:
    """Frames of blendshape weights at ``fps`` for speech fed in order with :meth:`add`."""

    def __init__(self, sample_rate: int, fps: int = DEFAULT_FPS) -> None:
        self.rate, self.fps = sample_rate, fps
        self.animator: Animator | None = None  # made at the first chunk: timed or not, as the backend is
        self.frames: list[list[float]] = []
        self._spans: list[PhonemeSpan] = []
        self._speech: list[tuple[float, float]] = []  # seconds spoken (not pauses), for the closure weight
        self._timed = False
        self._buffer = np.zeros(0, dtype=np.float32)
        self._consumed = 0  # samples before the buffer's start
        self._sent = 0

    def add(
        self,
        samples: np.ndarray,
        phonemes: list[tuple[str, int]] | None = None,
        spoken: bool = True,
        spans: list[PhonemeSpan] | None = None,
    ) -> None:
        """Append a chunk: speech (with its ``(phoneme, samples)`` pairs where the backend timed them, or its
        phoneme ``spans`` in seconds from the chunk's start), or a pause (``spoken=False``)."""
        start = (self._consumed + self._buffer.size) / self.rate
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        if spoken and samples.size:
            self._speech.append((start, start + samples.size / self.rate))
        if self.animator is None:
            self._timed = bool(phonemes or spans)
            self.animator = Animator(self.fps, head_motion=0.0, blinks=False, timed=self._timed)
        if phonemes:
            at = 0
            for label, count in fold_modifiers(phonemes):
                if count > 0:
                    self._spans.append(PhonemeSpan(start + at / self.rate, start + (at + count) / self.rate, label))
                    at += count
        for span in spans or ():
            self._spans.append(PhonemeSpan(start + span.start_s, start + span.end_s, span.phoneme))
        self._buffer = np.concatenate([self._buffer, samples])
        self._advance(final=False)

    def finish(self) -> None:
        """The speech has ended: the last, partial frame too."""
        self._advance(final=True)

    def new_frames(self) -> list[list[float]]:
        """The frames made since the last call."""
        fresh = self.frames[self._sent :]
        self._sent = len(self.frames)
        return fresh

    def delta(self) -> dict[str, Any]:
        """The frames made since the last call, self-described: ``start`` is the first one's index (its time
        is ``start / fps`` seconds into the audio)."""
        start = self._sent
        return {"fps": self.fps, "names": list(NAMES), "start": start, "frames": self.new_frames()}

    def document(self) -> dict[str, Any]:
        """Every frame, self-described."""
        return {"fps": self.fps, "names": list(NAMES), "start": 0, "frames": self.frames}

    # --- frames ---------------------------------------------------------------------------------------
    def _bounds(self, i: int) -> tuple[int, int]:
        return round(i * self.rate / self.fps), round((i + 1) * self.rate / self.fps)

    def _speaking(self, t: float) -> bool:
        return any(a - 0.05 <= t <= b + 0.05 for a, b in self._speech)

    def _advance(self, final: bool) -> None:
        if self.animator is None:
            return
        end = self._consumed + self._buffer.size
        while True:
            i = len(self.frames)
            a, b = self._bounds(i)
            if b > end and not (final and a < end):
                break
            block = self._buffer[a - self._consumed : min(b, end) - self._consumed]
            rms = float(np.sqrt(np.mean(block.astype(np.float64) ** 2))) if block.size else 0.0
            t = (i + 0.5) / self.fps
            speaking = self._speaking(t)
            if self._timed:
                track = VisemeTrack(self._spans_near(t), self.fps)
                shape = track.at_frame(i)
                pose = self.animator.step(rms, speaking, shape, track.spread, track.tuck, track.stress)
            else:
                pose = self.animator.step(rms, speaking)
            self.frames.append(weights(pose.mouth, pose.spread, pose.tuck, speaking and self._timed))
        # keep only what the next frame reads
        keep_from = self._bounds(len(self.frames))[0]
        if keep_from > self._consumed:
            self._buffer = self._buffer[keep_from - self._consumed :]
            self._consumed = keep_from
        horizon = len(self.frames) / self.fps - 1.0  # spans more than a second behind can no longer matter
        while self._spans and self._spans[0].end_s < horizon:
            self._spans.pop(0)
        while len(self._speech) > 1 and self._speech[0][1] < horizon:
            self._speech.pop(0)

    def _spans_near(self, t: float) -> list[PhonemeSpan]:
        return [s for s in self._spans if s.start_s <= t + 1.0 and s.end_s >= t - 1.0]
