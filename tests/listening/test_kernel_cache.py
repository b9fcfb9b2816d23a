"""oneDNN's kernel cache bounded for the recogniser (`avatar.listening.whisper.kernel_cache_of`, set while the
model loads): CTranslate2 compiles a kernel per operation and tensor shape and keeps 1,024 of them by
default, so a conversation's recognitions of speech of every length grew the server's memory for its first
minutes (README, "Memory over a 10-minute conversation"); on an Intel CPU, MKL's buffer pool (off while it
loads) kept a buffer per matrix size too. Real recognitions of real speech (espeak-ng) in a
real child process, the heap in use counted by glibc's own mallinfo2; the variable is set for the load only,
so torch's own oneDNN (which reads it too) keeps its default, and an operator's setting wins."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
from heap_helpers import child_env

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallinfo2")
pytest.importorskip("faster_whisper", reason="the conversation extra (make test installs it)")

PROBE = textwrap.dedent(
    """
    import json, os, shutil, subprocess, sys, tempfile
    from pathlib import Path
    import numpy as np
    import soundfile, soxr
    from avatar.listening.whisper import FasterWhisperBackend
    from heap_helpers import heap_in_use_mb
    options, n = json.loads(sys.argv[1]), int(sys.argv[2])
    wav = Path(tempfile.mkdtemp()) / "speech.wav"
    text = "How many legs does a spider have, and what colour is the sky on a clear day?"
    subprocess.run([shutil.which("espeak-ng"), "-s", "160", "-w", str(wav), text], check=True)
    samples, rate = soundfile.read(str(wav), dtype="float32")
    audio = soxr.resample(samples, rate, 16000).astype(np.float32)
    recogniser = FasterWhisperBackend(**options)
    recogniser.load()
    after_load = {k: os.environ.get(k) for k in ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "DNNL_PRIMITIVE_CACHE_CAPACITY",
                                                 "MKL_DISABLE_FAST_MM")}
    marks = []
    for i in range(n):
        recogniser.transcribe(audio[: 8000 + i * len(audio) // n])  # every length new shapes
        if i in (4, n - 1):
            marks.append(heap_in_use_mb())
    print(json.dumps({"growth_mb": marks[1] - marks[0] if n else 0.0, "environment": after_load}))
    """
)


def probe(options: dict[str, object], recognitions: int = 40, **environment: str) -> dict[str, object]:
    args = [sys.executable, "-c", PROBE, json.dumps(options), str(recognitions)]
    out = subprocess.run(args, capture_output=True, text=True, env=child_env(**environment), timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def test_recognising_speech_of_every_length_keeps_the_heap_bounded() -> None:
    bounded = probe({})
    plain = probe({"kernel_cache": 1024})  # oneDNN's own default
    grown, kept = float(bounded["growth_mb"]), float(plain["growth_mb"])  # type: ignore[arg-type]
    assert kept > 20, f"with 1,024 kernels the heap grew only {kept:.1f} MB: the probe no longer shows the cache"
    assert grown < 12 and grown < kept / 2, f"{grown:.1f} MB with the bound against {kept:.1f} MB without"
    # set for the load only: torch's oneDNN, which reads the same variable later, keeps its default (and MKL's
    # buffer pool, which an Intel CPU's CTranslate2 fills with a buffer per matrix size, was off for its first call)
    assert bounded["environment"] == {
        "ONEDNN_PRIMITIVE_CACHE_CAPACITY": None, "DNNL_PRIMITIVE_CACHE_CAPACITY": None, "MKL_DISABLE_FAST_MM": None
    }  # fmt: skip


def test_an_operators_own_setting_wins() -> None:
    kept = probe({}, ONEDNN_PRIMITIVE_CACHE_CAPACITY="1024")
    assert float(kept["growth_mb"]) > 20, kept  # type: ignore[arg-type]
    # oneDNN reads ONEDNN_ before DNNL_: setting ours beside an operator's DNNL_ would override it
    other = probe({}, recognitions=0, DNNL_PRIMITIVE_CACHE_CAPACITY="512")
    assert other["environment"] == {
        "ONEDNN_PRIMITIVE_CACHE_CAPACITY": None, "DNNL_PRIMITIVE_CACHE_CAPACITY": "512", "MKL_DISABLE_FAST_MM": None
    }  # fmt: skip


@pytest.mark.parametrize("value", [-1, 5000, 1.5, True, "64"])
def test_a_bad_kernel_cache_is_one_line(value: object) -> None:
    from avatar.errors import AsrError
    from avatar.listening.whisper import FasterWhisperBackend

    with pytest.raises(AsrError, match=r"kernel_cache is .*give a whole number from 0 to 4096"):
        FasterWhisperBackend(kernel_cache=value)
