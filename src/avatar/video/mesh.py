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
STILL_PX = 1e-4  # a vertex moved less than this (px) counts as still


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
        self._src = self.rest[self.triangles]  # each triangle's corners at rest, and two of its sides
        self._s1, self._s2 = self._src[:, 1] - self._src[:, 0], self._src[:, 2] - self._src[:, 0]
        ys, xs = np.mgrid[0 : self.patch.y1 - self.patch.y0, 0 : self.patch.x1 - self.patch.x0]
        self.xs, self.ys = xs.astype(np.float32), ys.astype(np.float32)
        # Per-pixel buffers, transposed (see region_maps), reused frame after frame (a live session draws 25 a
        # second), and the last maps: a mesh that did not move since the last frame (lips at rest) gives the
        # same maps.
        self._xs_t, self._ys_t = np.ascontiguousarray(self.xs.T), np.ascontiguousarray(self.ys.T)
        # (flat, so that the part a frame uses is one contiguous block: numpy's take is far slower otherwise)
        self._index_t = np.zeros(self.patch.shape[0] * self.patch.shape[1], np.int32)
        self._coef = np.empty(6 * self.patch.shape[0] * self.patch.shape[1], np.float32)
        self._last: tuple[bytes, Patch, np.ndarray, np.ndarray] | None = None

    def boundary(self) -> np.ndarray:
        """Indices of the outer ring of vertices (they must stay put for the patch to be seamless)."""
        g = np.arange(self.rows * self.cols).reshape(self.rows, self.cols)
        return np.unique(np.concatenate([g[0], g[-1], g[:, 0], g[:, -1]]))

    def maps(self, moved: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(map_x, map_y) over :attr:`patch`: for each pixel, where in the rest image to sample."""
        region, map_x, map_y = self.region_maps(moved)
        p = self.patch
        full_x, full_y = self.xs + np.float32(p.x0), self.ys + np.float32(p.y0)
        inner = slice(region.y0 - p.y0, region.y1 - p.y0), slice(region.x0 - p.x0, region.x1 - p.x0)
        full_x[inner], full_y[inner] = map_x, map_y
        return full_x, full_y

    def region_maps(self, moved: np.ndarray) -> tuple[Patch, np.ndarray, np.ndarray]:
        """The part of :attr:`patch` that moves (the bounding box of the triangles that do), and its
        (map_x, map_y): every pixel outside it samples itself. Lips at rest leave most of a mouth still."""
        cv2 = _cv2()
        moved = np.asarray(moved, np.float64).reshape(-1, 2)
        key = moved.tobytes()
        if self._last is not None and self._last[0] == key:
            return self._last[1], self._last[2], self._last[3]
        tri = self.triangles
        dst, src = moved[tri], self._src  # (T, 3, 2)
        # A triangle none of whose corners moved maps each pixel to itself, like the space outside the mesh.
        still = np.abs(moved - self.rest).max(axis=1) <= STILL_PX
        # Affine map of each triangle, moved -> rest, in closed form: s = M (d - d0) + s0.
        d1, d2 = dst[:, 1] - dst[:, 0], dst[:, 2] - dst[:, 0]
        s1, s2 = self._s1, self._s2
        det = d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]
        live = (np.abs(det) > 1e-6) & ~still[tri].all(axis=1)
        if not live.any():
            p = self.patch
            region = Patch(p.x0, p.y0, p.x0, p.y0)
            empty = np.empty((0, 0), np.float32)
            self._last = (key, region, empty, empty)
            return region, empty, empty
        inv = 1.0 / np.where(live, det, 1.0)
        # inverse of [d1 d2] (columns), then M = [s1 s2] @ that inverse
        i00, i01, i10, i11 = d2[:, 1] * inv, -d2[:, 0] * inv, -d1[:, 1] * inv, d1[:, 0] * inv
        m00 = s1[:, 0] * i00 + s2[:, 0] * i10
        m01 = s1[:, 0] * i01 + s2[:, 0] * i11
        m10 = s1[:, 1] * i00 + s2[:, 1] * i10
        m11 = s1[:, 1] * i01 + s2[:, 1] * i11
        # The region: the moving triangles' bounding box, within the patch.
        pts = dst[live].reshape(-1, 2)
        region = Patch.around(pts, self.patch.x1, self.patch.y1, pad=1)
        region = Patch(max(region.x0, self.patch.x0), max(region.y0, self.patch.y0), region.x1, region.y1)
        x0, y0 = region.x0, region.y0
        # Relative to the region's origin, so float32 keeps sub-pixel precision on large frames:
        # sx = m00 * x + m01 * y + bx for x, y from the region's corner.
        bx = src[:, 0, 0] + m00 * (x0 - dst[:, 0, 0]) + m01 * (y0 - dst[:, 0, 1])
        by = src[:, 0, 1] + m10 * (x0 - dst[:, 0, 0]) + m11 * (y0 - dst[:, 0, 1])
        # Index 0: pixels outside every moving triangle stay put. Columns: ax, ay, bx, by, cx, cy.
        table = np.empty((len(tri) + 1, 6), np.float32)
        table[0] = (1.0, 0.0, 0.0, 1.0, x0, y0)
        table[1:] = np.stack([m00, m10, m01, m11, bx, by], axis=1)
        h, w = region.shape
        # The index image is rasterised transposed (x down, y across): the triangles are tall and narrow,
        # and a polygon fill's cost grows with its scanlines.
        index = self._index_t[: w * h].reshape(w, h)
        index.fill(0)
        corner = np.array([y0, x0], np.float64)
        fill = np.round((dst[..., ::-1] - corner) * (1 << SUBPIXEL_BITS)).astype(np.int32)
        # Thin triangles first: a lid or lips pressed shut squash a band to almost nothing, and its map,
        # stretched many times, must not reach past its edge: the pixels it shares with a neighbour take the
        # neighbour's map (the maps agree along the edge itself).
        order = np.flatnonzero(live)
        order = order[np.argsort(np.abs(det[order]), kind="stable")]
        for t in order.tolist():
            cv2.fillConvexPoly(index, fill[t], t + 1, cv2.LINE_8, SUBPIXEL_BITS)
        # Each pixel's triangle's coefficients, gathered in one pass, then the maps (still transposed).
        # (mode="clip" skips numpy's bounds checks, several times faster; every index is in the table)
        planes = np.ascontiguousarray(table.T)
        c = self._coef[: 6 * w * h].reshape(6, w, h)
        for k in range(6):
            np.take(planes[k], index, out=c[k], mode="clip")
        xs, ys = self._xs_t[:w, :h], self._ys_t[:w, :h]
        map_x = c[0] * xs
        map_x += c[2] * ys
        map_x += c[4]
        map_y = c[1] * xs
        map_y += c[3] * ys
        map_y += c[5]
        map_x, map_y = cv2.transpose(map_x), cv2.transpose(map_y)
        self._last = (key, region, map_x, map_y)
        return region, map_x, map_y

    def warp(self, source: np.ndarray, moved: np.ndarray, out: np.ndarray) -> None:
        """Write the warped patch of ``source`` into ``out`` (same size as ``source``; outside the moving
        region ``out`` must hold ``source`` already)."""
        cv2 = _cv2()
        region, map_x, map_y = self.region_maps(moved)
        if map_x.size:
            out[region.slices] = cv2.remap(source, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
