"""The wheel is enough: profiles, pipelines and entry points resolve from an installed (unpacked) wheel, not
only from a clone, and the face-mesh model travels inside it and loads with nothing downloaded. The wheel is
built once for the module."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheels = tmp_path_factory.mktemp("wheels")
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)]
    subprocess.run([*argv, str(REPO)], check=True, capture_output=True)
    (built,) = wheels.glob("avatar-*.whl")
    return built


def _unpacked(wheel: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    return site


def test_wheel_ships_config_and_entry_points(wheel: Path, tmp_path: Path) -> None:
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
    site = _unpacked(wheel, tmp_path)
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


def test_wheel_ships_the_face_mesh_model(wheel: Path, tmp_path: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "avatar/video/models/face_landmark.tflite" in names
    assert "avatar/video/models/NOTICE" in names

    # From the unpacked wheel alone, the model loads and finds the bundled portrait's face.
    site = _unpacked(wheel, tmp_path)
    code = (
        "import avatar.video.landmarks as l; from avatar.video.portrait import load_portrait, default_portrait;"
        "p = load_portrait(default_portrait(), 128); print(l.MODEL_PATH); print(round(p.landmarks.score, 2))"
    )
    import cv2
    import skimage  # noqa: F401  (only to find site-packages of the test environment)

    deps = str(Path(cv2.__file__).parents[1])
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": f"{site}:{deps}", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=True,
    )
    model, score = proc.stdout.strip().splitlines()
    assert model == str(site / "avatar" / "video" / "models" / "face_landmark.tflite")
    assert float(score) > 0.9
