"""`avatar voice` through the real CLI entry (`avatar.cli.main.main`): output, JSON, exit codes, one-line errors."""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest
import soundfile as sf
from click.testing import CliRunner

from avatar.cli.main import main
from avatar.constants import DEFAULT_CHUNK_CHARS
from avatar.voices.store import VoiceStore


def avatar(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    """Run ``avatar ARGS`` in-process the way the console script does; (exit code, stdout, stderr)."""
    runner = CliRunner()
    with runner.isolation(input=stdin) as (out, err, _):
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        return code, out.getvalue().decode(), err.getvalue().decode()


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Error: "), err
    return lines[0]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "voices"


def test_add_list_show_remove(root: Path, speech_wav: Path) -> None:
    d = str(root)
    code, out, err = avatar("voice", "--voices-dir", d, "add", "alice", "narrator", "--audio", str(speech_wav),
                            "--text", "The quick brown fox.", "--language", "en")  # fmt: skip
    assert code == 0, err
    assert "Added voice alice/narrator" in out and "24000 Hz" in out
    assert avatar("voice", "--voices-dir", d, "add", "bob", "deep", "--audio", str(speech_wav),
                  "--backend", "qwen3-tts")[0] == 0  # fmt: skip

    code, out, _ = avatar("voice", "--voices-dir", d, "list")
    assert code == 0 and "alice/narrator" in out and "bob/deep" in out and "qwen3-tts" in out
    code, out, _ = avatar("voice", "--voices-dir", d, "list", "alice", "--json")
    listed = json.loads(out)
    assert [v["id"] for v in listed] == ["alice/narrator"]
    assert listed[0]["transcript"] == "The quick brown fox." and listed[0]["sample_rate"] == 24000

    code, out, _ = avatar("voice", "--voices-dir", d, "show", "alice/narrator", "--json")
    shown = json.loads(out)
    assert code == 0 and shown["intact"] is True and shown["problems"] == []
    assert Path(shown["reference_audio"]) == root / "alice" / "narrator" / "reference.wav"
    code, out, _ = avatar("voice", "--voices-dir", d, "show", "alice/narrator")
    assert code == 0 and "reference_sha256" in out and "yes" in out

    code, out, err = avatar("voice", "--voices-dir", d, "remove", "alice/narrator", stdin="n\n")
    assert code != 0 and VoiceStore(root).exists("alice/narrator")
    code, out, err = avatar("voice", "--voices-dir", d, "remove", "alice/narrator", "--yes")
    assert code == 0 and "Removed voice alice/narrator" in out
    assert not (root / "alice" / "narrator").exists()
    code, out, _ = avatar("voice", "--voices-dir", d, "list", "alice")
    assert code == 0 and "No voices for user 'alice'" in out


def test_default_root_comes_from_the_environment(tmp_path: Path, speech_wav: Path) -> None:
    # conftest points $AVATAR_VOICES_DIR at tmp_path/voices.
    code, _, err = avatar("voice", "add", "alice", "narrator", "--audio", str(speech_wav))
    assert code == 0, err
    assert (tmp_path / "voices" / "alice" / "narrator" / "voice.yaml").is_file()


def test_voices_stored_under_the_old_names_still_work(
    tmp_path: Path, speech_wav: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before 2026-12 a voice was a "profile": `profiles/<user>/<name>/profile.yaml`, `$AVATAR_PROFILES_DIR`,
    `--profiles-dir`. Voices stored then are read where they are, and the old names are still taken."""
    old = tmp_path / "old-profiles"
    assert avatar("voice", "--profiles-dir", str(old), "add", "alice", "narrator", "--audio", str(speech_wav))[0] == 0
    folder = old / "alice" / "narrator"
    (folder / "voice.yaml").rename(folder / "profile.yaml")  # as an older avatar wrote it
    monkeypatch.delenv("AVATAR_VOICES_DIR")
    monkeypatch.setenv("AVATAR_PROFILES_DIR", str(old))
    code, out, err = avatar("voice", "show", "alice/narrator", "--json")
    assert code == 0, err
    assert json.loads(out)["dir"] == str(folder)
    # a ./profiles folder from before is the default while there is no ./voices
    monkeypatch.delenv("AVATAR_PROFILES_DIR")
    monkeypatch.chdir(tmp_path)
    old.rename(tmp_path / "profiles")
    code, out, err = avatar("voice", "list", "alice", "--json")
    assert code == 0 and [v["id"] for v in json.loads(out)] == ["alice/narrator"], err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "alice/nobody"], 2, "Error: unknown voice 'alice/nobody' (user 'alice' has no voices; add it with"),
        (["show", "alice"], 2, "Error: voice 'alice' is not valid; write it as USER/NAME"),
        (["remove", "../etc/passwd", "--yes"], 2, "Error: voice '../etc/passwd' is not valid"),
        (["list", "Bad.User"], 2, "Error: user name 'Bad.User' is not allowed"),
        (["add", "alice", "../bob", "--audio", "x.wav"], 2, "Error: voice name '../bob' is not allowed"),
    ],
)
def test_usage_errors_are_one_line(root: Path, args: list[str], code: int, message: str) -> None:
    got, _, err = avatar("voice", "--voices-dir", str(root), *args)
    assert got == code
    assert one_line_error(err).startswith(message)
    assert not root.exists()


def test_rejected_audio_is_one_line_and_exit_2(root: Path, tmp_path: Path) -> None:
    bad = tmp_path / "hum.wav"
    sf.write(str(bad), [0.0] * 48000, 24000)
    code, _, err = avatar("voice", "--voices-dir", str(root), "add", "alice", "narrator", "--audio", str(bad))
    assert code == 2
    assert one_line_error(err) == f"Error: {bad}: the recording is silent (peak -inf dBFS); record speech"
    assert not root.exists()


def test_voice_test_refuses_a_backend_that_cannot_clone(root: Path, speech_wav: Path) -> None:
    assert avatar("voice", "--voices-dir", str(root), "add", "alice", "narrator", "--audio", str(speech_wav))[0] == 0
    code, _, err = avatar("voice", "--voices-dir", str(root), "test", "alice/narrator", "--backend", "piper")
    assert code == 2
    assert one_line_error(err) == "Error: backend 'piper' cannot clone a voice; choose one of: qwen3-tts, xtts"


@pytest.mark.skipif(importlib.util.find_spec("TTS") is not None, reason="coqui-tts is installed here")
def test_voice_test_without_the_xtts_package_says_what_to_install(root: Path, speech_wav: Path) -> None:
    assert avatar("voice", "--voices-dir", str(root), "add", "alice", "narrator", "--audio", str(speech_wav))[0] == 0
    out_file = root.parent / "sample.wav"
    code, _, err = avatar("voice", "--voices-dir", str(root), "test", "alice/narrator", "--out", str(out_file))
    assert code == 1
    line = one_line_error(err)
    # The backend's MissingDependencyError once avatar.backends.xtts exists; until then, that it is missing.
    assert "pip install" in line or "backend 'xtts' is not available" in line
    assert not out_file.exists()


def test_voice_test_speaks_through_a_real_tiny_xtts_model(root: Path, speech_wav: Path, tiny_xtts_dir: Path) -> None:
    pytest.importorskip("TTS")
    assert avatar("voice", "--voices-dir", str(root), "add", "alice", "narrator", "--audio", str(speech_wav))[0] == 0
    out_file = root.parent / "sample.wav"
    args = ("voice", "--voices-dir", str(root), "test", "alice/narrator", "--backend", "xtts")
    code, _, err = avatar(*args, "--model", str(tiny_xtts_dir), "--out", str(out_file), "--text", "Hi there.")
    assert code == 0, err
    info = sf.info(str(out_file))
    assert info.samplerate == 24000 and info.frames > 0
    # the conditioning was cached inside the profile, keyed by the model's fingerprint
    assert list((root / "alice" / "narrator" / "cache" / "xtts").glob("*/latents.pt"))
    # Through the residency core: the peak is in the ledger under the backend's own key ...
    ledger = Path(os.environ["AVATAR_STATE_DIR"]) / "estimates.json"
    entries = json.loads(ledger.read_text())["entries"]
    (key, entry), *_ = [(k, e) for k, e in entries.items() if e["backend"] == "xtts"]
    assert entry["stage"] == "speech" and entry["peaks_mb"][0] > 0
    assert entry["options"] == {"chunk_chars": DEFAULT_CHUNK_CHARS}  # the key a stage and the server use
    # The memory checks are the user's settings, as for a run: a hardware profile file and --set
    out_file.unlink()
    hardware = root.parent / "tight.yaml"
    hardware.write_text("name: tight\nmatch: {device: cpu}\ndtype: float32\nmemory: {safety_margin_mb: 100000000}\n")
    code, _, err = avatar(*args, "--model", str(tiny_xtts_dir), "--out", str(out_file), "--profile", str(hardware))
    line = one_line_error(err)
    assert code != 0 and "backend 'xtts' needs about" in line and "100000000 MB safety margin" in line, err
    code, _, err = avatar(*args, "--model", str(tiny_xtts_dir), "--out", str(out_file), "--set", "memory.budget_mb=1")
    line = one_line_error(err)
    assert code != 0 and "within the 1 MB memory.budget_mb" in line, err
    code, _, err = avatar(*args, "--out", str(out_file), "--set", "stages.speech.backend=piper")
    assert code == 2 and "`avatar voice test` has no stages" in one_line_error(err), err
    assert not out_file.exists()
    # ... and the next test asks the memory manager first: an estimate that cannot fit stops it before any load
    data = json.loads(ledger.read_text())
    data["entries"][key]["peaks_mb"] = [10.0**9]
    ledger.write_text(json.dumps(data))
    code, _, err = avatar(*args, "--model", str(tiny_xtts_dir), "--out", str(out_file), "--text", "Hi there.")
    line = one_line_error(err)
    assert code != 0 and "backend 'xtts' needs about" in line and "(ledger estimate)" in line, err
    assert not out_file.exists()
