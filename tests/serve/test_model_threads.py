"""Models that the server calls from its request thread pool give each caller the same answer as when
called alone: the face-landmark network (one instance per thread) and the VAD (one caller at a time).
Before, about 8 % of concurrent portrait analyses found "no face"."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np


def test_face_landmarks_from_many_threads_match_the_serial_answer() -> None:
    from avatar.video.landmarks import find_landmarks
    from avatar.video.portrait import default_portrait, detect_face, read_image

    rgb = read_image(default_portrait())
    # other crops of the same photo, so that concurrent calls really feed the network different inputs
    images = [rgb, np.ascontiguousarray(rgb[:, ::-1]), np.ascontiguousarray(rgb[40:, 20:])]
    boxes = [detect_face(im, Path("portrait")) for im in images]
    serial = [find_landmarks(im, box) for im, box in zip(images, boxes, strict=True)]
    jobs = [i % 3 for i in range(48)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: find_landmarks(images[i], boxes[i]), jobs))
    for i, got in zip(jobs, results, strict=True):
        assert got.score == serial[i].score
        np.testing.assert_array_equal(got.points, serial[i].points)


def test_voice_activity_from_many_threads_matches_the_serial_answer(piper_speech: tuple[np.ndarray, int]) -> None:
    from avatar.voices import vad
    from avatar.voices.reference import resample

    samples, sr = piper_speech
    speech = resample(samples, sr, vad.VAD_SAMPLE_RATE)
    inputs = [speech, speech[: len(speech) // 2], np.concatenate([np.zeros(8000, np.float32), speech])]
    serial = [vad.speech_segments(x) for x in inputs]
    jobs = [i % 3 for i in range(18)]
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda i: vad.speech_segments(inputs[i]), jobs))
    for i, got in zip(jobs, results, strict=True):
        assert got == serial[i]
