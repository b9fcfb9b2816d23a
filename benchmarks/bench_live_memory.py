"""Memory over a long live conversation: a real `avatar serve` process on 127.0.0.1 with the embedded chat
(serve.live.chat.enabled), one session from an aiortc client whose microphone asks espeak-ng questions one
after another for ``--minutes`` (every ``--interrupt-every``-th reply is talked over: a short interjection
once the reply has started, which the server must report as ``interrupted``; the interjection is then a
turn of its own and is answered). The server's whole process tree (psutil, children included) is sampled
every ``--interval`` seconds.

Printed: RSS once the first reply has been spoken (the models loaded: the start of the conversation), at
the end, the largest, the least-squares slope in MB per minute over the second half of the conversation,
and how many questions were answered and replies talked over.

    python benchmarks/bench_live_memory.py [--minutes 10] [--interval 5] [--size 512] [--samples out.json]

The machine is shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench_live_conversation import QUESTIONS
from conversation_helpers import espeak
from live_helpers import Microphone, Peer, load_wav
from processes import running_server

TIMEOUT = 120.0
INTERJECTION = "Wait, stop, please."
MB = 1024 * 1024


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes."""
    return sum(each_rss(pid).values())


def each_rss(pid: int) -> dict[str, int]:
    """Resident memory of a process and each of its descendants (``pid name``: bytes)."""
    root = psutil.Process(pid)
    out: dict[str, int] = {}
    for p in [root, *root.children(recursive=True)]:
        try:
            out[f"{p.pid} {p.name()}"] = p.memory_info().rss
        except psutil.NoSuchProcess:
            pass
    return out


class Sampler(threading.Thread):
    """(seconds since start, tree RSS in bytes) every ``interval`` seconds, on a thread of its own."""

    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.t0 = time.monotonic()
        self.samples: list[tuple[float, int]] = []
        self.each: list[dict[str, int]] = []  # per process, for the samples file
        self.stop = threading.Event()

    def sample(self) -> tuple[float, int]:
        each = each_rss(self.pid)
        row = (time.monotonic() - self.t0, sum(each.values()))
        self.samples.append(row)
        self.each.append(each)
        return row

    def run(self) -> None:
        while not self.stop.is_set():
            self.sample()
            self.stop.wait(self.interval)


def spoken(text: str, folder: Path, name: str) -> np.ndarray:
    espeak(text, folder, name)
    samples = load_wav(folder / f"{name}.wav")
    return samples * (0.9 / float(np.max(np.abs(samples))))  # as loud as the tests' caller


