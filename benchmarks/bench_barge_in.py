"""Talking over the avatar, measured from an aiortc client: a real `avatar serve` process on 127.0.0.1 with
the embedded chat, one session whose microphone track asks a question (espeak-ng), and once the reply's
voice has been heard for a while, talks over it. For each round:

- ``to_silence_s``: the start of the caller's words (the first sample of the talk-over above 0.01) to the
  arrival of the reply's last loud audio frame at the client (the issue's target: at most 0.8 s; the
  interruption needs ``serve.live.barge_in_ms``, 250 by default, of speech first);
- ``interrupted_event_s``: the same start to the arrival of the ``interrupted`` event;
- ``heard_is_said``: whether the event's ``heard`` words are the start of the reply's sentences (what the
  history keeps);
- ``received_words``: how many words Whisper tiny.en hears in the reply's audio as the client received it, from
  its first loud frame to its last before the cut; ``heard_within_one_word`` counts the rounds where the
  event's ``heard_words`` is within one of it (the issue's heard-text accuracy);

then the talk-over's own answer is interrupted by the app, so the next round starts from rest.

    python benchmarks/bench_barge_in.py [--repeat 8] [--after 0.6] [--voice-only] [--echo-cancelled]
        [--caller-peak 0.9] [--echo-db -12] [--set K=V ...]

``--echo-cancelled`` opens the session with ``echo_cancelled: true`` (the app cancels echo itself), which
turns the server's echo guard off for it. ``--caller-peak`` sets the talk-over's level (0.9, close to the
microphone; 0.45 is about the avatar's own level there), ``--echo-db`` mixes the reply's audio back into the
microphone at that level, as an app without echo cancellation sends it.

The machine is shared: the load average is printed beside the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conversation_helpers import espeak, words_received
from live_helpers import MIC_RATE, Microphone, Peer, load_wav, speech_end
from processes import running_server

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fidelity import whisper  # the recogniser that judges speech everywhere in benchmarks/
from bench_live_conversation import QUESTIONS  # the same questions as the conversation's latency

OVER = "Stop, stop, please wait a moment, I have another question for you."
PROMPT = "You are a friendly assistant. Answer in three or four sentences."
TIMEOUT = 120.0


def onset(samples: np.ndarray, threshold: float = 0.01) -> float:
    """Seconds from the start of ``samples`` to its first sample above ``threshold``."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    return float(loud[0]) / MIC_RATE if loud.size else 0.0


async def one(peer: Peer, question: np.ndarray, over: np.ndarray, after_s: float) -> dict[str, Any]:
    mic = peer.microphone
    assert mic is not None
    n0 = n = len(peer.got.events)
    mic.play(question)
    await peer.wait_event("reply_started", TIMEOUT, after=n)
    question_end = mic.played[-1][0] + speech_end(question)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and not [t for t in peer.got.loud_frames(0.01) if t > question_end]:
        await asyncio.sleep(0.02)
    reply_start = min(t for t in peer.got.loud_frames(0.01) if t > question_end)
    await asyncio.sleep(after_s)  # some of the reply is heard
    n = len(peer.got.events)
    mic.play(over)
    interrupted = await peer.wait_event("interrupted", TIMEOUT, after=n)
    arrived = time.monotonic()
    await asyncio.sleep(1.5)
    talk_start = mic.played[-1][0] + onset(over)
    loud = [t for t in peer.got.loud_frames(0.01) if talk_start < t < talk_start + 1.5]
    heard = interrupted["heard"].split()
    # the talk-over is a turn of its own: its answer is stopped by the app before the next round
    n2 = len(peer.got.events)
    said = " ".join(e["text"] for _, e in peer.got.events[n0:n2] if e["type"] == "sentence").split()
    try:
        await peer.wait_event("reply_started", 60.0, after=n2)
    except AssertionError:  # no answer to the talk-over (the chat may answer nothing)
        pass
    peer.interrupt()
    # what the client received of the reply, from its first loud frame to its last before the cut
    cut = loud[-1] if loud else arrived
    received = [a for t, a in peer.got.audio if reply_start - 0.03 <= t <= cut]
    await asyncio.sleep(1.0)
    return {
        "to_silence_s": (loud[-1] - talk_start) if loud else 0.0,
        "interrupted_event_s": arrived - talk_start,
        "heard_words": len(heard),
        # transcribed after the run (Whisper here would hold up the microphone track)
        "received": np.concatenate(received) if received else np.zeros(0, np.float32),
        # what the history keeps is the start of what this reply said
        "heard_is_said": interrupted.get("by") == "user" and heard == said[: len(heard)],
    }


