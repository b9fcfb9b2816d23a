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
    assert lips_red(renderer, -1.0) > 1.33 * lips_red(renderer, 0.0)
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


def lip_opening(renderer: Renderer, spread: float, opening: float = 0.6) -> tuple[float, float]:
    """Width of the parted part of the lips (in mouth widths) and its height over its width, read off the rig."""
    rig = renderer.mouth
    shape = rig.moved(opening, spread)
    inside = rig.inside
    parted = inside & (shape.gap > 0.05 * float(shape.gap[inside].max()))
    width = float(shape.u[parted].max() - shape.u[parted].min())
    return width / (2.0 * rig.half_w), float(shape.gap[inside].max()) / width


@pytest.mark.parametrize("path", portraits(), ids=lambda p: p.stem)
def test_rounded_lips_part_in_a_small_round_opening(path: Path) -> None:
    """Pursed and pushed forward (oo, w), the lips stay together towards the corners and part only in the
    middle: a small opening, as tall for its width as an O, not a slot across the mouth."""
    portrait = load_portrait(path, SIZE)
    renderer = Renderer(portrait)
    (w_oo, round_oo), (w_neutral, round_neutral) = lip_opening(renderer, -1.0), lip_opening(renderer, 0.0)
    assert w_oo < 0.55 * w_neutral
    assert round_oo > 1.8 * round_neutral
    # Narrower by the landmark model re-run on the frames too, at a small opening (an "oo" is a small one).
    oo, neutral = renderer.render(pose(0.3, spread=-1.0)), renderer.render(pose(0.3))
    assert mouth_width(oo, portrait.landmarks) < 0.93 * mouth_width(neutral, portrait.landmarks)


@pytest.mark.parametrize("label", ["uː", "w"])
def test_oo_and_w_round_the_lips_in_speech(label: str) -> None:
    """Through the animator (the path speech takes): a held "oo" or "w" between open vowels rounds the lips."""
    from avatar.text.phonemes import PhonemeSpan
    from avatar.video.animate import Animator
    from avatar.video.visemes import VisemeTrack

    fps = 25
    f = 1.0 / fps
    spans = [PhonemeSpan(0.0, 6 * f, "a"), PhonemeSpan(6 * f, 14 * f, label), PhonemeSpan(14 * f, 20 * f, "a")]
    track = VisemeTrack(iter(spans), fps)
    animator = Animator(fps, timed=True, blinks=False, head_motion=0.0)
    got = []
    for i in range(20):
        shape = track.at_frame(i)
        got.append(animator.step(0.1, True, shape, track.spread, track.tuck, track.stress))
    assert min(p.spread for p in got[8:13]) < -0.5  # rounded while it is held
    assert max(p.spread for p in got[:3]) > -0.1  # not before it is near
