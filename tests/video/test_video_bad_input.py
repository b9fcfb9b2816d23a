"""Bad input to talking_head fails with one line, before anything is written."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from avatar.atomic import leftover_temporaries
from avatar.config.schema import Settings
from avatar.errors import InputError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage


def make_stage(tmp_path: Path) -> TalkingHeadStage:
    env = StageEnv(
        stage_id="video", device=DeviceChoice("cpu", "test"), dtype="float32", settings=Settings(),
        profile_name="cpu", voices_root=tmp_path,
    )  # fmt: skip
    return TalkingHeadStage(TalkingHeadOptions(size=128, fps=25), env)


def gradient_png(path: Path) -> Path:
    import cv2

    ramp = np.linspace(0, 255, 256, dtype=np.uint8)
    cv2.imwrite(str(path), np.dstack([np.tile(ramp, (256, 1))] * 3))
    return path


def small_face_png(path: Path) -> Path:
    """The bundled portrait shrunk so its face is about 45 px wide, on a plain canvas: found, but too small."""
    import cv2

    from avatar.video.portrait import default_portrait, read_image

    small = cv2.resize(read_image(default_portrait()), (240, 240), interpolation=cv2.INTER_AREA)
    canvas = np.full((320, 320, 3), 190, np.uint8)
    canvas[40:280, 40:280] = small
    cv2.imwrite(str(path), canvas[:, :, ::-1])
    return path


def text_file(path: Path) -> Path:
    path.write_text("this is not an image\n")
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.png", "does not exist"),
        (lambda d: text_file(d / "notes.png"), "is not a supported image"),
        (lambda d: d, "is not a file"),
        (lambda d: gradient_png(d / "gradient.png"), "no face found"),
        (lambda d: small_face_png(d / "small.png"), "too small to animate"),
    ],
    ids=["missing", "not-an-image", "directory", "no-face", "face-too-small"],
)
def test_bad_portrait(tmp_path: Path, speech_wav: Path, make: object, message: str) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    portrait = make(inputs)  # type: ignore[operator]
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    stage = make_stage(tmp_path)
    job = Job(portrait=portrait)
    with pytest.raises(InputError) as err:
        stage.check(job)
    assert message in str(err.value) and "\n" not in str(err.value)
    # run() refuses the same way, and leaves the run folder empty.
    with pytest.raises(InputError, match=message):
        stage.run(StageContext(job=job, run_dir=run_dir, artifacts={"speech": speech_wav}, metadata={}))
    assert list(run_dir.iterdir()) == []


def test_zero_length_audio(tmp_path: Path) -> None:
    import soundfile as sf

    empty = tmp_path / "empty.wav"
    sf.write(str(empty), np.zeros(0, dtype=np.float32), 22050)
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    with pytest.raises(InputError, match="empty") as err:
        make_stage(tmp_path).run(StageContext(Job(), run_dir, {"audio": empty}, {}))
    assert "\n" not in str(err.value)
    assert list(run_dir.iterdir()) == [] and leftover_temporaries(run_dir) == []


def test_encoder_failure_leaves_nothing(tmp_path: Path, speech_wav: Path) -> None:
    """An error while frames stream (here: a frame of the wrong size) removes the half-written video."""
    from avatar.errors import StageError
    from avatar.video.encode import FrameWriter

    run_dir = tmp_path / "run"
    ctx = StageContext(Job(), run_dir, {}, {})
    with pytest.raises(ValueError), ctx.writing("x.mp4") as tmp, FrameWriter(tmp, 64, 64, 25, "video") as enc:
        enc.write(np.zeros((64, 64, 3), np.uint8))
        enc.write(np.zeros((32, 64, 3), np.uint8))
    assert list(run_dir.iterdir()) == []
    # ffmpeg refusing its arguments surfaces as a one-line StageError with its log.
    with (
        pytest.raises(StageError, match="encoder"),
        ctx.writing("y.mp4") as tmp,
        FrameWriter(tmp, 64, 64, 25, "video", preset="no-such-preset") as enc,
    ):
        for _ in range(200):
            enc.write(np.zeros((64, 64, 3), np.uint8))
    assert list(run_dir.iterdir()) == []
