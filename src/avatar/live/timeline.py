"""One clock for a session's audio and video, and the speech placed on it.

Time is counted in audio samples at 48 kHz (Opus's rate): audio frames are 20 ms (960 samples), video
frames 1/fps s (1920 samples at 25 fps). An utterance is placed at a sample position when its audio is
ready, and both tracks read that one placement: the audio track copies its samples, the renderer measures
the same samples' loudness and reads the same phoneme timing for each video frame. So the picture and the
sound cannot drift apart, however long the session runs.

Memory is bounded: utterances that have been played are dropped as the audio moves past them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

import numpy as np

from avatar.text.phonemes import PhonemeSpan

RATE = 48000
AUDIO_FRAME = 960  # 20 ms


@dataclass
class Utterance:
    """One sentence's audio at :data:`RATE`, its phonemes (seconds from its start), and where it sits."""

    text: str
    samples: np.ndarray  # float32 mono
    phonemes: list[PhonemeSpan] | None
    seq: int = 0
    start: int = 0  # sample position on the session clock (set when placed)
    said_at: float = 0.0  # monotonic time of the say that completed it (for say-to-first-audio)
    started: bool = False  # its first sample has been played
    visemes: Any = None  # its VisemeTrack, made when its first frame is drawn
    first_frame: int = 0  # the video frame its visemes count from
    mouth: list[list[float]] | None = None  # its mouth shapes per frame, where the session sends them
    silent: bool = False  # the voice returned nothing audible for it (it is placed and reported all the same)

    @property
    def end(self) -> int:
        return self.start + int(self.samples.size)


class Timeline:
    """Utterances placed in order on the sample clock; reads of any span return their samples (silence
    elsewhere). Not thread-safe: the session's event loop owns it."""

    def __init__(self, fps: int) -> None:
        self.fps = fps
        self.frame_samples = RATE // fps
        self.items: deque[Utterance] = deque()

    @property
    def tail(self) -> int:
        """Where the last placed utterance ends (0 when none)."""
        return self.items[-1].end if self.items else 0

    def place(self, utt: Utterance, earliest: int) -> int:
        """Put ``utt`` right after the previous utterance, or at ``earliest`` (the first sample neither played
        nor already drawn) when the previous one is over. The renderer shifts its phoneme timing to wherever
        in a video frame it starts, so no time is lost waiting for a frame boundary."""
        start = max(self.tail, earliest) if self.items else earliest
        utt.start = start
        self.items.append(utt)
        return start

    def read(self, pos: int, n: int) -> np.ndarray:
        """Samples [pos, pos + n) of the speech (float32), zeros where nothing is placed."""
        out = np.zeros(n, np.float32)
        for utt in self.items:
            if utt.start >= pos + n:
                break
            a, b = max(pos, utt.start), min(pos + n, utt.end)
            if b > a:
                out[a - pos : b - pos] = utt.samples[a - utt.start : b - utt.start]
        return out

    def at(self, pos: int) -> Utterance | None:
        """The utterance that covers sample ``pos``."""
        for utt in self.items:
            if utt.start <= pos < utt.end:
                return utt
            if utt.start > pos:
                break
        return None

    def covering(self, a: int, b: int) -> Utterance | None:
        """The utterance with the largest share of [a, b)."""
        best, share = None, 0
        for utt in self.items:
            if utt.start >= b:
                break
            overlap = min(b, utt.end) - max(a, utt.start)
            if overlap > share:
                best, share = utt, overlap
        return best

    def forget_before(self, pos: int) -> None:
        """Drop utterances that ended before ``pos`` (played and drawn)."""
        while self.items and self.items[0].end <= pos:
            self.items.popleft()

    def cut(self, pos: int) -> int:
        """Interrupt: nothing sounds from ``pos`` on. Returns how many utterances were cut or dropped."""
        cut = 0
        kept: deque[Utterance] = deque()
        for utt in self.items:
            if utt.start >= pos:
                cut += 1
                continue
            if utt.end > pos:
                utt.samples = utt.samples[: pos - utt.start]
                cut += 1
            kept.append(utt)
        self.items = kept
        return cut

    def speaking(self, pos: int) -> bool:
        return any(u.start <= pos < u.end for u in self.items)
