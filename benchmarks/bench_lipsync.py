"""Lip sync measured from outside: render piper speech with `talking_head`, then re-detect face-mesh landmarks
on every decoded frame of the video and measure the inner-lip gap (in mouth widths).

Figures (targets from issue 12):
- gap on m/b/p frames / gap on open-vowel frames (at most 0.3: the lips really meet);
- correlation of the gap with the speech's per-frame loudness (at least 0.75);
- share of frames in which the landmarker found the face (every frame).

The measuring side uses the same landmarker as the animator but none of the animator's numbers.

    python benchmarks/bench_lipsync.py [--size 512] [--fps 25] [--portrait PATH]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

TEXT = (
    "Mama bought a map of the bay. Papa made a big blue boat, maybe by May. "
    "Bob and Pam had a bad habit of a bumpy nap, but my mom is a happy man."
)


def render(text: str, size: int, fps: int, work: Path, portrait: Path | None) -> tuple[Path, Path, Path]:
    """(speech.wav, phonemes.tsv, video.mp4): piper speech and the talking head rendered from it."""
    import soundfile as sf

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.stages.base import Job, StageContext, StageEnv
    from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage
    from avatar.text.phonemes import PhonemeWriter

    backend = PiperBackend("cpu", "float32")
    backend.load()
    speech = backend.speak(SynthesisRequest(text))
    sr = backend.sample_rate
    backend.unload()
    if not speech.phonemes:
        raise SystemExit("piper gave no phoneme timing: is the onnx package installed?")
    wav, tsv = work / "speech.wav", work / "phonemes.tsv"
    sf.write(str(wav), speech.samples, sr)
    with open(tsv, "w", encoding="utf-8") as fh:
        PhonemeWriter(fh).write(0.0, sr, speech.phonemes)
    env = StageEnv("video", DeviceChoice("cpu", "bench"), "float32", Settings(), "cpu", work)
    options = TalkingHeadOptions(size=size, fps=fps, portrait=str(portrait) if portrait else None)
    stage = TalkingHeadStage(options, env)
    result = stage.run(StageContext(Job(), work / "run", {"audio": wav, "phonemes": tsv}, {}))
    return wav, tsv, result.artifacts["video"]


def main() -> None:
    import numpy as np

    from avatar.text.phonemes import read_spans
    from avatar.video.animate import frame_rms
    from avatar.video.measure import gap_ratio, loudness_correlation, measure_frames, phoneme_frames
    from avatar.video.probe import frames

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--fps", type=int, default=25)
    ap.add_argument("--portrait", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wav, tsv, video = render(TEXT, args.size, args.fps, Path(tmp), args.portrait)
        faces = measure_frames(frames(video, args.size, args.size))
        rms = np.array(list(frame_rms(wav, args.fps)))
        spans = list(read_spans(tsv))
    lips, wide = phoneme_frames(spans, len(faces.gaps), args.fps)
    g = faces.gaps
    seconds = len(rms) / args.fps
    print(f"talking_head {args.size}x{args.size} @ {args.fps} fps: {len(g)} frames, piper speech {seconds:.1f} s")
    print(f"  face found in {faces.found.sum()}/{len(g)} frames ({faces.found_share:.1%})")
    print(
        f"  inner-lip gap / mouth width: m/b/p {np.nanmean(g[lips]):.3f} ({len(lips)} frames), "
        f"open vowels {np.nanmean(g[wide]):.3f} ({len(wide)} frames)"
    )
    print(f"  ratio m/b/p / open vowels: {gap_ratio(g, lips, wide):.2f} (target <= 0.3)")
    corr = loudness_correlation(g, rms)
    print(f"  correlation of the gap with per-frame loudness (RMS): {corr:.2f} (target >= 0.75)")


if __name__ == "__main__":
    main()