async def run(args: argparse.Namespace, url: str, folder: Path) -> dict[str, Any]:
    questions = []
    for i, text in enumerate(QUESTIONS[: args.repeat]):
        espeak(text, folder, f"q{i}")
        questions.append(load_wav(folder / f"q{i}.wav"))
    espeak(OVER, folder, "over")
    over = load_wav(folder / "over.wav")
    over *= args.caller_peak / float(np.max(np.abs(over)))  # 0.9: a caller close to their microphone
    extra = {"echo_cancelled": True} if args.echo_cancelled else {}
    mic = Microphone(echo_db=args.echo_db) if args.echo_db is not None else Microphone()
    peer = Peer(url, video=not args.voice_only, size=args.size, keep_frames=False, microphone=mic, **extra)
    r = await peer.connect()
    assert r.status_code == 201, r.text
    rows = []
    try:
        await asyncio.sleep(1.0)
        for question in questions:
            rows.append(await one(peer, question, over, args.after))
    finally:
        await peer.close()
    model = whisper()
    for text, row in zip(QUESTIONS, rows, strict=False):
        received = row.pop("received")
        row["received_words"] = words_received(model, received) if received.size else 0
        print(json.dumps({"question": text, **{k: round(v, 3) if isinstance(v, float) else v
                                              for k, v in row.items()}}), flush=True)  # fmt: skip
    figures: dict[str, Any] = {}
    for key in ("to_silence_s", "interrupted_event_s"):
        values = [r[key] for r in rows]
        figures[key] = {"median": round(statistics.median(values), 3), "max": round(max(values), 3)}
    figures["heard_is_said"] = f"{sum(bool(r['heard_is_said']) for r in rows)} of {len(rows)}"
    # the heard-text accuracy: the reported words end within one word of what the client received
    near = sum(abs(r["heard_words"] - r["received_words"]) <= 1 for r in rows)
    figures["heard_within_one_word"] = f"{near} of {len(rows)}"
    assert peer.microphone is not None
    return figures | {"microphone_held_up_s": round(peer.microphone.late_s, 3)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=8, help=f"rounds (at most {len(QUESTIONS)})")
    p.add_argument("--after", type=float, default=0.6, help="seconds of the reply heard before talking over it")
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--voice-only", action="store_true")
    p.add_argument("--echo-cancelled", action="store_true", help="the session says its app cancels echo itself")
    p.add_argument("--caller-peak", type=float, default=0.9, help="the talk-over's peak at the microphone")
    p.add_argument("--echo-db", type=float, default=None, help="mix the reply back into the microphone at this level")
    p.add_argument("--set", action="append", default=[], metavar="K=V", help="another server setting")
    args = p.parse_args()
    sets = ["serve.live.idle_timeout_s=300", "serve.live.chat.enabled=true", "serve.live.chat.max_reply_tokens=80",
            f"serve.live.chat.system_prompt={PROMPT}", "serve.live.chat.max_history_turns=0", *args.set]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with running_server(root / "srv", *[a for s in sets for a in ("--set", s)]) as server:
            figures = asyncio.run(run(args, server.url, root))
    print(json.dumps({"load_average": [round(x, 1) for x in os.getloadavg()], **figures}, indent=2))


if __name__ == "__main__":
    main()
