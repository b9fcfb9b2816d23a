"""oneDNN's kernel cache bounded (`avatar.hardware.device.tune_allocator`, which `avatar serve`, the runner and
isolated workers call first): faster-whisper's CTranslate2 compiles a kernel per operation and tensor shape and
keeps 1,024 of them by default, so a conversation's recognitions of speech of every length grew the server's
memory for its first minutes (README, "Memory over a 10-minute conversation"). Real recognitions of real speech
(espeak-ng) in a real child process, the heap in use counted by glibc's own mallinfo2."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallinfo2")
pytest.importorskip("faster_whisper", reason="the conversation extra (make test installs it)")

PROBE = textwrap.dedent(
    """
    import ctypes, shutil, subprocess, sys, tempfile
    from pathlib import Path
    import numpy as np
    if sys.argv[1] == "bounded":
        from avatar.hardware import device as hw
        hw.tune_allocator()
    import soundfile, soxr
    from avatar.listening.whisper import FasterWhisperBackend
    wav = Path(tempfile.mkdtemp()) / "speech.wav"
    text = "How many legs does a spider have, and what colour is the sky on a clear day?"
    subprocess.run([shutil.which("espeak-ng"), "-s", "160", "-w", str(wav), text], check=True)
    samples, rate = soundfile.read(str(wav), dtype="float32")
    audio = soxr.resample(samples, rate, 16000).astype(np.float32)
    libc = ctypes.CDLL("libc.so.6")
    class Info(ctypes.Structure):
        _fields_ = [(n, ctypes.c_size_t) for n in
                    "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()]
    libc.mallinfo2.restype = Info
    def in_use():
        libc.malloc_trim(0)
        return libc.mallinfo2().uordblks / 2**20
    recogniser = FasterWhisperBackend()
    recogniser.load()
    n, marks = 40, []
    for i in range(n):
        recogniser.transcribe(audio[: 8000 + i * len(audio) // n])  # every length new shapes
        if i in (4, n - 1):
            marks.append(in_use())
    print(marks[1] - marks[0])
    """
)


def growth_mb(mode: str) -> float:
    env = {k: v for k, v in os.environ.items() if "PRIMITIVE_CACHE_CAPACITY" not in k}
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return float(out.stdout.strip().splitlines()[-1])


def test_recognising_speech_of_every_length_keeps_the_heap_bounded() -> None:
    plain, bounded = growth_mb("plain"), growth_mb("bounded")
    assert plain > 20, f"without the bound the heap grew only {plain:.1f} MB: the probe no longer shows the cache"
    assert bounded < 12 and bounded < plain / 2, f"{bounded:.1f} MB with the bound against {plain:.1f} MB without"


def settings_after_tune(**given: str) -> list[str]:
    """ONEDNN_ and DNNL_PRIMITIVE_CACHE_CAPACITY in a child after tune_allocator, ``given`` set before."""
    probe = (
        "import os; from avatar.hardware import device as hw; hw.tune_allocator(); "
        "print(os.environ.get('ONEDNN_PRIMITIVE_CACHE_CAPACITY'), os.environ.get('DNNL_PRIMITIVE_CACHE_CAPACITY'))"
    )
    env = {**{k: v for k, v in os.environ.items() if "PRIMITIVE_CACHE_CAPACITY" not in k}, **given}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.split()


def test_an_operators_own_setting_wins() -> None:
    assert settings_after_tune() == ["64", "None"]
    assert settings_after_tune(ONEDNN_PRIMITIVE_CACHE_CAPACITY="512") == ["512", "None"]
    # oneDNN reads ONEDNN_ before DNNL_: setting ours beside an operator's DNNL_ would override it
    assert settings_after_tune(DNNL_PRIMITIVE_CACHE_CAPACITY="512") == ["None", "512"]
