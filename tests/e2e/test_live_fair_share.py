"""Live sessions inside the per-user and revocation model (issue 23), each finding replayed against a real
`avatar serve` process with real aiortc peers, asserting what the other users still get:

- one user reposting offers that never connect holds at most ``serve.live.user_sessions`` places, each for at
  most ``serve.live.connect_timeout_s``: another user still opens a session and hears it speak;
- a session's event streams count against ``serve.limits.streams``;
- revoking a key (or, keyless, adding one) ends its sessions and their event streams within about a second,
  and nothing more is spoken; another user's session goes on;
- ``serve.live.max_say_chars`` bounds all the text not yet spoken, and a say past it is an error event, not
  the end of the session;
- a malformed offer (a duplicate ``a=mid``, and whatever else aiortc refuses) is a 400, never a 500.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from live_helpers import Peer
from processes import Server, running_server

pytestmark = pytest.mark.alone  # run by itself on xdist workers: sessions and streams end within seconds

pytest.importorskip("aiortc")

CONNECT_TIMEOUT_S = 2
MAX_SAY = 300
STREAMS = 2


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("fair")
    sets = [
        "serve.live.max_sessions=2",
        "serve.live.user_sessions=1",
        f"serve.live.connect_timeout_s={CONNECT_TIMEOUT_S}",
        f"serve.live.max_say_chars={MAX_SAY}",
        f"serve.limits.streams={STREAMS}",
    ]
    args = [a for s in sets for a in ("--set", s)]
    with running_server(root, *args, keys={u: False for u in ("alice", "bob", "carol", "mallory")}) as s:
        with s.client("carol") as c:  # the speech model loaded before the timings below, not during them
            r = c.post("/v1/audio/speech", json={"model": "piper", "voice": "alloy", "input": "Warm."})
            assert r.status_code == 200, r.text
        yield s


PEERS: list[Peer] = []


def peer(server: Server, user: str | None, **body: Any) -> Peer:
    """A peer that the ``live`` fixture ends, whatever the test did, so no test starts with another's sessions."""
    p = Peer(server.url, server.keys[user] if user else None, **body)
    PEERS.append(p)
    return p


def live_sessions(server: Server) -> float:
    for line in httpx.get(f"{server.url}/metrics").text.splitlines():
        if line.startswith("avatar_live_sessions "):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError("avatar_live_sessions not in /metrics")


@pytest.fixture
def live(server: Server) -> Iterator[Server]:
    yield server
    for p in PEERS:
        if p.session:
            with contextlib.suppress(httpx.HTTPError):
                httpx.delete(f"{server.url}/v1/live/sessions/{p.session['id']}", headers=p.headers)
    PEERS.clear()
    deadline = time.monotonic() + CONNECT_TIMEOUT_S + 3  # sessions that never connected end by themselves
    while live_sessions(server) > 0 and time.monotonic() < deadline:
        time.sleep(0.2)


def headers(server: Server, user: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.keys[user]}"} if user else {"X-Requested-With": "avatar-tests"}


async def an_offer(video: bool = False, trickle: bool = True) -> str:
    """A real aiortc offer. ``trickle``: without its candidates, as a client that never sends them, so the
    server's side can never connect and only the connect timeout ends the session."""
    from aiortc import RTCConfiguration, RTCPeerConnection

    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver("audio", direction="recvonly")
    if video:
        pc.addTransceiver("video", direction="recvonly")
    pc.createDataChannel("control")
    await pc.setLocalDescription(await pc.createOffer())
    sdp = str(pc.localDescription.sdp)
    await pc.close()
    if trickle:
        sdp = "".join(
            line for line in sdp.splitlines(keepends=True) if not line.startswith(("a=candidate", "a=end-of-cand"))
        )
    return sdp


async def post_offer(server: Server, user: str | None, sdp: str, video: bool = False) -> httpx.Response:
    async with httpx.AsyncClient(base_url=server.url, headers=headers(server, user), timeout=30) as http:
        return await http.post("/v1/live/sessions", json={"sdp": sdp, "type": "offer", "video": video})


