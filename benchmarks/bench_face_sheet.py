"""A contact sheet of the talking head, to judge by eye: each portrait at rest and on m, "ah", "ee", "oo" and
"f", with a zoom of the mouth under each frame. Written to ``docs/face-contact-sheet.png`` (the README
shows it).

The shapes are the ones the animator gives those sounds (the viseme table at a normal speaking loudness), drawn
by the renderer that the ``talking_head`` stage and live sessions share. Portraits: the bundled one
(scikit-image's astronaut, smiling with her teeth showing) and matplotlib's Grace Hopper photo (lips shut,
glasses), where matplotlib is installed, or any given with ``--portrait``.

    python benchmarks/bench_face_sheet.py [--portrait PATH ...] [--size 512] [--out docs/face-contact-sheet.png]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from measure import sample_portraits

ROOT = Path(__file__).resolve().parents[1]
SOUNDS = (("rest", None), ("m", "m"), ("ah", "a"), ("ee", "iː"), ("oo", "uː"), ("f", "f"))
LOUDNESS = 0.5  # amplitude relative to the running peak: an ordinary vowel (piper's open vowels: median 0.3-0.6)


def pose_for(label: str | None) -> object:
    from avatar.video.animate import MouthCurve, Pose
    from avatar.video.visemes import openness, spread, tuck

    if label is None:
        return Pose(0.0, 0.0, 0.0, 0.0, 0.0)
    shape = openness(label) or 0.0
    curve = MouthCurve(25, timed=True)
    curve.peak_db = 0.0  # a running peak at full scale, so an RMS of LOUDNESS is that share of it
    mouth = curve.step(LOUDNESS, True, shape)  # the animator's own formula
    return Pose(mouth, 0.0, 0.0, 0.0, 0.0, spread(label) * min(1.0, 2.0 * mouth), tuck(label))


def row(path: Path, size: int, tile: int) -> np.ndarray:
    import cv2

    from avatar.video.portrait import load_portrait
    from avatar.video.render import Renderer

    portrait = load_portrait(path, size)
    renderer = Renderer(portrait)
    f = portrait.face
    frames, zooms = [], []
    for name, label in SOUNDS:
        image = renderer.render(pose_for(label))  # type: ignore[arg-type]
        small = cv2.resize(image, (tile, tile), interpolation=cv2.INTER_AREA)
        cv2.putText(small, name, (8, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (0, 0, 0), 4, cv2.LINE_AA)
        cv2.putText(small, name, (8, 26), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (255, 255, 255), 2, cv2.LINE_AA)
        frames.append(small)
        half = 0.9 * f.mouth_w  # the mouth, the chin and the skin around them
        x0, y0 = int(f.mouth_x - half), int(f.mouth_y - 0.7 * half)
        crop = image[max(0, y0) : y0 + int(2 * half), max(0, x0) : x0 + int(2 * half)]
        zooms.append(cv2.resize(crop, (tile, tile), interpolation=cv2.INTER_CUBIC))
    return np.concatenate([np.concatenate(frames, 1), np.concatenate(zooms, 1)], 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--portrait", type=Path, action="append")
    ap.add_argument("--size", type=int, default=512, help="the video size the faces are drawn at")
    ap.add_argument("--tile", type=int, default=256, help="each picture's size on the sheet")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "face-contact-sheet.png")
    args = ap.parse_args()
    import cv2

    portraits = args.portrait or sample_portraits()
    sheet = np.concatenate([row(p, args.size, args.tile) for p in portraits], 0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(args.out), np.ascontiguousarray(sheet[:, :, ::-1]), [cv2.IMWRITE_PNG_COMPRESSION, 9])
    print(f"{args.out}: {len(portraits)} portraits x {len(SOUNDS)} sounds, {sheet.shape[1]} x {sheet.shape[0]} px")


if __name__ == "__main__":
    main()
