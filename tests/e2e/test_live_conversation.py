"""A live session that listens and answers, against a real `avatar serve` process and a real aiortc peer
that sends a microphone track (questions spoken by espeak-ng, a voice that is not piper's): transcripts
arrive as session events; with the embedded chat the reply is spoken (audio at the peer, sentence events);
talking over the reply interrupts it with the heard text, a cough does not, and the avatar's own voice
mixed back at -12 dB (an app without echo cancellation) never does."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conversation_helpers import espeak, wer
from live_helpers import Microphone, Peer, load_wav
from processes import Server, running_server

pytest.importorskip("aiortc")
pytest.importorskip("faster_whisper")

QUESTION = "What is the capital of France?"
OVER = "Stop, stop, please wait a moment, I have another question for you."
PROMPT = "You are a friendly assistant. Answer in two or three short sentences."
TIMEOUT = 120.0  # the embedded chat on a loaded two-core machine: seconds to a first sentence


def spoken(text: str, folder: Path, name: str) -> np.ndarray:
    espeak(text, folder, name)  # writes folder/name.wav
    return load_wav(folder / f"{name}.wav")


def transcript_finals(peer: Peer, after: int = 0) -> list[dict[str, Any]]:
    return [e for _, e in peer.got.events[after:] if e["type"] == "transcript" and e["final"]]


@pytest.fixture(scope="module")
def listening(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server whose sessions listen (no chat: the app answers)."""
    root = tmp_path_factory.mktemp("listening")
    with running_server(root, "--set", "serve.live.idle_timeout_s=120") as s:
        yield s


@pytest.fixture(scope="module")
def talking(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server whose sessions answer with the embedded chat."""
    root = tmp_path_factory.mktemp("talking")
    sets = ["serve.live.idle_timeout_s=120", "serve.live.chat.enabled=true", "serve.live.chat.max_reply_tokens=60",
            "serve.live.chat.max_persona_chars=40", f"serve.live.chat.system_prompt={PROMPT}"]  # fmt: skip
    with running_server(root, *[a for s in sets for a in ("--set", s)]) as s:
        yield s


async def ask(peer: Peer, question: np.ndarray) -> None:
    assert peer.microphone is not None
    await asyncio.sleep(0.5)  # the connection settles
    peer.microphone.play(question)


def test_a_spoken_question_gets_transcript_events(listening: Server, tmp_path: Path) -> None:
    question = spoken(QUESTION, tmp_path, "q")

    async def go() -> Peer:
        peer = Peer(listening.url, video=False, microphone=Microphone())
        r = await peer.connect()
        assert r.status_code == 201, r.text
        await ask(peer, question)
        await peer.wait_event("user_speech_ended", timeout=TIMEOUT)
        await asyncio.sleep(1.0)  # no reply comes: nothing is configured to think
        await peer.close()
        return peer

    peer = asyncio.run(go())
    kinds = [e["type"] for _, e in peer.got.events]
    assert kinds.index("user_speech_started") < kinds.index("transcript") < kinds.index("user_speech_ended")
    finals = transcript_finals(peer)
    assert len(finals) == 1, finals
    final = finals[0]
    assert wer(QUESTION, final["text"]) <= 0.15, final["text"]
    words = final["words"]
    assert words and all(w["start"] <= w["end"] for w in words)
    assert [w["start"] for w in words] == sorted(w["start"] for w in words)
    assert "speaking_started" not in kinds  # no chat configured: the app sends say itself
