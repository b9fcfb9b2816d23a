"""The studio's Live tab talking with the avatar in Debian's headless Chromium (Selenium, nothing downloaded),
against a real `avatar serve` with the embedded chat on. The page's microphone is Chromium's fake capture
device playing a WAV file (a question spoken by espeak-ng, silence before and after): "Talk" must put it on
a sendrecv audio transceiver, the server must hear it, and the page must show the caller's final
transcript, then the avatar's spoken reply, with its audio arriving (the received track's energy grows) and
the face playing; then the caller talks over the reply and the panel marks the reply's line interrupted
with the words the server reported heard; the face stays in view at 1280x800 and at 400 px wide; a persona
over the server's bound shows the server's 4xx message; with Headphones ticked the session says its app
cancels echo (``echo_cancelled``); no other console errors. Screenshots go to
``$AVATAR_TEST_ARTIFACTS/live-mic/``.

Talking over the reply: the fake capture device plays its file from the moment Talk opens it, while the
reply comes 20 to 60 s after Talk depending on the machine's load, so a second utterance in the WAV would
land on the reply, on its thinking or after it. Instead the page's microphone sender is switched
(``RTCRtpSender.replaceTrack``, as a page changing microphones does) to a Web Audio track that starts an
espeak-ng interjection ``TALK_OVER_MS`` after the reply's first ``sentence`` event arrives (the server sends
it as the sentence's first audio goes out; ``reply_started``, at placement, can come a second earlier on a
loaded machine, before a word is heard). The server's own barge-in (VAD on the received audio) then
interrupts, and the ``interrupted`` event the page shows is read from the data channel beside the page's
own handler."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from browser_helpers import NEEDS_CHROMIUM, chromium
from conversation_helpers import espeak, wer
from live_helpers import MIC_RATE, load_wav
from processes import Server, running_server

pytestmark = [NEEDS_CHROMIUM, pytest.mark.alone]  # alone on xdist workers: a spoken reply talked over while it plays
pytest.importorskip("aiortc")
pytest.importorskip("faster_whisper")

ARTIFACTS = Path(os.environ.get("AVATAR_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "test-artifacts"))
QUESTION = "What is the capital of France?"
PROMPT = "You are a friendly assistant. Answer in three full sentences."  # a reply long enough to talk over
PERSONA_MAX = 80
LEAD_S = 8.0  # silence before the question: the session connects meanwhile (the capture starts at Talk)
TAIL_S = 120.0  # silence after it (Chromium loops the file unless it ends in %noloop)
TIMEOUT = 180.0  # the embedded chat on a loaded two-core machine: seconds to a spoken reply
INTERJECTION = "Wait, stop, please."
TALK_OVER_MS = 500  # after the reply's first sentence event: its audio is playing

# The interjection, armed before the reply: every server event is kept in window.avatarHeardEvents; on the
# reply's first sentence event the page waits until the reply's voice arrives (the received track's energy
# grows: window.avatarVoiced), then the sender's track becomes a Web Audio one that speaks the interjection.
# (Timed from the sentence event alone, a fast barge-in could cut the reply before any of its voice had
# reached a loaded machine's browser.)
TALK_OVER = """
const [samples, rate, delay] = arguments;
const live = window.avatarLive;
const events = window.avatarHeardEvents = [];
const context = new AudioContext();
const buffer = context.createBuffer(1, samples.length, rate);
buffer.copyToChannel(Float32Array.from(samples), 0);
const out = context.createMediaStreamDestination();
const source = context.createBufferSource();
source.buffer = buffer;
source.connect(out);
const sender = live.pc.getTransceivers().find((t) => t.direction === "sendrecv").sender;
live.channel.addEventListener("message", (e) => {
  const event = JSON.parse(e.data);
  events.push(event);
  if (event.type === "sentence" && !window.avatarTalkedOver) {
    window.avatarTalkedOver = "armed";
    const energy = () => live.pc.getStats().then((report) => {
      let e = 0;
      report.forEach((s) => { if (s.type === "inbound-rtp" && s.kind === "audio") e = s.totalAudioEnergy || 0; });
      return e;
    });
    energy().then((start) => {
      const poll = () => energy().then((now) => {
        if (now - start <= 1e-4) { setTimeout(poll, 50); return; }
        window.avatarVoiced = now - start;
        sender.replaceTrack(out.stream.getAudioTracks()[0]).then(() => setTimeout(() => {
          source.start();
          window.avatarTalkedOver = "talking";
        }, delay));
      });
      poll();
    });
  }
});
return context.state;
"""

STATS = """
const done = arguments[arguments.length - 1];
window.avatarLive.pc.getStats().then((report) => {
  const out = {energy: 0, sent: 0, frames: 0};
  report.forEach((s) => {
    if (s.type === "inbound-rtp" && s.kind === "audio") out.energy = s.totalAudioEnergy || 0;
    if (s.type === "inbound-rtp" && s.kind === "video") out.frames = s.framesDecoded || 0;
    if (s.type === "outbound-rtp" && s.kind === "audio") out.sent = s.packetsSent || 0;
  });
  out.senders = window.avatarLive.pc.getTransceivers().map((t) => [t.direction, t.sender.track && t.sender.track.kind]);
  out.videoTime = document.getElementById("live-video").currentTime;
  done(out);
});
"""


def question_wav(folder: Path) -> Path:
    """The question at 48 kHz, 16-bit mono, peak 0.5, with LEAD_S of silence before and TAIL_S after."""
    import soundfile

    espeak(QUESTION, folder, "question")
    speech = load_wav(folder / "question.wav")
    speech *= 0.5 / float(np.max(np.abs(speech)))
    silence = np.zeros(int(LEAD_S * MIC_RATE), np.float32)
    path = folder / "microphone.wav"
    soundfile.write(str(path), np.concatenate([silence, speech, np.zeros(int(TAIL_S * MIC_RATE), np.float32)]),
                    MIC_RATE, subtype="PCM_16")  # fmt: skip
    return path


def interjection(folder: Path) -> tuple[list[float], int]:
    """The caller's interjection at espeak-ng's rate, peak 0.9 (the echo guard lets a caller through who is
    louder than about half the avatar's level), as a list for the page."""
    samples, rate = espeak(INTERJECTION, folder, "interjection")
    samples *= 0.9 / float(np.max(np.abs(samples)))
    return [round(float(x), 4) for x in samples], rate


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("live-mic")
    sets = ["serve.live.idle_timeout_s=120", "serve.live.chat.enabled=true", "serve.live.chat.max_reply_tokens=40",
            f"serve.live.chat.max_persona_chars={PERSONA_MAX}", f"serve.live.chat.system_prompt={PROMPT}"]  # fmt: skip
    # an admin key: the studio asks /v1/logs at sign-in, which a plain key answers 403 (a console error)
    with running_server(root, *[a for s in sets for a in ("--set", s)], keys={"erin": True}) as s:
        asyncio.run(_warm(s))
        yield s


async def _warm(server: Server) -> None:
    """One listening session first (an offer with sendrecv audio, deleted at once): the recogniser and the
    chat model load with it and the server keeps them, so the page's session connects within the WAV's lead."""
    from aiortc import RTCConfiguration, RTCPeerConnection

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver("audio", direction="sendrecv")
    pc.createDataChannel("control")
    await pc.setLocalDescription(await pc.createOffer())
    headers = {"Authorization": f"Bearer {server.keys['erin']}"}
    offer = {"sdp": pc.localDescription.sdp, "type": "offer", "video": False}
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=headers, timeout=TIMEOUT) as http:
            r = await http.post("/v1/live/sessions", json=offer)
            assert r.status_code == 201, r.text
            assert (await http.delete(f"/v1/live/sessions/{r.json()['id']}")).status_code == 200
    finally:
        await pc.close()


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    wav = question_wav(tmp_path)
    flags = ("--disable-features=WebRtcHideLocalIpsWithMdns", "--use-fake-device-for-media-stream",
             f"--use-file-for-fake-audio-capture={wav}%noloop")  # fmt: skip
    with chromium(tmp_path, *flags, script_timeout=30) as driver:
        yield driver


