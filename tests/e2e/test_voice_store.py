"""The voice store (list/get/remove, strict voice.yaml, locking, two real processes) and embeddings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
import yaml
from filelock import FileLock

from avatar.errors import ConfigError, InputError, RunError, UnknownNameError, UsageError
from avatar.voices.embedding import cosine, mel_spectrogram, speaker_embedding
from avatar.voices.reference import resample
from avatar.voices.store import VoiceStore
from avatar.voices.stored import VOICE_FILE


@pytest.fixture
def store(tmp_path: Path) -> VoiceStore:
    return VoiceStore(tmp_path / "voices")


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.rglob("*") if p.name.startswith((".tmp-", ".trash-")))


def test_add_get_list_remove(store: VoiceStore, speech_wav: Path) -> None:
    a = store.add("Alice", "narrator", speech_wav, "  The quick brown fox.\n", "en-US")
    store.add("alice", "calm", speech_wav)
    store.add("bob", "deep", speech_wav, default_backend="qwen3-tts")

    assert a.id == "alice/narrator" and a.dir == store.root / "alice" / "narrator"
    assert (a.transcript, a.language, a.default_backend) == ("The quick brown fox.", "en-US", "xtts")
    got = store.get("ALICE/Narrator")
    assert got == a
    assert [p.id for p in store.list()] == ["alice/calm", "alice/narrator", "bob/deep"]
    assert [p.id for p in store.list("alice")] == ["alice/calm", "alice/narrator"]
    assert store.list("carol") == []

    store.remove("alice/narrator")
    assert not a.dir.exists()
    with pytest.raises(UnknownNameError, match=r"unknown voice 'alice/narrator'; choose one of: alice/calm"):
        store.get("alice/narrator")
    with pytest.raises(UnknownNameError, match="user 'carol' has no voices"):
        store.remove("carol/x")
    assert _leftovers(store.root) == []


def test_profile_yaml_records_everything(store: VoiceStore, speech_wav: Path) -> None:
    from avatar.atomic import sha256_file

    p = store.add("alice", "narrator", speech_wav, "Hello.", "en")
    doc = yaml.safe_load((p.dir / VOICE_FILE).read_text())
    assert doc["format_version"] == 1
    assert doc["reference"]["file"] == "reference.wav"
    assert doc["reference"]["sha256"] == sha256_file(p.reference_audio)
    assert doc["reference"]["source_sha256"] == sha256_file(speech_wav)
    assert doc["reference"]["sample_rate"] == 24000
    assert doc["embedding"] == {
        "file": "embedding.npy",
        "sha256": sha256_file(p.dir / "embedding.npy"),
        "model": "resemblyzer-0.1.4/pretrained.pt",
        "dim": 256,
    }
    assert (doc["transcript"], doc["language"], doc["default_backend"]) == ("Hello.", "en", "xtts")
    assert "created" in doc


def test_profile_yaml_is_strict(store: VoiceStore, speech_wav: Path) -> None:
    p = store.add("alice", "narrator", speech_wav)
    path = p.dir / VOICE_FILE
    doc = yaml.safe_load(path.read_text())
    doc["reference"]["colour"] = "blue"
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(ConfigError, match=r"voice.yaml: reference.colour: unknown key 'colour'; allowed keys: "):
        store.get("alice/narrator")
    del doc["reference"]["colour"]
    doc["reference"]["file"] = "../../bob/secret.wav"
    path.write_text(yaml.safe_dump(doc))
    with pytest.raises(ConfigError, match=r"reference\.file: .*plain file name"):
        store.get("alice/narrator")


def test_verify_notices_changed_files(store: VoiceStore, speech_wav: Path) -> None:
    p = store.add("alice", "narrator", speech_wav)
    assert p.verify() == []
    with open(p.reference_audio, "r+b") as fh:
        fh.seek(200)
        fh.write(b"\x7f\x7f")
    assert p.verify() == ["reference.wav does not match its checksum"]


def test_existing_voice_is_kept_unless_replaced(store: VoiceStore, speech_wav: Path) -> None:
    first = store.add("alice", "narrator", speech_wav, "first")
    with pytest.raises(UsageError, match="voice alice/narrator already exists; remove it first with: avatar voice"):
        store.add("alice", "narrator", speech_wav, "second")
    assert store.get("alice/narrator").transcript == "first"
    second = store.add("alice", "narrator", speech_wav, "second", replace=True)
    assert second.transcript == "second" and second.created >= first.created
    assert _leftovers(store.root) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"language": "english!"}, UsageError, "language 'english!' is not valid"),
        ({"transcript": "x" * 5001}, InputError, "the transcript has 5001 characters; at most 5000"),
        ({"default_backend": "piper"}, UnknownNameError, "unknown voice-cloning backend 'piper'"),
    ],
)
def test_bad_metadata_is_refused_before_any_work(
    store: VoiceStore, speech_wav: Path, kwargs: dict[str, str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        store.add("alice", "narrator", speech_wav, **kwargs)  # type: ignore[arg-type]
    assert not store.root.exists()


def test_cache_dir(store: VoiceStore, speech_wav: Path) -> None:
    p = store.add("alice", "narrator", speech_wav)
    d = p.cache_dir("xtts", "xtts_v2-3f2a9c")
    assert d == p.dir / "cache" / "xtts" / "xtts_v2-3f2a9c" and d.is_dir()
    for backend, fingerprint in [("xtts", "../../x"), ("..", "a"), ("xtts", ""), ("a/b", "c")]:
        with pytest.raises(InputError, match="is not a plain folder name"):
            p.cache_dir(backend, fingerprint)


def test_busy_voice_times_out_and_leaves_nothing(store: VoiceStore, speech_wav: Path) -> None:
    held = VoiceStore(store.root, lock_timeout_s=0.2)
    (store.root / "alice").mkdir(parents=True)
    with FileLock(str(store.root / "alice" / ".narrator.lock")), pytest.raises(RunError, match="is busy"):
        held.add("alice", "narrator", speech_wav)
    assert store.list() == []
    assert _leftovers(store.root) == []


def test_two_processes_adding_the_same_voice(tmp_path: Path, speech_wav: Path) -> None:
    root = tmp_path / "voices"
    cmd = [sys.executable, "-m", "avatar", "voice", "--voices-dir", str(root), "add", "alice", "narrator"]
    env = dict(os.environ)
    procs = [
        subprocess.Popen([*cmd, "--audio", str(speech_wav), "--text", f"take {i}"], env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in (1, 2)
    ]  # fmt: skip
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 2], results
    loser_err = next(err for code, _, err in results if code == 2)
    assert loser_err.strip().splitlines() == [
        "Error: voice alice/narrator already exists; remove it first with: avatar voice remove alice/narrator"
    ]
    winner_text = next(out for code, out, _ in results if code == 0)
    profile = VoiceStore(root).get("alice/narrator")
    assert "Added voice alice/narrator" in winner_text
    assert profile.transcript in {"take 1", "take 2"}
    assert profile.verify() == []
    assert _leftovers(root) == []
    assert sorted(p.name for p in (root / "alice").iterdir()) == [".narrator.lock", "narrator"]


def _speak(*texts: str) -> tuple[list[np.ndarray], int]:
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32")
    backend.load()
    try:
        return [backend.synthesize(SynthesisRequest(t)) for t in texts], backend.sample_rate
    finally:
        backend.unload()


def test_same_voice_is_closer_than_another_voice() -> None:
    (a, b, c), sr = _speak(
        "The quick brown fox jumps over the lazy dog, and then it runs away into the woods.",
        "Every morning she walks to the station, buys a paper and waits for the early train.",
        "Our new office opens next week, so please bring your badge and a good umbrella.",
    )
    ea, eb = speaker_embedding(a, sr), speaker_embedding(b, sr)
    # A different speaker: the same model's audio played 30 % faster, which raises every formant.
    ec = speaker_embedding(c, int(sr * 1.3))
    same, other = cosine(ea, eb), cosine(ea, ec)
    assert same > 0.8
    assert same > other + 0.15
    assert cosine(ea, ea) == pytest.approx(1.0)
    # Resampling and level change the embedding little: it stays far closer than another voice.
    assert cosine(speaker_embedding(resample(a, sr, 24000) * 0.3, 24000), ea) > max(0.9, other + 0.15)


def _harmonic_signal() -> np.ndarray:
    sr = 16000
    t = np.arange(4 * sr) / sr
    f0 = 140 + 30 * np.sin(2 * np.pi * 0.7 * t)
    phase = 2 * np.pi * np.cumsum(f0) / sr
    x = sum(np.sin(k * phase) / k for k in range(1, 12)) * (0.5 + 0.5 * np.sin(2 * np.pi * 3 * t) ** 2)
    x = x + 0.01 * np.random.default_rng(0).standard_normal(t.size)
    return np.asarray(0.1 * x, dtype=np.float32)


def test_embedding_matches_resemblyzer_golden_values() -> None:
    # Computed with resemblyzer 0.1.4's own VoiceEncoder.embed_utterance (librosa 0.11) on this signal.
    golden = {224: 0.23522, 100: 0.20749, 246: 0.20472, 158: 0.20433, 32: 0.18797, 178: 0.179, 146: 0.16613,
              248: 0.16581, 127: 0.16348, 42: 0.16288}  # fmt: skip
    e = speaker_embedding(_harmonic_signal(), 16000)
    assert e.shape == (256,) and e.dtype == np.float32
    assert list(np.argsort(-e)[:10]) == list(golden)
    for i, value in golden.items():
        assert e[i] == pytest.approx(value, abs=2e-4)
    # librosa.filters.mel(sr=16000, n_fft=400, n_mels=40).sum() with a unit-amplitude full-band check.
    mel = mel_spectrogram(np.zeros(16000))
    assert mel.shape == (101, 40) and float(mel.max()) == 0.0


def test_stored_embedding_is_the_reference_embedding(store: VoiceStore, speech_wav: Path) -> None:
    p = store.add("alice", "narrator", speech_wav)
    samples, sr = sf.read(str(p.reference_audio), dtype="float32")
    assert cosine(p.embedding(), speaker_embedding(samples, sr)) > 0.999


def test_missing_encoder_weights_say_how_to_install_them(tmp_path: Path, speech_wav: Path) -> None:
    from processes import run_cli

    proc = run_cli(
        "voice", "--voices-dir", str(tmp_path / "p"), "add", "alice", "narrator", "--audio", str(speech_wav),
        env={"AVATAR_ENCODER_WEIGHTS": str(tmp_path / "absent.pt")},
    )  # fmt: skip
    lines = [line for line in proc.stderr.splitlines() if line.startswith("Error:")]
    assert proc.returncode != 0 and len(lines) == 1, proc.stderr
    assert "python -m avatar.voices.encoder_weights" in lines[0] and "Traceback" not in proc.stderr
    assert not (tmp_path / "p" / "alice" / "narrator").exists()


def test_the_installed_encoder_weights_are_the_checked_file() -> None:
    from avatar import atomic
    from avatar.voices.encoder_weights import SHA256, find

    path = find()
    assert path is not None and atomic.sha256_file(path) == SHA256
