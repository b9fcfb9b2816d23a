"""Draw one frame of the talking head from the portrait and a Pose: jaw drop, blinks, head sway.

Everything that does not change between frames (warp fields, masks, regions) is computed once, so a frame
costs a copy, two small remaps, a few small blends and one warp of the head region.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from avatar.video.animate import Pose
from avatar.video.portrait import Eye, Portrait

MOUTH_OPEN_MAX = 0.22  # widest jaw drop, in eye distances
CAVITY_RGB = (52, 18, 22)  # inside of a mouth
LASH_RGB = (40, 28, 24)
LID_SHADE = 0.86  # a closed lid is a little darker than the brow skin above it


def _cv2() -> Any:
    import cv2

    return cv2


@dataclass(frozen=True)
class _Region:
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.y0, self.y1), slice(self.x0, self.x1)

    @classmethod
    def clipped(cls, x0: float, y0: float, x1: float, y1: float, w: int, h: int) -> _Region:
        return cls(max(0, int(x0)), max(0, int(y0)), min(w, int(np.ceil(x1))), min(h, int(np.ceil(y1))))


class Renderer:
    """Renders frames for one portrait. Not thread-safe; one per encoder."""

    def __init__(self, portrait: Portrait) -> None:
        cv2 = _cv2()
        self.base = portrait.image
        self.face = f = portrait.face
        h, w = self.base.shape[:2]
        self.size = (w, h)
        self.eye_dist = d = max(4.0, float(np.hypot(f.right.x - f.left.x, f.right.y - f.left.y)))
        self.open_max_px = MOUTH_OPEN_MAX * d

        # Jaw: below the lip line everything moves down by open * weight. At the lips the weight spans the
        # mouth's width (a lens-shaped opening, no tear beyond the corners); lower down it widens to the whole
        # jaw, and it fades out over the neck, so the chin drops and the face stretches a little.
        self.jaw = jr = _Region.clipped(
            f.mouth_x - 1.1 * d, f.mouth_y - 2, f.mouth_x + 1.1 * d, f.mouth_y + 1.5 * d, w, h
        )
        xs = np.arange(jr.x0, jr.x1, dtype=np.float32)
        ys = np.arange(jr.y0, jr.y1, dtype=np.float32)
        below = (ys - f.mouth_y)[:, None]
        lip_hw = 0.55 * f.mouth_w
        half_w = lip_hw + (1.1 * d - lip_hw) * np.clip(below / (0.5 * d), 0.0, 1.0)
        wx = np.cos(np.clip(np.abs(xs[None, :] - f.mouth_x) / half_w, 0.0, 1.0) * (np.pi / 2)) ** 2
        wy = np.where(below < 0, 0.0, np.clip((1.5 * d - below) / (0.7 * d), 0.0, 1.0))
        self.jaw_weight = np.ascontiguousarray(wy * wx, dtype=np.float32)
        self.jaw_map_x, self.jaw_map_y = (np.ascontiguousarray(a) for a in np.meshgrid(xs, ys))
        self.lip_weight = np.cos(np.clip(np.abs(xs - f.mouth_x) / lip_hw, 0.0, 1.0) * (np.pi / 2)) ** 2
        self.cavity_rows = np.arange(jr.y0, jr.y1, dtype=np.float32)[:, None] - f.mouth_y

        # Eyes: the lid takes the colour of the skin just above the eye.
        self.eyes = [self._eye_setup(e) for e in (f.left, f.right)]

        # Head: a soft elliptical mask over head and hair; the sway pivots about the neck.
        cx, cy = f.x + f.w / 2.0, f.y + f.h * 0.45
        ax, ay = 0.95 * f.w, 1.1 * f.h
        self.head = hr = _Region.clipped(cx - ax * 1.2, cy - ay * 1.2, cx + ax * 1.2, cy + ay * 1.2, w, h)
        mask = np.zeros((hr.y1 - hr.y0, hr.x1 - hr.x0), dtype=np.float32)
        cv2.ellipse(mask, (int(cx - hr.x0), int(cy - hr.y0)), (int(ax * 0.85), int(ay * 0.85)), 0, 0, 360, 1.0, -1)
        sigma = max(1.0, 0.12 * f.w)
        mask = cv2.GaussianBlur(mask, (0, 0), sigma)
        self.head_mask = np.ascontiguousarray(np.repeat(mask[:, :, None], 3, axis=2))
        self.pivot = (float(f.mouth_x), float(f.y + f.h * 1.15))

    def _eye_setup(self, e: Eye) -> tuple[_Region, float, float, float, np.ndarray]:
        """The eye's region, half axes, and the closed lid: the skin above the eye folded down over it."""
        cv2 = _cv2()
        w, h = self.size
        hw, hh = 0.55 * e.w, 0.28 * e.w
        r = _Region.clipped(e.x - hw - 2, e.y - hh - 2, e.x + hw + 2, e.y + hh + 3, w, h)
        top = e.y - hh
        xs = np.arange(r.x0, r.x1, dtype=np.float32)
        ys = np.arange(r.y0, r.y1, dtype=np.float32)
        map_x, map_y = np.meshgrid(xs, top - 0.5 * np.abs(ys - top))
        lid = cv2.remap(self.base, map_x, map_y.astype(np.float32), cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        lid = cv2.GaussianBlur(lid, (3, 3), 0).astype(np.float32) * LID_SHADE
        return r, hw, hh, float(e.y), lid

    def render(self, pose: Pose) -> np.ndarray:
        frame = self.base.copy()
        if pose.mouth > 0.01:
            self._mouth(frame, pose.mouth)
        if pose.blink > 0.02:
            for eye, setup in zip((self.face.left, self.face.right), self.eyes, strict=True):
                self._blink(frame, eye, setup, pose.blink)
        if pose.dx or pose.dy or pose.angle:
            self._sway(frame, pose)
        return frame

    def _mouth(self, frame: np.ndarray, amount: float) -> None:
        cv2 = _cv2()
        jr = self.jaw
        open_px = amount * self.open_max_px
        map_y = self.jaw_map_y - open_px * self.jaw_weight
        jaw = cv2.remap(self.base, self.jaw_map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        # The gap the jaw opened shows the inside of the mouth: dark, darkest in the middle, soft-edged.
        gap = open_px * self.lip_weight[None, :]
        depth = np.clip(np.minimum(self.cavity_rows + 0.5, gap - self.cavity_rows), 0.0, 1.0) * np.clip(gap, 0.0, 1.0)
        shade = np.clip(gap / max(self.open_max_px * 0.5, 1.0), 0.0, 1.0) * 0.25 + 0.7
        mask = (depth * shade).astype(np.float32)[:, :, None]
        out = jaw.astype(np.float32)
        out += mask * (np.array(CAVITY_RGB, np.float32) - out)
        frame[jr.slices] = out.astype(np.uint8)

    def _blink(
        self, frame: np.ndarray, eye: Eye, setup: tuple[_Region, float, float, float, np.ndarray], c: float
    ) -> None:
        cv2 = _cv2()
        r, hw, hh, ey, lid = setup
        mask = np.zeros((r.y1 - r.y0, r.x1 - r.x0), dtype=np.float32)
        cv2.ellipse(mask, (int(eye.x - r.x0), int(ey - r.y0)), (int(hw), int(hh)), 0, 0, 360, 1.0, -1)
        edge = ey - hh + 2.0 * hh * min(1.0, c)  # the lid's lower edge
        rows = np.arange(r.y0, r.y1, dtype=np.float32)[:, None]
        mask *= np.clip(edge - rows + 0.5, 0.0, 1.0)
        mask = cv2.GaussianBlur(mask, (5, 5), 0)
        lash = np.clip(1.5 - np.abs(rows - edge), 0.0, 1.0) * (mask > 0.05) * 0.6
        roi = frame[r.slices].astype(np.float32)
        roi += mask[:, :, None] * (lid - roi)
        roi += lash[:, :, None] * (np.array(LASH_RGB, np.float32) - roi)
        frame[r.slices] = roi.astype(np.uint8)

    def _sway(self, frame: np.ndarray, pose: Pose) -> None:
        cv2 = _cv2()
        hr = self.head
        m = cv2.getRotationMatrix2D(self.pivot, pose.angle, 1.0)
        m[0, 2] += pose.dx * self.face.w - hr.x0
        m[1, 2] += pose.dy * self.face.w - hr.y0
        size = (hr.x1 - hr.x0, hr.y1 - hr.y0)
        warped = cv2.warpAffine(frame, m, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
        roi = frame[hr.slices].astype(np.float32)
        roi += self.head_mask * (warped.astype(np.float32) - roi)
        frame[hr.slices] = roi.astype(np.uint8)
