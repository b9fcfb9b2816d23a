"""The echo guard on real speech (espeak-ng, two voices): the avatar's voice sent, the microphone carrying its
echo at -12 dB after a speaker's delay, and a caller talking over it. The echo never passes, at any delay in
the window; the caller's voice does, with its quieter sounds between loud ones; nothing is guarded while the
avatar plays nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soxr
from conversation_helpers import espeak

from avatar.live.echo_guard import HANGOVER, EchoGuard

RATE = 16000
FRAME = RATE // 50  # 20 ms
WINDOW = 30  # frames: the default echo_window_ms, 600
AVATAR = (
    "The capital of France is Paris. It has been the country's largest city for centuries, and its museums, "
    "cafes and parks draw visitors from every part of the world all year round."
)
CALLER = "Wait, wait, one more thing."


def voice(text: str, folder: Path, name: str, espeak_voice: str) -> np.ndarray:
    samples, rate = espeak(text, folder, name, espeak_voice)
    return soxr.resample(samples, rate, RATE).astype(np.float32)


def frames_rms(x: np.ndarray) -> np.ndarray:
    n = x.size // FRAME
    return np.sqrt(np.mean(x[: n * FRAME].reshape(n, FRAME).astype(np.float64) ** 2, axis=1))


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> tuple[np.ndarray, np.ndarray]:
    folder = tmp_path_factory.mktemp("echo")
    avatar = voice(AVATAR, folder, "avatar", "en-us")
    avatar *= 0.1 / float(np.sqrt(np.mean(avatar**2)))  # about -20 dBFS RMS, as a finished voice
    caller = voice(CALLER, folder, "caller", "en+f3")
    return avatar, caller


def run(guard: EchoGuard, sent: np.ndarray, mic: np.ndarray) -> np.ndarray:
    """What the guard lets through of ``mic`` while ``sent`` plays, frame by frame (the session's loudest
    20 ms sent in the window, as ``LiveSession.echo_level`` gives it)."""
    loud = frames_rms(sent)
    out = np.zeros_like(mic)
    for i in range(mic.size // FRAME):
        loudest = float(loud[max(0, i - WINDOW + 1) : i + 1].max()) if i < loud.size else 0.0
        out[i * FRAME : (i + 1) * FRAME] = guard(mic[i * FRAME : (i + 1) * FRAME], loudest)
    return out


def echo_of(avatar: np.ndarray, delay_s: float, db: float = -12.0) -> np.ndarray:
    mic = np.zeros_like(avatar)
    delay = int(delay_s * RATE)
    mic[delay:] += avatar[: avatar.size - delay] * 10 ** (db / 20)
    return mic


@pytest.mark.parametrize("delay_s", [0.02, 0.14, 0.3, 0.56])
def test_an_echo_at_minus_12_db_never_passes(speech: tuple[np.ndarray, np.ndarray], delay_s: float) -> None:
    avatar, _ = speech
    out = run(EchoGuard(-6.0), avatar, echo_of(avatar, delay_s))
    assert not np.any(out), f"{np.count_nonzero(frames_rms(out))} frames of echo passed"


def test_an_echo_above_the_bound_would_pass(speech: tuple[np.ndarray, np.ndarray]) -> None:
    """The bound is what keeps it out: at -3 dB (louder than echo_guard_db allows for) the echo gets through."""
    avatar, _ = speech
    assert np.any(run(EchoGuard(-6.0), avatar, echo_of(avatar, 0.14, db=-3.0)))


def test_a_caller_over_the_echo_is_heard(speech: tuple[np.ndarray, np.ndarray]) -> None:
    avatar, caller = speech
    mic = echo_of(avatar, 0.14)
    start = 4 * RATE
    talk = caller * (0.9 / float(np.abs(caller).max()))  # close to the microphone
    mic[start : start + talk.size] += talk
    out = run(EchoGuard(-6.0), avatar, mic)
    voiced = frames_rms(talk) > 0.01
    through = frames_rms(out[start : start + talk.size]) > 0
    assert np.mean(through[voiced]) >= 0.5, np.mean(through[voiced])
    assert not np.any(out[: start - FRAME * HANGOVER])  # before the caller: the echo alone, all kept out
    # the hangover: frames no louder than the bound, right after a loud one, pass (the caller's softer sounds)
    loud = frames_rms(avatar)
    level = frames_rms(mic)
    first = start // FRAME
    under_bound = [
        i
        for i in range(first, first + voiced.size)
        if level[i] <= float(loud[max(0, i - WINDOW + 1) : i + 1].max()) * 0.5 and through[i - first]
    ]
    assert under_bound, "no quieter frame of the caller passed"


def test_nothing_is_guarded_while_the_avatar_plays_nothing(speech: tuple[np.ndarray, np.ndarray]) -> None:
    _, caller = speech
    guard = EchoGuard(-6.0)
    quiet = caller[:FRAME] * 0.001
    assert np.array_equal(guard(quiet, 0.0), quiet)
