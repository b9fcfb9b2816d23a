"""Face landmarks: MediaPipe's face-mesh model (468 points), run by OpenCV's own TFLite importer.

The model file, ``models/face_landmark.tflite``, is MediaPipe's (Apache-2.0), taken unchanged from the
``mediapipe`` 0.10.14 wheel (see ``models/NOTICE``). It ships inside avatar, and ``cv2.dnn`` reads TFLite
since OpenCV 4.8, so finding landmarks adds no dependency at all: no second OpenCV, no mediapipe, no
TFLite runtime, nothing downloaded. One pass is about 3 ms on a CPU core.

The model wants the face centred in a 192x192 crop with some margin, upright. :func:`find_landmarks` starts
from a box (a Haar detection, or the previous frame's landmarks when tracking) and re-crops once or twice
from its own landmarks, as MediaPipe's graph does.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from avatar.errors import MissingDependencyError
from avatar.memory.kept import Kept

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).parent / "models" / "face_landmark.tflite"
INPUT_SIDE = 192
ROI_SCALE = 1.5  # the crop is this many times the landmarks' extent, as in MediaPipe's graph
FACE_SCORE_MIN = 0.5  # the model's "a face is there" probability

# Indices into the 468 points (MediaPipe's face-mesh topology; "right" is the subject's right = image left).
LIP_UPPER_INNER = (78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308)
LIP_LOWER_INNER = (78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308)
LIP_UPPER_OUTER = (61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291)
LIP_LOWER_OUTER = (61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291)
MOUTH_LEFT, MOUTH_RIGHT = 61, 291  # corners, image left and right
INNER_TOP, INNER_BOTTOM = 13, 14  # middle of the inner lip contour
EYE_R_UPPER = (33, 246, 161, 160, 159, 158, 157, 173, 133)  # image-left eye, corner to corner
EYE_R_LOWER = (33, 7, 163, 144, 145, 153, 154, 155, 133)
EYE_L_UPPER = (362, 398, 384, 385, 386, 387, 388, 466, 263)  # image-right eye
EYE_L_LOWER = (362, 382, 381, 380, 374, 373, 390, 249, 263)
BROW_R = (70, 63, 105, 66, 107)
BROW_L = (336, 296, 334, 293, 300)
FACE_OVAL = (
    10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176,
    149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
)  # fmt: skip
CHIN = 152
NOSE_TIP = 1


@dataclass(frozen=True)
class Landmarks:
    """468 face-mesh points in pixels of the image they were found in, and the model's face probability."""

    points: np.ndarray  # (468, 2) float32, x and y
    score: float

    def scaled(self, s: float, dx: float = 0.0, dy: float = 0.0) -> Landmarks:
        """The same points after cropping at (dx, dy) and scaling by ``s``."""
        shifted = (self.points - np.array([dx, dy], np.float32)) * np.float32(s)
        return Landmarks(shifted.astype(np.float32), self.score)

    def inner_lip_gap(self) -> float:
        """Distance between the middles of the upper and lower inner lip: 0 when the lips meet."""
        p = self.points
        return float(np.hypot(*(p[INNER_BOTTOM] - p[INNER_TOP])))

    def mouth_width(self) -> float:
        p = self.points
        return float(np.hypot(*(p[MOUTH_RIGHT] - p[MOUTH_LEFT])))

    def eye_distance(self) -> float:
        p = self.points
        return float(np.hypot(*(p[list(EYE_L_LOWER)].mean(axis=0) - p[list(EYE_R_LOWER)].mean(axis=0))))

    def roll_degrees(self) -> float:
        """Tilt of the eye line, image y down: positive when the image-right eye is lower."""
        p = self.points
        d = p[263] - p[33]
        return math.degrees(math.atan2(float(d[1]), float(d[0])))

    def box(self) -> tuple[float, float, float, float]:
        """(x, y, w, h) of the points' extent."""
        lo, hi = self.points.min(axis=0), self.points.max(axis=0)
        return float(lo[0]), float(lo[1]), float(hi[0] - lo[0]), float(hi[1] - lo[1])


