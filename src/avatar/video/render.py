"""Draw one frame of the talking head from the portrait and a Pose, by warping the portrait itself.

The lower face is a piecewise-affine mesh warp (``rig.MouthRig``): the lips part as a lens that meets at the
corners, the jaw drops and carries the lower lip and the chin, the corners spread and round. Where the lips
part, the inside of the mouth is drawn back to front, with soft edges: a cavity shaded from the photo's own
lip and skin colours (lit near the lips, dark inside), the tongue, the lower teeth on the jaw, and the upper
teeth fixed to the skull (the photo's own where it shows them, else drawn to this mouth's size). Blinks warp
the upper lids down (``rig.EyeRig``). Last, the head moves by a small rigid motion, faded out through a
feathered mask so no edge shows.

Everything that does not change between frames (meshes, masks, colours) is built once per portrait.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from avatar.video.animate import Pose
from avatar.video.mesh import Patch
from avatar.video.portrait import Portrait
from avatar.video.rig import MouthRig, MouthShape, eye_rigs

OPEN_EASE = 2.0  # > 1: mid-size openings grow, the widest stays the same (with animate.PHONEME_GAIN, it sets
# how many vowels open fully: more lifts the open-vowel gap against m/b/p, fewer follows loudness more closely)
DEAD_ZONE = 0.08  # mouth values below this (the tail of a closing curve) keep the lips together
TEETH_RGB = np.array((232, 222, 200), np.float32)  # plausible teeth in a well-lit photo (scaled to the photo's light)
PHOTO_UPPER_TEETH = 0.08  # the photo's upper teeth shown down to this far below the closed lip line (mouth widths)
PHOTO_TEETH_MIN_GAP = 0.03  # a rest gap (in mouth widths) over which the photo's mouth is searched for teeth
PHOTO_TEETH_MIN_AREA = 0.015  # teeth area (in square mouth widths) worth keeping
UPPER_TEETH_BELOW = 0.03  # the upper teeth's biting edge below the closed lip line, in mouth widths
LOWER_TEETH_SHOW = 0.018  # lower teeth shown above the lower lip mid-mouth at full opening, in mouth widths
TOOTH_EDGES = (0.0, 0.15, 0.27, 0.37, 0.45)  # gaps between upper teeth from the middle out, in mouth widths
CREASE_OPACITY = 0.8
ROUND_SHADES_TEETH = 0.85  # light taken off the teeth by lips fully pushed forward (oo, w): they shade the mouth
SWAY_STEP = 8  # px between the points where the head's motion field is worked out
CREASE_WIDTH = 0.022  # in mouth widths
LIP_FLOOR_REACH = 0.6  # the lips' tones at rest are read this far from mid-mouth, in half mouth widths
LIP_FLOOR_PERCENTILE = 2.0  # their darkest tone: this percentile of their greys (a few odd pixels aside)
SEAL_BLUR = 0.03  # the reach of the lip colour around a dark pixel that fills it, in mouth widths
SEAL_ABOVE = 1.2  # pixels darker than this share of the lips' darkest tone are lifted, fully below 0.9 of it
SEAL_EDGE = 0.04  # and this far (mouth widths) beyond the lips' outer edges, fading out
SEAL_LINE = 0.06  # lines and specks thinner than this (mouth widths) beside pursed lips are closed over
SEAL_REACH = 1.3  # pursed lips are kept from dark marks this far from mid-mouth, in half mouth widths
ROUND_CONTOUR = 4  # points per mesh column on a rounded opening's drawn contour
OPEN_PX = 0.05  # lips parted by less than this (px) are together: no cavity is drawn between them


def _cv2() -> Any:
    import cv2

    return cv2


def _smooth(x: np.ndarray) -> np.ndarray:
    """0 below 0, 1 above 1, a smooth step between (an anti-aliased edge one unit wide)."""
    t = np.clip(x, 0.0, 1.0)
    return np.asarray(t * t * (3.0 - 2.0 * t), np.float32)


def _median_rgb(image: np.ndarray, xy: np.ndarray) -> np.ndarray:
    h, w = image.shape[:2]
    ix = np.clip(np.round(xy[..., 0]).astype(int), 0, w - 1)
    iy = np.clip(np.round(xy[..., 1]).astype(int), 0, h - 1)
    return np.asarray(np.median(image[iy, ix].reshape(-1, 3), axis=0), np.float32)


class Renderer:
    """Renders frames for one portrait. Not thread-safe; one per encoder."""

    def __init__(self, portrait: Portrait) -> None:
        cv2 = _cv2()
        self.base = portrait.image
        h, w = self.base.shape[:2]
        self.size = (w, h)
        lm = portrait.landmarks
        self.mouth = m = MouthRig(lm, w, h)
        self.eyes = eye_rigs(lm, w, h)
        mw = 2.0 * m.half_w
        fr = m.frame

        # The photo's own colours: the cavity, tongue and teeth are tinted from them, so a dim or warm photo
        # gets a dim or warm mouth rather than a fixed maroon hole.
        self.lip_rgb = _median_rgb(self.base, fr.to_xy(self._band(3, 4)))
        self.skin_rgb = _median_rgb(self.base, fr.to_xy(self._band(4, 5)))
        light = float(np.clip(self.skin_rgb.mean() / 165.0, 0.5, 1.08))
        warm = np.array((1.25, 0.8, 0.8), np.float32)  # shadowed flesh loses blue and green before red
        self.deep_rgb = self.lip_rgb * 0.11 * warm
        self.edge_rgb = (self.lip_rgb * 0.4 + self.skin_rgb * 0.05) * warm
        self.tongue_rgb = (self.lip_rgb * 0.7 + np.array((190, 100, 105), np.float32) * light * 0.3) * 0.8
        self.teeth_rgb = TEETH_RGB * light
        self.crease_rgb = self.lip_rgb * 0.45  # the shadow line where closed lips meet
        self.soft = max(0.35, 0.008 * mw)  # blur of the drawn mouth's edges, in px: as soft as the photo
        # The gaps between teeth across the mouth (0 on a tooth, 1 between two), as tables over |u| in px.
        at = np.linspace(0.0, mw, max(64, int(8 * mw)))
        self.upper_gaps = (at, self._tooth_gaps(at, 1.0, max(0.6, 0.008 * mw)))
        self.lower_gaps = (at, self._tooth_gaps(at, 0.7, max(0.5, 0.006 * mw)))

        # The photo's teeth where it shows them: its rest opening (upper part fixed to the skull, lower part
        # moving with the jaw), kept where it is brighter than the lips (teeth, not the photo's own cavity).
        self.rest_mouth: np.ndarray | None = None
        if float(np.median(m.rest_gap[m.inside])) > PHOTO_TEETH_MIN_GAP * mw:
            mp = m.mesh.patch
            self.rest_origin = np.array([mp.x0, mp.y0], np.float64)
            ys, xs = np.mgrid[mp.y0 : mp.y1, mp.x0 : mp.x1].astype(np.float64)
            uv = fr.to_uv(np.stack([xs, ys], -1))
            inside = m.inside
            top = np.interp(uv[..., 0], m.cols[inside], m.rest_v[2][inside], left=np.inf, right=np.inf)
            bottom = np.interp(uv[..., 0], m.cols[inside], m.rest_v[3][inside], left=-np.inf, right=-np.inf)
            opening = _smooth(uv[..., 1] - top + 0.5) * _smooth(bottom - uv[..., 1] + 0.5)
            grey = self.base[mp.slices].astype(np.float32).mean(axis=2)
            lip_grey = float(self.lip_rgb.mean())
            teeth = _smooth((grey - lip_grey - 8.0) / 30.0)
            # Close the thin dark lines between teeth (they are teeth too), then soften the outline.
            k = max(3, int(0.03 * mw) | 1)
            teeth = cv2.morphologyEx(teeth, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, 1)))
            teeth = cv2.GaussianBlur(teeth, (0, 0), max(0.5, 0.01 * mw))
            alpha = np.ascontiguousarray(opening * teeth, np.float32)
            # Teeth worth keeping: at least a band a third of the mouth wide and a twentieth of it high.
            if float(alpha.sum()) > PHOTO_TEETH_MIN_AREA * mw * mw:
                self.rest_mouth = alpha
                # Drawn teeth (where the lip hid the photo's) take the colour of the photo's own.
                bright = self.base[mp.slices][alpha > 0.8]
                if len(bright) >= 10:
                    self.teeth_rgb = np.asarray(np.median(bright, axis=0), np.float32)
            self.rest_split = m.rest_v[2] + 0.7 * m.rest_gap  # photo teeth above: upper, below: lower
            # A broad smile shows long upper teeth; in speech only their edges show, so they are kept to a
            # plausible length below the closed lip line.
            self.upper_cap = m.closed + PHOTO_UPPER_TEETH * mw

        self.base_mouth = np.ascontiguousarray(self.base[m.mesh.patch.slices])
        self._fields()
        # The lips' own darkest tone at rest (mid-mouth, away from the corners and the opening), and a lip
        # colour that dark: lips pressed together at the corners (oo, w) are never darker than it.
        self.lip_floor = self._lip_floor()
        self.floor_rgb = self.lip_rgb * np.float32(self.lip_floor / max(float(self.lip_rgb.mean()), 1.0))

        # Head: a feathered ellipse over the face and hair; the motion pivots about the neck.
        f = portrait.face
        cx, cy = f.x + f.w / 2.0, f.y + f.h * 0.45
        ax, ay = 0.95 * f.w, 1.0 * f.h
        self.head = hr = Patch.around(np.array([[cx - ax * 1.2, cy - ay * 1.2], [cx + ax * 1.2, cy + ay * 1.2]]), w, h)
        mask = np.zeros(hr.shape, np.float32)
        cv2.ellipse(mask, (int(cx - hr.x0), int(cy - hr.y0)), (int(ax * 0.85), int(ay * 0.85)), 0, 0, 360, 1.0, -1)
        mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.12 * f.w))
        # The motion is a displacement field, full inside the head and fading out through the feather: one
        # remap per frame, and no ghost of the old position where the feather blends (as blending two
        # warped images would leave).
        # The field is smooth, so it is worked out on a coarse grid and scaled up: a few thousand points a frame.
        ys, xs = np.mgrid[hr.y0 : hr.y1, hr.x0 : hr.x1].astype(np.float32)
        self.head_xy = (xs, ys)
        self._sway_maps = (np.empty_like(xs), np.empty_like(ys))  # reused frame after frame
        coarse = (max(2, hr.shape[1] // SWAY_STEP), max(2, hr.shape[0] // SWAY_STEP))
        cys = np.linspace(hr.y0, hr.y1 - 1, coarse[1], dtype=np.float32)[:, None]
        cxs = np.linspace(hr.x0, hr.x1 - 1, coarse[0], dtype=np.float32)[None, :]
        self.head_coarse = (np.broadcast_to(cxs, (coarse[1], coarse[0])), np.broadcast_to(cys, (coarse[1], coarse[0])))
        self.head_mask = cv2.resize(mask, coarse, interpolation=cv2.INTER_AREA)
        self.pivot = (float(f.x + f.w / 2.0), float(f.y + f.h * 1.15))
        self.face_w = float(f.w)

    def _tooth_gaps(self, at: np.ndarray, scale: float, width: float) -> np.ndarray:
        mw = 2.0 * self.mouth.half_w
        gaps = sum(np.exp(-(((at - e * scale * mw) / width) ** 2)) for e in TOOTH_EDGES)
        return np.minimum(np.asarray(gaps, np.float64), 1.0)

    @property
    def photo_teeth(self) -> bool:
        """Whether the photo shows teeth of its own, which the renderer keeps (else it draws them)."""
        return self.rest_mouth is not None

    def _band(self, a: int, b: int) -> np.ndarray:
        """(u, v) points mid-mouth between rest rows ``a`` and ``b`` of the mouth rig (inside the lower lip, or
        on the chin), where the photo's own colours are read."""
        m = self.mouth
        grid = np.linspace(-0.5, 0.5, 9) * m.half_w
        mid = np.abs(m.cols) <= 0.6 * m.half_w
        va = np.interp(grid, m.cols[mid], m.rest_v[a][mid])
        vb = np.interp(grid, m.cols[mid], m.rest_v[b][mid])
        share = np.linspace(0.3, 0.7, 5)[:, None]
        v = va[None, :] + share * (vb - va)[None, :]
        return np.stack([np.broadcast_to(grid, v.shape), v], axis=-1)

    def _in_shade(self, rgb: np.ndarray, shape: MouthShape) -> np.ndarray:
        """Teeth behind lips pushed forward (oo, w) fall into the mouth's shadow, taking its warm colour: a
        rounded mouth reads as a dark opening, not a band of teeth."""
        k = ROUND_SHADES_TEETH * shape.rounding
        return rgb if k <= 0.0 else rgb * (1.0 - k) + self.deep_rgb * k

    def _lip_shadow(self, pv: np.ndarray, up_v: np.ndarray) -> np.ndarray:
        """Light on the upper teeth: the upper lip shades a thin band just under it, then a softer falloff."""
        mw = 2.0 * self.mouth.half_w
        below = pv - up_v
        crisp = _smooth(below / max(1.0, 0.03 * mw))
        return np.asarray(0.3 + 0.45 * crisp + 0.25 * np.clip(below / max(1.0, 0.08 * mw), 0.0, 1.0), np.float32)

    def opening(self, mouth: float) -> float:
        """The rig's opening for the animator's mouth value: shut in the dead zone, then eased so that a
        half-loud vowel already opens most of the way while the widest opening stays conversational."""
        x = min(1.0, max(0.0, (mouth - DEAD_ZONE) / (1.0 - DEAD_ZONE)))
        return float(1.0 - (1.0 - x) ** OPEN_EASE)

    def render(self, pose: Pose) -> np.ndarray:
        frame = self.base.copy()
        shape = self.mouth.moved(self.opening(pose.mouth), pose.spread, pose.tuck)
        self.mouth.mesh.warp(self.base, shape.xy, frame)
        self._seal_corners(frame, shape)
        self._crease(frame, shape.xy[2], shape.xy[3], shape.rounding)
        self._interior(frame, shape)
        if pose.blink > 0.02:
            for eye in self.eyes:
                eye.mesh.warp(self.base, eye.moved(pose.blink), frame)
        if pose.dx or pose.dy or pose.angle:
            frame = self._sway(frame, pose)
        return frame

    def _fields(self) -> None:
        """Per-pixel quantities of the mouth that do not change from frame to frame, over the mouth mesh's
        patch (the drawn inside of the mouth always lies within it): each pixel's place in the mouth's frame
        (u along the mouth, v down the face), and what depends on u alone (the closed lip line, the teeth's
        edges, the gaps between teeth, how each fades towards the corners)."""
        m = self.mouth
        mw = 2.0 * m.half_w
        mp = m.mesh.patch
        ys, xs = np.mgrid[mp.y0 : mp.y1, mp.x0 : mp.x1].astype(np.float32)
        fr = m.frame
        ox, oy = (float(c) for c in fr.origin)
        pu = (xs - ox) * float(fr.u[0]) + (ys - oy) * float(fr.u[1])
        pv = (xs - ox) * float(fr.v[0]) + (ys - oy) * float(fr.v[1])
        inside = m.inside
        closed = np.interp(pu, m.cols[inside], m.closed[inside]).astype(np.float32)
        t = np.clip(np.abs(pu) / m.half_w, 0.0, 1.0)  # 0 mid-mouth, 1 at the corners
        f32 = np.float32
        upper_gaps = np.interp(np.abs(pu), *self.upper_gaps)
        lower_gaps = np.interp(np.abs(pu), *self.lower_gaps)
        across = np.clip(1.0 - (pu / (0.6 * m.half_w)) ** 2, 0.0, 1.0)
        # Each tooth's biting edge rounds off into the gap beside it (the embrasures).
        below = (PHOTO_UPPER_TEETH - 0.01) if self.photo_teeth else UPPER_TEETH_BELOW  # to the photo's teeth' edge
        tooth_gap = 0.0 if self.photo_teeth else 0.15  # drawn teeth show the gaps between them, a photo's its own
        self.fields = {
            "lx": xs - mp.x0, "ly": ys - mp.y0, "pu": pu, "pv": pv,
            # lower teeth: their tops' rise towards the corners, how they hide there, their shading
            "lower_edge": (closed + 0.03 * mw * t * t).astype(f32),
            "lower_fade": ((1.0 - _smooth((t - 0.3) / 0.3)) * 0.8).astype(f32),
            "lower_shade": ((1.0 - 0.4 * t * t) * (1.0 - 0.15 * lower_gaps)).astype(f32),
            # upper teeth: their biting edge, how they fade towards the corners, their shading
            "upper_edge": (closed + below * mw * (1.0 - 0.6 * t * t) - 0.012 * mw * upper_gaps).astype(f32),
            "upper_fade": (1.0 - _smooth((t - 0.45) / 0.4)).astype(f32),
            "upper_shade": ((1.0 - 0.45 * t * t) * (1.0 - tooth_gap * upper_gaps)).astype(f32),
            # the tongue's dome across the mouth
            "across": across.astype(f32), "dome": np.sqrt(across).astype(f32), "tongue_fade": _smooth(across * 4.0),
        }  # fmt: skip
        if self.rest_mouth is not None:
            self.fields["split"] = np.interp(pu, m.cols[inside], self.rest_split[inside]).astype(f32)
            lift = max(1.5, 0.02 * mw)
            self.fields["photo_top"] = (np.interp(pu, m.cols[inside], m.rest_v[2][inside]) + lift).astype(f32)
            self.fields["cap"] = np.interp(pu, m.cols[inside], self.upper_cap[inside]).astype(f32)

    def _lip_floor(self) -> float:
        m = self.mouth
        pu, pv = self.fields["pu"], self.fields["pv"]
        rows = [np.interp(pu, m.cols, m.rest_v[k]) for k in (1, 2, 3, 4)]
        lips = ((pv > rows[0]) & (pv < rows[1])) | ((pv > rows[2]) & (pv < rows[3]))
        lips &= np.abs(pu) < LIP_FLOOR_REACH * m.half_w
        grey = self.base_mouth.astype(np.float32).mean(axis=2)[lips]
        return float(np.percentile(grey, LIP_FLOOR_PERCENTILE)) if grey.size else 0.0

    def _seal_corners(self, frame: np.ndarray, shape: MouthShape) -> None:
        """Pursed lips (oo, w) meet towards the corners, drawn in and pushed forward; the photo's own corner
        shadows and the dark edge of its opening, carried in with them, would show as dark marks beside the
        small opening. Between the lips' outer edges, outside the opening, nothing is left darker than the
        lips' own darkest tone at rest: darker pixels are lifted to a lip colour of that tone."""
        k = min(1.0, 2.0 * shape.rounding)
        if k <= 0.0 or self.lip_floor <= 0.0:
            return
        m = self.mouth
        near = np.abs(m.t) <= SEAL_REACH
        # Outside the opening: from the columns where it closes on each side outwards, each side on its own.
        parted = np.flatnonzero(m.inside & (shape.gap > OPEN_PX))
        index = np.arange(len(m.t))
        if parted.size:
            left, right = max(parted[0] - 1, 0), min(parted[-1] + 1, len(m.t) - 1)
            sides = [(near & (index <= left), shape.u[left], -1.0), (near & (index >= right), shape.u[right], 1.0)]
        else:
            sides = [(near, 0.0, 0.0)]
        for cols, tip, side in sides:
            if np.count_nonzero(cols) >= 2:
                self._seal(frame, shape, np.flatnonzero(cols), float(tip), side, k)

    def _seal(self, frame: np.ndarray, shape: MouthShape, cols: np.ndarray, tip: float, side: float, k: float) -> None:
        """One side of :meth:`_seal_corners`: the lips' band over ``cols``, beyond ``tip`` (u) on ``side``."""
        cv2 = _cv2()
        m = self.mouth
        rows = shape.xy[1:5][:, cols]
        mp = m.mesh.patch
        sigma = max(1.0, SEAL_BLUR * 2.0 * m.half_w)
        p = Patch.around(rows.reshape(-1, 2), mp.x1, mp.y1, pad=2)
        p = Patch(max(p.x0, mp.x0), max(p.y0, mp.y0), p.x1, p.y1)
        if p.x1 <= p.x0 or p.y1 <= p.y0:
            return
        sl = slice(p.y0 - mp.y0, p.y1 - mp.y0), slice(p.x0 - mp.x0, p.x1 - mp.x0)
        pu, pv = self.fields["pu"][sl], self.fields["pv"][sl]
        uv = m.frame.to_uv(rows)
        u = uv[0, :, 0]  # the lip rows share their columns' u
        top = np.interp(pu, u, uv[0, :, 1]).astype(np.float32)
        bottom = np.interp(pu, u, uv[3, :, 1]).astype(np.float32)
        # a little beyond the lips' outer edges too: a corner shadow drawn in lies along them
        pad = np.float32(max(1.0, SEAL_EDGE * 2.0 * m.half_w))
        weight = _smooth((pv - top) / pad + 1.0) * _smooth((bottom - pv) / pad + 1.0)
        if side:
            weight *= _smooth(np.float32(side) * (pu - np.float32(tip)) + 1.0)
        roi = frame[p.slices].astype(np.float32)
        grey = roi.mean(axis=2)
        floor = np.float32(self.lip_floor)
        # how dark: fully at 0.9 of the darkest tone and below, fading out a little above it (no dark rim)
        dark = np.clip((SEAL_ABOVE * floor - grey) / ((SEAL_ABOVE - 0.9) * floor), 0.0, 1.0)
        if float((dark * weight).max()) >= 0.01:
            # The colour of the lips around each dark pixel (their pixels that are not dark, blurred), or where
            # there are none near, a lip colour of that darkest tone.
            keep = cv2.GaussianBlur(1.0 - dark, (0, 0), sigma)
            around = cv2.GaussianBlur(roi * (1.0 - dark)[..., None], (0, 0), sigma)
            share = np.clip(keep * 4.0, 0.0, 1.0)[..., None]
            fill = share * around / np.maximum(keep, 1e-3)[..., None] + (1.0 - share) * self.floor_rgb
            # and the rim of a mark: beside a dark pixel, those well darker than the lips around them
            grey_fill = fill.mean(axis=2)
            rim = np.clip((0.92 * grey_fill - grey) / (0.12 * np.maximum(grey_fill, 1.0)), 0.0, 1.0)
            rim *= np.clip((1.0 - keep) * 8.0, 0.0, 1.0)
            lift = weight * np.float32(k) * np.maximum(dark, rim)
            roi += lift[..., None] * (fill - roi)
        # Thin lines and specks darker than the lips and skin right around them (a smile's corner crease, the
        # edge of the photo's opening), at any tone, are closed over: a pursed corner is smooth.
        size = max(3, int(SEAL_LINE * 2.0 * m.half_w) | 1)
        out = np.rint(roi).astype(np.uint8)
        closed = cv2.morphologyEx(out, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (size, size)))
        grey = cv2.cvtColor(out, cv2.COLOR_RGB2GRAY).astype(np.float32)
        grey_closed = cv2.cvtColor(closed, cv2.COLOR_RGB2GRAY).astype(np.float32)
        line = weight * np.float32(k) * np.clip((grey_closed - grey) / (0.1 * np.maximum(grey_closed, 1.0)), 0.0, 1.0)
        frame[p.slices] = cv2.blendLinear(closed, out, line, 1.0 - line)

    def _interior(self, frame: np.ndarray, shape: MouthShape) -> None:
        """Paint the inside of the mouth between the moved inner lips: a shaded cavity, the tongue, the lower
        teeth on the jaw and the upper teeth on the skull, back to front, with soft edges."""
        cv2 = _cv2()
        m = self.mouth
        gap = shape.gap
        if float(gap[m.inside].max()) < 0.6:
            return
        # Only where the lips part (and the columns where the opening closes on each side): lips pressed
        # together beyond it (a rounded "oo") get no cavity, not even an anti-aliased line along their seam.
        open_cols = np.flatnonzero(m.inside & (gap > OPEN_PX))
        cols = np.arange(max(open_cols[0] - 1, 0), min(open_cols[-1] + 2, len(gap)))
        cols = cols[m.inside[cols]]
        upper, lower = shape.xy[2][cols], shape.xy[3][cols]
        if shape.rounding > 0.0 and shape.line is not None and len(cols) >= 3:
            upper, lower = self._rounded_contour(shape, cols)
        poly = np.concatenate([upper, lower[::-1]])
        mp = m.mesh.patch
        pad = int(np.ceil(3.0 * self.soft)) + 2
        p = Patch.around(poly, mp.x1, mp.y1, pad=pad)
        p = Patch(max(p.x0, mp.x0), max(p.y0, mp.y0), p.x1, p.y1)
        if p.x1 <= p.x0 or p.y1 <= p.y0:
            return
        origin = np.array([p.x0, p.y0], np.float64)
        mask = np.zeros(p.shape, np.float32)
        cv2.fillPoly(mask, [np.round((poly - origin) * 16).astype(np.int32)], 1.0, cv2.LINE_AA, 4)
        mask = cv2.GaussianBlur(mask, (0, 0), self.soft)

        mw = 2.0 * m.half_w
        sl = slice(p.y0 - mp.y0, p.y1 - mp.y0), slice(p.x0 - mp.x0, p.x1 - mp.x0)
        f = {k: v[sl] for k, v in self.fields.items()}
        pu, pv = f["pu"], f["pv"]
        inside = m.inside
        su = shape.u[inside]
        up_v = np.interp(pu, su, shape.upper[inside]).astype(np.float32)
        lo_v = np.interp(pu, su, shape.lower[inside]).astype(np.float32)
        gap_mid = float(gap[inside].max())

        # Cavity: lit near the lips, dark deep inside.
        depth = np.maximum(np.minimum(pv - up_v, lo_v - pv), 0.0)
        near = np.exp(-depth / max(1.0, 0.05 * mw))[..., None]
        out = self.deep_rgb + near * (self.edge_rgb - self.deep_rgb)
        # Tongue: a low dome behind the lower teeth, shown as the jaw drops, in the mouth's shadow.
        show = float(np.clip((shape.opening - 0.4) / 0.4, 0.0, 1.0))
        if show > 0.0:
            top = lo_v - np.float32(0.28 * show * gap_mid) * f["dome"]
            tongue = (_smooth(pv - top) * f["tongue_fade"])[..., None]
            lit = np.clip((pv - top) / max(1.0, 0.08 * mw), 0.0, 1.0) * f["across"]
            out += tongue * (self.tongue_rgb * (0.3 + 0.3 * lit)[..., None] - out)
        # Lower teeth: rigid on the jaw, their tops a little above the lower lip mid-mouth, hidden towards
        # the corners where the lip drops less than the jaw.
        reveal = float(np.clip(shape.opening / 0.3, 0.0, 1.0))
        lt = f["lower_edge"] + np.float32(shape.jaw - LOWER_TEETH_SHOW * mw * reveal)
        lower_teeth = _smooth(pv - lt) * f["lower_fade"]
        lshade = (0.45 + 0.25 * np.clip((pv - lt) / max(1.0, 0.03 * mw), 0.0, 1.0)) * f["lower_shade"]
        out += lower_teeth[..., None] * (self.teeth_rgb * lshade[..., None] - out)
        # Upper teeth: fixed to the skull, their biting edge just below the closed lip line, shaded under the
        # upper lip and towards the corners, with a faint gap between each tooth. A photo that shows its own
        # teeth has them drawn over these, which then fill only where the photo's lip hid its teeth.
        upper_teeth = _smooth(f["upper_edge"] - pv) * f["upper_fade"]
        shadow = self._lip_shadow(pv, up_v)
        ushade = shadow * f["upper_shade"]
        out += upper_teeth[..., None] * (self._in_shade(self.teeth_rgb * ushade[..., None], shape) - out)
        if self.rest_mouth is not None:
            self._photo_teeth(out, f, shadow, shape)

        roi = frame[p.slices].astype(np.float32)
        roi += mask[..., None] * (out - roi)
        frame[p.slices] = np.clip(roi, 0, 255).astype(np.uint8)

    def _rounded_contour(self, shape: MouthShape, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The inner lips of a rounded opening (oo, w), finer than the mesh's columns: the gap between them is
        interpolated as a power of it (its square on a full rounding, as an ellipse's is a parabola), so the
        oval's ends are round, not the blunt wedge from its last open column to where it closes."""
        assert shape.line is not None
        power = 1.0 + shape.rounding
        u, line = shape.u[cols], shape.line[cols]
        gap = np.maximum(shape.lower[cols] - shape.upper[cols], 0.0)
        mid = int(np.argmax(gap))
        up_share = float((line[mid] - shape.upper[cols][mid]) / max(gap[mid], 1e-6))
        fine = np.linspace(float(u[0]), float(u[-1]), ROUND_CONTOUR * (len(cols) - 1) + 1)
        g = np.interp(fine, u, gap**power) ** (1.0 / power)
        c = np.interp(fine, u, line)
        uv_up = np.stack([fine, c - up_share * g], axis=-1)
        uv_lo = np.stack([fine, c + (1.0 - up_share) * g], axis=-1)
        return self.mouth.frame.to_xy(uv_up), self.mouth.frame.to_xy(uv_lo)

    def _photo_teeth(self, out: np.ndarray, f: dict[str, np.ndarray], shadow: np.ndarray, shape: MouthShape) -> None:
        """The photo's own teeth over the drawn ones: its upper teeth where they were (the skull does not move),
        its lower teeth moved down with the jaw; each shaded under the upper lip like the drawn ones."""
        cv2 = _cv2()
        m = self.mouth
        assert self.rest_mouth is not None
        fr = m.frame
        pv, split = f["pv"], f["split"]
        jaw = np.float32(shape.jaw)
        # Upper teeth stay put; where the lifted upper lip shows more of them than the photo did, the photo's
        # top row is carried up. Lower teeth come down with the jaw.
        lower = pv - jaw > split
        shift = np.where(lower, jaw, np.minimum(pv - f["photo_top"], 0.0)).astype(np.float32)
        sx = f["lx"] - shift * np.float32(fr.v[0])
        sy = f["ly"] - shift * np.float32(fr.v[1])
        alpha = cv2.remap(self.rest_mouth, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
        teeth = cv2.remap(self.base_mouth, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        alpha = alpha * np.maximum(_smooth(f["cap"] - pv + 0.5), lower.astype(np.float32))
        lit = teeth.astype(np.float32) * shadow[..., None]
        out += alpha[..., None] * (self._in_shade(lit, shape) - out)

    def _crease(self, frame: np.ndarray, upper: np.ndarray, lower: np.ndarray, rounding: float = 0.0) -> None:
        """Where the lips (nearly) meet, the thin shadow line between them, fading as they part. Pursed lips
        (oo, w) press together towards the corners with no dark line there: the crease keeps to the middle."""
        cv2 = _cv2()
        m = self.mouth
        width = max(1.0, CREASE_WIDTH * 2.0 * m.half_w)
        gap = np.hypot(*(lower - upper).T)
        reach = 1.0 - 0.5 * rounding  # the share of the half width the crease reaches
        taper = np.clip(1.0 - (np.abs(m.cols) / (reach * m.half_w)) ** 4, 0.0, 1.0)  # fades out at the corners
        strength = np.clip(1.0 - gap / (2.5 * width), 0.0, 1.0) * taper
        inside = np.flatnonzero(np.abs(m.cols) <= m.half_w)
        if inside.size < 2 or strength.max() <= 0.02:
            return
        mid = (upper + lower) / 2.0
        w, h = self.size
        p = Patch.around(mid[inside], w, h, pad=int(width) + 3)
        origin = np.array([p.x0, p.y0], np.float64)
        mask = np.zeros(p.shape, np.float32)
        for a, b in itertools.pairwise(inside):
            level = float(min(strength[a], strength[b]))
            if level > 0.02:
                pa = tuple(int(v) for v in np.round((mid[a] - origin) * 16))
                pb = tuple(int(v) for v in np.round((mid[b] - origin) * 16))
                cv2.line(mask, pa, pb, level, max(1, round(width)), cv2.LINE_AA, 4)
        mask = cv2.GaussianBlur(mask, (0, 0), max(0.5, width / 2.0)) * CREASE_OPACITY
        roi = frame[p.slices].astype(np.float32)
        roi += mask[..., None] * (self.crease_rgb - roi)
        frame[p.slices] = roi.astype(np.uint8)

    def _sway(self, frame: np.ndarray, pose: Pose) -> np.ndarray:
        """The frame with the head moved (a new array where the head's patch is the whole frame)."""
        cv2 = _cv2()
        hr = self.head
        fwd = cv2.getRotationMatrix2D(self.pivot, pose.angle, 1.0)
        fwd[0, 2] += pose.dx * self.face_w
        fwd[1, 2] += pose.dy * self.face_w
        inv = cv2.invertAffineTransform(fwd)  # where each output pixel comes from, where the head moves fully
        (cx, cy), mask = self.head_coarse, self.head_mask
        # displacement = mask * (inv @ p - p), on the coarse grid, then scaled up to the patch
        dx = mask * ((inv[0, 0] - 1.0) * cx + inv[0, 1] * cy + inv[0, 2])
        dy = mask * (inv[1, 0] * cx + (inv[1, 1] - 1.0) * cy + inv[1, 2])
        size = (hr.x1 - hr.x0, hr.y1 - hr.y0)
        xs, ys = self.head_xy
        map_x, map_y = self._sway_maps
        cv2.resize(dx.astype(np.float32), size, dst=map_x, interpolation=cv2.INTER_LINEAR)
        cv2.resize(dy.astype(np.float32), size, dst=map_y, interpolation=cv2.INTER_LINEAR)
        cv2.add(map_x, xs, dst=map_x)
        cv2.add(map_y, ys, dst=map_y)
        moved = cv2.remap(frame, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        if moved.shape == frame.shape:
            return np.asarray(moved)
        frame[hr.slices] = moved
        return frame
