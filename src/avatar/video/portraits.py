"""The portrait store: ``<root>/<user>/<name>/`` folders holding an image and its analysis.

A portrait is checked and analysed once, when it is added: the image decodes, a face is found, its 468
face-mesh landmarks are placed, and the mouth and eye meshes are laid on a crop (the renderer is built
once, so a portrait the rig cannot use is refused now, not when a session starts). The analysis is kept
beside the image (``portrait.json``), so studio runs and live sessions crop and animate it with no second
detection. Names follow the voices' rule (:mod:`avatar.voices.names`), so every path stays inside its
user's folder; another user's portrait is simply not found.

Writes are atomic: the whole folder is built under ``.tmp-*`` and renamed into place.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from avatar import atomic
from avatar.errors import InputError, UnknownNameError, UsageError
from avatar.video.landmarks import Landmarks
from avatar.voices.names import validate_name, validate_user

logger = logging.getLogger(__name__)

IMAGE_FILE = "image.png"
ANALYSIS_FILE = "portrait.json"
ANALYSIS_VERSION = 1
CHECK_SIZE = 256  # the rig is laid on a crop of this size when the portrait is added
MIN_SIDE_PX = 64
STALE_AFTER_S = 3600.0


@dataclass(frozen=True)
class StoredPortrait:
    user: str
    name: str
    folder: Path
    width: int
    height: int
    created: str
    source_name: str
    face: dict[str, float]  # x, y, w, h of the face in the image's pixels
    score: float

    @property
    def image_path(self) -> Path:
        return self.folder / IMAGE_FILE

    def public(self) -> dict[str, Any]:
        return {
            "id": self.name,
            "object": "portrait",
            "name": self.name,
            "width": self.width,
            "height": self.height,
            "face": {k: round(v, 1) for k, v in self.face.items()},
            "score": round(self.score, 3),
            "source_name": self.source_name,
            "created": self.created,
        }

    def landmarks(self) -> Landmarks:
        doc = json.loads((self.folder / ANALYSIS_FILE).read_text(encoding="utf-8"))
        return Landmarks(np.asarray(doc["landmarks"], np.float32).reshape(-1, 2), float(doc["score"]))

    def crop(self, size: int) -> Any:
        """The :class:`~avatar.video.portrait.Portrait` at ``size`` px, from the kept analysis."""
        from avatar.video.portrait import crop_portrait, read_image

        return crop_portrait(read_image(self.image_path), self.landmarks(), size, self.image_path)


def analyse(path: Path, shown: str, max_px: int) -> tuple[np.ndarray, Landmarks]:
    """Decode, find the face and its landmarks, and lay the rig once; every refusal is an InputError that
    names ``shown`` (the caller's file name), never a server path."""
    from avatar.video.portrait import crop_portrait, find_face, read_image
    from avatar.video.render import Renderer

    try:
        rgb = read_image(path)
    except InputError:
        raise InputError(f"{shown} is not an image that can be read (use a PNG or JPEG)") from None
    h, w = rgb.shape[:2]
    if max(h, w) > max_px:
        raise InputError(f"{shown} is {w}x{h} px; the longer side may be at most {max_px} px")
    if min(h, w) < MIN_SIDE_PX:
        raise InputError(f"{shown} is {w}x{h} px; too small for a face (at least {MIN_SIDE_PX} px a side)")
    try:
        lm = find_face(rgb, path)
        Renderer(crop_portrait(rgb, lm, CHECK_SIZE, path))  # the meshes can be laid on this face
    except InputError as exc:
        raise InputError(str(exc).replace(f"portrait '{path}'", shown).replace(str(path), shown)) from None
    return rgb, lm


class PortraitStore:
    """Portraits under ``root``, per user."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def user_dir(self, user: str) -> Path:
        return self.root / validate_user(user)

    def folder(self, user: str, name: str) -> Path:
        return self.user_dir(user) / validate_name(name, "portrait")

    def exists(self, user: str, name: str) -> bool:
        return (self.folder(user, name) / ANALYSIS_FILE).is_file()

    def get(self, user: str, name: str) -> StoredPortrait:
        folder = self.folder(user, name)
        try:
            doc = json.loads((folder / ANALYSIS_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UnknownNameError(
                "portrait", validate_name(name, "portrait"), hint="GET /v1/portraits lists yours"
            ) from None
        return StoredPortrait(
            user=doc["user"],
            name=doc["name"],
            folder=folder,
            width=int(doc["width"]),
            height=int(doc["height"]),
            created=str(doc["created"]),
            source_name=str(doc.get("source_name", "")),
            face={k: float(v) for k, v in doc["face"].items()},
            score=float(doc["score"]),
        )

    def list(self, user: str) -> list[StoredPortrait]:
        folder = self.user_dir(user)
        if not folder.is_dir():
            return []
        out = []
        for child in sorted(folder.iterdir()):
            if child.name.startswith(".") or not (child / ANALYSIS_FILE).is_file():
                continue
            try:
                out.append(self.get(user, child.name))
            except (UsageError, ValueError, KeyError) as exc:
                logger.warning("portrait %s/%s is unreadable (%s); skipped", user, child.name, exc)
        return out

    def add(
        self, user: str, name: str, image: Path, source_name: str, *, max_count: int, max_px: int
    ) -> StoredPortrait:
        """Check and analyse ``image`` and store it as ``user``'s portrait ``name``; a refusal stores nothing."""
        import cv2

        user, name = validate_user(user), validate_name(name, "portrait")
        shown = f"the uploaded file '{source_name or 'image'}'"
        if self.exists(user, name):
            raise UsageError(f"portrait '{name}' exists; delete it first (DELETE /v1/portraits/{name})")
        if len(self.list(user)) >= max_count:
            raise UsageError(f"you have {max_count} portraits, the limit; delete one first")
        rgb, lm = analyse(image, shown, max_px)
        user_dir = self.user_dir(user)
        user_dir.mkdir(parents=True, exist_ok=True)
        self._sweep(user_dir)
        tmp = Path(tempfile.mkdtemp(prefix=f"{atomic.TMP_PREFIX}{name}-", dir=user_dir))
        try:
            ok, png = cv2.imencode(".png", np.ascontiguousarray(rgb[:, :, ::-1]))
            if not ok:
                raise InputError(f"{shown} could not be stored as PNG")
            (tmp / IMAGE_FILE).write_bytes(png.tobytes())
            x, y, w, h = lm.box()
            doc = {
                "version": ANALYSIS_VERSION,
                "user": user,
                "name": name,
                "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "source_name": (source_name or "")[:200],
                "width": int(rgb.shape[1]),
                "height": int(rgb.shape[0]),
                "face": {"x": x, "y": y, "w": w, "h": h},
                "score": float(lm.score),
                "landmarks": np.round(lm.points.astype(np.float64), 2).tolist(),
                "image_sha256": atomic.sha256_file(tmp / IMAGE_FILE),
            }
            (tmp / ANALYSIS_FILE).write_text(json.dumps(doc), encoding="utf-8")
            try:
                os.rename(tmp, self.folder(user, name))
            except OSError:
                raise UsageError(f"portrait '{name}' exists; delete it first (DELETE /v1/portraits/{name})") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        logger.info("portrait %s/%s added: %dx%d, face %.0f px wide", user, name, rgb.shape[1], rgb.shape[0], w)
        return self.get(user, name)

    def remove(self, user: str, name: str) -> None:
        folder = self.folder(user, name)
        if not (folder / ANALYSIS_FILE).is_file():
            raise UnknownNameError("portrait", validate_name(name, "portrait"))
        trash = folder.with_name(f".trash-{folder.name}-{time.time_ns()}")
        os.rename(folder, trash)
        shutil.rmtree(trash, ignore_errors=True)

    @staticmethod
    def _sweep(user_dir: Path) -> None:
        now = time.time()
        for child in user_dir.glob(f"{atomic.TMP_PREFIX}*"):
            try:
                if now - child.stat().st_mtime > STALE_AFTER_S:
                    shutil.rmtree(child, ignore_errors=True)
            except OSError:
                pass
