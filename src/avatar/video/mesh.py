"""Piecewise-affine mesh warps: move a mesh's vertices and the image follows, triangle by triangle.

A :class:`GridMesh` is a grid of vertices laid along curves of the face (rows) and across them (columns),
so its triangles never cross a lip or an eyelid. Its outer ring of vertices never moves, so the warped
patch meets the untouched image with no seam. Each frame, the moved triangles are rasterised into an index
image and every pixel takes its own triangle's affine map back to the source; one ``cv2.remap`` then
samples the portrait. The cost is a few hundred small polygon fills and one remap of the patch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

SUBPIXEL_BITS = 4  # polygon fills at 1/16 pixel


def _cv2() -> Any:
    import cv2

    return cv2


@dataclass(frozen=True)
class Patch:
    """A rectangle of the frame: x0 <= x < x1, y0 <= y < y1."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.y0, self.y1), slice(self.x0, self.x1)

    @property
    def shape(self) -> tuple[int, int]:
        return self.y1 - self.y0, self.x1 - self.x0

    @classmethod
    def around(cls, points: np.ndarray, width: int, height: int, pad: int = 2) -> Patch:
        lo = np.floor(points.min(axis=0)).astype(int) - pad
        hi = np.ceil(points.max(axis=0)).astype(int) + pad + 1
        return cls(max(0, int(lo[0])), max(0, int(lo[1])), min(width, int(hi[0])), min(height, int(hi[1])))


def grid_triangles(rows: int, cols: int) -> np.ndarray:
    """(T, 3) vertex indices of a rows x cols grid (row-major), two triangles per cell."""
    r, c = np.meshgrid(np.arange(rows - 1), np.arange(cols - 1), indexing="ij")
    a = (r * cols + c).ravel()
    b, d, e = a + 1, a + cols, a + cols + 1
    return np.concatenate([np.stack([a, b, e], 1), np.stack([a, e, d], 1)]).astype(np.int32)


class GridMesh:
    """A fixed triangulation of rest vertices; :meth:`maps` gives the backward maps for moved vertices."""

    def __init__(self, rest: np.ndarray, rows: int, cols: int, width: int, height: int) -> None:
        self.rest = np.asarray(rest, np.float64).reshape(rows * cols, 2)
        self.rows, self.cols = rows, cols
        self.triangles = grid_triangles(rows, cols)
        self.patch = Patch.around(self.rest, width, height)
        ys, xs = np.mgrid[0 : self.patch.y1 - self.patch.y0, 0 : self.patch.x1 - self.patch.x0]
        self.xs, self.ys = xs.astype(np.float32), ys.astype(np.float32)
        self._index = np.zeros(self.patch.shape, np.int32)
        # Per-pixel buffers, reused frame after frame (a live session draws 25 a second), and the last maps:
        # a mesh that did not move since the last frame (lips at rest) gives the same maps.
        self._coef = np.empty((6, *self.patch.shape), np.float32)
        self._last: tuple[bytes, np.ndarray, np.ndarray] | None = None

    def boundary(self) -> np.ndarray:
        """Indices of the outer ring of vertices (they must stay put for the patch to be seamless)."""
        g = np.arange(self.rows * self.cols).reshape(self.rows, self.cols)
        return np.unique(np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]]))

    def maps(self, moved: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(map_x, map_y) over :attr:`patch`: for each pixel, where in the rest image to sample."""
        cv2 = _cv2()
        moved = np.asarray(moved, np.float64).reshape(-1, 2)
        key = moved.tobytes()
        if self._last is not None and self._last[0] == key:
            return self._last[1], self._last[2]
        tri = self.triangles
        dst, src = moved[tri], self.rest[tri]  # (T, 3, 2)
        # Affine map of each triangle, moved -> rest: [x y 1] @ coef = [sx sy].
        a = np.concatenate([dst, np.ones((len(tri), 3, 1))], axis=2)
        det = np.linalg.det(a)
        ok = np.abs(det) > 1e-6
        coef = np.zeros((len(tri) + 1, 3, 2))
        coef[0] = [[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]  # index 0: pixels outside every triangle stay put
        coef[1:][ok] = np.linalg.solve(a[ok], src[ok])
        # Relative to the patch origin, so float32 keeps sub-pixel precision on large frames.
        coef[:, 2, :] += coef[:, 0, :] * self.patch.x0 + coef[:, 1, :] * self.patch.y0
        index = self._index
        index.fill(0)
        origin = np.array([self.patch.x0, self.patch.y0], np.float64)
        pts = np.round((dst - origin) * (1 << SUBPIXEL_BITS)).astype(np.int32)
        for t in np.flatnonzero(ok):
            cv2.fillConvexPoly(index, pts[t], int(t) + 1, cv2.LINE_8, SUBPIXEL_BITS)
        # Each pixel's triangle's coefficients, one plane each (ax, ay, bx, by, cx, cy), gathered in place.
        planes = np.ascontiguousarray(coef.reshape(-1, 6).T.astype(np.float32))
        c = self._coef
        for k in range(6):
            np.take(planes[k], index, out=c[k])
        map_x = c[0] * self.xs
        map_x += c[2] * self.ys
        map_x += c[4]
        map_y = c[1] * self.xs
        map_y += c[3] * self.ys
        map_y += c[5]
        self._last = (key, map_x, map_y)
        return map_x, map_y

    def warp(self, source: np.ndarray, moved: np.ndarray, out: np.ndarray) -> None:
        """Write the warped patch of ``source`` into ``out`` (same size as ``source``)."""
        cv2 = _cv2()
        map_x, map_y = self.maps(moved)
        out[self.patch.slices] = cv2.remap(source, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
