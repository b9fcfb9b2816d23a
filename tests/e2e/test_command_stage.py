"""command: a real Python tool of the test suite's own, run as a stage; and the example pipelines."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from avatar.atomic import leftover_temporaries
from avatar.config.schema import Settings
from avatar.errors import InputError, StageError
from avatar.hardware.choice import DeviceChoice
from avatar.stages.base import Job, StageContext, StageEnv
from avatar.stages.command import CommandOptions, CommandStage

REPO = Path(__file__).resolve().parents[2]

TOOL = r"""
import json, os, shutil, subprocess, sys, time
mode, audio, image, out, workdir = sys.argv[1:6]
print("tool starting", mode)
if mode == "ok":
    shutil.copyfile(audio, out)
    with open(os.path.join(workdir, "args.json"), "w") as fh:
        json.dump({"argv": sys.argv[1:], "cwd": os.getcwd(), "env": os.environ.get("TOOL_FLAG")}, fh)
    open(os.path.join(workdir, "extra.txt"), "w").write("side output")
elif mode == "fail":
    print("loading weights from /nowhere/model.pth", flush=True)
    print("RuntimeError: CUDA out of memory (pretend)", file=sys.stderr, flush=True)
    sys.exit(3)
elif mode == "hang":
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    open(os.path.join(workdir, "child.pid"), "w").write(str(child.pid))
    print("sleeping", flush=True)
    time.sleep(60)
elif mode == "nothing":
    print("forgot to write the output")
"""


def make(tmp_path: Path, mode: str, **options: object) -> tuple[CommandStage, StageContext]:
    tool = tmp_path / "tool.py"
    tool.write_text(TOOL)
    audio = tmp_path / "speech.wav"
    audio.write_bytes(b"RIFF-not-really-but-bytes")
    portrait = tmp_path / "face.png"
    portrait.write_bytes(b"png")
    opts = {
        "argv": [sys.executable, str(tool), mode, "{audio}", "{image}", "{output}", "{workdir}", "{speech}"],
        "outputs": {"video": "lipsync.mp4"},
        "memory_mb": 2500,
        "timeout_s": 30,
        **options,
    }
    env = StageEnv(
        stage_id="lipsync", device=DeviceChoice("cpu", "test"), dtype="float32", settings=Settings(),
        profile_name="cpu", voices_root=tmp_path,
    )  # fmt: skip
    stage = CommandStage(CommandOptions.model_validate(opts), env)
    ctx = StageContext(Job(portrait=portrait), tmp_path / "run", {"speech": audio}, {})
    ctx.run_dir.mkdir(exist_ok=True)
    return stage, ctx


def test_placeholders_env_outputs_and_log(tmp_path: Path) -> None:
    stage, ctx = make(
        tmp_path, "ok", env={"TOOL_FLAG": "{device}:{stage_id}"},
        outputs={"video": "lipsync.mp4", "extra": "{workdir}/*.txt"},
    )  # fmt: skip
    assert stage.estimate_mb() == 2500
    stage.check(ctx.job)
    result = stage.run(ctx)
    video = result.artifacts["video"]
    assert video == ctx.run_dir / "lipsync.mp4"
    assert video.read_bytes() == b"RIFF-not-really-but-bytes"  # {audio} fell back to 'speech'
    assert result.artifacts["extra"].read_text() == "side output"
    workdir = ctx.run_dir / "lipsync.work"
    args = json.loads((workdir / "args.json").read_text())
    audio, image, out, wd, speech = args["argv"][1:6]
    assert audio == speech == str(ctx.artifacts["speech"])
    assert image == str(ctx.job.portrait)
    assert Path(out).parent == ctx.run_dir and Path(out).name.startswith(".tmp-lipsync-")  # renamed on success
    assert wd == str(workdir) and args["cwd"] == str(ctx.run_dir)
    assert args["env"] == "cpu:lipsync"
    assert "tool starting ok" in (ctx.run_dir / "lipsync.log").read_text()
    assert leftover_temporaries(ctx.run_dir) == []


def test_nonzero_exit_reports_log_tail(tmp_path: Path) -> None:
    stage, ctx = make(tmp_path, "fail")
    with pytest.raises(StageError) as err:
        stage.run(ctx)
    msg = str(err.value)
    assert "\n" not in msg and msg.startswith("stage 'lipsync':")
    assert "exited with code 3" in msg and "CUDA out of memory (pretend)" in msg and "lipsync.log" in msg
    assert not (ctx.run_dir / "lipsync.mp4").exists() and leftover_temporaries(ctx.run_dir) == []


def test_timeout_kills_the_process_group(tmp_path: Path) -> None:
    stage, ctx = make(tmp_path, "hang", timeout_s=1.5)
    t0 = time.monotonic()
    with pytest.raises(StageError, match=r"ran past its 1.5 s timeout") as err:
        stage.run(ctx)
    assert time.monotonic() - t0 < 15 and "\n" not in str(err.value)
    child = int((ctx.run_dir / "lipsync.work" / "child.pid").read_text())
    for _ in range(50):  # the grandchild got the signal too; give the kernel a moment to reap it
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        if Path(f"/proc/{child}/stat").exists() and Path(f"/proc/{child}/stat").read_text().split()[2] == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"grandchild {child} survived the timeout")
    assert leftover_temporaries(ctx.run_dir) == []


def test_missing_output_is_reported(tmp_path: Path) -> None:
    stage, ctx = make(tmp_path, "nothing")
    with pytest.raises(StageError, match=r"exited 0 but did not write 'video'") as err:
        stage.run(ctx)
    assert "\n" not in str(err.value)
    stage, ctx = make(tmp_path, "ok", outputs={"video": "lipsync.mp4", "mask": "{workdir}/*.npy"})
    with pytest.raises(StageError, match=r"did not write 'mask'"):
        stage.run(ctx)


def test_unknown_placeholder_and_missing_program(tmp_path: Path) -> None:
    stage, ctx = make(tmp_path, "ok", argv=[sys.executable, "-c", "pass", "{nosuch}"])
    with pytest.raises(StageError, match=r"no value for \{nosuch\}"):
        stage.run(ctx)
    stage, ctx = make(tmp_path, "ok", argv=["definitely-not-a-program-xyz", "{audio}"])
    with pytest.raises(InputError, match="was not found"):
        stage.check(ctx.job)


@pytest.mark.parametrize("name", ["wav2lip", "sadtalker", "musetalk"])
def test_example_pipelines_validate(name: str) -> None:
    import yaml

    from avatar.config.schema import PipelineSpec
    from avatar.stages.mux import MuxOptions
    from avatar.stages.subtitles import SubtitlesOptions

    doc = yaml.safe_load((REPO / "config" / "examples" / f"{name}.yaml").read_text())
    spec = PipelineSpec.model_validate(doc)
    models = {"command": CommandOptions, "mux": MuxOptions, "subtitles": SubtitlesOptions}
    commands = [s for s in spec.stages if s.uses == "command"]
    assert commands and all(CommandOptions.model_validate(s.with_).memory_mb >= 0 for s in commands)
    for st in spec.stages:
        if st.uses in models:
            models[st.uses].model_validate(st.with_)
    assert spec.stages[-1].uses == "mux"
