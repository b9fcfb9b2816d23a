"""Lip sync measured from outside: run the default pipeline (`avatar run`, as a user would), then re-detect
face-mesh landmarks on every decoded frame of its talking-head video and measure the inner-lip gap (in mouth
widths).

Figures (targets from issue 12):
- gap on m/b/p frames / gap on open-vowel frames (at most 0.3: the lips really meet);
- correlation of the gap with the speech's per-frame loudness, RMS of audio.wav (at least 0.75);
- share of frames in which the landmarker found the face (every frame).

The measuring side uses the same landmarker as the animator but none of the animator's numbers. Piper's
speech varies a little from run to run, so each text runs ``--runs`` times.

    python benchmarks/bench_lipsync.py [--runs 3] [--portrait PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

TEXTS = {
    "demo": "Hello! I am avatar, speaking with the embedded piper voice, one stage at a time.",  # make demo's
    "lip sounds": (
        "Mama bought a map of the bay. Papa made a big blue boat, maybe by May. "
        "Bob and Pam had a bad habit of a bumpy nap, but my mom is a happy man."
    ),
}


def run_pipeline(text: str, out: Path, portrait: Path | None) -> Path:
    """The default pipeline's run folder for ``text``."""
    env = dict(os.environ, AVATAR_STATE_DIR=str(out / "state"))
    argv = [sys.executable, "-m", "avatar", "run", "--text", text, "--out", str(out), "--json"]
    if portrait is not None:
        argv += ["--portrait", str(portrait)]
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    return out / json.loads(proc.stdout)["run_id"]


def measure(run: Path) -> dict[str, float]:
    import numpy as np

    from avatar.text.phonemes import read_spans
    from avatar.video.animate import frame_rms
    from avatar.video.measure import gap_ratio, loudness_correlation, measure_frames, phoneme_frames
    from avatar.video.probe import frames, probe

    video = run / "talking_head.mp4"
    v = probe(video).first("video")
    assert v is not None
    faces = measure_frames(frames(video, v.width, v.height))
    rms = np.array(list(frame_rms(run / "audio.wav", int(v.fps))))
    lips, wide = phoneme_frames(list(read_spans(run / "phonemes.tsv")), len(faces.gaps), int(v.fps))
    g = faces.gaps
    return {
        "frames": len(g),
        "size": v.width,
        "found": faces.found_share,
        "lips": float(np.nanmean(g[lips])),
        "wide": float(np.nanmean(g[wide])),
        "ratio": gap_ratio(g, lips, wide),
        "corr": loudness_correlation(g, rms),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--portrait", type=Path)
    args = ap.parse_args()
    print("default pipeline (avatar run), landmarks re-detected on every frame of talking_head.mp4")
    heads = ("run", "frames", "found", "m/b/p", "vowels", "ratio", "corr")
    print(f"{'text':12s} " + " ".join(f"{h:>6s}" for h in heads))
    for name, text in TEXTS.items():
        rows = []
        for i in range(args.runs):
            with tempfile.TemporaryDirectory() as tmp:
                r = measure(run_pipeline(text, Path(tmp), args.portrait))
            rows.append(r)
            print(
                f"{name:12s} {i + 1:6d} {r['frames']:6.0f} {r['found']:6.1%} {r['lips']:6.3f} {r['wide']:6.3f} "
                f"{r['ratio']:6.2f} {r['corr']:6.2f}"
            )
        ratio = [r["ratio"] for r in rows]
        corr = [r["corr"] for r in rows]
        found = min(r["found"] for r in rows)
        print(
            f"{name:12s} mean: gap ratio m/b/p / open vowels {sum(ratio) / len(ratio):.2f} (worst {max(ratio):.2f}; "
            f"target <= 0.3), loudness correlation {sum(corr) / len(corr):.2f} (worst {min(corr):.2f}; "
            f"target >= 0.75), face found in {found:.0%} of frames (worst run)"
        )


if __name__ == "__main__":
    main()
