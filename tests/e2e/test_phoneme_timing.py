"""Phoneme timing: piper's alignments, the phonemes.tsv the synthesize stage writes, and the mouth shapes
the talking head takes from it."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from hypothesis import given
from hypothesis import strategies as st
from processes import run_cli

from avatar.backends.base import SynthesisRequest
from avatar.backends.piper import PiperBackend, bundled_voice_path
from avatar.backends.piper_alignment import aligned_model, cached_path
from avatar.text.phonemes import (
    HEADER,
    UNALIGNED,
    WORD_BOUNDARY,
    PhonemeSpan,
    PhonemeWriter,
    fold_modifiers,
    read_spans,
)
from avatar.video.animate import poses
from avatar.video.visemes import NEUTRAL, REST, VisemeTrack, openness

FPS = 25
BILABIAL_TEXT = "Mama bought a map. Papa made a big blue boat, maybe by May."


# --- pure pieces ----------------------------------------------------------------------------------------
def test_fold_modifiers_joins_stress_and_length_marks() -> None:
    pairs = [("^", 5), ("m", 3), ("ˈ", 7), ("ɑ", 4), ("ː", 6), (" ", 2), ("ˌ", 1), ("ɪ", 1), ("$", 2)]
    assert fold_modifiers(pairs) == [("^", 5), ("m", 3), ("ˈɑː", 17), (WORD_BOUNDARY, 2), ("ˌɪ", 2), ("$", 2)]


labels = st.sampled_from(["ˈ", "ˌ", "ː", " ", "a", "m", "p", "ə", ".", "ɪ", "ʊ", "^", "$"])


@given(st.lists(st.tuples(labels, st.integers(0, 5000)), max_size=60))
def test_fold_modifiers_keeps_every_sample_and_leaves_no_bare_mark_inside(pairs: list[tuple[str, int]]) -> None:
    folded = fold_modifiers(pairs)
    assert sum(n for _, n in folded) == sum(n for _, n in pairs)
    for label, _ in folded[:-1]:
        assert label.strip("ˈˌː") != "" or label == "", label  # only a trailing mark can stand alone
    assert "".join(label for label, _ in folded).replace(WORD_BOUNDARY, " ") == "".join(label for label, _ in pairs)


@given(st.lists(st.tuples(labels, st.integers(0, 3000)), min_size=1, max_size=40), st.floats(0, 100))
def test_writer_and_reader_round_trip_contiguous_spans(pairs: list[tuple[str, int]], offset: float) -> None:
    import io
    import tempfile

    buf = io.StringIO()
    writer = PhonemeWriter(buf)
    writer.write(offset, 22050, pairs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "phonemes.tsv"
        path.write_text(buf.getvalue(), encoding="utf-8")
        spans = list(read_spans(path))
    kept = [(label, n) for label, n in pairs if n > 0]
    assert writer.rows == len(kept) == len(spans)
    assert buf.getvalue().splitlines()[0] == HEADER
    for span, (label, _) in zip(spans, kept, strict=True):
        assert span.phoneme == (label or UNALIGNED)
        assert span.end_s > span.start_s
    for a, b in itertools.pairwise(spans):
        assert b.start_s == pytest.approx(a.end_s, abs=1e-4)
    if spans:
        assert spans[0].start_s == pytest.approx(offset, abs=1e-4)
        assert spans[-1].end_s == pytest.approx(offset + sum(n for _, n in kept) / 22050, abs=2e-4)


def test_reader_skips_malformed_rows(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "phonemes.tsv"
    path.write_text(f"{HEADER}\n0.0\t0.1\tm\nnot a row\n0.1\tx\ta\n0.2\t0.2\tb\n0.2\t0.3\ta\n", encoding="utf-8")
    assert list(read_spans(path)) == [PhonemeSpan(0.0, 0.1, "m"), PhonemeSpan(0.2, 0.3, "a")]
    assert "line 3" in caplog.text and "line 4" in caplog.text


def test_openness_by_articulation() -> None:
    for closed in ("m", "p", "b", "ˈm"):
        assert openness(closed) == 0.0
    for wide in ("a", "æ", "ˈɑː", "ˌa"):
        assert openness(wide) == 1.0
    assert 0 < openness("f") < openness("t") < openness("i") < openness("ɛ") < openness("a")  # type: ignore[operator]
    assert openness("ˈo") == openness("o")
    for pause in ("^", "$", ".", ",", "?", "!"):
        assert openness(pause) == REST
    assert openness(UNALIGNED) is None and openness(WORD_BOUNDARY) is None and openness("") is None
    assert openness("ˈ") == NEUTRAL and openness("ǃ") == NEUTRAL  # a sound the table does not know


@given(st.text(max_size=6))
def test_openness_is_none_or_within_range(label: str) -> None:
    value = openness(label)
    assert value is None or 0.0 <= value <= 1.0


def test_viseme_track_averages_over_each_frame() -> None:
    f = 1 / FPS
    spans = [
        PhonemeSpan(0.0, f, "m"),  # frame 0: lips shut
        PhonemeSpan(f, 2 * f, "a"),  # frame 1: wide open
        PhonemeSpan(2 * f, 2.5 * f, "a"),  # frame 2: half 'a', half 'p': a lip sound over a third of a frame
        PhonemeSpan(2.5 * f, 3 * f, "p"),  # shuts the lips for the whole frame (visemes.CLOSURE_COVERAGE)
        PhonemeSpan(3 * f, 3.3 * f, "a"),  # frame 3: 30 % covered, the rest a word boundary -> loudness
        PhonemeSpan(3.3 * f, 4 * f, WORD_BOUNDARY),
        # frame 4: nothing (a pause between chunks)
        PhonemeSpan(5 * f, 6 * f, "i"),
    ]
    track = VisemeTrack(iter(spans), FPS)
    got = [track.at_frame(i) for i in range(7)]
    assert got[0] == 0.0 and got[1] == 1.0 and got[2] == 0.0
    assert got[3] is None and got[4] is None and got[5] == openness("i") and got[6] is None
    assert track.frames_with_phonemes == 4


def test_viseme_track_streams_a_long_script() -> None:
    """An hour of phonemes goes through a window of a few spans: memory does not grow with length."""
    width = 0.07
    count = int(3600 / width) + 2  # a little past the last frame
    consumed = 0

    def spans():  # type: ignore[no-untyped-def]
        nonlocal consumed
        for i in range(count):
            consumed += 1
            yield PhonemeSpan(i * width, (i + 1) * width, "am"[i % 2])

    from avatar.video.visemes import BLEND_S, LEAD_S, ROUND_BLEND_S, ROUND_LEAD_S

    # coarticulation blends the sounds within `reach` seconds each side of a frame, and no more
    reach = max(BLEND_S + LEAD_S, ROUND_BLEND_S + ROUND_LEAD_S)
    track = VisemeTrack(spans(), FPS)
    largest = 0
    for frame in range(3600 * FPS):
        value = track.at_frame(frame)
        assert value is not None and 0.0 <= value <= 1.0
        largest = max(largest, len(track._window))
        # read just as far ahead of the frame as the blend reaches, never further
        assert consumed <= ((frame + 1) / FPS + reach) / width + 2
    assert largest <= 2 * reach / width + 1 / FPS / width + 3


# --- real piper -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def piper() -> PiperBackend:
    backend = PiperBackend("cpu", "float32")
    backend.load()
    return backend


def test_piper_gives_phonemes_that_add_up_to_its_samples(piper: PiperBackend) -> None:
    speech = piper.speak(SynthesisRequest(BILABIAL_TEXT))
    assert speech.phonemes is not None
    assert sum(n for _, n in speech.phonemes) == speech.samples.size
    labels = [label for label, _ in speech.phonemes]
    assert {"m", "p", "b"} <= set(labels)
    assert labels.count("^") == 2 and labels.count("$") == 2  # two sentences, one after the other
    assert not any(label in ("ˈ", "ˌ", "ː") for label in labels)


def test_patched_voice_is_cached_and_keyed_by_the_model_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AVATAR_CACHE_DIR", str(tmp_path / "cache"))
    model = tmp_path / "voice.onnx"
    shutil.copyfile(bundled_voice_path(), model)
    first = aligned_model(model)
    assert first is not None and first == cached_path(model) and first.is_file()
    stamp = first.stat().st_mtime_ns
    assert aligned_model(model) == first and first.stat().st_mtime_ns == stamp  # reused, not rewritten
    # A voice file that already outputs the durations is used as it is.
    assert aligned_model(first) == first
    # Replacing the voice file gives a new key.
    os.utime(model, ns=(stamp + 10**9, stamp + 10**9))
    assert cached_path(model) != first


def test_speech_run_writes_phonemes_within_each_chunk(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli(
        "run", "speech", "--text", BILABIAL_TEXT + " " + BILABIAL_TEXT,
        "--set", "stages.speech.chunk_chars=40", "--out", str(out), "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout)
    run_dir = out / manifest["run_id"]
    speech_stage = next(s for s in manifest["stages"] if s["id"] == "speech")
    spans = list(read_spans(run_dir / "phonemes.tsv"))
    assert speech_stage["metrics"]["phonemes"] == len(spans) > 40
    chunks = json.loads((run_dir / "timings.json").read_text())["chunks"]
    assert len(chunks) >= 3
    for chunk in chunks:  # every chunk's phonemes tile it exactly, from its start to its end
        inside = [s for s in spans if chunk["start_s"] - 1e-3 <= s.start_s < chunk["end_s"]]
        assert inside[0].start_s == pytest.approx(chunk["start_s"], abs=1e-3)
        assert inside[-1].end_s == pytest.approx(chunk["end_s"], abs=1e-3)
        for a, b in itertools.pairwise(inside):
            assert b.start_s == pytest.approx(a.end_s, abs=1e-3)
    assert spans[-1].end_s == pytest.approx(sf.info(str(run_dir / "speech.wav")).duration, abs=1e-3)


def test_mouth_closes_on_lip_sounds_with_phoneme_timing(tmp_path: Path) -> None:
    """On m/b/p the lips meet though the sound is loud: with phoneme timing the mouth closes there and opens
    on open vowels; loudness alone cannot tell them apart. (Piper without its sampling noise: its random
    phoneme durations moved the open vowels' mean across the threshold now and then.)"""
    piper = PiperBackend("cpu", "float32", noise_scale=0.0, noise_w_scale=0.0)
    piper.load()
    speech = piper.speak(SynthesisRequest(BILABIAL_TEXT))
    assert speech.phonemes is not None
    wav, tsv = tmp_path / "speech.wav", tmp_path / "phonemes.tsv"
    sf.write(str(wav), speech.samples, piper.sample_rate)
    with open(tsv, "w", encoding="utf-8") as fh:
        PhonemeWriter(fh).write(0.0, piper.sample_rate, speech.phonemes)
    spans = list(read_spans(tsv))
    shaped = np.array([p.mouth for p in poses(wav, FPS, visemes=VisemeTrack(read_spans(tsv), FPS))])
    loudness = np.array([p.mouth for p in poses(wav, FPS)])

    def frames_centred_in(wanted: object) -> np.ndarray:
        """Frames whose middle falls inside a phoneme that ``wanted`` accepts."""
        return np.array(
            [i for i in range(len(shaped)) for s in spans
             if wanted(s.phoneme) and s.start_s <= (i + 0.5) / FPS < s.end_s]  # type: ignore[operator]
        )  # fmt: skip

    lips = frames_centred_in(lambda label: label.strip("ˈˌ") in ("m", "b", "p"))
    wide = frames_centred_in(lambda label: openness(label) == 1.0)
    assert len(lips) >= 4 and len(wide) >= 4
    assert shaped[lips].mean() < 0.3 < 0.6 < shaped[wide].mean()
    # Loudness alone leaves the mouth far more open on the lip sounds.
    assert loudness[lips].mean() > shaped[lips].mean() + 0.15


def test_without_onnx_speech_still_works_and_the_aligner_gives_phonemes(tmp_path: Path) -> None:
    """No onnx package (simulated by blocking its import in a real subprocess): one warning, speech as
    before, and the phonemes come from the forced aligner instead of piper."""
    out = tmp_path / "out"
    status = subprocess.run(
        [sys.executable, "-c", "import sys; sys.modules['onnx'] = None\nfrom avatar.cli.main import main\n"
         "sys.argv = ['avatar', 'status', '--json']\nmain()\n"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert status.returncode == 0, status.stderr  # an optional feature: reported, not a failure
    check = next(c for c in json.loads(status.stdout)["checks"] if c["name"] == "phoneme timing (piper)")
    assert check["ok"] is False and "pip install onnx" in check["detail"]

    code = (
        "import sys; sys.modules['onnx'] = None\n"
        "from avatar.cli.main import main\n"
        f"sys.argv = ['avatar', 'run', '--text', 'Hello there.', '--set', 'quality.video_size=96', "
        f"'--out', {str(out)!r}, '--json']\n"
        "main()\n"
    )
    env = dict(os.environ, AVATAR_CACHE_DIR=str(tmp_path / "empty-cache"))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    manifest = json.loads(proc.stdout)
    run_dir = out / manifest["run_id"]
    assert (run_dir / "avatar.mp4").is_file()
    by_id = {s["id"]: s for s in manifest["stages"]}
    assert "pip install onnx" in proc.stderr
    # Without piper's own timing the forced aligner (pocketsphinx) gives the words and phonemes instead.
    words = json.loads((run_dir / "words.json").read_text(encoding="utf-8"))
    assert words["source"] == "aligner"
    assert (run_dir / "phonemes.tsv").exists()
    assert by_id["speech"]["metrics"]["phonemes"] > 0
    assert by_id["video"]["metrics"]["phoneme_frames"] > 0


def test_default_pipeline_shapes_most_frames_from_phonemes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", "--text", BILABIAL_TEXT, "--set", "quality.video_size=96", "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    video = next(s for s in json.loads(proc.stdout)["stages"] if s["id"] == "video")["metrics"]
    # Pauses between sentences and word gaps fall back to loudness; piper's random durations put the share
    # of phoneme-shaped frames near 0.8 from run to run (78-84 of 98 frames seen), so the bar is 0.7.
    assert video["phoneme_frames"] >= 0.7 * video["frames"]