async def listed(server: Server, user: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=server.url, headers=headers(server, user), timeout=30) as http:
        return list((await http.get("/v1/live/sessions")).json()["data"])


async def read_events(server: Server, user: str | None, sid: str, seen: list[tuple[float, dict[str, Any]]]) -> int:
    """Read a session's SSE events into ``seen`` until the server ends the stream; its status."""
    async with (
        httpx.AsyncClient(base_url=server.url, headers=headers(server, user), timeout=60) as http,
        http.stream("GET", f"/v1/live/sessions/{sid}/events") as r,
    ):
        if r.status_code == 200:
            async for line in r.aiter_lines():
                if line.startswith("data:"):
                    seen.append((time.monotonic(), json.loads(line[5:])))
        return r.status_code


async def wait_for(fn: Any, timeout: float, what: str) -> float:
    """Poll the async ``fn`` until it is true; the seconds it took."""
    t0 = time.monotonic()
    while not await fn():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"not {what} within {timeout} s")
        await asyncio.sleep(0.1)
    return time.monotonic() - t0


async def speaks(peer: Peer, text: str, timeout: float = 30) -> None:
    """``text`` said on the data channel comes back as a sentence event."""
    after = len(peer.got.events)
    peer.say(text)
    deadline = time.monotonic() + timeout
    while True:
        event = await peer.wait_event("sentence", max(0.1, deadline - time.monotonic()), after)
        if event["text"] == text:
            return
        after = next(i for i, (_, e) in enumerate(peer.got.events) if e is event) + 1


def test_one_user_reposting_offers_that_never_connect_cannot_keep_others_out(live: Server) -> None:
    server = live

    async def go() -> None:
        # alice's offer has no candidates: it never connects, and holds her one place until the timeout
        r = await post_offer(server, "alice", await an_offer())
        assert r.status_code == 201, r.text
        held_since = time.monotonic()
        created = {r.json()["id"]: held_since}  # alice's sessions: when each was answered, when last listed
        last_seen = dict(created)
        r = await post_offer(server, "alice", await an_offer())
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1, r.text
        error = r.json()["error"]
        assert error["code"] == "quota_user_sessions" and "serve.live.user_sessions" in error["message"], error

        # she keeps reposting (the attack); bob still gets in, and hears his avatar speak
        stop = asyncio.Event()
        answers = [201]
        most = 0

        async def repost() -> None:
            nonlocal most
            while not stop.is_set():
                r = await post_offer(server, "alice", await an_offer())
                answers.append(r.status_code)
                if r.status_code == 201:
                    created[r.json()["id"]] = time.monotonic()
                held = await listed(server, "alice")
                most = max(most, len(held))
                for s in held:
                    last_seen[s["id"]] = time.monotonic()
                await asyncio.sleep(0.1)

        attack = asyncio.ensure_future(repost())
        try:
            await asyncio.sleep(0.5)
            bob = peer(server, "bob", video=False)
            r = await bob.connect()
            assert r.status_code == 201, r.text
            await speaks(bob, "Bob is still served.")
            # the server's ceiling still holds: two places, bob's and (most of the time) alice's
            for _ in range(20):
                r = await post_offer(server, "carol", await an_offer())
                if r.status_code != 201:
                    break
                async with httpx.AsyncClient(base_url=server.url, headers=headers(server, "carol")) as http:
                    await http.delete(f"/v1/live/sessions/{r.json()['id']}")  # alice's place was free just then
                await asyncio.sleep(0.05)
            assert r.status_code == 429 and r.json()["error"]["code"] == "too_many_sessions", r.text
            assert "serve.live.max_sessions" in r.json()["error"]["message"]
            while time.monotonic() - held_since < 2 * CONNECT_TIMEOUT_S + 1:
                await asyncio.sleep(0.2)
        finally:
            stop.set()
            await attack
        assert set(answers) == {201, 429}, answers
        assert most == 1  # she never held more than her one place
        # each of her places was given back within the connect timeout (and a poll), never connected
        assert len(created) >= 2, answers
        lived = [last_seen[sid] - created[sid] for sid in created if sid in last_seen]
        assert max(lived) < CONNECT_TIMEOUT_S + 1, lived

        async def alice_gone() -> bool:
            return await listed(server, "alice") == []

        await wait_for(alice_gone, CONNECT_TIMEOUT_S + 1.5, "alice's last unconnected session released")
        await bob.close()
        # and with bob gone, carol gets in
        carol = peer(server, "carol", video=False)
        assert (await carol.connect()).status_code == 201
        await carol.close()

    asyncio.run(go())


