"""The echo guard of a live session that listens: the avatar's own voice coming back through a caller's speaker
(an app without echo cancellation) must be neither a turn nor an interruption, while the caller talking over
it is heard.

A 20 ms microphone frame counts only when its level (RMS) is above the loudest 20 ms the session sent in the
last ``echo_window_ms`` plus ``echo_guard_db`` (an echo at -12 dB is under it by 6 dB); a quieter frame is
fed on as silence, and for :data:`HANGOVER` frames after one that counted, the caller's quieter sounds between
loud ones pass too.

It is a level guard, not an echo canceller: a caller's sounds quieter than the bound are kept out as well,
which is what slows an interruption when the caller is no louder than the avatar (README, "Barge-in"). A
guard that lowered itself to the echo it measured was tried and not kept: it cannot tell an echo that starts
later in a session (headphones unplugged) from a caller, so for a second or two that echo passed."""

from __future__ import annotations

import numpy as np

HANGOVER = 5  # microphone frames (20 ms) the guard stays open after a frame louder than the echo


class EchoGuard:
    """Silence for a microphone frame no louder than the avatar's own recent audio could echo."""

    def __init__(self, guard_db: float) -> None:
        self.gain = float(10 ** (guard_db / 20))
        self._open = 0

    def __call__(self, samples: np.ndarray, loudest: float) -> np.ndarray:
        """``samples`` (one frame of the microphone), or silence in their place; ``loudest``: the RMS of the
        loudest 20 ms the session sent in the echo window (0 while it plays nothing)."""
        if loudest <= 0.0 or samples.size == 0:
            return samples
        level = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
        if level > loudest * self.gain:
            self._open = HANGOVER  # the caller's voice: its quieter sounds next to this one pass too
            return samples
        if self._open > 0:
            self._open -= 1
            return samples
        return np.zeros_like(samples)
