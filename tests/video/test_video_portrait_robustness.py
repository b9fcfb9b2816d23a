"""Portraits that are not the default one: each built by transforming an image that ships in a package (the
bundled astronaut from scikit-image; matplotlib's Grace Hopper photo where matplotlib is installed), then
analysed (face, landmarks, rig) and animated. The renderer's own landmarker judges the frames: the lips shut
on a closed pose and part on an open one, and the crop is on the intended face."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from avatar.errors import InputError
from avatar.video import landmarks as lmk
from avatar.video.animate import Pose
from avatar.video.portrait import default_portrait, detect_face, load_portrait, read_image
from avatar.video.render import Renderer

SIZE = 256


def write_png(path: Path, rgb: np.ndarray) -> Path:
    import cv2

    cv2.imwrite(str(path), np.ascontiguousarray(rgb[:, :, ::-1]))
    return path


def astronaut() -> np.ndarray:
    return read_image(default_portrait())


def hopper() -> np.ndarray:
    mpl = pytest.importorskip("matplotlib")
    path = Path(mpl.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    if not path.exists():
        pytest.skip("matplotlib ships no grace_hopper.jpg here")
    return read_image(path)


def _landmarks(rgb: np.ndarray) -> lmk.Landmarks:
    return lmk.find_landmarks(rgb, detect_face(rgb, Path("fixture")))


def bearded(rgb: np.ndarray) -> np.ndarray:
    """A dark, textured beard and moustache drawn over the jaw and chin, the lips left bare."""
    import cv2

    p = _landmarks(rgb).points
    h, w = rgb.shape[:2]
    jaw = p[[i for i in lmk.FACE_OVAL if p[i, 1] > p[lmk.NOSE_TIP, 1]]]
    mask = np.zeros((h, w), np.float32)
    hull = cv2.convexHull(np.concatenate([jaw, p[[2, 98, 327]]]).astype(np.float32))
    cv2.fillPoly(mask, [np.round(hull).astype(np.int32)], 1.0)
    cv2.fillPoly(mask, [np.round(p[list(lmk.LIP_UPPER_OUTER + lmk.LIP_LOWER_OUTER[::-1])]).astype(np.int32)], 0.0)
    mask = cv2.GaussianBlur(mask, (0, 0), 2.0)[..., None]
    rng = np.random.default_rng(1)
    hair = np.array((62, 44, 32), np.float32) * (0.6 + 0.8 * rng.random((h, w, 1), np.float32))
    return np.clip(rgb * (1.0 - 0.85 * mask) + hair * 0.85 * mask, 0, 255).astype(np.uint8)


def with_glasses(rgb: np.ndarray) -> np.ndarray:
    """Dark rims round both eyes and a bridge between them."""
    import cv2

    p = _landmarks(rgb).points
    out = rgb.copy()
    thick = max(1, int(0.006 * rgb.shape[1]))
    rims = (40, 30, 25)
    inner = []
    for upper in (lmk.EYE_R_UPPER, lmk.EYE_L_UPPER):
        c = p[list(upper)].mean(axis=0) + np.array((0.0, 2.0), np.float32)
        half = float(np.hypot(*(p[upper[-1]] - p[upper[0]]))) * 0.8
        inner.append((c, half))
        cv2.ellipse(out, (int(c[0]), int(c[1])), (int(half), int(half * 0.75)), 0, 0, 360, rims, thick, cv2.LINE_AA)
    (a, ha), (b, hb) = sorted(inner, key=lambda e: float(e[0][0]))
    cv2.line(out, (int(a[0] + ha), int(a[1])), (int(b[0] - hb), int(b[1])), rims, thick, cv2.LINE_AA)
    return out


def turned_up(rgb: np.ndarray) -> np.ndarray:
    """A perspective warp in which the top of the picture recedes: a flat stand-in for a face tilted back by
    about 20 degrees (the forehead shortens and narrows, the chin comes forward)."""
    import cv2

    h, w = rgb.shape[:2]
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[0.1 * w, 0.12 * h], [0.9 * w, 0.12 * h], [w, h], [0, h]])
    return cv2.warpPerspective(rgb, cv2.getPerspectiveTransform(src, dst), (w, h), borderMode=cv2.BORDER_REPLICATE)


def small(rgb: np.ndarray) -> np.ndarray:
    """A 256 px head-and-shoulders picture (the bundled photo's face at half its size)."""
    import cv2

    return cv2.resize(rgb[:330, 60:390], (256, 256), interpolation=cv2.INTER_AREA)


def large_wide(rgb: np.ndarray) -> np.ndarray:
    """4,000 x 2,400 px, the face off-centre: a big camera photo, not square."""
    import cv2

    big = cv2.resize(rgb, (2400, 2400), interpolation=cv2.INTER_CUBIC)
    canvas = np.full((2400, 4000, 3), 180, np.uint8)
    canvas[:, 1300:3700] = big
    return canvas


def tall_relit(rgb: np.ndarray) -> np.ndarray:
    """A tall crop (300 x 512), mirrored and re-lit: darker, warmer and with less contrast."""
    out = rgb[:, 90:390][:, ::-1].astype(np.float32)
    out = 40.0 + 0.55 * out * np.array((1.1, 0.95, 0.8), np.float32)
    return np.ascontiguousarray(np.clip(out, 0, 255).astype(np.uint8))


CASES: list[tuple[str, Callable[[], np.ndarray]]] = [
    ("teeth-at-rest", astronaut),
    ("beard", lambda: bearded(astronaut())),
    ("glasses", lambda: with_glasses(astronaut())),
    ("glasses-photo", hopper),
    ("glasses-photo-beard", lambda: bearded(hopper())),
    ("turned-up-20", lambda: turned_up(astronaut())),
    ("256px", lambda: small(astronaut())),
    ("4000px-wide", lambda: large_wide(astronaut())),
    ("tall-mirrored-relit", lambda: tall_relit(astronaut())),
]


def measured_gap(image: np.ndarray, near: lmk.Landmarks) -> float:
    found = lmk.find_landmarks(image, near.box())
    assert found.score >= lmk.FACE_SCORE_MIN
    return found.inner_lip_gap() / found.mouth_width()


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_portrait_is_analysed_and_animated(tmp_path: Path, make: Callable[[], np.ndarray]) -> None:
    portrait = load_portrait(write_png(tmp_path / "portrait.png", make()), SIZE)
    x, _, w, _ = portrait.landmarks.box()
    assert abs((x + w / 2) - SIZE / 2) < 0.15 * SIZE and 0.25 * SIZE < w < 0.65 * SIZE  # the crop is on the face
    renderer = Renderer(portrait)
    shut = renderer.render(Pose(0.0, 0.0, 0.0, 0.0, 0.0))
    wide = renderer.render(Pose(1.0, 0.0, 0.0, 0.0, 0.0))
    assert measured_gap(shut, portrait.landmarks) < 0.09
    assert measured_gap(wide, portrait.landmarks) > 0.15
    # The open mouth is dark inside and the frame outside the lower face is untouched.
    lm = portrait.landmarks.points
    cx, cy = (lm[lmk.INNER_TOP] + lm[lmk.INNER_BOTTOM]) / 2.0
    grey = wide.astype(np.float32).mean(axis=2)
    assert grey[int(cy) : int(cy) + 6, int(cx) - 3 : int(cx) + 3].min() < 0.5 * grey[int(cy) + 15 : int(cy) + 25].mean()
    assert np.array_equal(wide[:10], portrait.image[:10])


def lip_floor(renderer: Renderer) -> float:
    """The lips' own darkest tone at rest: the 2nd percentile of the photo's greys between the rig's outer and
    inner lip rows, mid-mouth (within 0.6 of the half width of the middle, away from the corners)."""
    rig = renderer.mouth
    h, w = renderer.base.shape[:2]
    uv = rig.frame.to_uv(np.stack(np.meshgrid(np.arange(w), np.arange(h)), axis=-1).astype(np.float64))
    u, v = uv[..., 0], uv[..., 1]
    row = [np.interp(u, rig.cols, rig.rest_v[k]) for k in (1, 2, 3, 4)]
    lips = (((v > row[0]) & (v < row[1])) | ((v > row[2]) & (v < row[3]))) & (np.abs(u) < 0.6 * rig.half_w)
    return float(np.percentile(renderer.base.astype(np.float32).mean(axis=2)[lips], 2))


def corner_marks(renderer: Renderer, frame: np.ndarray, pose: Pose) -> tuple[int, int]:
    """(dark pixels, pixels looked at) on a rounded mouth: between the drawn lips' outer edges (1 px in), from
    2 px beyond the tips of the opening out to the drawn corners, the pixels darker than the lips' own
    darkest tone at rest (3 grey levels of slack for rounding)."""
    rig = renderer.mouth
    shape = rig.moved(renderer.opening(pose.mouth), pose.spread, pose.tuck)
    h, w = frame.shape[:2]
    uv = rig.frame.to_uv(np.stack(np.meshgrid(np.arange(w), np.arange(h)), axis=-1).astype(np.float64))
    u, v = uv[..., 0], uv[..., 1]
    rows = rig.frame.to_uv(shape.xy[1:5])
    cu = rows[0, :, 0]  # the lip rows share their columns' u
    top, bottom = np.interp(u, cu, rows[0, :, 1]), np.interp(u, cu, rows[3, :, 1])
    parted = np.flatnonzero(rig.inside & (shape.gap > 0.05))
    left, right = shape.u[parted[0] - 1], shape.u[parted[-1] + 1]  # where the opening closes on each side
    corners = shape.u[np.flatnonzero(rig.inside)[[0, -1]]]
    zone = (v > top + 1) & (v < bottom - 1)
    zone &= ((u < left - 2) & (u > corners[0])) | ((u > right + 2) & (u < corners[1]))
    grey = frame.astype(np.float32).mean(axis=2)
    return int((zone & (grey < lip_floor(renderer) - 3)).sum()), int(zone.sum())


@pytest.mark.parametrize("make", [c[1] for c in CASES], ids=[c[0] for c in CASES])
@pytest.mark.parametrize("mouth", [0.62, 0.35], ids=["oo", "w"])
def test_rounded_lips_leave_no_dark_marks_at_the_corners(
    tmp_path: Path, make: Callable[[], np.ndarray], mouth: float
) -> None:
    """Pursed lips (oo, w) meet towards the corners: the photo's own corner shadows and the dark edge of its
    opening, drawn in with the corners, must not show beside the small opening as dark marks."""
    renderer = Renderer(load_portrait(write_png(tmp_path / "portrait.png", make()), 512))
    pose = Pose(mouth, 0.0, 0.0, 0.0, 0.0, -1.0)
    dark, looked = corner_marks(renderer, renderer.render(pose), pose)
    assert looked > 100
    assert dark == 0, f"{dark} of {looked} pixels darker than the lips at rest beside the opening"


def test_teeth_at_rest_are_kept_and_hidden_when_shut() -> None:
    """The bundled photo smiles with its teeth showing: the renderer keeps them for open shapes and the lips
    cover them on a closed one."""
    portrait = load_portrait(default_portrait(), SIZE)
    renderer = Renderer(portrait)
    assert renderer.photo_teeth
    lm = portrait.landmarks.points
    box = np.concatenate([lm[list(lmk.LIP_UPPER_INNER)], lm[list(lmk.LIP_LOWER_INNER)]])
    (x0, y0), (x1, y1) = box.min(axis=0).astype(int), box.max(axis=0).astype(int) + 1

    def white(image: np.ndarray) -> int:
        region = image[y0:y1, x0:x1].astype(np.int32)
        return int(((region.min(axis=2) > 190) & (region.max(axis=2) - region.min(axis=2) < 40)).sum())

    rest = white(portrait.image)
    shut = white(renderer.render(Pose(0.0, 0.0, 0.0, 0.0, 0.0)))
    assert rest > 50 and shut < 0.3 * rest
    assert white(renderer.render(Pose(0.6, 0.0, 0.0, 0.0, 0.0))) > 1.5 * shut


def test_several_faces_the_largest_is_used_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    import cv2

    face = astronaut()
    canvas = np.full((700, 1200, 3), 200, np.uint8)
    canvas[100:612, 650:1162] = face
    canvas[200:584, 60:444] = cv2.resize(face, (384, 384), interpolation=cv2.INTER_AREA)
    with caplog.at_level(logging.INFO, logger="avatar.video.portrait"):
        portrait = load_portrait(write_png(tmp_path / "two.png", canvas), SIZE)
    assert any("faces found; using the largest" in r.getMessage() for r in caplog.records)
    # The crop is the large face: its mouth is as wide, relative to the crop, as in the bundled photo alone.
    alone = load_portrait(default_portrait(), SIZE)
    assert portrait.landmarks.mouth_width() == pytest.approx(alone.landmarks.mouth_width(), rel=0.1)


def test_no_face_or_a_tiny_one_is_one_clear_error(tmp_path: Path) -> None:
    """No face at all (the bundled photo's background), or one too small to animate (the whole bundled photo
    at 256 px: a 47 px face), is refused in one line that says what to do."""
    import cv2

    background = np.ascontiguousarray(astronaut()[:120, 380:])
    path = write_png(tmp_path / "wall.png", np.repeat(np.repeat(background, 3, axis=0), 3, axis=1))
    with pytest.raises(InputError, match=r"^no face found in portrait '.*'; use a front-facing photo") as info:
        load_portrait(path, SIZE)
    assert "\n" not in str(info.value)
    tiny = write_png(tmp_path / "tiny.png", cv2.resize(astronaut(), (256, 256), interpolation=cv2.INTER_AREA))
    with pytest.raises(InputError, match=r"px wide, too small to animate; use a photo where it is at least") as info:
        load_portrait(tiny, SIZE)
    assert "\n" not in str(info.value)


def rounded_opening(renderer: Renderer, frame: np.ndarray) -> tuple[float, float, np.ndarray]:
    """On a rounded mouth: the drawn opening (the dark region, darker than half the lips' tone at rest, that
    holds the mouth's middle), its width a fifth of its height from its top and from its bottom, each over its
    width across its middle, and the mean colour of the band around it (from 0.03 to 0.08 mouth widths out:
    the lips, past the opening's soft edge)."""
    import cv2

    rig = renderer.mouth
    mw = 2.0 * rig.half_w
    grey = frame.astype(np.float32).mean(axis=2)
    _, label = cv2.connectedComponents((grey < 0.5 * float(renderer.lip_rgb.mean())).astype(np.uint8))
    ys, xs = np.nonzero(label)
    cx, cy = rig.frame.origin
    nearest = int(np.argmin(np.hypot(xs - cx, ys - cy)))
    opening = label == label[ys[nearest], xs[nearest]]
    yy, xx = np.nonzero(opening)
    uv = rig.frame.to_uv(np.stack([xx, yy], -1).astype(np.float64))
    u, v = uv[:, 0], uv[:, 1]
    v0, height = v.min(), v.max() - v.min()
    assert height > 4

    def width(share: float) -> float:
        row = np.abs(v - (v0 + share * height)) <= 0.5
        return float(u[row].max() - u[row].min() + 1.0)

    middle = max(width(s) for s in (0.4, 0.5, 0.6))
    ring = opening.astype(np.uint8)
    near, far = max(1, round(0.03 * mw)), max(3, round(0.08 * mw))
    inner = cv2.dilate(ring, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * near + 1, 2 * near + 1)))
    outer = cv2.dilate(ring, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * far + 1, 2 * far + 1)))
    band = (outer > 0) & (inner == 0)
    return width(0.2) / middle, width(0.8) / middle, frame[band].astype(np.float32).mean(axis=0)