def test_a_sessions_event_streams_count_against_the_stream_limit(live: Server) -> None:
    server = live

    async def go() -> None:
        bob = peer(server, "bob", video=False)
        assert (await bob.connect()).status_code == 201
        alice = peer(server, "alice", video=False)
        assert (await alice.connect()).status_code == 201
        sid = bob.session["id"]
        async with contextlib.AsyncExitStack() as stack:
            http = await stack.enter_async_context(
                httpx.AsyncClient(base_url=server.url, headers=bob.headers, timeout=30)
            )
            opened = [await stack.enter_async_context(http.stream("GET", f"/v1/live/sessions/{sid}/events"))
                      for _ in range(STREAMS)]  # fmt: skip
            assert [r.status_code for r in opened] == [200] * STREAMS
            # one more of bob's is refused, naming the limit, however many he tries
            for _ in range(3):
                r = await http.get(f"/v1/live/sessions/{sid}/events")
                assert r.status_code == 429 and r.json()["error"]["code"] == "quota_streams", r.text
                assert "serve.limits.streams" in r.json()["error"]["message"]
            # alice's own streams are hers to open
            seen: list[tuple[float, dict[str, Any]]] = []
            reader = asyncio.ensure_future(read_events(server, "alice", alice.session["id"], seen))
            await speaks(alice, "Alice streams too.")
            await asyncio.sleep(0.3)
            assert "sentence" in [e["type"] for _, e in seen], seen
            await alice.close()
            assert await asyncio.wait_for(reader, 5) == 200
            assert seen[-1][1]["type"] == "closed"
        # bob's streams closed (by him): their places come back once the server sees him hang up
        async with httpx.AsyncClient(base_url=server.url, headers=bob.headers, timeout=30) as http:

            async def place_back() -> bool:
                async with http.stream("GET", f"/v1/live/sessions/{sid}/events") as r:
                    return r.status_code == 200

            await wait_for(place_back, 3, "a closed stream's place given back")
        await bob.close()

    asyncio.run(go())


