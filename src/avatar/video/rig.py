"""The face rig: meshes laid along the portrait's own lips, jaw and eyelids, and how a pose moves them.

Each mesh is a grid in a frame aligned with the face (u along the eye line, v down the face). Its rows are
curves read off the landmarks (under the nose, upper lip outer and inner edge, lower lip inner and outer
edge, chin, neck for the mouth; brow skin, upper lid, lower lid, cheek for an eye) and its columns cross
them, so no triangle spans an open mouth or an eye. A pose moves the rows:

- the inner-lip gap is set per column to ``opening`` times a lens-shaped profile, so the lips meet on m,
  b, p even when the photo's mouth is open at rest, and part on open vowels even when it is shut;
- the upper lip takes 30 % of the change and the lower lip and the jaw 70 %, fading out towards the ears;
- spread pulls the lip corners out (ee), rounding pulls them in (oo);
- a blink brings the upper lid down onto the lower one; the skin above follows, lashes at its edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from avatar.video import landmarks as lmk
from avatar.video.landmarks import Landmarks
from avatar.video.mesh import GridMesh

OPEN_GAP = 0.55  # inner-lip gap at full opening, in mouth widths
UPPER_SHARE = 0.3  # share of a change in the gap taken by the upper lip (the jaw takes the rest)
UPPER_OUTER_FOLLOW = 0.9  # the upper lip's outer edge follows its inner edge this much (it stretches a little)
SPREAD_PX = 0.09  # lip-corner shift at full spread or rounding, in mouth widths
MOUTH_COLUMNS = np.linspace(-2.4, 2.4, 25)  # in half mouth widths: corners at -1 and 1
EYE_COLUMNS = np.linspace(-1.5, 1.5, 13)  # in half eye widths
BLINK_REACH = 1.0  # a closed upper lid rests on the lower one


@dataclass(frozen=True)
class Frame:
    """A face-aligned frame: origin, unit u (along the eyes) and unit v (down the face)."""

    origin: np.ndarray
    u: np.ndarray
    v: np.ndarray

    def to_uv(self, p: np.ndarray) -> np.ndarray:
        d = np.asarray(p, np.float64) - self.origin
        return np.stack([d @ self.u, d @ self.v], axis=-1)

    def to_xy(self, uv: np.ndarray) -> np.ndarray:
        return np.asarray(self.origin + uv[..., :1] * self.u + uv[..., 1:] * self.v, np.float64)


def _frame(lm: Landmarks, origin: np.ndarray) -> Frame:
    p = lm.points.astype(np.float64)
    u = p[263] - p[33]
    u /= max(float(np.hypot(*u)), 1e-6)
    return Frame(origin, u, np.array([-u[1], u[0]]))


def _curve(uv: np.ndarray, idx: tuple[int, ...], at: np.ndarray) -> np.ndarray:
    """v of the landmark polyline ``idx`` at each u in ``at`` (held at its ends beyond them)."""
    pts = uv[list(idx)]
    order = np.argsort(pts[:, 0])
    return np.asarray(np.interp(at, pts[order, 0], pts[order, 1]), np.float64)


def _smooth_fade(x: np.ndarray, start: float, end: float) -> np.ndarray:
    """1 up to ``start``, 0 from ``end``, a smooth step between."""
    t = np.clip((np.abs(x) - start) / max(end - start, 1e-6), 0.0, 1.0)
    return np.asarray(1.0 - t * t * (3.0 - 2.0 * t), np.float64)


class MouthRig:
    """The lower face: lips and jaw."""

    ROWS = 7  # under the nose, upper outer, upper inner, lower inner, lower outer, chin, neck

    def __init__(self, lm: Landmarks, width: int, height: int) -> None:
        p = lm.points.astype(np.float64)
        self.half_w = hw = max(2.0, lm.mouth_width() / 2.0)
        self.frame = f = _frame(lm, (p[lmk.MOUTH_LEFT] + p[lmk.MOUTH_RIGHT]) / 2.0)
        uv = f.to_uv(p)
        self.cols = cols = MOUTH_COLUMNS * hw
        top = np.full_like(cols, uv[2, 1] + 0.15 * (uv[0, 1] - uv[2, 1]))  # just under the nose
        upper_out = _curve(uv, lmk.LIP_UPPER_OUTER, cols)
        upper_in = _curve(uv, lmk.LIP_UPPER_INNER, cols)
        lower_in = np.maximum(_curve(uv, lmk.LIP_LOWER_INNER, cols), upper_in)
        lower_out = np.maximum(_curve(uv, lmk.LIP_LOWER_OUTER, cols), lower_in + 1.0)
        jaw = [i for i in lmk.FACE_OVAL if uv[i, 1] > 0.5 * hw]
        chin = np.maximum(_curve(uv, tuple(jaw), cols), lower_out + 0.5 * hw)
        neck = np.full_like(cols, chin.max() + 1.6 * hw)
        upper_out = np.minimum(upper_out, upper_in - 0.5)
        top = np.minimum(top, upper_out - 0.3 * hw)
        self.rest_v = np.stack([top, upper_out, upper_in, lower_in, lower_out, chin, neck])
        self.rest_uv = np.stack([np.broadcast_to(cols, self.rest_v.shape), self.rest_v], axis=-1)
        self.mesh = GridMesh(f.to_xy(self.rest_uv), self.ROWS, len(cols), width, height)

        t = cols / hw  # columns in half mouth widths
        self.lens = np.clip(1.0 - t * t, 0.0, 1.0) ** 0.6  # 1 mid-mouth, 0 at the corners and beyond
        self.jaw_fade = _smooth_fade(t, 0.9, 2.4)
        self.spread_shape = np.where(np.abs(t) <= 1.0, t, np.sign(t) * _smooth_fade(t - np.sign(t), 0.0, 1.3))
        self.rest_gap = self.rest_v[3] - self.rest_v[2]

    def moved(self, opening: float, spread: float) -> tuple[np.ndarray, np.ndarray]:
        """Moved vertices (image xy), and the inner-lip edges (upper and lower, image xy) of the mouth."""
        gap = opening * OPEN_GAP * 2.0 * self.half_w * self.lens
        change = gap - self.rest_gap
        v = self.rest_v.copy()
        v[2] -= UPPER_SHARE * change
        v[1] -= UPPER_OUTER_FOLLOW * UPPER_SHARE * change
        v[1] = np.minimum(v[1], v[2] - 0.5)
        lower = (1.0 - UPPER_SHARE) * change
        v[3] += lower
        v[4] += lower
        mid = int(np.argmin(np.abs(self.cols)))
        v[5] += (1.0 - UPPER_SHARE) * change[mid] * self.jaw_fade
        v[5] = np.maximum(v[5], v[4] + 1.0)
        u = np.broadcast_to(self.cols, v.shape).copy()
        u[1:5] += spread * SPREAD_PX * 2.0 * self.half_w * self.spread_shape
        uv = np.stack([u, v], axis=-1)
        xy = self.frame.to_xy(uv)
        return xy, xy[2:4]


class EyeRig:
    """One eye: the upper lid comes down over it for a blink."""

    ROWS = 4  # brow skin, upper lid, lower lid, cheek

    def __init__(self, lm: Landmarks, upper: tuple[int, ...], lower: tuple[int, ...], width: int, height: int) -> None:
        p = lm.points.astype(np.float64)
        origin = (p[upper[0]] + p[upper[-1]]) / 2.0
        self.frame = f = _frame(lm, origin)
        uv = f.to_uv(p)
        hw = max(2.0, float(np.hypot(*(p[upper[-1]] - p[upper[0]]))) / 2.0)
        cols = EYE_COLUMNS * hw
        lid = _curve(uv, upper, cols)
        low = np.maximum(_curve(uv, lower, cols), lid)
        self.rest_v = np.stack([lid - 0.9 * hw, lid, low, low + 0.7 * hw])
        self.cols = cols
        rest = np.stack([np.broadcast_to(cols, self.rest_v.shape), self.rest_v], axis=-1)
        self.mesh = GridMesh(f.to_xy(rest), self.ROWS, len(cols), width, height)

    def moved(self, closure: float) -> np.ndarray:
        v = self.rest_v.copy()
        v[1] += min(1.0, max(0.0, closure)) * BLINK_REACH * (v[2] - v[1])
        return self.frame.to_xy(np.stack([np.broadcast_to(self.cols, v.shape), v], axis=-1))


def eye_rigs(lm: Landmarks, width: int, height: int) -> list[EyeRig]:
    return [
        EyeRig(lm, lmk.EYE_R_UPPER, lmk.EYE_R_LOWER, width, height),
        EyeRig(lm, lmk.EYE_L_UPPER, lmk.EYE_L_LOWER, width, height),
    ]
