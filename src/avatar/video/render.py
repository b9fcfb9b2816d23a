"""Draw one frame of the talking head from the portrait and a Pose, by warping the portrait itself.

The lower face is a piecewise-affine mesh warp (``rig.MouthRig``): the lips part and meet, the jaw drops,
the corners spread and round. Where the lips part, the inside of the mouth is drawn: a shaded cavity, the
photo's own upper teeth carried by the upper lip (or a hint of teeth when the photo shows none), a hint of
the lower teeth and the tongue. Blinks warp the upper lids down (``rig.EyeRig``). Last, the whole face
region sways by a small similarity transform, blended in through a feathered mask so no edge shows.

Everything that does not change between frames (meshes, masks) is built once per portrait.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from avatar.video.animate import Pose
from avatar.video.mesh import Patch
from avatar.video.portrait import Portrait
from avatar.video.rig import MouthRig, eye_rigs

DEAD_ZONE = 0.08  # mouth values below this (the tail of a closing curve) keep the lips together
CAVITY_RGB = np.array((40, 12, 16), np.float32)  # the back of an open mouth
CAVITY_EDGE_RGB = np.array((88, 32, 36), np.float32)  # lit inner cheeks, near the lips
TONGUE_RGB = np.array((132, 56, 60), np.float32)
TEETH_RGB = np.array((228, 222, 210), np.float32)
TEETH_MIN_GAP = 0.11  # a rest gap over this share of the mouth width shows teeth worth carrying
CREASE_RGB = np.array((96, 42, 46), np.float32)  # the shadow line where closed lips meet
CREASE_OPACITY = 0.55
CREASE_WIDTH = 0.025  # in mouth widths


def _cv2() -> Any:
    import cv2

    return cv2


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

        # The photo's mouth opening at rest: its pixels are the teeth the upper lip carries.
        rest_upper, rest_lower = m.frame.to_xy(m.rest_uv[2]), m.frame.to_xy(m.rest_uv[3])
        mid = int(np.argmin(np.abs(m.cols)))
        self.photo_teeth = float(m.rest_gap[mid]) > TEETH_MIN_GAP * 2.0 * m.half_w
        mp = m.mesh.patch  # the photo's mouth opening as a soft mask, over the mouth's patch only
        self.rest_mouth = np.zeros(mp.shape, np.float32)
        self.rest_origin = np.array([mp.x0, mp.y0], np.float64)
        if self.photo_teeth:
            poly = np.concatenate([rest_upper, rest_lower[::-1]]) - self.rest_origin
            cv2.fillPoly(self.rest_mouth, [np.round(poly * 16).astype(np.int32)], 1.0, cv2.LINE_AA, 4)

        # Head: a feathered ellipse over the face and hair; the sway pivots about the neck.
        f = portrait.face
        cx, cy = f.x + f.w / 2.0, f.y + f.h * 0.45
        ax, ay = 0.95 * f.w, 1.0 * f.h
        self.head = hr = Patch.around(np.array([[cx - ax * 1.2, cy - ay * 1.2], [cx + ax * 1.2, cy + ay * 1.2]]), w, h)
        mask = np.zeros(hr.shape, np.float32)
        cv2.ellipse(mask, (int(cx - hr.x0), int(cy - hr.y0)), (int(ax * 0.85), int(ay * 0.85)), 0, 0, 360, 1.0, -1)
        mask = cv2.GaussianBlur(mask, (0, 0), max(1.0, 0.12 * f.w))
        self.head_mask = mask
        self.head_inv = np.ascontiguousarray(1.0 - mask)
        self.pivot = (float(f.x + f.w / 2.0), float(f.y + f.h * 1.15))
        self.face_w = float(f.w)

    def opening(self, mouth: float) -> float:
        return min(1.0, max(0.0, (mouth - DEAD_ZONE) / (1.0 - DEAD_ZONE)))

    def render(self, pose: Pose) -> np.ndarray:
        frame = self.base.copy()
        xy, lips = self.mouth.moved(self.opening(pose.mouth), pose.spread)
        self.mouth.mesh.warp(self.base, xy, frame)
        self._crease(frame, lips[0], lips[1])
        self._interior(frame, lips[0], lips[1])
        if pose.blink > 0.02:
            for eye in self.eyes:
                eye.mesh.warp(self.base, eye.moved(pose.blink), frame)
        if pose.dx or pose.dy or pose.angle:
            self._sway(frame, pose)
        return frame

    def _interior(self, frame: np.ndarray, upper: np.ndarray, lower: np.ndarray) -> None:
        """Paint the inside of the mouth between the moved inner-lip edges (image xy, one point per column)."""
        cv2 = _cv2()
        m = self.mouth
        inside = np.flatnonzero(np.abs(m.cols) < m.half_w * 1.05)  # corner to corner: a lens, pointed at both ends
        if inside.size < 3 or np.hypot(*(lower[inside] - upper[inside]).T).max() < 0.6:
            return
        poly = np.concatenate([upper[inside], lower[inside][::-1]])
        w, h = self.size
        p = Patch.around(poly, w, h, pad=2)
        if p.x1 <= p.x0 or p.y1 <= p.y0:
            return
        origin = np.array([p.x0, p.y0], np.float64)
        mask = np.zeros(p.shape, np.float32)
        cv2.fillPoly(mask, [np.round((poly - origin) * 16).astype(np.int32)], 1.0, cv2.LINE_AA, 4)

        # Each pixel's place in the mouth: u across, and depth d from the upper (0) to the lower (1) lip.
        ys, xs = np.mgrid[p.y0 : p.y1, p.x0 : p.x1].astype(np.float64)
        fr = m.frame
        pu = (xs - fr.origin[0]) * fr.u[0] + (ys - fr.origin[1]) * fr.u[1]
        pv = (xs - fr.origin[0]) * fr.v[0] + (ys - fr.origin[1]) * fr.v[1]
        up_uv, lo_uv = fr.to_uv(upper), fr.to_uv(lower)  # their u moved with the spread; still in order
        up_v = np.interp(pu, up_uv[:, 0], up_uv[:, 1])
        lo_v = np.interp(pu, lo_uv[:, 0], lo_uv[:, 1])
        gap = np.maximum(lo_v - up_v, 1e-3)
        d = np.clip((pv - up_v) / gap, 0.0, 1.0)
        t = np.clip(np.abs(pu) / m.half_w, 0.0, 1.0)  # 0 mid-mouth, 1 at the corners
        open_share = float(np.clip(gap.max() / (0.35 * 2.0 * m.half_w), 0.0, 1.0))

        # Cavity: lit near the lips and the corners, dark at the back.
        edge = np.clip(1.0 - 4.0 * d * (1.0 - d), 0.0, 1.0) * 0.5 + 0.5 * t**2
        out = CAVITY_RGB + edge[..., None] * (CAVITY_EDGE_RGB - CAVITY_RGB)
        # Tongue: low in the mouth, shown as it opens.
        tongue = np.clip((d - 0.55) / 0.25, 0.0, 1.0) * np.clip(1.0 - (t / 0.75) ** 2, 0.0, 1.0) * 0.55 * open_share
        out += tongue[..., None] * (TONGUE_RGB - out)
        # A hint of the lower teeth just behind the lower lip.
        band = 0.06 * 2.0 * m.half_w
        lower_teeth = np.clip(1.0 - (lo_v - pv) / band, 0.0, 1.0) * (d > 0.3) * (1.0 - t**2) * 0.6
        out += lower_teeth[..., None] * (TEETH_RGB * 0.85 - out)
        # Upper teeth: the photo's, carried by the upper lip, or a hint where the photo shows none.
        if self.photo_teeth:
            src_u = np.interp(pu, up_uv[:, 0], m.cols)  # where this column of teeth sat in the photo
            shift_v = np.interp(pu, up_uv[:, 0], up_uv[:, 1] - m.rest_v[2])
            shift_u = pu - src_u
            sx = (xs - shift_u * fr.u[0] - shift_v * fr.v[0]).astype(np.float32)
            sy = (ys - shift_u * fr.u[1] - shift_v * fr.v[1]).astype(np.float32)
            teeth = cv2.remap(self.base, sx, sy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
            ox, oy = (float(v) for v in self.rest_origin)
            alpha = cv2.remap(self.rest_mouth, sx - ox, sy - oy, cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)
            out += alpha[..., None] * (teeth.astype(np.float32) - out)
        else:
            # A band of teeth under the upper lip with a crisp biting edge, shaded towards the corners.
            band_up = 0.09 * 2.0 * m.half_w
            upper_teeth = np.clip(band_up - (pv - up_v), 0.0, 1.0) * np.clip(1.2 - t**2, 0.0, 1.0) * 0.9
            shade = (0.75 + 0.25 * np.clip((pv - up_v) / band_up, 0.0, 1.0)) * (1.0 - 0.35 * t**2)
            out += upper_teeth[..., None] * (TEETH_RGB * shade[..., None] - out)

        roi = frame[p.slices].astype(np.float32)
        roi += mask[..., None] * (out - roi)
        frame[p.slices] = np.clip(roi, 0, 255).astype(np.uint8)

    def _crease(self, frame: np.ndarray, upper: np.ndarray, lower: np.ndarray) -> None:
        """Where the lips (nearly) meet, the thin shadow line between them, fading as they part."""
        cv2 = _cv2()
        m = self.mouth
        width = max(1.0, CREASE_WIDTH * 2.0 * m.half_w)
        gap = np.hypot(*(lower - upper).T)
        taper = np.clip(1.0 - (np.abs(m.cols) / m.half_w) ** 4, 0.0, 1.0)  # fades out at the corners
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
        roi += mask[..., None] * (CREASE_RGB - roi)
        frame[p.slices] = roi.astype(np.uint8)

    def _sway(self, frame: np.ndarray, pose: Pose) -> None:
        cv2 = _cv2()
        hr = self.head
        m = cv2.getRotationMatrix2D(self.pivot, pose.angle, 1.0)
        m[0, 2] += pose.dx * self.face_w - hr.x0
        m[1, 2] += pose.dy * self.face_w - hr.y0
        size = (hr.x1 - hr.x0, hr.y1 - hr.y0)
        warped = cv2.warpAffine(frame, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        frame[hr.slices] = cv2.blendLinear(warped, frame[hr.slices], self.head_mask, self.head_inv)
