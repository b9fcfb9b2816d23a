"""talking_head on real piper speech: stream facts, duration, and a mouth that moves with the speech."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from avatar.atomic import leftover_temporaries
from avatar.config.schema import Settings
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage
from avatar.video.animate import frame_count, frame_rms
from avatar.video.portrait import default_portrait, load_portrait
from avatar.video.probe import frames, probe

SIZE, FPS = 160, 25


def make_stage(tmp_path: Path, **options: object) -> TalkingHeadStage:
    env = StageEnv(
        stage_id="video", device=DeviceChoice("cpu", "test"), dtype="float32", settings=Settings(),
        profile_name="cpu", voices_root=tmp_path,
    )  # fmt: skip
    return TalkingHeadStage(TalkingHeadOptions.model_validate({"size": SIZE, "fps": FPS, **options}), env)


def silent_span(samples: np.ndarray, sr: int) -> tuple[float, float]:
    """Start and end (s) of the longest run of exact zeros: the second of silence between the phrases."""
    zero = np.concatenate([[False], samples == 0, [False]])
    edges = np.flatnonzero(np.diff(zero.astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    i = int(np.argmax(ends - starts))
    return starts[i] / sr, ends[i] / sr


def test_video_follows_speech(tmp_path: Path, speech_wav: Path, piper_speech: tuple[np.ndarray, int]) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    stage = make_stage(tmp_path)
    stage.check(Job())
    result = stage.run(StageContext(job=Job(), run_dir=run_dir, artifacts={"speech": speech_wav}, metadata={}))
    video = result.artifacts["video"]
    assert video == run_dir / "talking_head.mp4"
    assert leftover_temporaries(run_dir) == []

    samples, sr = piper_speech
    audio_s = samples.size / sr
    info = probe(video)
    v = info.first("video")
    assert v is not None and v.codec == "h264" and (v.width, v.height) == (SIZE, SIZE) and v.fps == FPS
    assert info.first("audio") is None
    assert abs(info.duration_s - audio_s) <= 1.0 / FPS
    assert result.metrics["frames"] == frame_count(audio_s, FPS)

    # Mouth-region change between consecutive frames: high while speaking, near zero in the silent second.
    face = load_portrait(default_portrait(), SIZE).face
    half = int(face.mouth_w * 0.6)
    y0, y1 = int(face.mouth_y - half * 0.5), int(face.mouth_y + half)
    x0, x1 = int(face.mouth_x - half), int(face.mouth_x + half)
    motion, prev = [], None
    for frame in frames(video, SIZE, SIZE, gray=True):
        roi = frame[y0:y1, x0:x1].astype(np.float32)
        motion.append(0.0 if prev is None else float(np.abs(roi - prev).mean()))
        prev = roi
    assert len(motion) == result.metrics["frames"]
    motion_a = np.array(motion)
    rms = np.array(list(frame_rms(speech_wav, FPS)))
    s0, s1 = silent_span(samples, sr)
    silent = np.arange(int(s0 * FPS) + 6, int(s1 * FPS) - 1)  # after the mouth has closed
    speaking = np.flatnonzero(rms > 0.02)
    assert len(silent) >= 10 and len(speaking) >= 40
    assert motion_a[speaking].mean() > 4 * motion_a[silent].mean() + 0.2
    # And it follows energy frame by frame, not just on average.
    assert np.corrcoef(motion_a[1:], np.abs(np.diff(rms)) + rms[1:])[0, 1] > 0.3


def test_uses_profile_size_and_fps_and_audio_first(tmp_path: Path, speech_wav: Path) -> None:
    env = StageEnv(
        stage_id="video", device=DeviceChoice("cpu", "test"), dtype="float32",
        settings=Settings.model_validate({"quality": {"video_size": 96, "fps": 10}}),
        profile_name="cpu", voices_root=tmp_path,
    )  # fmt: skip
    stage = TalkingHeadStage(TalkingHeadOptions(), env)
    run_dir = tmp_path / "run"
    # 'audio' wins over 'speech': give 'speech' a file that is not audio at all.
    bogus = tmp_path / "not_audio.wav"
    bogus.write_text("nope")
    ctx = StageContext(job=Job(), run_dir=run_dir, artifacts={"audio": speech_wav, "speech": bogus}, metadata={})
    result = stage.run(ctx)
    v = probe(result.artifacts["video"]).first("video")
    assert v is not None and (v.width, v.height, v.fps) == (96, 96, 10.0)


def test_timings_gate_keeps_mouth_shut_outside_chunks(tmp_path: Path, speech_wav: Path) -> None:
    import json

    timings = tmp_path / "timings.json"
    # Claim the speech is only in the first half second: afterwards the mouth must stay closed.
    timings.write_text(json.dumps({"sample_rate": 22050, "duration_s": 1.0, "chunks": [
        {"index": 0, "text": "x", "start_s": 0.0, "end_s": 0.5}]}))  # fmt: skip
    stage = make_stage(tmp_path, head_motion=0.0, blinks=False)
    ctx = StageContext(Job(), tmp_path / "run", {"speech": speech_wav, "timings": timings}, {})
    result = stage.run(ctx)
    assert result.metrics["used_timings"] is True
    assert result.metrics["speaking_share"] < 0.15
    still = list(frames(result.artifacts["video"], SIZE, SIZE, gray=True))[40:]
    diffs = [np.abs(a.astype(np.int16) - b).mean() for a, b in itertools.pairwise(still)]
    assert max(diffs) < 0.5


@pytest.mark.parametrize("seconds", [0.01, 0.04, 1.0, 2.987])
def test_frame_rms_covers_audio(tmp_path: Path, seconds: float) -> None:
    import soundfile as sf

    sr = 22050
    path = tmp_path / "a.wav"
    sf.write(str(path), np.full(int(seconds * sr), 0.5, dtype=np.float32), sr)
    values = list(frame_rms(path, FPS))
    assert len(values) == frame_count(int(seconds * sr) / sr, FPS)
    assert all(0.0 < v <= 0.5 + 1e-6 for v in values)