def test_revoking_a_key_ends_its_session_and_event_stream_within_seconds(live: Server) -> None:
    server = live
    from avatar.serve.keys import KeyStore

    async def go() -> None:
        bob = peer(server, "bob", video=False)
        assert (await bob.connect()).status_code == 201
        mallory = peer(server, "mallory", size=128)
        assert (await mallory.connect()).status_code == 201
        seen: list[tuple[float, dict[str, Any]]] = []
        reader = asyncio.ensure_future(read_events(server, "mallory", mallory.session["id"], seen))
        mallory.say("This is the first of three sentences. This is the second one, which is longer. "
                    "And this is the third, which nobody should hear after the key is gone.")  # fmt: skip
        await mallory.wait_event("speaking_started", 30)
        await asyncio.sleep(0.3)
        KeyStore(Path(server.env["AVATAR_STATE_DIR"]) / "serve" / "keys.json").revoke("mallory")
        revoked = time.monotonic()
        status = await asyncio.wait_for(reader, 5)
        ended = time.monotonic() - revoked
        assert status == 200 and ended < 2.5, ended
        # the stream's last event says why (when the session closed before the guard cut the stream)
        closing = [e for _, e in seen if e["type"] == "closed"]
        assert not closing or closing[-1]["reason"] == "key revoked", closing
        # nothing more is heard: the audio stops arriving (the peer connection is closed by the server)
        await asyncio.sleep(2.0)
        last_audio = max(t for t, _ in mallory.got.audio)
        assert last_audio - revoked < 2.0, last_audio - revoked
        loud = mallory.got.loud_frames()
        assert loud and loud[-1] - revoked < 2.0, (loud[-1] - revoked) if loud else None
        spoken_after = [e for t, e in mallory.got.events if e["type"] == "sentence" and t > revoked + 0.5]
        assert spoken_after == [], spoken_after
        assert mallory.pc.connectionState in ("closed", "failed"), mallory.pc.connectionState
        server.keys.pop("mallory")
        # bob's session was never touched
        assert [s["id"] for s in await listed(server, "bob")] == [bob.session["id"]]
        await speaks(bob, "Bob goes on.")
        await mallory.close(delete=False)
        await bob.close()

    asyncio.run(go())


def test_a_say_past_max_say_chars_is_an_error_event_and_the_session_goes_on(live: Server) -> None:
    server = live

    async def go() -> None:
        alice = peer(server, "alice", video=False)
        assert (await alice.connect()).status_code == 201
        sid = alice.session["id"]
        seen: list[tuple[float, dict[str, Any]]] = []
        reader = asyncio.ensure_future(read_events(server, "alice", sid, seen))
        await asyncio.sleep(0.3)
        # one say over the limit: an error event naming the setting (it used to end the session silently)
        alice.say("x" * (MAX_SAY + 1))
        error = await alice.wait_event("error", 10)
        assert "serve.live.max_say_chars" in error["message"], error
        # a flood of finished sentences: only what fits in the limit is queued, the rest are error events
        sentence = "This is sentence number %03d of the flood. "
        n = 120
        for i in range(n):
            alice.say(sentence % i, flush=False)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            errors = [e for _, e in alice.got.events if e["type"] == "error"]
            if len(errors) >= n - MAX_SAY // len(sentence % 0):
                break
            await asyncio.sleep(0.1)
        accepted = n + 1 - len(errors)
        # the flood arrives in well under a second, before the first sentence has been heard to its end
        assert accepted <= MAX_SAY // len(sentence % 0) + 1, accepted
        assert all("serve.live.max_say_chars" in e["message"] for e in errors), errors[-1]
        async with httpx.AsyncClient(base_url=server.url, headers=alice.headers, timeout=30) as http:
            r = await http.get(f"/v1/live/sessions/{sid}")
            assert r.status_code == 200 and r.json()["state"] == "connected"
            # over HTTP the same limit is a 400 that names it
            r = await http.post(f"/v1/live/sessions/{sid}/say", json={"text": sentence % 999})
            assert r.status_code == 400 and "serve.live.max_say_chars" in r.json()["error"]["message"], r.text
            # what was accepted is being spoken; interrupt drops it, and the session answers the next say
            await alice.wait_event("speaking_started", 20)
            r = await http.post(f"/v1/live/sessions/{sid}/interrupt")
            assert r.status_code == 200
        await speaks(alice, "Still here.")
        assert "error" in [e["type"] for _, e in seen]  # the SSE stream has the error events too
        await alice.close()
        assert await asyncio.wait_for(reader, 5) == 200

    asyncio.run(go())


def mutate(sdp: str, rnd: random.Random) -> str:
    """A browser offer with a few of its lines dropped, doubled, swapped or given odd values."""
    lines = sdp.split("\r\n")
    odd = ["", "0", "-1", "99999999999999999999", "x", "a b c", ":", "é"]
    for _ in range(rnd.randint(1, 3)):
        i = rnd.randrange(len(lines))
        op = rnd.randrange(4)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif op == 2 and ":" in lines[i]:
            lines[i] = lines[i].split(":", 1)[0] + ":" + rnd.choice(odd)
        else:
            parts = lines[i].split(" ")
            parts[rnd.randrange(len(parts))] = rnd.choice(odd)
            lines[i] = " ".join(parts)
    return "\r\n".join(lines)


