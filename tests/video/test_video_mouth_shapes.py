"""The shapes of the mouth, read off rendered frames: rounded lips are narrower, fuller and shade the teeth;
on f and v the upper teeth show over the lower lip; on m the lips are shut with no teeth.

Real portraits (the bundled one, which smiles with its teeth showing, and matplotlib's Grace Hopper photo,
lips shut), the real renderer; the figures come from the frames' pixels and from the renderer's landmark
model re-run on them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from avatar.video import landmarks as lmk
from avatar.video.animate import Pose
from avatar.video.portrait import default_portrait, load_portrait
from avatar.video.render import Renderer

SIZE = 512


def portraits() -> list[Path]:
    import matplotlib as mpl

    out = [default_portrait()]
    hopper = Path(mpl.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    if hopper.exists():
        out.append(hopper)
    return out


def pose(mouth: float, spread: float = 0.0, tuck: float = 0.0) -> Pose:
    return Pose(mouth, 0.0, 0.0, 0.0, 0.0, spread, tuck)


def mouth_width(frame: np.ndarray, near: lmk.Landmarks) -> float:
    """The mouth's width by the landmark model re-run on the frame, in pixels."""
    found = lmk.find_landmarks(frame, near.box())
    assert found.score >= lmk.FACE_SCORE_MIN
    return found.mouth_width()


def teeth_pixels(pixels: np.ndarray, renderer: Renderer) -> int:
    """How many of ``pixels`` are teeth: brighter than the photo's lips and less red."""
    lip = renderer.lip_rgb
    chroma = pixels.max(axis=1) - pixels.min(axis=1)
    return int(((pixels.mean(axis=1) > lip.mean() + 5) & (chroma < 0.75 * (lip.max() - lip.min()))).sum())


def lips_red(renderer: Renderer, spread: float) -> float:
    """Mid-mouth, the upper and the lower lip's heights together (outer edges, less the opening), in pixels."""
    rig = renderer.mouth
    uv = rig.frame.to_uv(rig.moved(0.0, spread).xy)
    mid = int(np.argmin(np.abs(rig.cols)))
    return float((uv[4, mid, 1] - uv[1, mid, 1]) - (uv[3, mid, 1] - uv[2, mid, 1]))


def opening_pixels(renderer: Renderer, frame: np.ndarray, p: Pose) -> np.ndarray:
    """The frame's pixels between the inner lips of the shape drawn for ``p`` (where the mouth is open)."""
    import cv2

    shape = renderer.mouth.moved(renderer.opening(p.mouth), p.spread, p.tuck)
    inside = renderer.mouth.inside
    poly = np.concatenate([shape.xy[2][inside], shape.xy[3][inside][::-1]])
    mask = np.zeros(frame.shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(poly).astype(np.int32)], 1)
    return frame[mask.astype(bool)].astype(np.float32)


@pytest.mark.parametrize("path", portraits(), ids=lambda p: p.stem)
def test_rounded_lips_are_narrower_fuller_and_shade_the_teeth(path: Path) -> None:
    portrait = load_portrait(path, SIZE)
    renderer = Renderer(portrait)
    neutral, rounded = pose(0.6), pose(0.6, spread=-1.0)
    a, b = renderer.render(neutral), renderer.render(rounded)
    spread = renderer.render(pose(0.6, spread=1.0))
    # The corners purse in: "oo" is narrower than "ee" at the same opening.
    assert mouth_width(b, portrait.landmarks) < 0.93 * mouth_width(spread, portrait.landmarks)
    # Pushed forward, the lips turn out and show more of their red (read off the rig: the landmark model does
    # not resolve a few pixels of lip edge).
    assert lips_red(renderer, -1.0) > 1.15 * lips_red(renderer, 0.0)
    # Inside the mouth the teeth fall into the lips' shadow: the opening is darker.
    assert opening_pixels(renderer, b, rounded).mean() < 0.85 * opening_pixels(renderer, a, neutral).mean()


@pytest.mark.parametrize("path", portraits(), ids=lambda p: p.stem)
def test_f_shows_the_upper_teeth_over_the_lower_lip_and_m_none(path: Path) -> None:
    portrait = load_portrait(path, SIZE)
    renderer = Renderer(portrait)
    f, m = pose(0.12, tuck=1.0), pose(0.0)
    frame_f, frame_m = renderer.render(f), renderer.render(m)
    mw = 2.0 * renderer.mouth.half_w
    band = (mw / 3) * (mw / 25)  # a band of teeth a third of the mouth wide and a twenty-fifth of it high
    assert teeth_pixels(opening_pixels(renderer, frame_f, f), renderer) >= band
    shut = opening_pixels(renderer, frame_m, m)
    assert shut.size == 0 or teeth_pixels(shut, renderer) < 0.1 * band
