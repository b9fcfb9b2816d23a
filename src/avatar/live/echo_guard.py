"""The echo guard of a live session that listens: the avatar's own voice coming back through a caller's speaker
(an app without echo cancellation) must be neither a turn nor an interruption, while the caller talking over
it is heard.

It compares sound by frequency band. For each 20 ms the session sends, :func:`band_powers` keeps its power in
twelve bands of the voice's range (250 Hz to 8 kHz, evenly on a log scale). A 20 ms microphone frame counts
when the power it has beyond what an echo could bring is large enough:

- in each band, an echo is at most the loudest the session sent in that band in the last ``echo_window_ms``
  plus ``echo_guard_db`` (an echo at -12 dB is under it by 6 dB, in every band, at any delay in the window),
  and the room's own steady noise at most four times its level in that band (the quietest quarter of the
  microphone's last two seconds: 6 dB above the room's floor);
- the frame's power above those bounds, summed over the bands, must reach a fifth (-7 dB) of the loudest
  20 ms sent (at ``echo_guard_db``): a caller's voice has it where the avatar's has not, an echo nowhere.

A quieter frame is fed on as silence; for :data:`HANGOVER` frames after one that counted, the caller's quieter
sounds between loud ones pass too.

Why bands and not the frame's level. The first guard compared the frame's whole level with the loudest audio
sent: a caller no louder than the avatar at the microphone was kept out until their loudest sounds, so one
interruption in eight took 0.93-1.01 s instead of about 0.5 (README, "Barge-in"). The caller's "s", "t" and
vowels lie in other bands than the avatar's sound at that moment, or in bands it barely used in the window;
there the bound is low and the caller passes, while the echo, the avatar's own spectrum made quieter, is under
its bound in every band. ``tests/live/test_echo_guard.py`` (piper's voice through Opus as the echo, espeak-ng
talking over it, the real barge-in VAD): the caller is counted about 0.4 s after their first sound at ten
onsets of ten (the whole-frame guard: 0.82 s at one), at half that level 0.4 s at the median (0.89 s); the
echo at -12 dB never passes, through a speaker's colour or a room's reverberation, or over white, pink or
brown noise up to -25 dBFS (the whole-frame guard let 8 to 154 frames of those through), and a reverberant
echo at -9 dB passes for fewer frames than through the whole-frame guard. A share of a tenth let a caller at
a third of that level interrupt at the first word offline (0.41 s at the median, against 0.86), but not
sooner end to end at 0.45 (4 rounds of 8 over 0.8 s either way), and it passed a reverberant echo at -9 dB
twice as often: a fifth keeps the margin.

It is not an echo canceller: nothing is subtracted, a caller whose voice lies under the avatar's in every band
waits for louder sounds, and an echo louder than ``echo_guard_db`` allows passes. A guard that lowered itself to
the echo it measured was tried and not kept: it cannot tell an echo that starts later in a session (headphones
unplugged) from a caller, so for a second or two that echo passed."""

from __future__ import annotations

from collections import deque

import numpy as np

HANGOVER = 5  # microphone frames (20 ms) the guard stays open after a frame that counted
EDGES_HZ = np.geomspace(250.0, 8000.0, 13)  # twelve bands of the voice's range, above mains hum and rumble
FLOOR_FRAMES = 100  # the microphone's last 2 s: the room's steady noise, band by band
FLOOR_QUANTILE = 25.0  # its quietest quarter
FLOOR_OVER = 4.0  # a frame's power may be this many times the floor's (6 dB) and still be the room
SHARE = 0.2  # the power beyond the bounds must reach this share of the loudest sent (at echo_guard_db)

_BINS: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, float]] = {}


def _bins(n: int, rate: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Per frame length and rate: the Hann window, each rfft bin's band (-1 outside), and the scale that makes
    a band's figure its mean-square power."""
    key = (n, rate)
    if key not in _BINS:
        if len(_BINS) >= 64:  # frames come in a few lengths (Opus's); a caller cannot grow this
            _BINS.clear()
        window = np.hanning(n)
        freqs = np.fft.rfftfreq(n, 1.0 / rate)
        band = np.searchsorted(EDGES_HZ, freqs, side="right") - 1
        band[(freqs < EDGES_HZ[0]) | (freqs >= EDGES_HZ[-1])] = -1
        _BINS[key] = (window, band, 2.0 / (n * float(np.sum(window**2))))
    return _BINS[key]


def band_powers(samples: np.ndarray, rate: int) -> np.ndarray:
    """The power (mean square) of ``samples`` in each of the guard's bands; frames of any length and rate
    compare (a sent frame at 48 kHz with a microphone frame at 16 kHz)."""
    bands = len(EDGES_HZ) - 1
    x = np.asarray(samples, np.float64).reshape(-1)
    if x.size < 16:
        return np.zeros(bands)
    window, band, scale = _bins(x.size, rate)
    power = np.abs(np.fft.rfft(x * window)) ** 2 * scale
    keep = band >= 0
    return np.bincount(band[keep], weights=power[keep], minlength=bands)


class EchoGuard:
    """Silence for a microphone frame that has nothing beyond what the avatar's own recent audio could
    echo (see the module's text)."""

    def __init__(self, guard_db: float, rate: int) -> None:
        self.power_gain = float(10 ** (guard_db / 10))
        self.rate = rate
        self._open = 0
        self._room: deque[np.ndarray] = deque(maxlen=FLOOR_FRAMES)

    def __call__(self, samples: np.ndarray, loudest: float, sent: np.ndarray | None) -> np.ndarray:
        """``samples`` (one frame of the microphone at ``rate``), or silence in their place. ``loudest``: the
        RMS of the loudest 20 ms the session sent in the echo window (0 while it plays nothing); ``sent``: the
        loudest power in each band over the same window (:func:`band_powers`)."""
        if samples.size == 0:
            return samples
        heard = band_powers(samples, self.rate)
        self._room.append(heard)  # the room is learnt while the avatar is silent too
        if loudest <= 0.0 or sent is None:
            return samples
        floor = np.percentile(np.asarray(self._room), FLOOR_QUANTILE, axis=0)
        bound = sent * self.power_gain + FLOOR_OVER * floor
        beyond = float(np.sum(np.maximum(heard - bound, 0.0)))
        if beyond > SHARE * self.power_gain * loudest * loudest:
            self._open = HANGOVER  # the caller's voice: its quieter sounds next to this one pass too
            return samples
        if self._open > 0:
            self._open -= 1
            return samples
        return np.zeros_like(samples)
