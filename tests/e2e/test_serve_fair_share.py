"""Fair shares of the server's resources, each attack replayed against a real `avatar serve` process, with an
assertion about what another user still gets (issue 23's cost shares: device-queue places, disk written by a
run, audio buffered for a slow reader, and signed links after a revoke).

Proofs go by order where they can (the tests' tone plugin holds any sentence with the word "later" until a
gate file exists), not by clocks."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from plugin_backends import gated_tone_server
from processes import Server, running_server


def _wait(what: str, ready: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _queue_depth(server: Server) -> float:
    text = httpx.get(f"{server.url}/metrics", timeout=10).text
    found = re.search(r"^avatar_queue_depth (\S+)$", text, re.M)
    return float(found.group(1)) if found else 0.0


# --- device-queue places ------------------------------------------------------------------------------
def test_one_users_long_requests_cannot_fill_the_device_queue(tmp_path: Path) -> None:
    """The attack: one user sends many long speech requests at once, which used to fill the 32-place queue
    so everyone else got 429. Now the user holds at most ``serve.limits.queued`` places; their extra
    requests are 429s that name the setting, and another user's request is queued and answered."""
    sets = ("--set", "serve.queue=3", "--set", "serve.limits.queued=2")
    with gated_tone_server(tmp_path, *sets, keys={"alice": False, "bob": False}) as (server, gate):
        held = {"model": "tone", "voice": "low", "input": "Held until later.", "stream_format": "file",
                "response_format": "wav"}  # fmt: skip
        with server.client("alice") as alice, server.client("bob") as bob, ThreadPoolExecutor(12) as pool:
            attack = [pool.submit(alice.post, "/v1/audio/speech", json=held) for _ in range(10)]
            _wait("alice's extra requests to be refused", lambda: sum(f.done() for f in attack) >= 8)
            answered = [f for f in attack if f.done()]
            refused = [f.result() for f in answered]
            assert len(refused) == 8, [r.status_code for r in refused]
            for r in refused:
                assert r.status_code == 429, r.text
                error = r.json()["error"]
                assert error["code"] == "quota_queued" and "serve.limits.queued" in error["message"], error
                assert r.headers["retry-after"]
            # Bob's request is admitted (queued behind alice's two) before the gate opens: the proof is the order.
            theirs: Future[httpx.Response] = pool.submit(
                bob.post, "/v1/audio/speech", json=held | {"voice": "high", "input": "Bob speaks later."}
            )
            _wait("bob's request to be queued", lambda: theirs.done() or _queue_depth(server) >= 2)
            assert not theirs.done(), theirs.result().text  # not refused: it waits for the device
            gate.touch()
            assert theirs.result(timeout=120).status_code == 200
            for f in attack:
                if f not in answered:
                    assert f.result(timeout=120).status_code == 200
            # Alice's places are free again.
            assert alice.post("/v1/audio/speech", json=held).status_code == 200


