"""Opening a live session that listens, against a real `avatar serve` process and real aiortc peers: a caller
who gives up while the session opens (a first session loads the recogniser; on a conversation server the
chat model, seconds to a minute) leaves nothing behind: the server cancels the opening when the connection
goes, so the caller's one-session share is free for their next try at once, not after the load and
``serve.live.connect_timeout_s``."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_helpers import Microphone, Peer
from processes import running_server

pytest.importorskip("aiortc")
pytest.importorskip("faster_whisper")


@pytest.fixture()
def fresh(tmp_path: Path) -> Any:
    """A server whose recogniser has not loaded yet; a session never connected would hold a share a minute."""
    with running_server(tmp_path, "--set", "serve.live.connect_timeout_s=60") as s:
        yield s


async def _give_up_while_opening(url: str, headers: dict[str, str]) -> None:
    from aiortc import RTCConfiguration, RTCPeerConnection

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver(Microphone().track, direction="sendrecv")
    await pc.setLocalDescription(await pc.createOffer())
    body = {"sdp": pc.localDescription.sdp, "type": "offer", "video": False}
    try:
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=0.05) as http:
            with pytest.raises(httpx.TimeoutException):
                await http.post("/v1/live/sessions", json=body)
    finally:
        await pc.close()


async def _open_within(url: str, seconds: float) -> tuple[Peer, httpx.Response]:
    """A listening peer's session, asked again while the answer is the one-session limit's 429."""
    deadline = time.monotonic() + seconds
    while True:
        peer = Peer(url, video=False, microphone=Microphone())
        r = await peer.connect()
        if r.status_code != 429 or time.monotonic() > deadline:
            return peer, r
        await asyncio.sleep(0.25)


def test_a_caller_who_goes_while_the_session_opens_leaves_no_session_behind(fresh: Any) -> None:
    async def main() -> None:
        await _give_up_while_opening(fresh.url, {"X-Requested-With": "avatar-live-peer"})
        # the opening was cancelled when the connection went: the next try opens (on a server that went on
        # opening, the share would be held by a session nobody answers until connect_timeout_s, a minute)
        peer, r = await _open_within(fresh.url, 10.0)
        try:
            assert r.status_code == 201, r.text
            with fresh.client() as http:
                listed = [s["id"] for s in http.get("/v1/live/sessions").json()["data"]]
            assert listed == [peer.session["id"]]
        finally:
            await peer.close()

    asyncio.run(main())
    log = fresh.log_text()
    assert "a caller who went before the answer: not opened" in log
    assert re.search(r"POST /v1/live/sessions .*\b499\b", log), log[-2000:]
