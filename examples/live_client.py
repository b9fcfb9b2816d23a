"""A live-avatar client with no browser: connect to `avatar serve` over WebRTC (aiortc), say a sentence,
and write what came back (the avatar's video and voice) to an MP4.

    python examples/live_client.py --url http://127.0.0.1:8000 --say "Hello there." --out hello.mp4
    AVATAR_API_KEY=... python examples/live_client.py --url https://avatar.example --portrait me --voice-only

The flow is the one any app follows:
1. make a peer connection that receives one audio and (unless voice-only) one video track, and opens a
   data channel named ``control``;
2. POST its offer to ``/v1/live/sessions``; set the answer it returns;
3. send ``{"type": "say", "text": ..., "flush": true}`` on the channel (or POST .../say), and read the
   events (``speaking_started``, ``sentence``, ``speaking_ended``, ``idle``) that come back on it;
4. DELETE the session when done.

Needs ``pip install aiortc httpx``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from typing import Any

import httpx
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription
from aiortc.contrib.media import MediaRecorder


async def run(args: argparse.Namespace) -> int:
    # Without a key (a keyless server on this machine) a write still shows it is no cross-site form.
    headers = {"Authorization": f"Bearer {args.key}"} if args.key else {"X-Requested-With": "avatar-live-client"}
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    recorder = MediaRecorder(args.out)
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
    async with httpx.AsyncClient(base_url=args.url, headers=headers, timeout=60) as http:
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
            said = time.monotonic()
            channel.send(json.dumps({"type": "say", "text": args.say, "flush": True}))
            deadline = said + args.timeout
            while True:
                event = await asyncio.wait_for(events.get(), max(0.1, deadline - time.monotonic()))
                print(json.dumps(event), flush=True)
                if event["type"] == "error":
                    return 1
                if event["type"] == "speaking_ended":
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
