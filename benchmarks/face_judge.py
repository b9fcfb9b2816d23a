"""The outside judge of the talking head: MediaPipe's face mesh *with attention* (478 points, refined lips and
irises; ``face_landmark_with_attention.tflite`` in the mediapipe 0.10.14 wheel), a different model from the
one the renderer uses (``face_landmark.tflite`` through ``cv2.dnn``).

It runs in its own virtual environment (``build/judge-venv``, made by ``bench_face.py``), because mediapipe
brings opencv-contrib-python, which would overwrite the project's opencv-python-headless in the same
environment. This script imports nothing from avatar.

    build/judge-venv/bin/python benchmarks/face_judge.py frames.npy landmarks.npy

``frames.npy``: (N, H, W, 3) uint8 RGB. ``landmarks.npy``: (N, 478, 2) float32 pixels, NaN where no face.
"""

from __future__ import annotations

import sys

import numpy as np


def main() -> None:
    import mediapipe as mp

    frames = np.load(sys.argv[1], mmap_mode="r")
    n, h, w = frames.shape[:3]
    out = np.full((n, 478, 2), np.nan, np.float32)
    # Video mode: the mesh tracks from frame to frame, as it would on a real video.
    with mp.solutions.face_mesh.FaceMesh(
        static_image_mode=False, max_num_faces=1, refine_landmarks=True, min_detection_confidence=0.5
    ) as mesh:
        for i in range(n):
            found = mesh.process(np.ascontiguousarray(frames[i]))
            if found.multi_face_landmarks:
                pts = found.multi_face_landmarks[0].landmark
                out[i] = [(p.x * w, p.y * h) for p in pts]
    np.save(sys.argv[2], out)


if __name__ == "__main__":
    main()