def test_malformed_offers_are_400s_and_the_server_goes_on(live: Server) -> None:
    server = live

    async def go() -> None:
        good = await an_offer(video=True, trickle=False)
        assert good.count("a=mid:") == 3
        duplicate = good.replace("a=mid:1", "a=mid:0").replace("BUNDLE 0 1 2", "BUNDLE 0 0 2")
        no_mid = good.replace("a=mid:1\r\n", "")
        many = good + "".join(f"m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=mid:x{i}\r\n" for i in range(460))
        candidate = next(line for line in good.split("\r\n") if line.startswith("a=candidate"))
        flood = good.replace(candidate, "\r\n".join(f"a=candidate:c{i} 1 udp 2130706431 192.0.2.{i % 250 + 1} "
                                                     f"{10000 + i} typ host" for i in range(200)))  # fmt: skip
        cases = (("duplicate a=mid", duplicate), ("no a=mid", no_mid), ("460 media sections", many),
                 ("200 candidates", flood))  # fmt: skip
        for name, sdp in cases:
            t0 = time.monotonic()
            r = await post_offer(server, "carol", sdp, video=True)
            assert r.status_code == 400, (name, r.status_code, r.text)
            assert r.json()["error"]["code"] == "bad_offer", (name, r.text)
            assert time.monotonic() - t0 < 2, name
        # whatever else aiortc refuses is a 400 too (before the check above, a duplicate mid was a 500); an
        # offer it takes is a 201, deleted at once
        rnd = random.Random(23)
        statuses = []
        async with httpx.AsyncClient(base_url=server.url, headers=headers(server, "carol"), timeout=30) as http:
            for _ in range(40):
                body = {"sdp": mutate(good, rnd), "type": "offer", "video": False}
                r = await http.post("/v1/live/sessions", json=body)
                statuses.append(r.status_code)
                assert r.status_code in (201, 400), r.text
                assert "error" in r.json() if r.status_code == 400 else "sdp" in r.json()
                if r.status_code == 201:
                    assert (await http.delete(f"/v1/live/sessions/{r.json()['id']}")).status_code == 200
        assert statuses.count(400) >= 10, statuses
        # nothing is left over, and another user's real session works
        assert await listed(server, "carol") == []
        bob = peer(server, "bob", video=False)
        assert (await bob.connect()).status_code == 201
        await speaks(bob, "Offers aside, all is well.")
        await bob.close()

    asyncio.run(go())


def test_keyless_sessions_and_their_streams_close_when_a_key_is_added(tmp_path: Path) -> None:
    from avatar.serve.keys import KeyStore

    sets = ["--set", f"serve.live.connect_timeout_s={CONNECT_TIMEOUT_S}"]
    with running_server(tmp_path / "keyless", *sets) as server:

        async def go() -> None:
            peer = Peer(server.url, None, video=False)
            assert (await peer.connect()).status_code == 201
            seen: list[tuple[float, dict[str, Any]]] = []
            reader = asyncio.ensure_future(read_events(server, None, peer.session["id"], seen))
            await asyncio.sleep(0.5)
            KeyStore(Path(server.env["AVATAR_STATE_DIR"]) / "serve" / "keys.json").add("owner")
            added = time.monotonic()
            assert await asyncio.wait_for(reader, 5) == 200
            assert time.monotonic() - added < 2.5
            await asyncio.sleep(1.5)
            assert max(t for t, _ in peer.got.audio) - added < 2.0
            assert peer.pc.connectionState in ("closed", "failed"), peer.pc.connectionState
            await peer.close(delete=False)

        asyncio.run(go())
