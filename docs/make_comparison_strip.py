"""The README's comparison strip: the old animator (Haar cascades and a painted ellipse, as of commit 8cbbd6e)
against the face-mesh warp, on the same piper speech and the bundled portrait, both measured the same way
(face-mesh landmarks re-detected on the rendered frames). The old modules are read from git history.

    .venv/bin/python docs/make_comparison_strip.py      # writes docs/talking-head-old-vs-new.png
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

OLD_COMMIT = "8cbbd6e"
ROOT = Path(__file__).resolve().parent.parent
TEXT = "Hello! I am avatar, speaking with the embedded piper voice, one stage at a time."
FPS, SIZE, TILE = 25, 512, 170
ASCII = {"ɑ": "a", "ː": ":", "æ": "ae", "ɪ": "I", "ə": "@", "ɛ": "E", "ʌ": "V", "ɔ": "O"}


def old_modules() -> dict[str, Any]:
    """The old portrait, render, animate and visemes modules, imported from a temp copy."""
    import importlib

    folder = Path(tempfile.mkdtemp())
    for name in ("portrait", "render", "animate", "visemes"):
        argv = ["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:src/avatar/video/{name}.py"]
        src = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
        for mod in ("portrait", "animate", "visemes"):
            src = src.replace(f"from avatar.video.{mod} import", f"from old_{mod} import")
        (folder / f"old_{name}.py").write_text(src, encoding="utf-8")
    sys.path.insert(0, str(folder))
    return {name: importlib.import_module(f"old_{name}") for name in ("portrait", "render", "animate", "visemes")}


def main() -> None:
    import cv2
    import soundfile as sf
    from PIL import Image

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.text.phonemes import PhonemeWriter, read_spans
    from avatar.video.animate import frame_rms, poses
    from avatar.video.measure import gap_ratio, loudness_correlation, measure_frames, phoneme_frames
    from avatar.video.portrait import default_portrait, load_portrait
    from avatar.video.render import Renderer
    from avatar.video.visemes import VisemeTrack, openness

    old = old_modules()
    backend = PiperBackend("cpu", "float32")
    backend.load()
    speech = backend.speak(SynthesisRequest(TEXT))
    sr = backend.sample_rate
    backend.unload()
    work = Path(tempfile.mkdtemp())
    wav, tsv = work / "speech.wav", work / "phonemes.tsv"
    sf.write(str(wav), speech.samples, sr)
    with open(tsv, "w", encoding="utf-8") as fh:
        PhonemeWriter(fh).write(0.0, sr, speech.phonemes)

    old_renderer = old["render"].Renderer(old["portrait"].load_portrait(default_portrait(), SIZE))
    old_poses = old["animate"].poses(wav, FPS, visemes=old["visemes"].VisemeTrack(read_spans(tsv), FPS))
    portrait = load_portrait(default_portrait(), SIZE)
    renderer = Renderer(portrait)
    videos = {
        "old": [old_renderer.render(p) for p in old_poses],
        "new": [renderer.render(p) for p in poses(wav, FPS, visemes=VisemeTrack(read_spans(tsv), FPS))],
    }
    spans = list(read_spans(tsv))
    rms = np.array(list(frame_rms(wav, FPS)))
    n = len(videos["new"])
    lips, wide = phoneme_frames(spans, n, FPS)
    for name, frames in videos.items():
        faces = measure_frames(frames)
        ratio = gap_ratio(faces.gaps, lips, wide)
        corr = loudness_correlation(faces.gaps, rms)
        print(
            f"{name}: face found {faces.found_share:.1%}, gap m/b/p / open vowels {ratio:.2f}, loudness corr {corr:.2f}"
        )

    def label(i: int) -> str:
        mid = (i + 0.5) / FPS
        hits = [s.phoneme for s in spans if s.start_s <= mid < s.end_s]
        return "".join(ASCII.get(c, c) for c in hits[0].strip("ˈˌ")) if hits else "rest"

    # Rest, the loudest open vowel, the first and last m/b/p, and the loudest mid vowel (e, E, @, V).
    mids = (np.arange(n) + 0.5) / FPS
    middle = [i for i in range(n) if any(s.start_s <= mids[i] < s.end_s and 0.55 < (openness(s.phoneme) or 0) < 0.8
                                         for s in spans)]  # fmt: skip
    loudest = lambda frames: int(max(frames, key=lambda i: rms[i]))  # noqa: E731
    picks = sorted({0, loudest(wide), int(lips[0]), loudest(middle or list(wide)), int(lips[-1])})
    f = portrait.face
    x0, y0, side = int(f.x - 0.25 * f.w), int(f.y + 0.3 * f.h), int(1.5 * f.w)
    rows = []
    for name, frames in videos.items():
        tiles = []
        for i in picks:
            tile = cv2.resize(frames[i][y0 : y0 + side, x0 : x0 + side], (TILE, TILE), interpolation=cv2.INTER_AREA)
            text = f"{name} {i / FPS:.2f}s /{label(i)}/"
            for colour, thick in (((0, 0, 0), 3), ((255, 255, 255), 1)):
                cv2.putText(tile, text, (5, TILE - 7), cv2.FONT_HERSHEY_SIMPLEX, 0.45, colour, thick, cv2.LINE_AA)
            tiles.append(tile)
        rows.append(np.concatenate(tiles, axis=1))
    out = ROOT / "docs" / "talking-head-old-vs-new.png"
    Image.fromarray(np.concatenate(rows, axis=0)).quantize(256).save(out, optimize=True)
    print(f"frames {picks}: {out}")


if __name__ == "__main__":
    main()
