"""The portrait: read it, find the face and its 468 face-mesh landmarks, and crop it square around the face.

OpenCV's Haar cascade (bundled in opencv-python-headless) gives a first box; the face-mesh model
(``landmarks.py``) then places the points. Nothing is downloaded. OpenCV 5 dropped ``CascadeClassifier``
and the cascade files, hence ``<5``. The crop is what gets animated; the video is the crop, so a portrait of
any size works.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import numpy as np

from avatar.constants import DEFAULT_MAX_IMAGE_PIXELS
from avatar.errors import InputError, MissingDependencyError
from avatar.video import landmarks as lmk
from avatar.video.landmarks import Landmarks

logger = logging.getLogger(__name__)

DETECT_MAX_SIDE = 800  # detection runs on a copy no larger than this; faster, and the cascades are scale-free
CROP_FACE_SCALE = 2.0  # the square crop is this many landmark extents (brow to chin) across: head, hair, shoulders
FACE_CASCADE = "haarcascade_frontalface_default.xml"
MIN_FACE_PX = 64  # narrower faces (in the source image) have too few pixels for the mesh and the warp


@dataclass(frozen=True)
class Eye:
    x: float  # centre
    y: float
    w: float  # width of the eye opening


@dataclass(frozen=True)
class Face:
    """Face geometry in pixels of the image it was found in (read off the landmarks)."""

    x: float  # face box
    y: float
    w: float
    h: float
    left: Eye  # the eye on the image's left
    right: Eye
    mouth_x: float  # centre of the lip line (where the lips meet)
    mouth_y: float
    mouth_w: float


@dataclass(frozen=True)
class Portrait:
    """A square RGB image at the video's size and the face found in it."""

    image: np.ndarray  # (size, size, 3) uint8 RGB
    face: Face
    source: Path
    landmarks: Landmarks  # in pixels of ``image``


def _cv2() -> Any:
    try:
        import cv2
    except ImportError:
        raise MissingDependencyError("opencv-python-headless", purpose="face detection") from None
    if not hasattr(cv2, "CascadeClassifier"):
        raise MissingDependencyError("opencv-python-headless<5", purpose="face detection (Haar cascades)")
    return cv2


def default_portrait() -> Path:
    """scikit-image's public-domain astronaut photo (NASA), found by path so skimage is never imported."""
    spec = importlib.util.find_spec("skimage")
    if spec is None or spec.origin is None:
        raise MissingDependencyError("scikit-image", purpose="the default portrait (or pass a portrait)")
    path = Path(spec.origin).parent / "data" / "astronaut.png"
    if not path.is_file():
        raise InputError(f"the default portrait is missing from scikit-image ({path}); pass a portrait")
    return path


# Formats decoded as portraits: what OpenCV reads and a camera or editor writes. Others (TIFF, PSD, SVG,
# ...) are refused from the header, before any decoder runs.
_PIL_LOCK = threading.Lock()
IMAGE_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP", "BMP": "BMP"}


def image_header(
    source: Path | IO[bytes], max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS, shown: str | None = None
) -> tuple[int, int, str]:
    """(width, height, format) read from the file's header alone. An image that is not PNG, JPEG, WebP or BMP,
    or that claims more than ``max_pixels`` pixels (a decompression bomb: a few KB that would decode to GB),
    is an InputError before anything is decoded. ``shown`` names the file in messages."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    from avatar import decoding

    path = shown if shown is not None else str(source)
    # The decode boundary: the container comes from the first bytes, and Pillow may only read that one.
    container = decoding.identify(source, decoding.Kind.IMAGE, f"portrait '{path}'")
    try:
        # Pillow's own bomb check would refuse at open with no size to report; ours comes right after, and
        # nothing is decoded meanwhile (the lock keeps other threads from opening images without it).
        with _PIL_LOCK, warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None
            try:
                # reads the header only; pixels are decoded on demand
                with Image.open(source, formats=[container.pillow or ""]) as im:
                    width, height, fmt = int(im.width), int(im.height), str(im.format or "")
            finally:
                Image.MAX_IMAGE_PIXELS = saved
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise InputError(f"portrait '{path}' is not an image (use a PNG, JPEG or WebP)") from None
    if fmt not in IMAGE_FORMATS:
        raise InputError(f"portrait '{path}' is a {fmt or 'unknown'} image; use a PNG, JPEG or WebP")
    if width * height > max_pixels:
        raise InputError(
            f"portrait '{path}' is {width} x {height} pixels; the limit is {max_pixels:,} pixels "
            f"(about {int(max_pixels**0.5)} x {int(max_pixels**0.5)}): scale it down"
        )
    if min(width, height) < 1:
        raise InputError(f"portrait '{path}' has no pixels")
    return width, height, IMAGE_FORMATS[fmt]


def read_image(path: Path, max_pixels: int = DEFAULT_MAX_IMAGE_PIXELS) -> np.ndarray:
    """An image file as RGB uint8; a missing, undecodable or oversized file is an InputError. The header is
    checked first (:func:`image_header`), so memory is bounded by ``max_pixels``."""
    cv2 = _cv2()
    path = Path(path)
    if not path.exists():
        raise InputError(f"portrait '{path}' does not exist")
    if not path.is_file():
        raise InputError(f"portrait '{path}' is not a file")
    image_header(path, max_pixels)
    # imdecode rather than imread: it handles any path (unicode too) and returns None for non-images.
    data = np.fromfile(str(path), dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_COLOR) if data.size else None
    if image is None:
        raise InputError(f"portrait '{path}' is not an image OpenCV can read (use a PNG or JPEG)")
    return np.ascontiguousarray(image[:, :, ::-1])


_PER_THREAD = threading.local()


def _cascade(name: str) -> Any:
    """This thread's own classifier: OpenCV does not promise that one may detect in two threads at once."""
    cache: dict[str, Any] = _PER_THREAD.__dict__.setdefault("cascades", {})
    if name not in cache:
        cv2 = _cv2()
        clf = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / name))
        if clf.empty():
            raise MissingDependencyError("opencv-python-headless<5", purpose=f"the Haar cascade {name}")
        cache[name] = clf
    return cache[name]


