"""A live conversation measured from an aiortc client: a real `avatar serve` process on 127.0.0.1 with the
embedded chat (serve.live.chat.enabled), one session whose microphone track plays questions spoken by
espeak-ng. For each question: end of the question as sent to the reply's first loud audio frame at the
client (the issue's target: <= 1.0 s, median), with its parts:

- end of turn: the end of the question to the arrival of ``user_speech_ended`` (the silence the turn rule
  waits, recognition of the partial transcript at the first pause, the event's transport);
- recognition: the listener's feed that made the partial transcript (Whisper on the turn's audio);
- LLM first sentence, speech of that sentence, and final transcript to its audio being placed
  (``reply_started``'s ``thinking_ms``, ``speaking_ms``, ``ready_ms``; with ``serve.live.chat.think_ahead``,
  the default, the reply begins at the pause's transcript, so ``thinking_ms`` counts from there and
  ``ready_ms`` is near 0 when the audio was ready before the turn ended);
- placement and transport: ``reply_started``'s arrival to the first loud audio frame's arrival;

and the WER of the final transcript. The reply is interrupted (the app's interrupt) once its first audio has
arrived, so the next question starts from rest. ``session_clock``: the same span on the session's own clock
(the turn's last speech, ``user_speech_ended``'s ``at`` less ``waited_ms``, to the first sentence's
``start``), which does not depend on when the client's microphone frames left it.

    python benchmarks/bench_live_conversation.py [--repeat 5] [--size 512] [--voice-only] [--set K=V ...]
        [--client-buffer aiortc|none]

``--client-buffer none`` makes the client's audio receiver hand each packet on as it arrives: aiortc's own
holds four (80 ms) before the first is played, a cushion a browser sizes to the network's jitter instead.

``--set`` adds a server setting: ``--set serve.live.chat.max_history_turns=0`` asks every question with no
history, so runs that differ in one setting (``serve.live.chat.first_clause_words``) are asked the same
prompts (with history, what the interrupted replies left in it differs between them).

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
from conversation_helpers import espeak, wer
from live_helpers import Microphone, Peer, load_wav, speech_end
from processes import running_server

QUESTIONS = [
    "What is the capital of France?",
    "How many legs does a spider have?",
    "What colour is the sky on a clear day?",
    "Can you recommend a good book to read?",
    "Why do cats like to sleep so much?",
    "What is the tallest mountain in the world?",
    "How do I make a cup of tea?",
    "What time does the sun rise in summer?",
    "Tell me something interesting about the ocean.",
    "What should I cook for dinner tonight?",
]
TIMEOUT = 120.0


async def one(peer: Peer, text: str, question: np.ndarray) -> dict[str, float]:
    mic = peer.microphone
    assert mic is not None
    n = len(peer.got.events)
    mic.play(question)
    ended = await peer.wait_event("user_speech_ended", TIMEOUT, after=n)
    final = await peer.wait_event("transcript", TIMEOUT, after=n)
    while not final.get("final"):
        final = next(e for _, e in peer.got.events[n:] if e["type"] == "transcript" and e["final"])
    started = await peer.wait_event("reply_started", TIMEOUT, after=n)
    sent_at = mic.played[-1][0]
    question_end = sent_at + speech_end(question)
    deadline = time.monotonic() + 20
    loud: list[float] = []
    while time.monotonic() < deadline and not loud:
        loud = [t for t in peer.got.loud_frames(0.01) if t > question_end]
        await asyncio.sleep(0.02)
    arrival = {e["type"]: t for t, e in peer.got.events[n:][::-1]}
    first = await peer.wait_event("sentence", TIMEOUT, after=n)
    partial = [e for _, e in peer.got.events[n:] if e["type"] == "transcript" and not e["final"]]
    peer.interrupt()
    await asyncio.sleep(1.0)
    return {
        "end_of_speech_to_first_audio": (loud[0] - question_end) if loud else float("nan"),
        # the same on the session clock: the turn's last speech (user_speech_ended's at less the silence
        # waited) to the first sentence's start (add placement_and_transport's transport for the client)
        "session_clock": first["start"] - (ended["at"] - ended["waited_ms"] / 1000),
        "end_of_turn": arrival["user_speech_ended"] - question_end,
        "turn_wait": ended["waited_ms"] / 1000,
        "recognition": (partial[-1]["feed_ms"] if partial else 0) / 1000,
        "llm_first_sentence": started["thinking_ms"] / 1000,
        "speech": started["speaking_ms"] / 1000,
        "final_to_audio_placed": started["ready_ms"] / 1000,
        "placement_and_transport": (loud[0] - arrival["reply_started"]) if loud else float("nan"),
        "wer": wer(text, final["text"]),
    }


async def run(args: argparse.Namespace, url: str, folder: Path) -> dict[str, Any]:
    questions = []
    for i, text in enumerate(QUESTIONS[: args.repeat]):  # made before: nothing holds the event loop up
        espeak(text, folder, f"q{i}")
        questions.append(load_wav(folder / f"q{i}.wav"))
    wer("warm", "warm")  # its first call imports the judge's normaliser (seconds)
    peer = Peer(url, video=not args.voice_only, size=args.size, keep_frames=False, microphone=Microphone())
    r = await peer.connect()
    assert r.status_code == 201, r.text
    if args.client_buffer == "none":  # the client's audio receiver hands packets on as they arrive
        from avatar.serve.live_sessions import hear_promptly

        assert hear_promptly(peer.pc), "this aiortc has no audio jitter buffer to replace"
    rows = []
    try:
        await asyncio.sleep(1.0)
        for text, question in zip(QUESTIONS, questions, strict=False):
            row = await one(peer, text, question)
            rows.append(row)
            print(json.dumps({"question": text, **{k: round(v, 3) for k, v in row.items()}}), flush=True)
    finally:
        await peer.close()
    medians = {k: round(statistics.median(r[k] for r in rows), 3) for k in rows[0]}
    assert peer.microphone is not None
    return medians | {"microphone_held_up_s": round(peer.microphone.late_s, 3)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--repeat", type=int, default=5, help="questions asked (at most 10)")
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--voice-only", action="store_true")
    p.add_argument(
        "--client-buffer",
        choices=["aiortc", "none"],
        default="aiortc",
        help="aiortc: the client's receiver holds 4 audio packets (80 ms) before playing, as aiortc does; "
        "none: it hands each on as it arrives, so 'at the client' is when the audio reached it",
    )
    p.add_argument("--set", action="append", default=[], metavar="K=V", help="another server setting")
    args = p.parse_args()
    sets = ["serve.live.chat.enabled=true", "serve.live.chat.max_reply_tokens=60", "serve.live.idle_timeout_s=300"]
    sets += args.set
    argv = [a for s in sets for a in ("--set", s)]
    with tempfile.TemporaryDirectory(prefix="bench-conv-") as tmp, running_server(Path(tmp), *argv) as server:
        medians = asyncio.run(run(args, server.url, Path(tmp)))
    print(json.dumps({"median": medians, "load_average": os.getloadavg(), "size": args.size,
                      "client_buffer": args.client_buffer}))  # fmt: skip


if __name__ == "__main__":
    main()
