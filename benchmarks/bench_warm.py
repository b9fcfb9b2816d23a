"""What a served model's warm at load leaves for later sentences to add: the embedded piper voice warmed as
`avatar serve` warms it (`serve.device.policy.warm_lengths`: the longest sentence, then two shorter) against
the longest alone, then ``--rounds`` rounds of 12 sentences of 3-45 random words each, as a conversation's
replies come. Each way runs in a process of its own, with the server's allocator settings
(`hardware.device.tune_allocator`); RSS is read after `hardware.device.trim_heap`.

    python benchmarks/bench_warm.py [--chars 400] [--rounds 8]

Printed per way: RSS after the warm, after the first round and after the last, and the rise from the warm to
the last round (what a conversation's first minutes would add).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

CHILD = """
import json, random, sys, time
import psutil
from avatar.hardware import device as hw
hw.tune_allocator()
from avatar.backends.base import SynthesisRequest
from avatar.backends.piper import PiperBackend
from avatar.serve.device.policy import longest_sentence
lengths, rounds = json.loads(sys.argv[1]), int(sys.argv[2])
def rss():
    hw.trim_heap()
    return psutil.Process().memory_info().rss / 2**20
backend = PiperBackend("cpu", "float32")
backend.load()
t0 = time.perf_counter()
for n in lengths:
    backend.synthesize(SynthesisRequest(longest_sentence(n)))
out = {"warm_s": time.perf_counter() - t0, "rss": [rss()]}
random.seed(1)
words = ("the quick brown fox jumps over a lazy dog while Paris is the capital of France and spiders have "
         "eight legs on a clear day").split()
for _ in range(rounds):
    for _ in range(12):
        text = " ".join(random.choice(words) for _ in range(random.randint(3, 45)))
        backend.synthesize(SynthesisRequest(text + "."))
    out["rss"].append(rss())
print(json.dumps(out))
"""


def run(lengths: list[int], rounds: int) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(lengths), str(rounds)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=400, help="serve.warm_chars")
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    from avatar.serve.device.policy import warm_lengths

    ways = {"as served": warm_lengths(args.chars), "the longest alone": [args.chars]}
    print(f"piper, {args.rounds} rounds of 12 sentences; load average {os.getloadavg()[0]:.1f}")
    for name, lengths in ways.items():
        t0 = time.perf_counter()
        r = run(lengths, args.rounds)
        rss = r["rss"]
        assert isinstance(rss, list)
        print(
            f"{name:>18} {lengths}: warm {r['warm_s']:.2f} s; RSS {rss[0]:.1f} MB after it, {rss[1]:.1f} after "
            f"a round, {rss[-1]:.1f} at the end: +{rss[-1] - rss[0]:.1f} MB ({time.perf_counter() - t0:.0f} s)"
        )


if __name__ == "__main__":
    main()
