"""How the talking head's mouth follows phonemes: mean opening on lip sounds (m, b, p: the lips meet) and on
open vowels (a, æ, ɑ), with piper's phoneme timing and with loudness alone.

Loudness cannot tell a loud `m` from a loud `a`; phoneme timing can, so the gap between the two rows is
what the timing buys. Figures are the mean `Pose.mouth` (0 shut .. 1 wide) over frames whose middle falls
inside such a phoneme.

    python benchmarks/bench_lipsync.py [--fps 25]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

TEXT = (
    "Mama bought a map of the bay. Papa made a big blue boat, maybe by May. "
    "Bob and Pam had a bad habit of a bumpy nap, but my mom is a happy man."
)
LIPS = ("m", "b", "p")


def main() -> None:
    import numpy as np
    import soundfile as sf

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.text.phonemes import PhonemeWriter, read_spans
    from avatar.video.animate import poses
    from avatar.video.visemes import VisemeTrack, openness

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fps", type=int, default=25)
    fps = ap.parse_args().fps

    backend = PiperBackend("cpu", "float32")
    backend.load()
    speech = backend.speak(SynthesisRequest(TEXT))
    sr = backend.sample_rate
    backend.unload()
    if not speech.phonemes:
        raise SystemExit("piper gave no phoneme timing: is the onnx package installed?")
    with tempfile.TemporaryDirectory() as tmp:
        wav, tsv = Path(tmp) / "speech.wav", Path(tmp) / "phonemes.tsv"
        sf.write(str(wav), speech.samples, sr)
        with open(tsv, "w", encoding="utf-8") as fh:
            PhonemeWriter(fh).write(0.0, sr, speech.phonemes)
        spans = list(read_spans(tsv))
        shaped = np.array([p.mouth for p in poses(wav, fps, visemes=VisemeTrack(read_spans(tsv), fps))])
        loud = np.array([p.mouth for p in poses(wav, fps)])

    def frames(accept: object) -> np.ndarray:
        mids = (np.arange(len(shaped)) + 0.5) / fps
        hit = np.zeros(len(shaped), dtype=bool)
        for s in spans:
            if accept(s.phoneme):  # type: ignore[operator]
                hit |= (mids >= s.start_s) & (mids < s.end_s)
        return np.flatnonzero(hit)

    lips = frames(lambda label: label.strip("ˈˌ") in LIPS)
    wide = frames(lambda label: openness(label) == 1.0)
    print(f"piper speech {speech.samples.size / sr:.1f} s, {len(spans)} phonemes, {len(shaped)} frames at {fps} fps")
    print(f"{'mouth opening (mean)':24s} {'m/b/p':>8s} {'open vowels':>12s} {'gap':>6s}")
    for name, curve in (("phoneme timing", shaped), ("loudness alone", loud)):
        a, b = curve[lips].mean(), curve[wide].mean()
        print(f"{name:24s} {a:8.2f} {b:12.2f} {b - a:6.2f}")
    print(f"({len(lips)} lip-sound frames, {len(wide)} open-vowel frames)")


if __name__ == "__main__":
    main()
