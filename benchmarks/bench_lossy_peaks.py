"""The tail of the lossy formats' true peaks as decoded: how far over what went in an encoder puts an answer's
peak, over many piper takes, the figure ``avatar.serve.audio.LOSSY_MARGIN_DB`` stands on.

    .venv/bin/python benchmarks/bench_lossy_peaks.py [--seeds 0-100] [--formats mp3,opus,aac] [--whole]

Each seed fixes piper's sampling noise (``onnxruntime.set_seed``: the noise is drawn per process otherwise,
so a rare take cannot be found again), and with it speaks 8 texts (4 answers of one to three sentences and 4
short, peaky ones) at rates 0.85, 1.0 and 1.25, sentence by sentence as the speech API does. Each answer is
finished as the API finishes it (-16 LUFS, -1 dBTP, the format's margin under it), encoded by the API's own
encoder (streamed unless ``--whole``: a streamed answer cannot be encoded twice, so only the margin keeps it
under the ceiling) and measured by ffmpeg's ebur128 filter in true-peak mode. Printed per format: the answers,
how many decoded over -1 dBTP, the decoded true peak's median, 99th percentile and maximum, the seeds and
texts of the five highest (to look at them again), and the loudness's range.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from audio_helpers import ebur128_encoded, finished_and_encoded

TEXTS = [
    "Yes, that works.",
    "Pack my box with five dozen liquor jugs! The quick brown fox jumps over the lazy dog.",
    "She sells sea shells by the sea shore. Peter Piper picked a peck of pickled peppers.",
    "Good morning. Your order of twelve boxes ships on Tuesday, and the courier will call before noon.",
    "Peter Piper picked a peck of pickled peppers.",
    "Okay, got it.",
    "Pop the top, Pat!",
    "Check the box, tap Done, and you're set.",
]
RATES = (0.85, 1.0, 1.25)
SERVE = SimpleNamespace(loudness_lufs=-16.0, true_peak_dbtp=-1.0)


def sentences_of(text: str) -> list[str]:
    parts = text.replace("! ", "!|").replace(". ", ".|").split("|")
    return [p if p[-1] in ".!?" else p + "." for p in parts]


def seeds_of(spec: str) -> range:
    first, _, last = spec.partition("-")
    return range(int(first), int(last or first) + 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="0-100", help="piper noise seeds, FIRST-LAST (default 0-100)")
    ap.add_argument("--formats", default="mp3,opus,aac")
    ap.add_argument("--whole", action="store_true", help="whole files (decoded and checked) instead of streams")
    args = ap.parse_args()
    import onnxruntime

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    formats = args.formats.split(",")
    found: dict[str, list[tuple[float, float, int, str, float]]] = {f: [] for f in formats}
    for seed in seeds_of(args.seeds):
        onnxruntime.set_seed(seed)
        backend = PiperBackend("cpu", "float32")
        backend.load()
        answers = [
            (text, rate, [backend.synthesize(SynthesisRequest(s, speed=rate)) for s in sentences_of(text)])
            for text in TEXTS
            for rate in RATES
        ]
        sr = backend.sample_rate
        backend.unload()
        for fmt in formats:
            for text, rate, sentences in answers:
                lufs, peak = ebur128_encoded(finished_and_encoded(sentences, fmt, sr, SERVE, streaming=not args.whole))
                found[fmt].append((peak, lufs, seed, text, rate))
        print(f"seed {seed}: {len(answers)} answers", file=sys.stderr, flush=True)
    mode = "whole" if args.whole else "streamed"
    for fmt, rows in found.items():
        peaks = np.array([r[0] for r in rows])
        lufs = np.array([r[1] for r in rows])
        over = int((peaks > SERVE.true_peak_dbtp).sum())
        p50, p99 = np.percentile(peaks, [50, 99])
        print(
            f"{fmt} {mode}: {len(rows)} answers, {over} over {SERVE.true_peak_dbtp} dBTP; true peak median "
            f"{p50:.1f}, p99 {p99:.1f}, max {peaks.max():.1f} dBTP; "
            f"loudness {lufs.min():.1f} to {lufs.max():.1f} LUFS"
        )
        for peak, _lufs, seed, text, rate in sorted(rows, reverse=True)[:5]:
            print(f"    {peak:.1f} dBTP: seed {seed}, rate {rate}, {text!r}")


if __name__ == "__main__":
    main()