def detect_face(rgb: np.ndarray, source: Path) -> tuple[float, float, float, float]:
    """(x, y, w, h) of the largest frontal face: the starting box for the face-mesh model."""
    cv2 = _cv2()
    gray = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    scale = min(1.0, DETECT_MAX_SIDE / max(gray.shape))
    if scale < 1.0:
        gray = cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    gray = cv2.equalizeHist(gray)
    min_side = max(24, min(gray.shape) // 12)
    faces = _cascade(FACE_CASCADE).detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(min_side, min_side))
    if len(faces) == 0:
        raise InputError(f"no face found in portrait '{source}'; use a front-facing photo with one clear face")
    x, y, w, h = (float(v) / scale for v in max(faces, key=lambda f: int(f[2]) * int(f[3])))
    if len(faces) > 1:
        # A group photo, or a face in a picture on the wall: say which one will speak.
        logger.info(
            "portrait %s: %d faces found; using the largest (%.0f px wide at %.0f, %.0f)",
            source, len(faces), w, x + w / 2.0, y + h / 2.0,
        )  # fmt: skip
    return x, y, w, h


def face_from_landmarks(lm: Landmarks) -> Face:
    """Box, eyes and lip line from the face-mesh points."""
    p = lm.points

    def eye(upper: tuple[int, ...], lower: tuple[int, ...]) -> Eye:
        pts = p[list(upper + lower)]
        return Eye(float(pts[:, 0].mean()), float(pts[:, 1].mean()), float(np.hypot(*(p[upper[-1]] - p[upper[0]]))))

    x, y, w, h = lm.box()
    mid = (p[lmk.INNER_TOP] + p[lmk.INNER_BOTTOM]) / 2.0
    return Face(
        x, y, w, h, eye(lmk.EYE_R_UPPER, lmk.EYE_R_LOWER), eye(lmk.EYE_L_UPPER, lmk.EYE_L_LOWER),
        float(mid[0]), float(mid[1]), lm.mouth_width(),
    )  # fmt: skip


def find_face(rgb: np.ndarray, source: Path) -> Landmarks:
    """The largest face's landmarks; no face, or one too small to animate, is an InputError."""
    lm = lmk.find_landmarks(rgb, detect_face(rgb, source))
    if lm.score < lmk.FACE_SCORE_MIN:
        raise InputError(f"no face found in portrait '{source}'; use a front-facing photo with one clear face")
    width = lm.box()[2]
    if width < MIN_FACE_PX:
        raise InputError(
            f"the face in portrait '{source}' is {width:.0f} px wide, too small to animate; "
            f"use a photo where it is at least {MIN_FACE_PX} px wide"
        )
    return lm


def load_portrait(path: Path, size: int) -> Portrait:
    """Read ``path``, find the face, and crop a square around it resized to ``size`` x ``size``."""
    rgb = read_image(path)
    return crop_portrait(rgb, find_face(rgb, path), size, Path(path))


def crop_portrait(rgb: np.ndarray, lm: Landmarks, size: int, source: Path) -> Portrait:
    """The square crop around the face whose landmarks (in pixels of ``rgb``) are ``lm``, at ``size`` px: what
    the renderer animates. A stored portrait keeps ``rgb`` and ``lm``, so this runs without detecting again."""
    cv2 = _cv2()
    fx, fy, fw, fh = lm.box()
    h, w = rgb.shape[:2]
    side = int(min(max(fw, fh) * CROP_FACE_SCALE, h, w))
    cx, cy = fx + fw / 2.0, fy + fh * 0.55
    x0 = int(np.clip(cx - side / 2.0, 0, w - side))
    y0 = int(np.clip(cy - side / 2.0, 0, h - side))
    crop = rgb[y0 : y0 + side, x0 : x0 + side]
    interp = cv2.INTER_AREA if side > size else cv2.INTER_CUBIC
    image = np.ascontiguousarray(cv2.resize(crop, (size, size), interpolation=interp))
    # Pixel centres: a source pixel x maps to (x + 0.5) * s - 0.5 in the resized crop.
    s = size / side
    scaled = lm.scaled(s, x0, y0)
    scaled = Landmarks(scaled.points + np.float32(0.5 * s - 0.5), lm.score)
    logger.debug("portrait %s: face %.0f px wide, crop %d px at (%d, %d)", source, fw, side, x0, y0)
    return Portrait(image, face_from_landmarks(scaled), Path(source), scaled)