def _wait(driver: Any, script: str, what: str, timeout: float = 60) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(f"return {script}"))
    except Exception:
        page = driver.execute_script(
            "return ['notice', 'live-state', 'live-transcript', 'live-events']"
            ".map(id => id + ': ' + document.getElementById(id).textContent).join(' | ')"
        )
        raise AssertionError(f"timed out after {timeout} s waiting for {what}; the page: {page}") from None


def _shot(driver: Any, name: str) -> None:
    folder = ARTIFACTS / "live-mic"
    folder.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(folder / f"{name}.png"))


def _face_in_view(driver: Any) -> dict[str, float]:
    """Scrolled to the bottom of the page: where the video is on the screen."""
    driver.execute_script("window.scrollTo(0, document.documentElement.scrollHeight)")
    driver.execute_script("return new Promise(r => requestAnimationFrame(() => r()))")
    return dict(driver.execute_script(
        "const r = document.getElementById('live-video').getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, height: r.height, width: r.width, inner: window.innerHeight,"
        " scrolled: window.scrollY, wide: document.documentElement.scrollWidth - window.innerWidth}"
    ))  # fmt: skip


def _assert_in_view(where: dict[str, float], size: str) -> None:
    assert where["scrolled"] > 0, f"{size}: the page did not scroll at all, nothing was checked: {where}"
    assert where["top"] >= -1 and where["bottom"] <= where["inner"] + 1 and where["height"] >= 120, (size, where)
    assert where["wide"] <= 1, f"{size}: the page scrolls sideways: {where}"


