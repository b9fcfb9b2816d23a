"""The face-mesh talking head, judged from outside: landmarks re-detected on rendered (and encoded) frames.

Real piper speech with its phoneme timing, the real landmark model, real images: the bundled portrait,
the same portrait mirrored, shifted, rescaled and tilted, and a closed-mouth version made by warping it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from avatar.config.schema import Settings
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage
from avatar.video import landmarks as lmk
from avatar.video.animate import Pose, frame_rms
from avatar.video.measure import loudness_correlation, measure_frames, phoneme_frames
from avatar.video.mesh import GridMesh
from avatar.video.portrait import default_portrait, load_portrait, read_image
from avatar.video.probe import frames
from avatar.video.render import Renderer

SIZE, FPS = 256, 25
VIDEO_SIZE = 512  # lip sync is measured at the default video size
DEMO_TEXT = "Hello! I am avatar, speaking with the embedded piper voice, one stage at a time."
LIPS_TEXT = "Mama bought a map of the bay. Papa made a big blue boat, maybe by May."


def write_png(path: Path, rgb: np.ndarray) -> Path:
    import cv2

    cv2.imwrite(str(path), np.ascontiguousarray(rgb[:, :, ::-1]))
    return path


def measured_gap(image: np.ndarray, near: lmk.Landmarks) -> float:
    """Inner-lip gap in mouth widths, by the landmarker on ``image`` (searching around ``near``)."""
    found = lmk.find_landmarks(image, near.box())
    assert found.score >= lmk.FACE_SCORE_MIN
    return found.inner_lip_gap() / found.mouth_width()


TAKES = 3  # piper draws its durations and noise at random: every synthesis times the phonemes differently


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[np.ndarray, ...]]]:
    """Per text, ``TAKES`` syntheses rendered and measured, each: the gaps measured on the video, its m/b/p
    frames, its open-vowel frames, the share of frames with a face found, and the speech's per-frame RMS.

    One take decides nothing: its timings are one draw of piper's noise, and a figure near a bound passes or
    fails by that draw (the open vowels' mean opening: 0.17-0.20 mouth widths over 12 takes here). The tests
    judge the median of three."""
    import soundfile as sf

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.text.phonemes import PhonemeWriter, read_spans

    backend = PiperBackend("cpu", "float32")
    backend.load()
    out: dict[str, list[tuple[np.ndarray, ...]]] = {}
    try:
        for name, text in (("demo", DEMO_TEXT), ("lips", LIPS_TEXT)):
            for take in range(TAKES):
                work = tmp_path_factory.mktemp(f"{name}{take}")
                speech = backend.speak(SynthesisRequest(text))
                assert speech.phonemes
                wav, tsv = work / "speech.wav", work / "phonemes.tsv"
                sf.write(str(wav), speech.samples, backend.sample_rate)
                with open(tsv, "w", encoding="utf-8") as fh:
                    PhonemeWriter(fh).write(0.0, backend.sample_rate, speech.phonemes)
                env = StageEnv("video", DeviceChoice("cpu", "test"), "float32", Settings(), "cpu", work)
                stage = TalkingHeadStage(TalkingHeadOptions(size=VIDEO_SIZE, fps=FPS), env)
                result = stage.run(StageContext(Job(), work / "run", {"audio": wav, "phonemes": tsv}, {}))
                faces = measure_frames(frames(result.artifacts["video"], VIDEO_SIZE, VIDEO_SIZE))
                lips, wide = phoneme_frames(list(read_spans(tsv)), len(faces.gaps), FPS)
                rms = np.array(list(frame_rms(wav, FPS)))
                out.setdefault(name, []).append((faces.gaps, lips, wide, faces.found_share, rms))
    finally:
        backend.unload()
    return out


def test_face_found_in_every_frame(rendered: dict[str, list[tuple[np.ndarray, ...]]]) -> None:
    for takes in rendered.values():
        for gaps, *_, found, _rms in takes:
            assert found == 1.0
            assert np.isfinite(gaps).all()


@pytest.fixture(scope="module")
def shut_reading() -> float:
    """What this landmarker reads on the bundled portrait drawn with its lips shut: its floor. It reads the
    smiling photo's shut lips as about 0.055 mouth widths apart (a closed-mouth photo as 0.025)."""
    portrait = load_portrait(default_portrait(), VIDEO_SIZE)
    return measured_gap(Renderer(portrait).render(Pose(0.0, 0.0, 0.0, 0.0, 0.0)), portrait.landmarks)


@pytest.mark.parametrize("name", ["demo", "lips"])
def test_lips_meet_on_m_b_p(rendered: dict[str, list[tuple[np.ndarray, ...]]], name: str, shut_reading: float) -> None:
    shut, wide_open, above = [], [], []
    for gaps, lips, wide, _found, _rms in rendered[name]:
        assert len(lips) >= 3 and len(wide) >= 5
        lips_above, wide_above = np.nanmean(gaps[lips]) - shut_reading, np.nanmean(gaps[wide]) - shut_reading
        shut.append(lips_above / wide_above)
        wide_open.append(np.nanmean(gaps[wide]))
        above.append(lips_above)
    assert np.median(wide_open) > 0.12  # open vowels really open the mouth
    # On m/b/p the lips are as shut as a shut mouth drawn alone: within a tenth of the open-vowel opening
    # above this landmarker's floor (0.00-0.09 per take over 25 takes here, median 0.04-0.05), and within
    # 0.02 mouth widths of it (0.005-0.011 over 12 takes of "lips" at three rates, 2026-12-06). The ratio of
    # the raw gaps (``gap_ratio``) is no figure for the lips here: this landmarker reads a shut mouth 0.052
    # mouth widths apart, so that ratio is mostly the floor over the vowels' opening (0.30-0.34 here, 0.36 in
    # two of three takes on CI, lips as shut); the outside judge (benchmarks/bench_face.py), whose floor is
    # lower, reads it 0.00-0.02 (issue 27's bound: 0.3).
    assert np.median(shut) <= 0.1
    assert np.median(above) <= 0.02


def test_lip_gap_follows_loudness(rendered: dict[str, list[tuple[np.ndarray, ...]]]) -> None:
    correlations = [loudness_correlation(gaps, rms) for gaps, _lips, _wide, _found, rms in rendered["demo"]]
    assert np.median(correlations) >= 0.75


def _bundled() -> np.ndarray:
    return read_image(default_portrait())


def _mirrored(rgb: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(rgb[:, ::-1])


def _shifted_rescaled(rgb: np.ndarray) -> np.ndarray:
    """1.6x larger, off-centre on a wider, taller canvas."""
    import cv2

    big = cv2.resize(rgb, None, fx=1.6, fy=1.6, interpolation=cv2.INTER_CUBIC)
    canvas = np.full((1100, 1400, 3), 200, np.uint8)
    canvas[230 : 230 + big.shape[0], 560 : 560 + big.shape[1]] = big[: 1100 - 230, : 1400 - 560]
    return canvas


def _small_and_tilted(rgb: np.ndarray) -> np.ndarray:
    """0.75x and rolled by 15 degrees."""
    import cv2

    m = cv2.getRotationMatrix2D((256.0, 200.0), 15.0, 0.75)
    return cv2.warpAffine(rgb, m, (512, 512), borderMode=cv2.BORDER_REFLECT)


def _turned(rgb: np.ndarray) -> np.ndarray:
    """A perspective warp in which the image-right side recedes: a flat stand-in for a head turned ~20-30
    degrees (a real turned photo is not available without a download)."""
    import cv2

    src = np.float32([[0, 0], [512, 0], [512, 512], [0, 512]])
    dst = np.float32([[0, 0], [422, 27], [422, 485], [0, 512]])
    return cv2.warpPerspective(rgb, cv2.getPerspectiveTransform(src, dst), (512, 512), borderMode=cv2.BORDER_REPLICATE)


@pytest.mark.parametrize(
    "transform",
    [_mirrored, _shifted_rescaled, _small_and_tilted, _turned],
    ids=["mirrored", "shifted-rescaled", "tilted", "turned"],
)
def test_other_placements_of_the_face(tmp_path: Path, transform: Callable[[np.ndarray], np.ndarray]) -> None:
    path = write_png(tmp_path / "portrait.png", transform(_bundled()))
    portrait = load_portrait(path, SIZE)
    # The crop is centred on the face whatever its place and size in the photo.
    x, _, w, _ = portrait.landmarks.box()
    assert abs((x + w / 2) - SIZE / 2) < 0.12 * SIZE and 0.3 * SIZE < w < 0.6 * SIZE
    renderer = Renderer(portrait)
    shut = measured_gap(renderer.render(Pose(0.0, 0.0, 0.0, 0.0, 0.0)), portrait.landmarks)
    wide = measured_gap(renderer.render(Pose(1.0, 0.0, 0.0, 0.0, 0.0)), portrait.landmarks)
    assert shut < 0.09 and wide > 0.17


def close_mouth(rgb: np.ndarray) -> np.ndarray:
    """The bundled portrait with its lips closed: each column near the mouth is pulled together about the
    middle of its lip gap (a warp written here, independent of the animator's mesh)."""
    import cv2

    from avatar.video.portrait import detect_face

    found = lmk.find_landmarks(rgb, detect_face(rgb, Path("bundled")))
    p = found.points
    upper, lower = p[list(lmk.LIP_UPPER_INNER)], p[list(lmk.LIP_LOWER_INNER)]
    h, w = rgb.shape[:2]
    xs = np.arange(w, dtype=np.float32)
    order_u, order_l = np.argsort(upper[:, 0]), np.argsort(lower[:, 0])
    top = np.interp(xs, upper[order_u, 0], upper[order_u, 1])
    bottom = np.interp(xs, lower[order_l, 0], lower[order_l, 1])
    inside = (xs > upper[:, 0].min()) & (xs < upper[:, 0].max())
    half = np.where(inside, np.maximum(bottom - top, 0.0) / 2.0 + 1.0, 0.0)
    mid = (top + bottom) / 2.0
    ys = np.arange(h, dtype=np.float32)[:, None]
    dist = ys - mid[None, :]
    reach = 3.0 * half[None, :] + 1.0
    fade = np.clip(1.0 - np.abs(dist) / reach, 0.0, 1.0)
    map_y = (ys + np.sign(dist) * half[None, :] * fade).astype(np.float32)
    map_x = np.broadcast_to(xs[None, :], map_y.shape).astype(np.float32)
    return cv2.remap(rgb, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def test_closed_mouth_portrait(tmp_path: Path) -> None:
    path = write_png(tmp_path / "closed.png", close_mouth(_bundled()))
    portrait = load_portrait(path, SIZE)
    # The input is shut (the bundled photo's lips are 0.17 mouth widths apart; shut lips measure 0.04-0.08).
    assert portrait.landmarks.inner_lip_gap() / portrait.landmarks.mouth_width() < 0.1
    renderer = Renderer(portrait)
    assert not renderer.photo_teeth
    shut_frame = renderer.render(Pose(0.0, 0.0, 0.0, 0.0, 0.0))
    open_frame = renderer.render(Pose(1.0, 0.0, 0.0, 0.0, 0.0))
    assert measured_gap(open_frame, portrait.landmarks) > 0.17
    assert measured_gap(shut_frame, portrait.landmarks) < 0.09
    # The opened mouth shows a dark cavity and a light hint of teeth under the upper lip.
    lm = portrait.landmarks.points
    cx, cy = lm[lmk.INNER_TOP]
    half = int(portrait.landmarks.mouth_width() * 0.25)
    box = open_frame[int(cy) : int(cy) + 2 * half, int(cx) - half : int(cx) + half].astype(np.float32).mean(axis=2)
    assert box.min() < 70 and box.max() > 170


def test_blink_closes_the_eyes() -> None:
    portrait = load_portrait(default_portrait(), SIZE)
    renderer = Renderer(portrait)
    lm = portrait.landmarks

    def eye_openness(image: np.ndarray) -> float:
        """Lid-to-lid distance by the landmarker (which under-reads closed eyes: it is not an eye model)."""
        found = lmk.find_landmarks(image, lm.box())
        q = found.points
        return float(np.hypot(*(q[159] - q[145])) + np.hypot(*(q[386] - q[374]))) / found.eye_distance()

    def iris_pixels(image: np.ndarray) -> int:
        """Dark pixels (iris, pupil) inside the eyes' landmark boxes."""
        grey = image.astype(np.float32).mean(axis=2)
        count = 0
        for idx in (lmk.EYE_R_UPPER + lmk.EYE_R_LOWER, lmk.EYE_L_UPPER + lmk.EYE_L_LOWER):
            pts = lm.points[list(idx)]
            (x0, y0), (x1, y1) = pts.min(axis=0).astype(int), pts.max(axis=0).astype(int) + 1
            count += int((grey[y0:y1, x0:x1] < 70).sum())
        return count

    opened, closed = (renderer.render(Pose(0.0, b, 0.0, 0.0, 0.0)) for b in (0.0, 1.0))
    assert eye_openness(closed) < 0.8 * eye_openness(opened)
    assert iris_pixels(opened) > 20 and iris_pixels(closed) < 0.5 * iris_pixels(opened)  # the lashes stay dark


def test_mesh_warp_is_seamless_and_exact() -> None:
    """Unmoved vertices give the identity map; moving one inner vertex moves the pixels around it only."""
    rows, cols = 5, 6
    gy, gx = np.mgrid[0:rows, 0:cols].astype(np.float64)
    rest = np.stack([10 + 12 * gx, 8 + 10 * gy], axis=-1).reshape(-1, 2)
    mesh = GridMesh(rest, rows, cols, 100, 80)
    map_x, map_y = mesh.maps(rest)
    ys, xs = np.mgrid[mesh.patch.y0 : mesh.patch.y1, mesh.patch.x0 : mesh.patch.x1]
    assert np.allclose(map_x, xs, atol=1e-3) and np.allclose(map_y, ys, atol=1e-3)
    moved = rest.copy()
    k = 2 * cols + 2  # an inner vertex
    moved[k] += (3.0, 2.0)
    map_x, map_y = mesh.maps(moved)
    vx, vy = (moved[k] - (mesh.patch.x0, mesh.patch.y0)).round().astype(int)
    # At the moved vertex, the map points back at its rest position.
    assert abs(map_x[vy, vx] - rest[k, 0]) < 1.0 and abs(map_y[vy, vx] - rest[k, 1]) < 1.0
    # Far from it (outside its triangles), nothing moved.
    assert np.allclose(map_x[:6, :], xs[:6, :], atol=1e-3)
    assert set(mesh.boundary().tolist()).isdisjoint({k})


def test_viseme_closure_and_spread() -> None:
    """A lip sound over a third of a frame shuts it; under that, the frame averages; spread follows vowels."""
    from avatar.text.phonemes import PhonemeSpan
    from avatar.video.visemes import VisemeTrack, openness

    f = 1 / FPS
    spans = [
        PhonemeSpan(0.0, 0.6 * f, "a"),  # frame 0: 40 % 'm' -> shut
        PhonemeSpan(0.6 * f, f, "m"),
        PhonemeSpan(f, 1.8 * f, "a"),  # frame 1: 20 % 'b' -> averaged
        PhonemeSpan(1.8 * f, 2 * f, "b"),
        PhonemeSpan(2 * f, 6 * f, "iː"),  # frames 2-5: spread
        PhonemeSpan(6 * f, 10 * f, "uː"),  # frames 6-9: rounded (anticipated from frame 5 or so)
    ]
    track = VisemeTrack(iter(spans), FPS)
    assert track.at_frame(0) == 0.0
    # Blended with its neighbours (coarticulation): less open than the vowel, more than the closure.
    blended = track.at_frame(1)
    assert blended is not None and 0.3 * openness("a") < blended < 0.95 * openness("a")  # type: ignore[operator]
    for i in range(2, 4):
        track.at_frame(i)
    assert track.spread > 0.5
    for i in range(4, 8):
        track.at_frame(i)
    assert track.spread < -0.5


def test_visemes_anticipate_and_tuck() -> None:
    """The mouth starts towards a vowel before it sounds, and f/v draw the lower lip to the teeth."""
    from avatar.text.phonemes import PhonemeSpan
    from avatar.video.visemes import VisemeTrack

    f = 1 / FPS
    spans = [PhonemeSpan(0.0, 3 * f, "t"), PhonemeSpan(3 * f, 6 * f, "ˈa"), PhonemeSpan(6 * f, 8 * f, "f")]
    track = VisemeTrack(iter(spans), FPS)
    values = [track.at_frame(i) for i in range(3)]
    assert values[2] is not None and values[0] is not None and values[2] > values[0] + 0.05  # opens ahead of the 'a'
    track.at_frame(3)
    assert track.stress  # the stressed vowel starts in frame 3
    track.at_frame(4)
    assert not track.stress
    track.at_frame(5)
    assert track.tuck == 0.0
    track.at_frame(6)
    assert track.tuck == 1.0
