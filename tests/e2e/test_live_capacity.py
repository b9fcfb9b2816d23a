"""Live sessions admitted by capacity, against a real server and real aiortc peers: with the CPU budget
(`serve.live.cpu_cores`) set below what one running video session measurably costs, the next session is a
429 with Retry-After, code `no_capacity` and the figures it was measured from, while the running one goes
on speaking; once it is closed, a new session is admitted again."""

from __future__ import annotations

import asyncio
import time

import httpx
import numpy as np
import pytest
from live_helpers import Peer
from processes import running_server

pytestmark = pytest.mark.alone  # run by itself on xdist workers: admission from the measured render time per frame

pytest.importorskip("aiortc")


def test_a_session_that_would_not_fit_is_a_429_with_the_figures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    sets = ["serve.live.cpu_cores=0.05", "serve.live.max_sessions=4", "serve.live.user_sessions=4"]
    args = [a for s in sets for a in ("--set", s)]
    with running_server(tmp_path / "srv", *args, keys={"erin": False}) as server:

        async def go() -> tuple[httpx.Response, Peer]:
            first = Peer(server.url, server.keys["erin"], keep_frames=False)
            assert (await first.connect()).status_code == 201  # nothing measured yet: admitted
            first.say("I am the first session, and I keep talking for a while, one sentence after another.")
            await first.wait_event("speaking_started", 30)
            await asyncio.sleep(3.0)  # the server samples its CPU every second
            second = Peer(server.url, server.keys["erin"], keep_frames=False)
            refused = await second.connect()
            await first.wait_event("speaking_ended", 60)
            await first.close()
            return refused, first

        refused, first = asyncio.run(go())
        assert refused.status_code == 429, refused.text
        assert int(refused.headers["Retry-After"]) > 0
        error = refused.json()["error"]
        assert error["code"] == "no_capacity" and "serve.live.cpu_cores" in error["message"]
        figures = error["figures"]
        assert figures["sessions"] == 1 and figures["used_cores"] > 0.05 and figures["cpu_cores"] == 0.05
        assert float(np.sqrt(np.mean(first.got.audio_samples() ** 2))) > 0.005  # the running one spoke on
        time.sleep(1.5)  # the sweeper sees no session: the measurement starts again

        async def again() -> int:
            peer = Peer(server.url, server.keys["erin"], keep_frames=False)
            status = (await peer.connect()).status_code
            await peer.close()
            return status

        assert asyncio.run(again()) == 201