# Portraits whose lips are bare around the mouth (a beard drawn up to the lips' edge would fall in the band).
BARE_LIPS = [c for c in CASES if "beard" not in c[0]]


@pytest.mark.parametrize("make", [c[1] for c in BARE_LIPS], ids=[c[0] for c in BARE_LIPS])
@pytest.mark.parametrize("mouth", [0.62, 0.35], ids=["oo", "w"])
def test_rounded_opening_is_an_oval_inside_lips_of_their_own_colour(
    tmp_path: Path, make: Callable[[], np.ndarray], mouth: float
) -> None:
    """Pursed lips (oo, w) part in a small oval: round at its top and its bottom (not flat-topped like a
    shield, nor drawn to a point below), with lips of the photo's own colour around it (not bleached)."""
    renderer = Renderer(load_portrait(write_png(tmp_path / "portrait.png", make()), 512))
    top, bottom, band = rounded_opening(renderer, renderer.render(Pose(mouth, 0.0, 0.0, 0.0, 0.0, -1.0)))
    assert top < 0.9, f"the opening's top is flat: {top:.2f} of its middle's width a fifth of the way down"
    assert bottom > 0.45, f"the opening's bottom is pointed: {bottom:.2f} of its middle's width"
    lips = renderer.lip_rgb
    off = float(np.linalg.norm(band - lips))
    assert off < 0.3 * float(lips.mean()), f"the lips around the opening are {band.round()}, at rest {lips.round()}"
