"""Does the face look like a person speaking? Measured from outside, with a face mesh the renderer does not use.

Real piper speech (sentences with pauses between them, with piper's phoneme timing) animates each portrait
through the renderer that the ``talking_head`` stage and live sessions share; every frame is then handed to
MediaPipe's face mesh *with attention* (478 points; ``face_judge.py``, in its own environment), and the
figures come from its landmarks and from the frames' pixels, never from the renderer's own geometry:

- opening taper: the dark opening's height (pixels darker than half the lower lip's brightness, counted
  between the judge's outer lip contours) at 80 % of the way from the mouth's centre to each corner, over
  its height at the centre; median over open frames (target <= 0.6; a lens of real lips is 0.3-0.5);
- inner-lip gap (judge's points 13-14 over the mouth width 61-291), 95th percentile (target <= 0.4);
- chin drop (chin 152 below the eyes, along the face) against the lip gap: correlation (>= 0.8) and slope
  (>= 0.4);
- lower lip height (14-17) in open frames over its height with the lips shut (>= 0.7);
- head motion: the nose tip's standard deviation (px, at 256 px) while speaking (1-5), in the pauses, and in
  a live session's idle (smaller, but not zero);
- lip sync as judged by this mesh: gap on m/b/p over the gap on open vowels (<= 0.3), correlation of the gap
  with loudness (>= 0.75), and the share of frames with a face found (100 %);
- the renderer's speed at 512 px (frames drawn per second, without encoding).

    python benchmarks/bench_face.py [--portrait PATH ...] [--variants] [--judge-python PATH]

The judge's environment is made on first use: ``build/judge-venv`` with ``mediapipe==0.10.14`` from the
package index (about 200 MB; its opencv-contrib-python must not go into the project's own environment).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from measure import sample_portraits

ROOT = Path(__file__).resolve().parents[1]
JUDGE_VENV = ROOT / "build" / "judge-venv"
FPS = 25
SENTENCES = (
    "Hello! My name is Avatar.",
    "I can speak with a cloned voice, and my lips move with the words.",
    "Mama bought a map of the bay, and papa made a big blue boat.",
    "What a wonderful, sunny afternoon it was, far out on the water.",
    "Five very fine violins arrived, and we played them all evening.",
)
PAUSE_S = 0.7
IDLE_S = 8.0
UPPER_OUTER = (61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291)
LOWER_OUTER = (61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291)
LOWER_INNER = (78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308)


def judge_python(given: Path | None) -> Path:
    if given is not None:
        return given
    py = JUDGE_VENV / "bin" / "python"
    if not py.exists():
        print(f"making the judge's environment in {JUDGE_VENV} (mediapipe 0.10.14) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(JUDGE_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "mediapipe==0.10.14"], check=True)
    return py


@dataclass
class Speech:
    wav: Path
    phonemes: Path
    spans: list[tuple[float, float]]  # where each sentence is spoken (s)


def make_speech(work: Path) -> Speech:
    """The sentences spoken by piper with a pause after each, and their phoneme timing."""
    import soundfile as sf

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.text.phonemes import PhonemeWriter

    backend = PiperBackend("cpu", "float32")
    backend.load()
    sr = backend.sample_rate
    parts: list[np.ndarray] = []
    spans = []
    at = 0
    wav, tsv = work / "speech.wav", work / "phonemes.tsv"
    with open(tsv, "w", encoding="utf-8") as fh:
        log = PhonemeWriter(fh)
        for text in SENTENCES:
            speech = backend.speak(SynthesisRequest(text))
            assert speech.phonemes, "piper gave no phoneme timing (is the onnx package installed?)"
            log.write(at / sr, sr, speech.phonemes)
            spans.append((at / sr, (at + speech.samples.size) / sr))
            parts += [speech.samples, np.zeros(int(PAUSE_S * sr), np.float32)]
            at += speech.samples.size + int(PAUSE_S * sr)
    backend.unload()
    sf.write(str(wav), np.concatenate(parts), sr)
    return Speech(wav, tsv, spans)


def render(portrait_path: Path, size: int, speech: Speech) -> tuple[list[np.ndarray], list[Any], float]:
    """Frames of the speech as the talking_head stage draws them, their poses, and frames drawn per second."""
    from avatar.text.phonemes import read_spans
    from avatar.video.animate import SpeechGate, poses
    from avatar.video.portrait import load_portrait
    from avatar.video.render import Renderer
    from avatar.video.visemes import VisemeTrack

    renderer = Renderer(load_portrait(portrait_path, size))
    visemes = VisemeTrack(read_spans(speech.phonemes), FPS)
    motion = list(poses(speech.wav, FPS, gate=SpeechGate(speech.spans), visemes=visemes))
    t0 = time.perf_counter()
    frames = [renderer.render(p) for p in motion]
    return frames, motion, len(frames) / (time.perf_counter() - t0)


def render_idle(portrait_path: Path, size: int) -> list[np.ndarray]:
    """A live session's idle face: the same animator, with breath, and no speech."""
    from avatar.video.animate import Animator
    from avatar.video.portrait import load_portrait
    from avatar.video.render import Renderer

    renderer = Renderer(load_portrait(portrait_path, size))
    animator = Animator(FPS, timed=True, breath=1.0, seed=7)
    return [renderer.render(animator.step(0.0, False)) for _ in range(int(IDLE_S * FPS))]