# --- disk written by a run -----------------------------------------------------------------------------
def test_a_run_fails_at_its_users_disk_quota_and_another_users_run_is_done(tmp_path: Path) -> None:
    """The attack: a run at the caller's limits (here a 256 px crf 0 video against a 1 MB quota) wrote past the
    quota, which was checked only before it started. Now what it writes counts while it is written: it fails
    naming serve.limits.disk_mb, its files are removed, the user's disk stayed within the quota plus the stated
    overshoot, and another user's run in the same batch is done."""
    config = tmp_path / "serve.yaml"
    config.write_text(json.dumps({"serve": {"limits": {"disk_mb": 1.0}}}))
    big = ["stages.video.size=256", "stages.video.crf=0", "stages.mux.crf=0"]
    text = "One quick sentence is spoken here. And another one follows it, a little longer than the first."
    users = {"alice": False, "bob": False}
    with running_server(tmp_path / "srv", "--config", str(config), keys=users) as server:
        alice, bob = server.client("alice"), server.client("bob")
        with alice, bob:
            a = alice.post("/v1/runs", data={"text": text, "set": big})
            b = bob.post("/v1/runs", data={"text": "Hello from bob.", "pipeline": "speech"})
            assert a.status_code == 202 and b.status_code == 202, (a.text, b.text)
            run_a, run_b = a.json()["id"], b.json()["id"]
            for client, run_id in ((alice, run_a), (bob, run_b)):
                _wait("the runs to end", lambda c=client, i=run_id: c.get(f"/v1/runs/{i}").json()["state"]
                      in ("done", "failed", "cancelled"), timeout=240)  # fmt: skip
            mine = alice.get(f"/v1/runs/{run_a}").json()
            assert mine["state"] == "failed", mine
            assert "serve.limits.disk_mb" in mine["error"], mine["error"]
            used = float(re.search(r"reached .*?\(([0-9.]+) MB of", mine["error"]).group(1))  # type: ignore[union-attr]
            assert used <= 1.0 + 0.5, mine["error"]  # the quota plus at most one encoder packet and the index
            assert mine["files"] == [], mine["files"]  # its partial files are gone
            run_dir = next((tmp_path / "srv" / "outputs").rglob(f"*/{run_a}"))
            assert sorted(p.name for p in run_dir.iterdir()) <= ["events.jsonl", "manifest.json", "studio.json"]
            events = [json.loads(line) for line in (run_dir / "events.jsonl").read_text().splitlines()]
            assert events[-1]["type"] == "failed" and "serve.limits.disk_mb" in events[-1]["error"], events[-1]
            theirs = bob.get(f"/v1/runs/{run_b}").json()
            assert theirs["state"] == "done", theirs
            assert bob.get(theirs["files"][0]["url"]).status_code == 200


# --- streamed speech back-pressure ---------------------------------------------------------------------
def _request(server: Server, key: str, body: dict[str, Any]) -> bytes:
    raw = json.dumps(body).encode()
    host = urlsplit(server.url).netloc
    return (f"POST /v1/audio/speech HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(raw)}\r\n\r\n").encode() + raw  # fmt: skip


def test_a_reader_that_never_reads_holds_bounded_audio_and_is_cut_off(tmp_path: Path) -> None:
    """The attack: a streamed request whose client reads nothing, which used to make the server generate and
    hold all of its audio. Now generation waits once ``stream_ahead_s`` of audio is unread (the device is
    free meanwhile: another user is answered), and after ``stream_stall_s`` of no reading the server cuts
    the reader off, stops the generation and frees its queue place."""
    sets = ("--set", "serve.limits.stream_ahead_s=2", "--set", "serve.limits.stream_stall_s=2",
            "--set", "serve.limits.queued=1")  # fmt: skip
    sentences = 200  # 8 words each: 2 s of tone per sentence, 400 s (19 MB of pcm) in all
    text = " ".join(["A b c d e f g h."] * sentences)
    with gated_tone_server(tmp_path, *sets, keys={"alice": False, "bob": False}) as (server, _gate):
        body = {"model": "tone", "voice": "low", "input": text, "response_format": "pcm"}
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            host, port = urlsplit(server.url).netloc.split(":")
            sock.connect((host, int(port)))
            sock.sendall(_request(server, server.keys["alice"], body))
            # alice's one place is held while her stream waits for her (queued, running or parked)
            with server.client("alice") as alice, server.client("bob") as bob:
                short = {"model": "tone", "voice": "high", "input": "Hi there.", "response_format": "wav"}
                _wait("alice's place to be taken", lambda: alice.post("/v1/audio/speech", json=short).status_code
                      == 429)  # fmt: skip
                assert bob.post("/v1/audio/speech", json=short).status_code == 200  # the device is not held
                _wait("the reader to be cut off", lambda: "stopped generating" in server.log_text(), timeout=60)
                line = next(x for x in server.log_text().splitlines() if "stopped generating" in x)
                done, total = map(int, re.search(r"after (\d+) of (\d+) sentences", line).groups())  # type: ignore[union-attr]
                assert total == sentences and done < sentences // 4, line  # generation waited for the reader
                assert "serve.limits.stream_stall_s" in server.log_text()
                # the place is free again, and the connection was closed by the server
                _wait("alice's place to be free", lambda: alice.post("/v1/audio/speech", json=short).status_code
                      == 200)  # fmt: skip
            sock.settimeout(30)
            received = 0
            while chunk := sock.recv(1 << 16):
                received += len(chunk)
            assert received < 48000 * 2 * done * 2 + 65536  # never more than what was generated