async def quiet(peer: Peer, after: int, timeout: float = TIMEOUT) -> None:
    """Wait until the avatar has finished speaking what followed event ``after``: a ``speaking_ended`` with
    no new sentence or reply within 2 s of it (a reply's next sentence may still be on its way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ended = [i for i, (_, e) in enumerate(peer.got.events) if i >= after and e["type"] == "speaking_ended"]
        if ended:
            await asyncio.sleep(2.0)
            later = [e["type"] for _, e in peer.got.events[ended[-1] + 1 :]]
            if not {"sentence", "reply_started"} & set(later) and not peer.microphone.busy():  # type: ignore[union-attr]
                return
            after = ended[-1] + 1
        await asyncio.sleep(0.2)


async def turn(peer: Peer, question: np.ndarray, interjection: np.ndarray | None) -> dict[str, int]:
    mic = peer.microphone
    assert mic is not None
    n = len(peer.got.events)
    mic.play(question)
    try:
        await peer.wait_event("reply_started", TIMEOUT, after=n)
    except AssertionError:  # not heard, or not answered: counted, and the conversation goes on
        await quiet(peer, n, 10)
        return {"answered": 0, "interrupted": 0}
    out = {"answered": 1, "interrupted": 0}
    if interjection is not None:
        await asyncio.sleep(0.5)
        m = len(peer.got.events)
        mic.play(interjection)
        try:
            await peer.wait_event("interrupted", 20, after=m)
            out["interrupted"] = 1
            await peer.wait_event("reply_started", TIMEOUT, after=m)  # the interjection is answered too
            out["answered"] += 1
        except AssertionError:
            pass
    await quiet(peer, n)
    peer.got.audio.clear()  # the client keeps nothing it does not need: its memory is not measured
    peer.got.video.clear()
    return out


async def run(args: argparse.Namespace, url: str, pid: int, folder: Path) -> dict[str, Any]:
    questions = [spoken(q, folder, f"q{i}") for i, q in enumerate(QUESTIONS)]
    interjection = spoken(INTERJECTION, folder, "stop")
    peer = Peer(url, video=not args.voice_only, size=args.size, keep_frames=False, microphone=Microphone())
    sampler = Sampler(pid, args.interval)
    r = await peer.connect()
    assert r.status_code == 201, r.text
    counts = {"answered": 0, "interrupted": 0, "turns": 0}
    try:
        await asyncio.sleep(1.0)
        await turn(peer, questions[0], None)  # warm-up: the recogniser and the chat are loaded and used
        counts["answered"] += 1
        start = sampler.sample()
        sampler.t0 = time.monotonic() - start[0]
        began = time.monotonic()
        sampler.start()
        i = 1
        while time.monotonic() - began < args.minutes * 60:
            talk_over = args.interrupt_every > 0 and i % args.interrupt_every == 0
            row = await turn(peer, questions[i % len(questions)], interjection if talk_over else None)
            for k, v in row.items():
                counts[k] += v
            counts["turns"] += 1
            i += 1
            print(json.dumps({"minute": round((time.monotonic() - began) / 60, 2), **counts,
                              "rss_mb": round(tree_rss(pid) / MB, 1)}), flush=True)  # fmt: skip
        sampler.stop.set()
        sampler.join()
        end = sampler.sample()
    finally:
        sampler.stop.set()
        await peer.close()
    during = [(t, b) for t, b in sampler.samples if t >= start[0]]
    times = np.array([t for t, _ in during]) / 60
    rss = np.array([b for _, b in during]) / MB
    half = times >= (times[0] + times[-1]) / 2
    slope = float(np.polyfit(times[half], rss[half], 1)[0]) if half.sum() >= 2 else float("nan")
    if args.samples:
        rows = [[round(t, 1), b, each] for (t, b), each in zip(sampler.samples, sampler.each, strict=True)]
        Path(args.samples).write_text(json.dumps(rows))
    return {
        "minutes": round((end[0] - start[0]) / 60, 2),
        "rss_start_mb": round(start[1] / MB, 1),
        "rss_end_mb": round(end[1] / MB, 1),
        "rss_max_mb": round(float(rss.max()), 1),
        "slope_second_half_mb_per_min": round(slope, 2),
        "samples": len(during),
        **counts,
    }


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--minutes", type=float, default=10.0, help="length of the conversation after the warm-up")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between memory samples")
    p.add_argument("--interrupt-every", type=int, default=3, help="talk over every n-th reply (0: never)")
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--voice-only", action="store_true")
    p.add_argument("--samples", help="write every sample (seconds, RSS bytes, per process) to this JSON file")
    p.add_argument("--set", action="append", default=[], metavar="K=V", help="another server setting")
    args = p.parse_args()
    sets = ["serve.live.chat.enabled=true", "serve.live.chat.max_reply_tokens=60", "serve.live.idle_timeout_s=300"]
    sets += args.set
    argv = [a for s in sets for a in ("--set", s)]
    with tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp, running_server(Path(tmp), *argv) as server:
        figures = asyncio.run(run(args, server.url, server.proc.pid, Path(tmp)))
    print(json.dumps({"memory": figures, "load_average": os.getloadavg(), "size": args.size}))


if __name__ == "__main__":
    main()
