"""subtitles: cue building (pure), SRT/WebVTT text, the stage, and burn-in through mux."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.atomic import leftover_temporaries
from avatar.config.schema import Settings
from avatar.errors import StageError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.subtitles import SubtitlesOptions, SubtitlesStage
from avatar.video.captions import build_cues, to_srt, to_vtt, wrap

LONG = (
    "Avatar runs text to speech and video models one stage at a time, so that a laptop without a "
    "graphics card can still make a talking head with subtitles."
)


def env(tmp_path: Path, stage_id: str = "subs") -> StageEnv:
    return StageEnv(
        stage_id=stage_id, device=DeviceChoice("cpu", "test"), dtype="float32", settings=Settings(),
        profile_name="cpu", voices_root=tmp_path,
    )  # fmt: skip


def timings_file(path: Path, chunks: list[tuple[float, float, str]]) -> Path:
    doc = {
        "sample_rate": 22050,
        "duration_s": chunks[-1][1],
        "chunks": [{"index": i, "text": t, "start_s": a, "end_s": b} for i, (a, b, t) in enumerate(chunks)],
    }
    path.write_text(json.dumps(doc))
    return path


@given(st.text(alphabet=st.sampled_from("ab cdéf,.-"), max_size=300), st.integers(5, 60))
def test_wrap_keeps_words_and_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(0 < len(ln) <= width for ln in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())


@given(
    st.lists(st.tuples(st.floats(0, 100), st.floats(0.05, 20), st.text(min_size=1, max_size=200)), max_size=8),
    st.integers(10, 60),
    st.integers(1, 3),
)
def test_cues_are_ordered_within_chunks_and_bounded(
    raw: list[tuple[float, float, str]], width: int, max_lines: int
) -> None:
    chunks = [(a, a + d, t) for a, d, t in raw]
    cues = build_cues(chunks, width, max_lines)
    for prev, cue in itertools.pairwise(cues):
        assert prev.end_s <= cue.start_s + 1e-9
    for cue in cues:
        assert cue.start_s < cue.end_s or abs(cue.end_s - cue.start_s) < 1e-9
        assert 1 <= len(cue.lines) <= max_lines and all(len(ln) <= width for ln in cue.lines)
    assert max((c.end_s for c in cues), default=0.0) <= max((c[1] for c in chunks), default=0.0) + 1e-9


def test_long_chunk_splits_proportionally() -> None:
    cues = build_cues([(1.0, 9.0, LONG)])
    assert len(cues) == 2  # 140 characters: four lines of <= 42, two per cue
    assert cues[0].start_s == 1.0 and cues[-1].end_s == 9.0
    chars = [sum(map(len, c.lines)) for c in cues]
    shares = [(c.end_s - c.start_s) / 8.0 for c in cues]
    assert shares == pytest.approx([n / sum(chars) for n in chars], abs=0.02)


def test_srt_and_vtt_text() -> None:
    cues = build_cues([(0.0, 1.5, "Fish & chips <now>"), (3661.25, 3662.0, "second")])
    srt = to_srt(cues)
    assert srt.startswith("1\n00:00:00,000 --> 00:00:01,500\nFish & chips <now>\n\n2\n01:01:01,250 --> ")
    vtt = to_vtt(cues)
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nFish &amp; chips &lt;now&gt;\n")
    assert "01:01:01.250 --> 01:01:02.000\nsecond\n" in vtt


def test_stage_writes_both_files(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    timings = timings_file(tmp_path / "timings.json", [(0.0, 6.0, LONG), (6.25, 8.0, "And a short one.")])
    stage = SubtitlesStage(SubtitlesOptions(), env(tmp_path))
    result = stage.run(StageContext(Job(), run_dir, {"timings": timings}, {}))
    srt, vtt = result.artifacts["srt"], result.artifacts["vtt"]
    assert (srt.name, vtt.name) == ("subtitles.srt", "subtitles.vtt")
    blocks = srt.read_text().strip().split("\n\n")
    assert len(blocks) == result.metrics["cues"] == 3
    stamp = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")
    for n, block in enumerate(blocks, 1):
        lines = block.split("\n")
        assert lines[0] == str(n) and stamp.match(lines[1])
        assert 1 <= len(lines[2:]) <= 2 and all(len(ln) <= 42 for ln in lines[2:])
    assert vtt.read_text().startswith("WEBVTT\n\n") and vtt.read_text().count(" --> ") == 3
    assert result.metrics["burn_in"] is False
    assert leftover_temporaries(run_dir) == []


def test_bad_timings_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "timings.json"
    bad.write_text('{"chunks": [{"text": "x"}]}')
    with pytest.raises(StageError, match="not a timings file") as err:
        stage = SubtitlesStage(SubtitlesOptions(), env(tmp_path))
        stage.run(StageContext(Job(), tmp_path / "run", {"timings": bad}, {}))
    assert "\n" not in str(err.value)


def test_burn_in_draws_text(tmp_path: Path, speech_wav: Path) -> None:
    """The subtitles stage asks for burn-in; mux honours it and the text shows in the lower part of the frame."""
    from avatar.stages.mux import MuxOptions, MuxStage
    from avatar.stages.talking_head import TalkingHeadOptions, TalkingHeadStage
    from avatar.video.probe import frames

    run_dir = tmp_path / "run"
    arts = {"speech": speech_wav}
    th = TalkingHeadStage(TalkingHeadOptions(size=192, fps=25, head_motion=0.0, blinks=False), env(tmp_path, "video"))
    arts.update(th.run(StageContext(Job(), run_dir, dict(arts), {})).artifacts)
    arts["timings"] = timings_file(tmp_path / "timings.json", [(0.0, 5.0, "HELLO WORLD")])
    subs = SubtitlesStage(SubtitlesOptions(burn_in=True), env(tmp_path))
    sub_result = subs.run(StageContext(Job(), run_dir, dict(arts), {}))
    arts.update(sub_result.artifacts)
    mux = MuxStage(MuxOptions(poster_at_s=0.0), env(tmp_path, "mux"))
    out = mux.run(StageContext(Job(), run_dir, dict(arts), {"subs": sub_result.metrics}))
    assert out.metrics["burn_in"] is True and out.metrics["video_copied"] is False
    plain = next(frames(arts["video"], 192, 192, gray=True)).astype(np.int16)
    burnt = next(frames(out.artifacts["mp4"], 192, 192, gray=True)).astype(np.int16)
    changed = np.abs(burnt - plain) > 48  # glyph pixels; re-encoding alone moves values by a few levels
    assert changed[140:, :].sum() > 100 and changed[:100, :].sum() < 10  # text at the bottom, not above