def variants(path: Path, work: Path) -> list[Path]:
    """The portrait transformed as a user's photo might differ from it: mirrored, darker and rescaled; and
    turned 12 degrees in the frame with faded colour."""
    from PIL import Image, ImageEnhance, ImageOps

    image = Image.open(path).convert("RGB")
    small = ImageEnhance.Brightness(ImageOps.mirror(image)).enhance(0.75)
    scale = 0.6 if image.width >= 800 else 1.5  # a large photo made smaller, a small one enlarged
    small = small.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)
    turned = ImageEnhance.Color(image.rotate(12, resample=Image.Resampling.BICUBIC)).enhance(0.6)
    out = [work / f"{path.stem}-mirrored-dark-rescaled.png", work / f"{path.stem}-turned-faded.png"]
    small.save(out[0])
    turned.save(out[1])
    return out


def judge(frames: list[np.ndarray], py: Path, work: Path) -> np.ndarray:
    src, dst = work / "frames.npy", work / "landmarks.npy"
    np.save(src, np.stack(frames))
    subprocess.run([str(py), str(ROOT / "benchmarks" / "face_judge.py"), str(src), str(dst)], check=True,
                   capture_output=True)  # fmt: skip
    out: np.ndarray = np.load(dst)
    return out


def _axes(p: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Centre of the mouth, unit u (corner to corner), unit v (down the face), half the mouth width."""
    a, b = p[61].astype(np.float64), p[291].astype(np.float64)
    u = (b - a) / max(float(np.hypot(*(b - a))), 1e-6)
    return (a + b) / 2.0, u, np.array([-u[1], u[0]]), float(np.hypot(*(b - a))) / 2.0


def _contour_v(p: np.ndarray, idx: tuple[int, ...], c: np.ndarray, u: np.ndarray, v: np.ndarray, at: float) -> float:
    d = p[list(idx)].astype(np.float64) - c
    pu, pv = d @ u, d @ v
    order = np.argsort(pu)
    return float(np.interp(at, pu[order], pv[order]))


def dark_heights(grey: np.ndarray, p: np.ndarray) -> tuple[float, float, float]:
    """Height (px) of the dark opening at the mouth's centre and at 80 % of the way to each corner."""
    import cv2

    c, u, v, hw = _axes(p)
    # Brightness of the lower lip (between its inner and outer contours, mid-mouth): the reference for dark.
    lip = []
    for at in np.linspace(-0.4, 0.4, 9) * hw:
        a, b = _contour_v(p, LOWER_INNER, c, u, v, at), _contour_v(p, LOWER_OUTER, c, u, v, at)
        for s in (0.4, 0.6):
            q = c + at * u + (a + s * (b - a)) * v
            lip.append(grey[round(float(q[1])), round(float(q[0]))])
    dark = 0.5 * float(np.median(lip))
    out = []
    for share in (0.0, -0.8, 0.8):
        at = share * hw
        top, bottom = _contour_v(p, UPPER_OUTER, c, u, v, at), _contour_v(p, LOWER_OUTER, c, u, v, at)
        steps = np.arange(top, bottom, 0.25)
        if steps.size == 0:
            out.append(0.0)
            continue
        q = c[None, :] + at * u[None, :] + steps[:, None] * v[None, :]
        vals = cv2.remap(grey, q[:, 0:1].astype(np.float32), q[:, 1:2].astype(np.float32), cv2.INTER_LINEAR)
        out.append(float((vals.ravel() < dark).sum()) * 0.25)
    return out[0], out[1], out[2]


def figures(
    frames: list[np.ndarray], lm: np.ndarray, speech: Speech, n_speech: int, rms: np.ndarray
) -> dict[str, float]:
    from avatar.text.phonemes import read_spans
    from avatar.video.measure import phoneme_frames

    n = len(frames)
    found = np.isfinite(lm[:, 0, 0])
    t = (np.arange(n) + 0.5) / FPS
    speaking = np.zeros(n, bool)
    for a, b in speech.spans:
        speaking |= (t >= a) & (t < b)
    width = np.hypot(*(lm[:, 291] - lm[:, 61]).T)
    gap = np.hypot(*(lm[:, 14] - lm[:, 13]).T) / width
    shut = found & (gap < np.nanpercentile(gap[found], 15))
    rest_w = float(np.nanmedian(width[shut]))
    # Along the face: v is perpendicular to the eye line, so a turn or tilt of the head does not read as a drop.
    eye_u = lm[:, 263] - lm[:, 33]
    eye_u /= np.hypot(*eye_u.T)[:, None]
    fv = np.stack([-eye_u[:, 1], eye_u[:, 0]], axis=1)
    eyes = (lm[:, 133] + lm[:, 362]) / 2.0
    chin = np.einsum("ij,ij->i", lm[:, 152] - eyes, fv) / rest_w
    lips = np.einsum("ij,ij->i", lm[:, 14] - lm[:, 13], fv) / rest_w
    lower = np.einsum("ij,ij->i", lm[:, 17] - lm[:, 14], fv)
    chin -= np.nanmedian(chin[shut])
    lips -= np.nanmedian(lips[shut])
    sel = found & speaking
    corr = float(np.corrcoef(lips[sel], chin[sel])[0, 1])
    slope = float(np.polyfit(lips[sel], chin[sel], 1)[0])
    opened = sel & (gap > 0.15)
    lower_share = float(np.nanmedian(lower[opened]) / np.nanmedian(lower[shut])) if opened.any() else float("nan")
    tapers = []
    for i in np.flatnonzero(opened):
        grey = frames[i].astype(np.float32).mean(axis=2)
        mid, left, right = dark_heights(grey, lm[i])
        if mid >= 2.0:
            tapers.append((left + right) / 2.0 / mid)
    spans = list(read_spans(speech.phonemes))
    lip_idx, wide_idx = phoneme_frames(spans, n, FPS)
    g = np.where(found, gap, np.nan)
    ok = np.isfinite(g[:n_speech]) & speaking[:n_speech]
    r = rms[:n_speech]
    return {
        "found": float(found.mean()),
        "taper": float(np.median(tapers)) if tapers else float("nan"),
        "taper_frames": len(tapers),
        "gap_p95": float(np.nanpercentile(g[speaking], 95)),
        "chin_corr": corr,
        "chin_slope": slope,
        "lower_lip": lower_share,
        "mbp_ratio": float(np.nanmean(g[lip_idx]) / np.nanmean(g[wide_idx])),
        "loud_corr": float(np.corrcoef(g[:n_speech][ok], r[ok])[0, 1]),
    }


def nose_std(lm: np.ndarray, mask: np.ndarray) -> float:
    p = lm[mask, 1]
    p = p[np.isfinite(p[:, 0])]
    return float(np.sqrt(((p - p.mean(axis=0)) ** 2).sum(axis=1).mean())) if len(p) > 2 else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--portrait", type=Path, action="append", help="portraits to judge (default: the bundled one "
                    "and matplotlib's Grace Hopper photo where installed)")  # fmt: skip
    ap.add_argument("--judge-python", type=Path)
    ap.add_argument("--size", type=int, default=512, help="frame size for the mouth figures")
    ap.add_argument("--variants", action="store_true", help="also judge each portrait transformed: mirrored, "
                    "re-lit darker and rescaled (60 %% or 150 %%), and turned 12 degrees, colour faded")  # fmt: skip
    args = ap.parse_args()
    from avatar.video.animate import frame_rms

    py = judge_python(args.judge_python)
    portraits = args.portrait or sample_portraits()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        speech = make_speech(work)
        if args.variants:
            portraits = [*portraits, *(v for path in portraits for v in variants(path, work))]
        rms = np.array(list(frame_rms(speech.wav, FPS)))
        print(f"judge: MediaPipe face mesh with attention (mediapipe 0.10.14, {py}); renderer: face_landmark.tflite")
        print(f"speech: {len(SENTENCES)} sentences by piper, {PAUSE_S} s pauses, {len(rms) / FPS:.1f} s")
        for path in portraits:
            frames, _, speed = render(path, args.size, speech)
            lm = judge(frames, py, work)
            f = figures(frames, lm, speech, len(frames), rms)
            small, _, _ = render(path, 256, speech)
            lm_small = judge(small, py, work)
            t = (np.arange(len(small)) + 0.5) / FPS
            speaking = np.zeros(len(small), bool)
            for a, b in speech.spans:
                speaking |= (t >= a) & (t < b)
            idle = judge(render_idle(path, 256), py, work)
            print(f"\nportrait {path.name}: {len(frames)} frames at {args.size} px, face found in {f['found']:.1%}")
            print(f"  opening taper (80 % to the corners / centre), median of {f['taper_frames']} open frames: "
                  f"{f['taper']:.2f} (target <= 0.6)")  # fmt: skip
            print(f"  inner-lip gap p95: {f['gap_p95']:.3f} of the mouth width (target <= 0.4)")
            print(f"  chin drop vs lip gap: correlation {f['chin_corr']:.2f} (>= 0.8), "
                  f"slope {f['chin_slope']:.2f} (>= 0.4)")  # fmt: skip
            print(f"  lower lip height, open / shut: {f['lower_lip']:.2f} (>= 0.7)")
            print(f"  lip sync: m/b/p / open vowels {f['mbp_ratio']:.2f} (<= 0.3), gap vs loudness "
                  f"{f['loud_corr']:.2f} (>= 0.75)")  # fmt: skip
            print(f"  nose tip std at 256 px: speaking {nose_std(lm_small, speaking):.2f} px (1-5), pauses "
                  f"{nose_std(lm_small, ~speaking):.2f} px, live idle {nose_std(idle, np.ones(len(idle), bool)):.2f} px"
                  f" (smaller, > 0); face found {np.isfinite(lm_small[:, 0, 0]).mean():.1%} / "
                  f"{np.isfinite(idle[:, 0, 0]).mean():.1%}")  # fmt: skip
            print(f"  renderer: {speed:.0f} frames/s at {args.size} px (drawing only; 2 cores)")


if __name__ == "__main__":
    main()
