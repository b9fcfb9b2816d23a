"""A live session that listens and answers, against a real `avatar serve` process and a real aiortc peer
that sends a microphone track (questions spoken by espeak-ng, a voice that is not piper's): transcripts
arrive as session events; with the embedded chat the reply is spoken (audio at the peer, sentence events);
talking over the reply interrupts it with the heard text, a cough does not, and the avatar's own voice
mixed back at -12 dB (an app without echo cancellation) never does."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from conversation_helpers import bench_fidelity, espeak, wer, words_received
from live_helpers import MIC_RATE, Microphone, Peer, load_wav, speech_end
from processes import Server, running_server

# run by itself on xdist workers: the embedded chat and a real-time microphone, replies within a time
pytestmark = pytest.mark.alone

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


@pytest.fixture(autouse=True)
def no_session_left(request: pytest.FixtureRequest) -> Any:
    """A test that fails before its peer closes leaves its session open; the module's next tests would get
    the one-session limit's 429 instead of their own result. Each test's sessions go at its teardown."""
    servers = [
        request.getfixturevalue(n) for n in ("listening", "talking", "patient", "mute") if n in request.fixturenames
    ]
    yield
    for server in servers:
        with server.client() as http:
            for session in http.get("/v1/live/sessions").json()["data"]:
                http.delete(f"/v1/live/sessions/{session['id']}")


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


def test_a_conversation_server_loads_its_models_before_any_session_asks(talking: Server) -> None:
    """The recogniser, the voice-activity model and the chat model load at start, beside the requests served,
    so no caller waits a first load out in a session's opening (the module's first test may be this one: the
    fixture's server has had no session then)."""
    deadline = time.monotonic() + 300  # the child's START_S: a first load de-quantises the embedded GGUF
    while "live conversation's models loaded" not in talking.log_text():
        assert time.monotonic() < deadline, talking.log_text()[-3000:]
        assert "could not load" not in talking.log_text(), talking.log_text()[-3000:]
        time.sleep(0.5)
    loading = [line for line in talking.log_text().splitlines() if "loading the live conversation's models" in line]
    assert len(loading) == 1 and "chat model embedded" in loading[0], loading


def test_persona_is_bounded_and_thinking_can_be_turned_off(talking: Server, tmp_path: Path) -> None:
    question = spoken(QUESTION, tmp_path, "q")

    async def go() -> tuple[Any, Peer]:
        long = Peer(talking.url, video=False, microphone=Microphone(), persona="a pirate " * 10)
        refused = await long.connect()
        peer = Peer(talking.url, video=False, microphone=Microphone(), thinking=False, persona="a pirate")
        r = await peer.connect()
        assert r.status_code == 201, r.text
        await ask(peer, question)
        await peer.wait_event("user_speech_ended", timeout=TIMEOUT)
        await asyncio.sleep(3.0)  # a reply would have started by now... were thinking on
        await peer.close()
        return refused, peer

    refused, peer = asyncio.run(go())
    assert 400 <= refused.status_code < 500
    message = refused.json()["error"]["message"]
    assert "max_persona_chars" in message and "\n" not in message
    kinds = [e["type"] for _, e in peer.got.events]
    assert transcript_finals(peer) and "speaking_started" not in kinds and "reply_started" not in kinds


