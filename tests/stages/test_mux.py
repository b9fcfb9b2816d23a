"""mux: talking head + real piper speech -> H.264 + AAC MP4 (faststart) and a poster PNG."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from avatar.atomic import leftover_temporaries
from avatar.config.schema import Settings
from avatar.errors import InputError, StageError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.mux import MuxOptions, MuxStage
from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage
from avatar.video.probe import frames, probe

FPS = 25


def env(tmp_path: Path, stage_id: str) -> StageEnv:
    return StageEnv(
        stage_id=stage_id, device=DeviceChoice("cpu", "test"), dtype="float32", settings=Settings(),
        profile_name="cpu", voices_root=tmp_path,
    )  # fmt: skip


def top_level_atoms(path: Path) -> list[str]:
    atoms, data = [], path.read_bytes()
    pos = 0
    while pos + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if size == 1:
            size = struct.unpack(">Q", data[pos + 8 : pos + 16])[0]
        atoms.append(kind.decode("latin-1"))
        if size < 8:
            break
        pos += size
    return atoms


@pytest.fixture
def talking_head(tmp_path: Path, speech_wav: Path) -> dict[str, Path]:
    stage = TalkingHeadStage(TalkingHeadOptions(size=128, fps=FPS), env(tmp_path, "video"))
    result = stage.run(StageContext(Job(), tmp_path / "run", {"audio": speech_wav}, {}))
    return {"audio": speech_wav, **result.artifacts}


def test_mux_streams_duration_faststart_poster(tmp_path: Path, talking_head: dict[str, Path]) -> None:
    import cv2
    import soundfile as sf

    run_dir = tmp_path / "run"
    result = MuxStage(MuxOptions(), env(tmp_path, "mux")).run(StageContext(Job(), run_dir, dict(talking_head), {}))
    mp4, poster = result.artifacts["mp4"], result.artifacts["poster"]
    assert (mp4.name, poster.name) == ("avatar.mp4", "poster.png")
    info = probe(mp4)
    v, a = info.first("video"), info.first("audio")
    assert v is not None and v.codec == "h264" and (v.width, v.height) == (128, 128)
    assert a is not None and a.codec == "aac"
    audio_s = sf.info(str(talking_head["audio"])).duration
    assert abs(info.duration_s - audio_s) <= 1.0 / FPS
    assert result.metrics["video_copied"] is True
    atoms = top_level_atoms(mp4)
    assert atoms.index("moov") < atoms.index("mdat"), atoms  # +faststart
    image = cv2.imread(str(poster))
    assert image is not None and image.shape == (128, 128, 3)
    # The poster is a frame of the video (1 s in), not a blank.
    video_frames = list(frames(mp4, 128, 128))
    assert np.abs(image[:, :, ::-1].astype(np.int16) - video_frames[FPS]).mean() < 4.0
    assert leftover_temporaries(run_dir) == []


def test_mux_reencodes_a_non_h264_video(tmp_path: Path, talking_head: dict[str, Path]) -> None:
    from avatar.video import ffmpeg

    mpeg4 = tmp_path / "tool_output.mp4"
    ffmpeg.run(["-i", talking_head["video"], "-c:v", "mpeg4", mpeg4], "test", "make mpeg4")
    arts = {**talking_head, "video": mpeg4}
    result = MuxStage(MuxOptions(), env(tmp_path, "mux")).run(StageContext(Job(), tmp_path / "run2", arts, {}))
    v = probe(result.artifacts["mp4"]).first("video")
    assert v is not None and v.codec == "h264" and result.metrics["video_copied"] is False


def test_mux_missing_and_empty_inputs(tmp_path: Path, talking_head: dict[str, Path]) -> None:
    import soundfile as sf

    run_dir = tmp_path / "out"
    stage = MuxStage(MuxOptions(), env(tmp_path, "mux"))
    with pytest.raises(StageError, match="needs the artifact 'video'"):
        stage.run(StageContext(Job(), run_dir, {"audio": talking_head["audio"]}, {}))
    empty = tmp_path / "empty.wav"
    sf.write(str(empty), np.zeros(0, np.float32), 22050)
    with pytest.raises(InputError, match="empty") as err:
        stage.run(StageContext(Job(), run_dir, {"video": talking_head["video"], "audio": empty}, {}))
    assert "\n" not in str(err.value)
    assert not run_dir.exists() or list(run_dir.iterdir()) == []
