"""Profiles and pipelines must resolve from an installed wheel, not only from a clone."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_ships_config_and_entry_points(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("avatar-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for profile in ("rtx4090", "rtx3080", "low_vram", "mps", "cpu"):
        assert f"avatar/_config/hardware/{profile}.yaml" in names
    assert "avatar/_config/pipeline.yaml" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[avatar.stages]" in text and "synthesize = avatar.stages.synthesize:SynthesizeStage" in text
    assert "[avatar.asr]" in text and "faster-whisper = avatar.listening.whisper:FasterWhisperBackend" in text
    assert "[avatar.chat]" in text and "embedded = avatar.thinking.embedded:EmbeddedChat" in text
    assert "openai = avatar.thinking.remote:OpenAIChat" in text

    # Installed (unpacked) without the repository beside it, the profiles still load.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "from avatar.paths import builtin_config_dir; from avatar.hardware.profiles import available_profiles;"
        "import avatar; print(builtin_config_dir()); print(sorted(available_profiles()))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=True,
    )
    first, second = proc.stdout.strip().splitlines()
    assert first == str(site / "avatar" / "_config")
    assert second == "['cpu', 'low_vram', 'mps', 'rtx3080', 'rtx4090']"