async def answered(peer: Peer, question: np.ndarray) -> dict[str, float]:
    """Ask ``question``; wait for the reply's first audio at the peer. Returns the figures (seconds) from the
    end of the question as sent."""
    mic = peer.microphone
    assert mic is not None
    await ask(peer, question)
    ended = await peer.wait_event("user_speech_ended", timeout=TIMEOUT)
    started = await peer.wait_event("reply_started", timeout=TIMEOUT)
    await peer.wait_event("speaking_started", timeout=TIMEOUT)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        sent_at = mic.played[0][0]
        loud = [t for t in peer.got.loud_frames(0.01) if t > sent_at]
        if loud:
            break
        await asyncio.sleep(0.05)
    question_end = mic.played[0][0] + speech_end(question)
    arrival = {e["type"]: t for t, e in reversed(peer.got.events)}
    partial = [e for _, e in peer.got.events if e["type"] == "transcript" and not e["final"]]
    return {
        "end_of_speech_to_first_audio": loud[0] - question_end,
        "end_of_turn_event": arrival["user_speech_ended"] - question_end,
        "turn_wait": ended["waited_ms"] / 1000,
        "recognition": (partial[-1]["feed_ms"] if partial else 0) / 1000,
        "llm_first_sentence": started["thinking_ms"] / 1000,
        "speech": started["speaking_ms"] / 1000,
        "reply_ready": started["ready_ms"] / 1000,
        "placement_and_transport": loud[0] - arrival["reply_started"],
    }


def test_a_spoken_question_is_answered_aloud(talking: Server, tmp_path: Path) -> None:
    question = spoken(QUESTION, tmp_path, "q")

    async def go() -> tuple[Peer, dict[str, float]]:
        peer = Peer(talking.url, video=True, size=192, microphone=Microphone())
        r = await peer.connect()
        assert r.status_code == 201, r.text
        try:
            figures = await answered(peer, question)
            await peer.wait_event("speaking_ended", timeout=TIMEOUT)
        finally:
            await peer.close()
        return peer, figures

    peer, figures = asyncio.run(go())
    print("figures (s):", {k: round(v, 3) for k, v in figures.items()})
    finals = transcript_finals(peer)
    assert len(finals) == 1 and wer(QUESTION, finals[0]["text"]) <= 0.15, finals
    sentences = [e for _, e in peer.got.events if e["type"] == "sentence"]
    assert sentences and all(e["end"] > e["start"] for e in sentences)
    kinds = [e["type"] for _, e in peer.got.events]
    assert kinds.index("user_speech_ended") < kinds.index("reply_started") < kinds.index("speaking_started")
    assert peer.got.video, "the face track arrived"
    assert figures["end_of_speech_to_first_audio"] > 0


def noise(seconds: float, level: float = 0.2, seed: int = 0) -> np.ndarray:
    return (np.random.default_rng(seed).standard_normal(int(seconds * MIC_RATE)) * level).astype(np.float32)


def test_talking_over_the_reply_interrupts_it_with_the_heard_text(talking: Server, tmp_path: Path) -> None:
    question, over = spoken(QUESTION, tmp_path, "q"), spoken(OVER, tmp_path, "over")
    over *= 0.9 / float(np.max(np.abs(over)))  # a caller close to their microphone: louder than an echo

    async def go() -> tuple[Peer, float, float, np.ndarray]:
        mic = Microphone()
        peer = Peer(talking.url, video=False, microphone=mic)
        r = await peer.connect()
        assert r.status_code == 201, r.text
        try:
            await answered(peer, question)
            reply_start = min(t for t in peer.got.loud_frames(0.01) if t > mic.played[0][0])
            await asyncio.sleep(0.6)  # some of the reply is heard
            mic.play(over)
            n = len(peer.got.events)
            interrupted = await peer.wait_event("interrupted", timeout=30, after=n)
            arrived = time.monotonic()
            await asyncio.sleep(1.5)
        finally:
            await peer.close()
        talk_start = mic.played[-1][0]
        loud = [t for t in peer.got.loud_frames(0.01) if t > talk_start]
        print(f"interrupted event {arrived - talk_start:.3f} s after the caller began")
        cut = loud[-1] if loud else arrived
        received = np.concatenate([a for t, a in peer.got.audio if reply_start - 0.03 <= t <= cut])
        return peer, interrupted, (loud[-1] - talk_start) if loud else 0.0, received

    peer, interrupted, to_silence, received = asyncio.run(go())
    print(f"talking over the reply: silence at the peer {to_silence:.3f} s after the caller began; {interrupted}")
    reply = " ".join(e["text"] for _, e in peer.got.events if e["type"] == "sentence").split()
    heard = interrupted["heard"].split()
    assert interrupted["by"] == "user" and interrupted["heard_words"] == len(heard)
    assert heard == reply[: len(heard)], (heard, reply)  # what was heard is the start of what was said
    # ... and it ends within one word of what the client received before the cut (Whisper tiny.en's count)
    got = words_received(bench_fidelity().whisper(), received)
    assert abs(got - len(heard)) <= 1, (got, heard)
    assert to_silence < 2.0  # the target is 0.8 s; this machine is shared
    ended = [e for _, e in peer.got.events if e["type"] == "speaking_ended"]
    assert ended and ended[0]["interrupted"] is True


