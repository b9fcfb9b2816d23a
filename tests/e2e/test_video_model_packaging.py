"""The face-mesh model travels inside the wheel and loads from an installed copy, with nothing downloaded."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_wheel_ships_the_face_mesh_model(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels)]
    subprocess.run([*argv, str(REPO)], check=True, capture_output=True)
    (wheel,) = wheels.glob("avatar-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "avatar/video/models/face_landmark.tflite" in names
    assert "avatar/video/models/NOTICE" in names

    # From the unpacked wheel alone, the model loads and finds the bundled portrait's face.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
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
