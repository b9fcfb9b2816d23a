"""The face rig: meshes laid along the portrait's own lips, jaw and eyelids, and how a pose moves them.

Each mesh is a grid in a frame aligned with the face (u along the eye line, v down the face). Its rows are
curves read off the landmarks (under the nose, upper lip outer and inner edge, lower lip inner and outer
edge, chin, under the chin, neck for the mouth; brow skin, upper lid, lower lid, cheek for an eye) and its columns cross
them, so no triangle spans an open mouth or an eye. A pose moves the rows:

- the lips close along a line between the photo's inner lips (so they meet on m, b, p even when the photo
  smiles with its teeth showing) and part by a lens-shaped profile that is zero at the corners, so the two
  inner contours meet there;
- the jaw carries most of an opening: the lower lip rides down with it and keeps its height, and the chin,
  the face outline below the mouth and a band of the shadow under it drop together by the jaw's drop (the
  neck below them stretches, not the chin), fading towards the hinge by the ears; the upper lip takes a
  tenth; a full opening parts the lips by under a quarter of the mouth's width;
- spread pulls the lip corners out (ee); rounding purses them in and pushes the lips forward, so each turns
  out and shows more of its red, and they stay together towards the corners and part only in the middle,
  in a small oval whose top lifts as far as its bottom drops, about a lip line that pursing straightens
  (oo); an opening draws the corners in a little, a broad smile more; a tuck (f, v) lifts the upper lip off
  the teeth and rolls the lower lip in under them;
- a blink brings the upper lid down onto the lower one; the skin above follows, lashes at its edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from avatar.video import landmarks as lmk
from avatar.video.landmarks import Landmarks
from avatar.video.mesh import GridMesh

OPEN_GAP = 0.24  # inner-lip gap mid-mouth at full opening, in mouth widths: a conversational "ah", not a shout
UPPER_SHARE = 0.1  # share of an opening taken by the upper lip; the jaw carries the rest
CLOSE_SHARE = 0.1  # shut lips meet this far down the photo's opening: the jaw closes it, the upper lip barely moves
UPPER_OUTER_FOLLOW = 0.6  # the upper lip's outer edge follows its inner edge this much (it stretches a little)
CHIN_CARRY = 1.22  # the chin drops this much more than the lower lip: it is further from the jaw's hinge
CHIN_ROW = 0.2  # the chin row's place below the face outline, in half mouth widths
UNDER_CHIN = 0.8  # the row under the chin, below the chin row, in half mouth widths
NECK_ROOM = 1.0  # in half mouth widths, between the row under the chin and the neck row (which stays)
CORNER_IN = 0.0  # lip corners drawn in at full opening beyond the relaxing of a smile, in mouth widths
NEUTRAL_MOUTH = 0.8  # a relaxed mouth's width in eye distances: a wider one (a smile) relaxes as the jaw drops
SPREAD_PX = 0.09  # lip-corner shift at full spread or rounding, in mouth widths
TUCK_RAISE = 0.075  # upper-lip lift on f/v, in mouth widths (the upper teeth show above the lower lip)
EVERT = 0.4  # share of its height by which each lip turns out on a full rounding (pushed forward, more red shows)
ROUND_UPPER = 0.4  # share of a rounded opening added to the upper lip's (its middle lifts: an O, not a bowl)
ROUND_PROFILE = 0.55  # the rounded opening's profile exponent (0.5: an ellipse), against the lens's 1.6
ROUND_FLATTEN = 1.0  # share of the lip line's curve (a smile's) that full rounding takes out of it
ROUND_NARROW = 0.4  # share of the mouth's width, from the corners in, over which rounded lips stay together
TUCK_ROLL = 0.35  # share of its height by which the lower lip rolls in under the upper teeth on f/v
# In half mouth widths, corners at -1 and 1: dense between the corners, where the lens of the opening tapers.
_SIDE = np.array([1.1, 1.3, 1.6, 2.0, 2.4])
MOUTH_COLUMNS = np.concatenate([-_SIDE[::-1], np.linspace(-1.0, 1.0, 17), _SIDE])
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


@dataclass(frozen=True)
class MouthShape:
    """One frame's mouth: the moved mesh vertices (image xy), and per column, in the mouth's frame (u, v),
    where the inner lips are, where the upper teeth (fixed to the skull) and lower teeth (on the jaw) end."""

    xy: np.ndarray  # (ROWS, columns, 2)
    u: np.ndarray  # columns' u after spread (inner-lip rows)
    upper: np.ndarray  # v of the upper inner lip
    lower: np.ndarray  # v of the lower inner lip
    jaw: float  # the jaw's drop mid-mouth (px): the lower teeth move with it
    opening: float  # 0..1
    rounding: float = 0.0  # 0..1: lips pushed forward (oo, w), shading the teeth
    tuck: float = 0.0  # 0..1: the lower lip under the upper teeth (f, v)
    line: np.ndarray | None = None  # v of the line the inner lips part from (where they meet when shut)

    @property
    def gap(self) -> np.ndarray:
        return np.asarray(self.lower - self.upper, np.float64)


class MouthRig:
    """The lower face: lips and jaw.

    The lips close along ``closed`` (a line between the photo's inner lips), so a photo whose mouth is open
    at rest still shuts on m, b, p. An opening parts them by a lens-shaped profile, zero at the corners, so the
    two contours meet there. The jaw turns about its hinge by the ear: from the front, the chin and the skin
    below the lower lip drop by the jaw's full drop mid-face, fading to nothing towards the ears, so the face
    outline below the mouth follows the jaw. The lower lip rides on the jaw and keeps its height.
    """

    ROWS = 8  # under the nose, upper outer, upper inner, lower inner, lower outer, chin, under the chin, neck

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
        # The chin row lies a little below the face outline and a second row under it, in the shadow below
        # the jaw; both drop together, so the outline and its edge move down as one piece (the jaw is rigid),
        # and the skin that stretches is the neck's, below them.
        chin = np.maximum(_curve(uv, tuple(jaw), cols) + CHIN_ROW * hw, lower_out + 0.5 * hw)
        under = chin + UNDER_CHIN * hw
        neck = np.full_like(cols, under.max() + NECK_ROOM * hw)  # room for the chin to drop over the neck
        upper_out = np.minimum(upper_out, upper_in - 0.5)
        top = np.minimum(top, upper_out - 0.3 * hw)
        self.rest_v = np.stack([top, upper_out, upper_in, lower_in, lower_out, chin, under, neck])
        self.rest_uv = np.stack([np.broadcast_to(cols, self.rest_v.shape), self.rest_v], axis=-1)
        self.mesh = GridMesh(f.to_xy(self.rest_uv), self.ROWS, len(cols), width, height)

        self.t = t = cols / hw  # columns in half mouth widths
        self.inside = np.abs(t) <= 1.0 + 1e-9
        # 1 mid-mouth, 0 at the corners: full across the middle and tapering into each corner, where the lips
        # meet (a lens, as real lips part; 0.22 of the middle's opening at 80 % of the way to a corner).
        self.lens = np.clip(1.0 - np.abs(t) ** 2.2, 0.0, 1.0) ** 1.6
        self.jaw_fade = _smooth_fade(t, 0.8, 2.6)  # the jaw's drop, fading towards the hinge by the ear
        self.spread_shape = np.where(np.abs(t) <= 1.0, t, np.sign(t) * _smooth_fade(t - np.sign(t), 0.0, 1.3))
        self.rest_gap = lower_in - upper_in
        self.closed = upper_in + CLOSE_SHARE * self.rest_gap  # where the lips meet when shut
        self.lip_height = lower_out - lower_in
        self.upper_mid = float(np.median((upper_in - upper_out)[np.abs(cols) <= 0.3 * hw]))  # the upper lip's height
        # A broad smile cannot stay as broad with the jaw dropped: its corners come in towards a relaxed width.
        self.relax = max(0.0, lm.mouth_width() - NEUTRAL_MOUTH * lm.eye_distance()) / 2.0 / max(lm.mouth_width(), 1.0)

    def moved(self, opening: float, spread: float = 0.0, tuck: float = 0.0) -> MouthShape:
        """The mouth for an opening (0..1), a spread (-1 rounded .. 1 spread) and a tuck (lower lip to the
        upper teeth, 0..1)."""
        o = min(1.0, max(0.0, opening))
        tuck = min(1.0, max(0.0, tuck)) * (1.0 - o)
        mw = 2.0 * self.half_w
        # Rounding gives a rounder, smaller opening; spreading a flatter one that tapers sooner.
        power = 1.0 + 0.35 * min(0.0, spread) + 0.3 * max(0.0, spread)
        rounding = max(0.0, -spread)
        closed = self.closed
        if rounding > 0.0:
            # Pushed forward and pursed, the lips stay together towards the corners and part only in the middle:
            # a small oval opening inside full lips, not a slot across the mouth. Its profile tends to an
            # ellipse's (round at its ends, not pointed), about a straight line: pursing takes the curve of a
            # smile (or a frown) out of the lip line, so the oval's top is not flattened and its bottom not drawn
            # to a point by it.
            t = np.abs(self.t) / (1.0 - ROUND_NARROW * rounding)
            exponent = 1.6 * power * (1.0 - rounding) + ROUND_PROFILE * rounding
            lens = np.clip(1.0 - t ** (2.2 - 0.2 * rounding), 0.0, 1.0) ** exponent
            mid = int(np.argmin(np.abs(self.cols)))
            closed = closed + ROUND_FLATTEN * rounding * (closed[mid] - closed) * self.jaw_fade
        else:
            lens = self.lens**power
        gap = o * OPEN_GAP * mw * lens
        upper_share = UPPER_SHARE + ROUND_UPPER * rounding  # a rounded opening arches up as much as down
        raise_up = upper_share * gap + tuck * TUCK_RAISE * mw * lens
        drop = gap - upper_share * gap
        v = self.rest_v.copy()
        v[2] = closed - raise_up
        # Rounded lips are pushed forward and turn out: each shows more of its red, the upper lip's outer edge
        # rising and the lower lip's falling, most in the middle. The upper lip rides up over the opening as a
        # whole (it is not thinned by it).
        evert = EVERT * rounding * self.lens**0.4  # across the lips, not only mid-mouth: they turn out as a whole
        upper_h = self.rest_v[2] - self.rest_v[1]
        follow = UPPER_OUTER_FOLLOW + (1.0 - UPPER_OUTER_FOLLOW) * rounding
        v[1] = np.minimum(self.rest_v[1] + follow * (v[2] - self.rest_v[2]) - evert * upper_h, v[2] - 0.5)
        if rounding > 0.0:
            # Bunched up, the upper lip stays full out to where it meets the lower one at the corner, not thinned
            # to a line beside the opening (as a smiling photo's lip is at its corners).
            bunched = rounding * (1.0 + EVERT) * self.upper_mid * np.sqrt(np.clip(1.0 - self.t**2, 0.0, 1.0))
            v[1] = np.minimum(v[1], v[2] - bunched)
        v[3] = closed + drop
        # The lower lip keeps its height (its outer edge rides down with the inner one); on f/v it rolls in.
        roll = tuck * TUCK_ROLL - evert
        v[4] = np.maximum(self.rest_v[4] + (v[3] - self.rest_v[3]) - roll * self.lip_height, v[3] + 1.0)
        mid = int(np.argmin(np.abs(self.cols)))
        jaw = float(drop[mid])  # the lower teeth ride with the lower lip mid-mouth
        v[5] = np.maximum(self.rest_v[5] + CHIN_CARRY * jaw * self.jaw_fade, v[4] + 1.0)
        v[6] = np.maximum(self.rest_v[6] + CHIN_CARRY * jaw * self.jaw_fade, v[5] + 1.0)  # rigid with the chin
        u = np.broadcast_to(self.cols, v.shape).copy()
        purse = 1.3 * SPREAD_PX * max(0.0, -spread)  # rounding draws the corners in further than spreading pulls
        corner = (max(0.0, spread) * SPREAD_PX - purse) * mw - o * (CORNER_IN + self.relax) * mw
        u[1:5] += corner * self.spread_shape
        uv = np.stack([u, v], axis=-1)
        return MouthShape(self.frame.to_xy(uv), u[2].copy(), v[2].copy(), v[3].copy(), jaw, o, rounding, tuck, closed)


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