def test_a_quiet_caller_interrupts_only_where_the_app_cancels_echo(talking: Server, tmp_path: Path) -> None:
    """A caller far quieter than the avatar's voice (a 0.06 peak) talking over the reply: the server's
    echo guard keeps them out as it would an echo; a session whose app says it cancels echo itself
    (``echo_cancelled``) hears them, and is interrupted."""
    question, over = spoken(QUESTION, tmp_path, "q"), spoken(OVER, tmp_path, "over")
    over *= 0.06 / float(np.max(np.abs(over)))

    async def go(echo_cancelled: bool) -> list[str]:
        mic = Microphone()
        peer = Peer(talking.url, video=False, microphone=mic, echo_cancelled=echo_cancelled)
        r = await peer.connect()
        assert r.status_code == 201, r.text
        try:
            async with httpx.AsyncClient(base_url=talking.url, headers=peer.headers) as http:
                public = (await http.get(f"/v1/live/sessions/{peer.session['id']}")).json()
            assert public["listening"] is True and public["echo_cancelled"] is echo_cancelled, public
            await answered(peer, question)
            await asyncio.sleep(0.3)
            mic.play(over)
            n = len(peer.got.events)
            await peer.wait_event("speaking_ended", timeout=TIMEOUT, after=n)
            await asyncio.sleep(0.5)
        finally:
            await peer.close()
        return [e["type"] for _, e in peer.got.events[n:]]

    assert "interrupted" in asyncio.run(go(echo_cancelled=True))
    assert "interrupted" not in asyncio.run(go(echo_cancelled=False))


def test_a_cough_does_not_interrupt(talking: Server, tmp_path: Path) -> None:
    question = spoken(QUESTION, tmp_path, "q")

    async def go() -> Peer:
        mic = Microphone()
        peer = Peer(talking.url, video=False, microphone=mic)
        r = await peer.connect()
        assert r.status_code == 201, r.text
        try:
            await answered(peer, question)
            await asyncio.sleep(0.3)
            mic.play(noise(0.15, 0.3))
            await peer.wait_event("speaking_ended", timeout=TIMEOUT)
        finally:
            await peer.close()
        return peer

    peer = asyncio.run(go())
    kinds = [e["type"] for _, e in peer.got.events]
    assert "interrupted" not in kinds, kinds
    ended = [e for _, e in peer.got.events if e["type"] == "speaking_ended"]
    assert ended[0]["interrupted"] is False


def test_the_avatars_own_voice_echoed_at_minus_12_db_does_not_interrupt(talking: Server, tmp_path: Path) -> None:
    question = spoken(QUESTION, tmp_path, "q")

    async def go() -> Peer:
        peer = Peer(talking.url, video=False, microphone=Microphone(echo_db=-12))
        r = await peer.connect()
        assert r.status_code == 201, r.text
        try:
            await answered(peer, question)
            await peer.wait_event("speaking_ended", timeout=TIMEOUT)
            await asyncio.sleep(1.5)  # a turn heard from the echo would be ending now
        finally:
            await peer.close()
        return peer

    peer = asyncio.run(go())
    kinds = [e["type"] for _, e in peer.got.events]
    assert "interrupted" not in kinds, kinds
    replying = kinds.index("speaking_started")
    assert "user_speech_started" not in kinds[replying:], kinds  # it did not hear itself as a turn


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "live_client.py"