def _cv2() -> Any:
    try:
        import cv2
    except ImportError:
        raise MissingDependencyError("opencv-python-headless", purpose="face landmarks") from None
    if not hasattr(cv2, "dnn") or not hasattr(cv2.dnn, "readNetFromTFLite"):
        raise MissingDependencyError("opencv-python-headless>=4.8", purpose="face landmarks (TFLite import)")
    return cv2


class _Nets:
    """The face-mesh model, one instance per thread. A ``cv2.dnn`` net keeps its input and outputs in the
    object, so two threads sharing one overwrite each other's crops (concurrent portrait analyses then found
    "no face" now and then); a net is 1.2 MB and each thread reads its own once."""

    def __init__(self) -> None:
        if not MODEL_PATH.is_file():
            raise MissingDependencyError("avatar (reinstall it)", purpose=f"the face-mesh model {MODEL_PATH.name}")
        self._local = threading.local()
        self._local.net = self._read()  # the loading thread's: what the kept model's load measures

    @staticmethod
    def _read() -> Any:
        return _cv2().dnn.readNetFromTFLite(str(MODEL_PATH))

    def net(self) -> Any:
        net = getattr(self._local, "net", None)
        if net is None:
            net = self._local.net = self._read()
        return net


# Kept for the process once loaded, and seen by the residency core, like the VAD and the speaker encoder.
LANDMARKER = Kept("face landmarker", _Nets, static_mb=8.0)


def _net() -> Any:
    """This thread's instance of the face-mesh model."""
    return LANDMARKER.get().net()


def _run(rgb: np.ndarray, cx: float, cy: float, side: float, angle: float) -> Landmarks:
    """One pass of the model on the square crop of ``side`` pixels centred at (cx, cy), rotated by ``angle``
    degrees so that the eye line is level in the crop."""
    cv2 = _cv2()
    net = _net()
    s = INPUT_SIDE / side
    m = cv2.getRotationMatrix2D((cx, cy), angle, s)
    m[0, 2] += INPUT_SIDE / 2.0 - cx
    m[1, 2] += INPUT_SIDE / 2.0 - cy
    crop = cv2.warpAffine(rgb, m, (INPUT_SIDE, INPUT_SIDE), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    net.setInput(cv2.dnn.blobFromImage(crop, 1.0 / 255.0))
    flag, raw = net.forward(net.getUnconnectedOutLayersNames())
    if flag.size > raw.size:  # the two outputs come back in either order
        flag, raw = raw, flag
    score = 1.0 / (1.0 + math.exp(-float(np.clip(flag.ravel()[0], -30, 30))))
    pts = raw.reshape(-1, 3)[:, :2].astype(np.float64)
    inv = cv2.invertAffineTransform(m)
    pts = pts @ inv[:, :2].T + inv[:, 2]
    return Landmarks(pts.astype(np.float32), score)


def find_landmarks(
    rgb: np.ndarray, box: tuple[float, float, float, float], refine: int = 2, angle: float = 0.0
) -> Landmarks:
    """Landmarks of the face in ``box`` (x, y, w, h: a detector's box or the last frame's extent).

    The first pass crops around the box; each refinement re-crops around the points found, levelled by
    their eye line. ``score`` below FACE_SCORE_MIN means no face was there.
    """
    x, y, w, h = box
    lm = _run(rgb, x + w / 2.0, y + h / 2.0, max(w, h) * ROI_SCALE, angle)
    for _ in range(refine):
        if lm.score < FACE_SCORE_MIN:
            break
        lm = _run(rgb, *_roi(lm))
    return lm


def track(rgb: np.ndarray, last: Landmarks) -> Landmarks:
    """Landmarks in a video frame, starting from the previous frame's (one pass, as MediaPipe tracks)."""
    return _run(rgb, *_roi(last))


def _roi(lm: Landmarks) -> tuple[float, float, float, float]:
    x, y, w, h = lm.box()
    return x + w / 2.0, y + h / 2.0, max(w, h) * ROI_SCALE, lm.roll_degrees()