def _playing(driver: Any, before: dict[str, Any], timeout: float = 20.0) -> dict[str, Any]:
    """The stats once the reply's voice has reached the page (``window.avatarVoiced``: the received track's
    energy grew after the reply's first sentence event; an idle session's audio is exact zeros) and the face
    has played on since ``before``; an AssertionError with both if not within ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        after = dict(driver.execute_async_script(STATS))
        after["voiced"] = driver.execute_script("return window.avatarVoiced || 0")
        if after["voiced"] > 1e-4 and after["frames"] > before["frames"] and after["videoTime"] > before["videoTime"]:
            return after
        if time.monotonic() > deadline:
            raise AssertionError(f"no voice or no face playing within {timeout} s of the reply: {before} -> {after}")
        time.sleep(0.5)


def _errors(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_talking_to_the_avatar_in_the_studio(server: Server, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    d = browser
    d.set_window_size(1280, 800)
    d.get(server.url + "/")
    d.find_element(By.ID, "api-key").send_keys(server.keys["erin"])
    d.find_element(By.CSS_SELECTOR, "#signin-form button[type=submit]").click()
    _wait(d, "!document.getElementById('tabs').hidden", "sign-in")
    d.find_element(By.CSS_SELECTOR, "[data-tab=live]").click()
    # the persona field is bounded as the server bounds it (GET /v1/me)
    assert d.execute_script("return document.getElementById('live-persona').maxLength") == PERSONA_MAX
    d.find_element(By.ID, "live-persona").send_keys("a friendly guide")

    # Talk: a session whose offer carries the microphone; it must connect before the WAV's lead is over
    clicked = time.monotonic()
    d.find_element(By.ID, "live-mic").click()
    _wait(d, "!document.getElementById('live-say').disabled", "the session's control channel", timeout=LEAD_S)
    connected = time.monotonic() - clicked
    samples, rate = interjection(tmp_path)
    assert d.execute_script(TALK_OVER, samples, rate, TALK_OVER_MS) == "running"  # the Web Audio clock runs
    stats = d.execute_async_script(STATS)
    assert ["sendrecv", "audio"] in stats["senders"], stats  # the microphone goes up on the audio transceiver
    assert d.find_element(By.ID, "live-mic").text == "Mute microphone"
    assert d.find_element(By.ID, "live-mic-state").is_displayed()
    with server.client("erin") as api:
        (session,) = api.get("/v1/live/sessions").json()["data"]
    assert session["listening"] is True and session["echo_cancelled"] is False, session

    # the caller's turn: the final transcript replaces the partials in the conversation panel
    final = "document.querySelector('#live-transcript li.user:not(.partial)')"
    _wait(d, final, "the caller's final transcript", timeout=TIMEOUT)
    heard = d.execute_script(f"return {final}.querySelector('.text').textContent")
    assert wer(QUESTION, heard) <= 0.35, heard  # roughly: at most 2 of its 6 words wrong
    before = d.execute_async_script(STATS)
    assert before["sent"] > 50, before  # the page sent the microphone's audio (50 packets a second)
    _shot(d, "1-heard")

    # the avatar's answer, aloud: its sentences in the panel, its voice arriving, its face playing
    spoken = ("[...document.querySelectorAll('#live-transcript li.avatar:not(.thinking) .text')]"
              ".map(t => t.textContent.trim()).filter(t => t)[0]")  # fmt: skip
    _wait(d, spoken, "the avatar's reply", timeout=TIMEOUT)
    answered = time.monotonic()
    reply = d.execute_script(f"return {spoken}")
    after = _playing(d, before)
    events = d.execute_script("return [...document.querySelectorAll('#live-events li')].map(li => li.dataset.type)")
    assert events.index("user_speech_started") < events.index("reply_started") < events.index("sentence"), events
    _shot(d, "2-answered-1280x800")

    # talked over: the server's barge-in stops the reply, and the panel marks the reply's line with the words
    # the server says were heard (a prefix of that line's words)
    cut = _wait(d, "window.avatarHeardEvents.find(e => e.type === 'interrupted')", "the interruption", timeout=30)
    assert d.execute_script("return window.avatarTalkedOver") == "talking", cut
    assert cut["by"] == "user" and cut["heard"] and cut["heard_words"] == len(cut["heard"].split()), cut
    line = d.execute_script(
        "const li = document.querySelector('#live-transcript li.avatar.interrupted');"
        "return li && {text: li.querySelector('.text').textContent, note: li.querySelector('.note').textContent,"
        " first: li === [...document.querySelectorAll('#live-transcript li.avatar')][0]}"
    )  # fmt: skip
    assert line is not None, d.execute_script("return document.getElementById('live-transcript').textContent")
    assert line["note"] == f"(interrupted; you heard: \u201c{cut['heard']}\u201d)", (line, cut)
    assert line["first"] and line["text"].startswith(reply), (line, reply)  # the reply's own line
    assert line["text"].split()[: cut["heard_words"]] == cut["heard"].split(), (line, cut)
    _shot(d, "2b-interrupted-1280x800")

    # the face stays in view while the page scrolls: beside the controls at 1280x800, on top at 400 px
    _assert_in_view(_face_in_view(d), "1280x800")
    _shot(d, "3-scrolled-1280x800")
    d.set_window_size(400, 800)
    _assert_in_view(_face_in_view(d), "400x800")
    _shot(d, "4-scrolled-400px")
    d.execute_script("window.scrollTo(0, 0)")
    _shot(d, "5-top-400px")
    d.set_window_size(1280, 800)
    energy = after["voiced"]
    print(f"connected {connected:.1f} s after Talk; heard {heard!r}; answered {answered - clicked:.1f} s after "
          f"Talk: {reply!r}; audio energy +{energy:.4f} by {after['videoTime']:.1f} s of video; talked over, "
          f"heard {cut['heard']!r}")  # fmt: skip

    d.find_element(By.ID, "live-stop").click()
    _wait(d, "document.getElementById('live-state').textContent === 'not connected'", "stop")
    assert not d.find_element(By.ID, "live-mic-state").is_displayed()
    assert d.find_element(By.ID, "live-mic").text == "Talk (microphone)"

    # Headphones: the offer says no echo can come back, and the server's echo guard is off for the session
    d.find_element(By.ID, "live-headphones").click()
    d.find_element(By.ID, "live-mic").click()
    _wait(d, "!document.getElementById('live-say').disabled", "the headphones session's control channel")
    with server.client("erin") as api:
        (session,) = api.get("/v1/live/sessions").json()["data"]
    assert session["listening"] is True and session["echo_cancelled"] is True, session
    d.find_element(By.ID, "live-stop").click()
    _wait(d, "document.getElementById('live-state').textContent === 'not connected'", "stop")
    d.find_element(By.ID, "live-headphones").click()

    # a persona over the server's bound (the field stops typing at it; a script can still set more): the
    # server's one-line 4xx is shown, and nothing stays open
    d.execute_script(f"document.getElementById('live-persona').value = 'a pirate '.repeat({PERSONA_MAX})")
    d.find_element(By.ID, "live-mic").click()
    _wait(d, "document.getElementById('notice').textContent.includes('max_persona_chars')", "the persona refusal")
    assert d.find_element(By.ID, "live-state").text == "not connected"
    assert not d.find_element(By.ID, "live-mic-state").is_displayed()
    with server.client("erin") as api:
        assert api.get("/v1/live/sessions").json()["data"] == []
    _shot(d, "6-persona-refused")

    errors = _errors(d)  # the refused offer is the one error the browser logs
    assert all("/v1/live/sessions" in e and "status of 4" in e for e in errors) and len(errors) == 1, errors
