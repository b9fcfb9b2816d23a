"""Talking-head speed and memory on the CPU (the face-mesh warp: landmarks once, then a mesh warp per frame).

Prints frames per second at 512x512 (target: at least 25, real time, on a 2-core machine) and the peak RSS
of a 10-second and (with --long) a 10-minute video, each rendered in its own subprocess so the peaks do not
mix. The mouth follows piper's phoneme timing, as
in the default pipeline. Streaming (audio and phonemes alike) means the two peaks should be within ~1.2x
of each other.

    .venv/bin/python benchmarks/bench_talking_head.py            # 10 s video
    .venv/bin/python benchmarks/bench_talking_head.py --long     # also 10 min (about a minute or two)
    .venv/bin/python benchmarks/bench_talking_head.py --draw     # drawing only: random poses, no encoding

``--draw`` times the renderer alone on the bundled portrait: 400 seeded random poses (mouth, spread, tuck,
blinks, head motion on every frame) after 20 to warm up; it prints frames per second (wall clock) and the
CPU milliseconds per frame, the steadier figure on a shared machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPEECH = "The quick brown fox jumps over the lazy dog, and avatar speaks one stage at a time."


def make_speech(path: Path, phonemes: Path, seconds: float) -> None:
    """Real piper speech and its phoneme timing, repeated with pauses to ``seconds``, written as it goes."""
    import numpy as np
    import soundfile as sf

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.text.phonemes import PhonemeWriter

    backend = PiperBackend("cpu", "float32")
    backend.load()
    phrase = backend.speak(SynthesisRequest(SPEECH))
    sr = backend.sample_rate
    backend.unload()
    assert phrase.phonemes, "piper gave no phoneme timing (is the onnx package installed?)"
    unit = np.concatenate([phrase.samples, np.zeros(sr // 2, np.float32)])
    total = int(seconds * sr)
    with sf.SoundFile(str(path), "w", samplerate=sr, channels=1, subtype="PCM_16") as fh, open(phonemes, "w") as ph:
        log = PhonemeWriter(ph)
        written = 0
        while written < total:
            block = unit[: total - written]
            fh.write(block)
            log.write(written / sr, sr, phrase.phonemes)
            written += block.size


def child(audio: Path, phonemes: Path, size: int, fps: int, out_dir: Path) -> None:
    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.stages.base import Job, StageContext, StageEnv
    from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage

    env = StageEnv("video", DeviceChoice("cpu", "bench"), "float32", Settings(), "cpu", out_dir)
    stage = TalkingHeadStage(TalkingHeadOptions(size=size, fps=fps), env)
    t0 = time.perf_counter()
    result = stage.run(StageContext(Job(), out_dir, {"audio": audio, "phonemes": phonemes}, {}))
    wall = time.perf_counter() - t0
    frames = result.metrics["frames"]
    print(
        json.dumps(
            {
                "frames": frames,
                "wall_s": round(wall, 2),
                "fps": round(frames / wall, 1),
                "phoneme_frames": result.metrics["phoneme_frames"],
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "ffmpeg_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            }
        )
    )


def measure(seconds: float, size: int, fps: int, work: Path) -> dict[str, float]:
    audio = work / f"speech_{int(seconds)}s.wav"
    make_speech(audio, audio.with_suffix(".tsv"), seconds)
    out = work / f"run_{int(seconds)}s"
    out.mkdir()
    argv = [sys.executable, __file__, "--child", str(audio), "--phonemes", str(audio.with_suffix(".tsv"))]
    argv += ["--size", str(size), "--fps", str(fps), "--out", str(out)]
    proc = subprocess.run(argv, capture_output=True, text=True, check=True)
    res: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return res


def draw(size: int, frames: int) -> None:
    import random

    from avatar.video.animate import Pose
    from avatar.video.portrait import default_portrait, load_portrait
    from avatar.video.render import Renderer

    renderer = Renderer(load_portrait(default_portrait(), size))
    rng = random.Random(1)
    poses = [
        Pose(
            rng.random(), rng.random() if rng.random() < 0.1 else 0.0, rng.uniform(-0.02, 0.02),
            rng.uniform(-0.02, 0.02), rng.uniform(-2.0, 2.0), rng.uniform(-1.0, 1.0),
            rng.random() if rng.random() < 0.1 else 0.0,
        )
        for _ in range(frames + 20)
    ]  # fmt: skip
    for pose in poses[:20]:
        renderer.render(pose)
    t0, c0 = time.perf_counter(), time.process_time()
    for pose in poses[20:]:
        renderer.render(pose)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(
        f"talking_head drawing only, {size}x{size}: {frames} random poses, {frames / wall:.1f} frames/s, "
        f"{1000 * cpu / frames:.2f} ms CPU per frame"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=512)
    ap.add_argument("--fps", type=int, default=25)
    ap.add_argument("--long", action="store_true", help="also render a 10-minute video")
    ap.add_argument("--draw", action="store_true", help="time the drawing alone (no speech, no encoding)")
    ap.add_argument("--frames", type=int, default=400, help="poses drawn with --draw")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--phonemes", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.phonemes, args.size, args.fps, args.out)
        return
    if args.draw:
        draw(args.size, args.frames)
        return
    cases = [10.0, 600.0] if args.long else [10.0]
    with tempfile.TemporaryDirectory() as tmp:
        results = {s: measure(s, args.size, args.fps, Path(tmp)) for s in cases}
    print(f"talking_head {args.size}x{args.size} @ {args.fps} fps on CPU")
    for s, r in results.items():
        print(
            f"  {s:6.0f} s video: {r['frames']:6d} frames in {r['wall_s']:7.2f} s = {r['fps']:6.1f} frames/s "
            f"(target >= {args.fps}); "
            f"peak RSS {r['peak_rss_mb']:.1f} MB (ffmpeg {r['ffmpeg_peak_rss_mb']:.1f} MB); "
            f"{r['phoneme_frames'] / r['frames']:.0%} of frames shaped by phonemes"
        )
    if len(results) == 2:
        ratio = results[600.0]["peak_rss_mb"] / results[10.0]["peak_rss_mb"]
        print(f"  peak RSS 10 min / 10 s: {ratio:.2f}x (target <= 1.2x)")


if __name__ == "__main__":
    main()