# --- signed links -----------------------------------------------------------------------------------------
def test_a_revoked_keys_links_stop_working_and_bad_signatures_are_4xx(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", keys={"alice": False, "bob": False}) as server:
        with server.client("alice") as alice, server.client("bob") as bob:
            runs = {}
            for who, client in (("alice", alice), ("bob", bob)):
                r = client.post("/v1/runs", data={"text": f"Hello from {who}.", "pipeline": "speech"})
                assert r.status_code == 202, r.text
                runs[who] = r.json()["id"]
            links = {}
            for who, client in (("alice", alice), ("bob", bob)):
                _wait("the runs", lambda c=client, w=who: c.get(f"/v1/runs/{runs[w]}").json()["state"] == "done",
                      timeout=240)  # fmt: skip
                links[who] = client.get(f"/v1/runs/{runs[who]}").json()["files"][0]["url"]
        anyone = httpx.Client(base_url=server.url, timeout=60)
        assert anyone.get(links["alice"]).status_code == 200
        # A malformed or altered signature is a 403 with a JSON error, never a 500.
        parts = urlsplit(links["alice"])
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        for bad in ("ü" * 32, "zz", query["sig"][:-1] + ("0" if query["sig"][-1] != "0" else "1"), ""):
            r = anyone.get(parts.path + "?" + urlencode(query | {"sig": bad}))
            assert r.status_code == 403 and r.json()["error"]["message"], (bad, r.status_code, r.text)
        r = anyone.get(parts.path + "?" + urlencode(query | {"kid": "00000000"}))  # another key's id
        assert r.status_code == 403, r.text
        # Revoking alice's key ends her links at once; bob's still work.
        kid = query["kid"]
        subprocess.run([sys.executable, "-m", "avatar", "serve", "keys", "revoke", kid], env=server.env,
                       check=True, capture_output=True, timeout=60)  # fmt: skip
        _wait("alice's link to stop working", lambda: anyone.get(links["alice"]).status_code == 403, timeout=1.5)
        assert anyone.get(links["bob"]).status_code == 200
        anyone.close()


def test_a_parked_job_is_woken_once_by_its_reader_or_its_cancellation() -> None:
    """The worker side of back-pressure, as pure logic: park at ``ahead_s`` unread, wake at half of it, and a
    cancellation wakes a parked job (so it is answered and gives its place back) and parks it no more."""
    import numpy as np

    from avatar.serve.device.tasks import Flow, SpeechTask

    flow, woken = Flow(2.0), []
    assert not flow.park(lambda: woken.append("early"))
    flow.sent(np.zeros(32000, dtype=np.float32), 16000)  # 2 s unread
    assert flow.park(lambda: woken.append("reader"))
    flow.took(np.zeros(8000, dtype=np.float32))  # 1.5 s left: not yet
    assert woken == []
    flow.took(np.zeros(8000, dtype=np.float32))  # 1 s left: half of ahead_s
    flow.took(np.zeros(8000, dtype=np.float32))
    assert woken == ["reader"]
    flow.sent(np.zeros(48000, dtype=np.float32), 16000)
    job = SpeechTask(model="tone", chunks=["a"], emit=lambda item: None, flow=flow)
    assert flow.park(lambda: woken.append("cancel"))
    job.cancelled.set()
    assert woken == ["reader", "cancel"] and job.cancelled.is_set()
    assert not flow.park(lambda: woken.append("never"))
