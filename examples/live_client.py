"""A live-avatar client with no browser: connect to `avatar serve` over WebRTC (aiortc), say a sentence
(or ask a spoken question), and write what came back (the avatar's video and voice) to an MP4.

    python examples/live_client.py --url http://127.0.0.1:8000 --say "Hello there." --out hello.mp4
    AVATAR_API_KEY=... python examples/live_client.py --url https://avatar.example --portrait me --voice-only
    python examples/live_client.py --mic question.wav --out answer.mp4   # a server with serve.live.chat.enabled

The flow is the one any app follows:
1. make a peer connection that receives one audio and (unless voice-only) one video track, and opens a
   data channel named ``control``;
2. POST its offer to ``/v1/live/sessions``; set the answer it returns;
3. send ``{"type": "say", "text": ..., "flush": true}`` on the channel (or POST .../say), and read the
   events (``speaking_started``, ``sentence``, ``speaking_ended``, ``idle``) that come back on it;
4. DELETE the session when done.

With ``--mic question.wav`` the WAV is the client's microphone: the audio transceiver is ``sendrecv`` with a
track that plays the WAV in real time, then silence (so the server hears the turn end). The server sends
``transcript`` events (partial, then final) and, when its chat is on, answers aloud: the reply's sentences
come as ``sentence`` events, printed as they arrive.

Needs ``pip install aiortc httpx numpy``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from fractions import Fraction
from typing import Any

import av
import httpx
import numpy as np
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRecorder

RATE, FRAME = 48000, 960  # the microphone: 20 ms frames at 48 kHz


class WavMicrophone(MediaStreamTrack):
    """A WAV file as a microphone: silence until :meth:`start`, then the file in real time, then silence."""

    kind = "audio"

    def __init__(self, path: str) -> None:
        super().__init__()
        resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
        with av.open(path) as wav:
            frames = [*wav.decode(audio=0), None]  # None: what the resampler still holds
            self.samples = np.concatenate([f.to_ndarray().reshape(-1) for x in frames for f in resampler.resample(x)])
        self.pos: int | None = None  # where the file is, once started
        self.sent = 0
        self.t0 = 0.0

    def start(self) -> None:
        self.pos = 0

    async def recv(self) -> av.AudioFrame:
        if self.sent == 0:
            self.t0 = time.monotonic()
        await asyncio.sleep(max(0.0, self.t0 + self.sent / RATE - time.monotonic()))  # real time
        chunk = np.zeros(FRAME, np.int16)
        if self.pos is not None:
            part = self.samples[self.pos : self.pos + FRAME]
            chunk[: part.size] = part
            self.pos += FRAME
        frame = av.AudioFrame.from_ndarray(chunk.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = RATE, self.sent, Fraction(1, RATE)
        self.sent += FRAME
        return frame


def show(event: dict[str, Any]) -> None:
    """What a conversation prints: the caller's words as they are recognised, the avatar's as it says them."""
    kind = event["type"]
    if kind == "transcript":
        print(f"you{'' if event['final'] else ' (partial)'}: {event['text']}", flush=True)
    elif kind == "sentence":
        print(f"avatar: {event['text']}", flush=True)
    elif kind == "interrupted":
        print(f"(interrupted; heard: {event['heard']!r})", flush=True)
    elif kind == "reply_empty":
        print("avatar: (nothing to say)", flush=True)
    elif kind == "error":
        print(f"error: {event['message']}", flush=True)


async def run(args: argparse.Namespace) -> int:
    # Without a key (a keyless server on this machine) a write still shows it is no cross-site form.
    headers = {"Authorization": f"Bearer {args.key}"} if args.key else {"X-Requested-With": "avatar-live-client"}
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    recorder = MediaRecorder(args.out)
    mic = WavMicrophone(args.mic) if args.mic else None
    if mic is not None:
        pc.addTransceiver(mic, direction="sendrecv")  # the microphone up, the avatar's voice down
    else:
        pc.addTransceiver("audio", direction="recvonly")
    if not args.voice_only:
        pc.addTransceiver("video", direction="recvonly")
    channel = pc.createDataChannel("control")
    events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    opened = asyncio.Event()
    tracks: list[str] = []

    @pc.on("track")
    def on_track(track: Any) -> None:
        tracks.append(track.kind)
        recorder.addTrack(track)

    @channel.on("open")
    def on_open() -> None:
        opened.set()

    @channel.on("message")
    def on_message(message: Any) -> None:
        events.put_nowait(json.loads(message))

    await pc.setLocalDescription(await pc.createOffer())
    body = {"sdp": pc.localDescription.sdp, "type": "offer", "video": not args.voice_only, "size": args.size}
    if args.portrait:
        body["portrait"] = args.portrait
    if args.voice:
        body["voice"] = args.voice
    if args.persona:
        body["persona"] = args.persona
    async with httpx.AsyncClient(base_url=args.url, headers=headers, timeout=max(60.0, args.timeout)) as http:
        r = await http.post("/v1/live/sessions", json=body)
        if r.status_code != 201:
            print(f"Error: {r.json()['error']['message']}", file=sys.stderr)
            await pc.close()
            return 1
        answer = r.json()
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer["sdp"], type="answer"))
        await recorder.start()
        try:
            await asyncio.wait_for(opened.wait(), args.timeout)
            await asyncio.sleep(args.lead)  # a moment of the idle face first
            deadline = time.monotonic() + args.timeout
            if mic is not None:
                mic.start()
            else:
                channel.send(json.dumps({"type": "say", "text": args.say, "flush": True}))
            replied = False  # with --mic: done when the avatar has answered (or was interrupted)
            while True:
                try:
                    event = await asyncio.wait_for(events.get(), max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    why = "no answer (does the server have serve.live.chat.enabled?)" if mic else "no speech"
                    print(f"Error: {why} within {args.timeout:g} s", file=sys.stderr)
                    return 1
                if mic is None:
                    print(json.dumps(event), flush=True)
                else:
                    show(event)
                if event["type"] == "error":
                    return 1
                if event["type"] == "reply_empty":  # the chat had nothing to say: nothing will be spoken
                    break
                replied = replied or event["type"] == "reply_started"
                if event["type"] == "speaking_ended" and (mic is None or replied):
                    break
            await asyncio.sleep(args.tail)
        finally:
            await recorder.stop()
            await http.delete(f"/v1/live/sessions/{answer['id']}")
            await pc.close()
    print(f"wrote {args.out} (tracks: {', '.join(sorted(tracks))})", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", default="http://127.0.0.1:8000")
    p.add_argument("--key", default=os.environ.get("AVATAR_API_KEY"))
    p.add_argument("--say", default="Hello! I am speaking to you live.")
    p.add_argument("--mic", metavar="WAV", help="ask this recording (sent as the microphone) instead of --say")
    p.add_argument("--persona", help="with --mic: who the avatar is asked to be")
    p.add_argument("--out", default="live.mp4")
    p.add_argument("--portrait", help="one of your portraits (POST /v1/portraits); default: the server's")
    p.add_argument("--voice")
    p.add_argument("--voice-only", action="store_true", help="audio only: no video track")
    p.add_argument("--size", type=int, default=512)
    p.add_argument("--lead", type=float, default=1.0, help="seconds of idle face before speaking")
    p.add_argument("--tail", type=float, default=0.5, help="seconds recorded after speech ends")
    p.add_argument("--timeout", type=float, default=60.0)
    return asyncio.run(run(p.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