def test_the_example_client_asks_with_a_wav_as_its_microphone(talking: Server, tmp_path: Path) -> None:
    """examples/live_client.py --mic: the real script in a subprocess against the chat server; it prints the
    transcripts and the reply as they come and writes what it received (voice and face) to an MP4."""
    import subprocess
    import sys

    import av

    espeak(QUESTION, tmp_path, "q")  # tmp_path/q.wav, espeak-ng's 22050 Hz: the script resamples it
    out = tmp_path / "answer.mp4"
    proc = subprocess.run(
        [sys.executable, str(EXAMPLE), "--url", talking.url, "--mic", str(tmp_path / "q.wav"), "--size", "128",
         "--persona", "a geography teacher", "--out", str(out), "--timeout", str(TIMEOUT)],
        capture_output=True, text=True, timeout=TIMEOUT + 60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    finals = [line.removeprefix("you: ") for line in lines if line.startswith("you: ")]
    replies = [line.removeprefix("avatar: ") for line in lines if line.startswith("avatar: ")]
    assert len(finals) == 1 and wer(QUESTION, finals[0]) <= 0.35, proc.stdout  # roughly: a loaded machine
    assert replies and all(r.strip() for r in replies), proc.stdout
    assert lines.index(f"you: {finals[0]}") < lines.index(f"avatar: {replies[0]}"), proc.stdout
    with av.open(str(out)) as container:
        assert container.streams.audio and container.streams.video, "the MP4 has the voice and the face"
        seconds = float(container.duration or 0) / av.time_base
        samples = np.concatenate([f.to_ndarray().reshape(-1) for f in container.decode(audio=0)])
    assert seconds > 2.0, seconds  # the lead, the question, the thinking and the reply
    blocks = samples[: samples.size // 960 * 960].astype(np.float64).reshape(-1, 960)
    assert np.sqrt(np.mean(blocks**2, axis=1)).max() > 0.02, "the reply's voice is in it (it is silent)"


def begun_ahead(server: Server) -> dict[str, float]:
    """``avatar_live_replies_begun_ahead_total`` by outcome, from ``GET /metrics``."""
    import httpx

    counts = {"used": 0.0, "withdrawn": 0.0}
    for line in httpx.get(f"{server.url}/metrics").text.splitlines():
        if line.startswith("avatar_live_replies_begun_ahead_total{"):
            outcome = line.split('outcome="', 1)[1].split('"', 1)[0]
            counts[outcome] = float(line.rsplit(" ", 1)[1])
    return counts


@pytest.fixture(scope="module")
def patient(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server that answers, and whose turn rule waits long after a pause's transcript (1.2 s after one that
    ends a sentence), so a caller can pause and go on while a reply begun at the pause is held."""
    root = tmp_path_factory.mktemp("patient")
    sets = ["serve.live.idle_timeout_s=120", "serve.live.chat.enabled=true", "serve.live.chat.max_reply_tokens=40",
            f"serve.live.chat.system_prompt={PROMPT}", "serve.live.turn.pause_ms=200",
            "serve.live.turn.sentence_end_ms=1200", "serve.live.turn.silence_ms=1400",
            "serve.live.turn.trailing_ms=1600"]  # fmt: skip
    with running_server(root, *[a for s in sets for a in ("--set", s)]) as s:
        yield s


def test_a_reply_begun_at_a_pause_is_withdrawn_when_the_caller_goes_on(patient: Server, tmp_path: Path) -> None:
    """chat.think_ahead: the reply is begun at the pause's transcript and held; the caller goes on, so it is
    withdrawn (nothing of it is heard); the turn's end begins another, which is used and answers the whole
    question."""
    first, rest = spoken("What is the capital", tmp_path, "first"), spoken("of Italy?", tmp_path, "rest")
    question = np.concatenate([first, np.zeros(int(0.7 * MIC_RATE), np.float32), rest])

    async def go() -> Peer:
        peer = Peer(patient.url, video=False, microphone=Microphone())
        r = await peer.connect()
        assert r.status_code == 201, r.text
        try:
            await ask(peer, question)
            await peer.wait_event("user_speech_ended", timeout=TIMEOUT)
            await peer.wait_event("reply_started", timeout=TIMEOUT)
            await peer.wait_event("speaking_ended", timeout=TIMEOUT)
        finally:
            await peer.close()
        return peer

    before = begun_ahead(patient)
    peer = asyncio.run(go())
    after = begun_ahead(patient)
    events = [e for _, e in peer.got.events]
    finals = transcript_finals(peer)
    # one final, holding what came after the pause too (Whisper tiny hears espeak's "of Italy" as "of Italy"
    # nearly always; once, on a loaded machine, as "Unvidily": the turn was still one)
    final_text = finals[0]["text"].lower() if len(finals) == 1 else ""
    assert len(finals) == 1 and re.search(r"capital\W+\w", final_text), finals
    final_at = events.index(finals[0])
    partials = [e["text"] for e in events[:final_at] if e["type"] == "transcript"]
    assert any("italy" not in p.lower() for p in partials), partials  # the pause was heard as one
    assert after["withdrawn"] - before["withdrawn"] >= 1, (before, after, partials)
    assert after["used"] - before["used"] == 1, (before, after, partials)
    kinds = [e["type"] for e in events]
    assert kinds.index("reply_started") > final_at  # nothing of a reply is placed before the turn ends
    said = " ".join(e["text"] for e in events if e["type"] == "sentence").lower()
    if "italy" in final_text:  # the whole question was answered, not the part before the pause
        assert "rome" in said, said


MUTE_CHAT = '''
from __future__ import annotations
from typing import Any, ClassVar
from avatar.thinking.base import ChatBackend

class MuteChat(ChatBackend):
    """A chat model that answers with punctuation alone, as a small model sometimes does ("....")."""
    name: ClassVar[str] = "mute"
    package: ClassVar[str] = "avatar_test_chat"

    def stream(self, messages: Any, max_tokens: int, cancelled: Any = None) -> Any:
        yield from ["...", ".", " \u2026"]
'''


@pytest.fixture(scope="module")
def mute(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A server whose sessions answer with a third-party chat plugin (entry point ``avatar.chat``) that never
    says anything speakable."""
    import os

    root = tmp_path_factory.mktemp("mute")
    plugin = root / "plugin"
    info = plugin / "avatar_test_chat-0.1.dist-info"
    info.mkdir(parents=True)
    (plugin / "avatar_test_chat.py").write_text(MUTE_CHAT)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: avatar-test-chat\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[avatar.chat]\nmute = avatar_test_chat:MuteChat\n")
    sets = ["serve.live.idle_timeout_s=120", "serve.live.chat.enabled=true", "serve.live.chat.backend=mute"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")]))
        with running_server(root, *[a for s in sets for a in ("--set", s)]) as s:
            yield s


def test_a_reply_with_nothing_to_say_is_reported_not_left_silent(mute: Server, tmp_path: Path) -> None:
    """The app hears ``reply_empty`` (after the turn ended), never a ``reply_started``, and the session goes
    on: the app's own ``say`` is spoken."""
    question = spoken(QUESTION, tmp_path, "q")

    async def go() -> Peer:
        peer = Peer(mute.url, video=False, microphone=Microphone())
        r = await peer.connect()
        assert r.status_code == 201, r.text
        await ask(peer, question)
        await peer.wait_event("reply_empty", timeout=TIMEOUT)
        peer.say("Let me think about that.")
        await peer.wait_event("speaking_started", timeout=TIMEOUT)
        await peer.close()
        return peer

    peer = asyncio.run(go())
    kinds = [e["type"] for _, e in peer.got.events]
    assert kinds.count("reply_empty") == 1 and "reply_started" not in kinds, kinds
    assert kinds.index("user_speech_ended") < kinds.index("reply_empty") < kinds.index("speaking_started"), kinds
    assert "error" not in kinds, kinds
