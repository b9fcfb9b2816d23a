"""Pipeline runs over HTTP against real `avatar serve` processes: the default piper pipeline to a
downloadable MP4 (with range requests), events in order, two runs sharing one load of each model, a server
SIGKILLed mid-run that finishes the run after a restart without redoing finished stages, per-user
isolation, cancel and delete, and bad input refused with OpenAI-shaped JSON errors."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from processes import Server, free_port, running_server, server_env

SMALL = ["stages.video.size=96"]  # a small video keeps the tests quick; the pipeline is the default one
TEXT = "Hello from the studio. Runs are batch jobs."


def submit(client: httpx.Client, text: str = TEXT, sets: list[str] | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"text": text, "set": sets if sets is not None else SMALL, **fields}
    r = client.post("/v1/runs", data=data)
    assert r.status_code == 202, r.text
    return dict(r.json())


def events(client: httpx.Client, run_id: str, timeout: float = 240) -> list[dict[str, Any]]:
    """Every event of the run, read from the SSE stream until the run ends."""
    found: list[dict[str, Any]] = []
    with client.stream("GET", f"/v1/runs/{run_id}/events", timeout=timeout) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        kind = None
        for line in r.iter_lines():
            if line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                event = json.loads(line[5:])
                assert event["type"] == kind
                found.append(event)
    return found


def wait_state(client: httpx.Client, run_id: str, states: tuple[str, ...], timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/v1/runs/{run_id}").json()
        if run["state"] in states:
            return dict(run)
        time.sleep(0.3)
    raise AssertionError(f"run {run_id} not {states} in {timeout} s: {run}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with running_server(tmp_path_factory.mktemp("studio"), keys={"alice": False, "bob": False}) as s:
        yield s


def test_a_run_end_to_end_with_ordered_events_files_and_ranges(server: Server) -> None:
    with server.client("alice") as alice:
        run = submit(alice)
        assert run["state"] == "queued" and run["pipeline"] == "pipeline"
        got = events(alice, run["id"])
        kinds = [e["type"] for e in got]
        assert kinds[0] == "queued" and kinds[-1] == "done"
        stages = got[0]["stages"]
        assert stages == ["speech", "finish", "video", "subtitles", "mux"]
        # each stage starts, then finishes done, in the pipeline's order
        order = [(e["type"], e["stage"]) for e in got if e["type"] in ("stage_started", "stage_finished")]
        assert order == [(k, s) for s in stages for k in ("stage_started", "stage_finished")]
        finished = [e for e in got if e["type"] == "stage_finished"]
        assert all(e["status"] == "done" and e["run_s"] >= 0 and "peak_delta_mb" in e for e in finished)
        assert [e["time"] for e in got] == sorted(e["time"] for e in got)

        detail = alice.get(f"/v1/runs/{run['id']}").json()
        assert detail["state"] == "done" and detail["manifest"]["status"] == "done"
        assert [s["status"] for s in detail["stages"]] == ["done"] * 5
        files = {f["name"]: f for f in detail["files"]}
        assert {"avatar.mp4", "audio.wav", "subtitles.srt", "poster.png"} <= set(files)
        video = alice.get(f"/v1/runs/{run['id']}/files/avatar.mp4")
        assert video.status_code == 200 and video.headers["content-type"] == "video/mp4"
        assert video.content[4:8] == b"ftyp" and len(video.content) == files["avatar.mp4"]["bytes"]
        part = alice.get(f"/v1/runs/{run['id']}/files/avatar.mp4", headers={"Range": "bytes=100-199"})
        assert part.status_code == 206 and part.content == video.content[100:200]
        assert part.headers["content-range"] == f"bytes 100-199/{len(video.content)}"
        # the signed link in `files` works without the key (a <video> element cannot send one)
        assert httpx.get(server.url + files["avatar.mp4"]["url"]).content == video.content
        tampered = files["avatar.mp4"]["url"].replace("files/avatar.mp4", "files/audio.wav")
        assert httpx.get(server.url + tampered).status_code == 403  # a link that is not valid: 403, not a 401
        # only the run's artifacts
        assert alice.get(f"/v1/runs/{run['id']}/files/manifest.json").status_code == 404
        assert alice.get(f"/v1/runs/{run['id']}/files/..%2Fmanifest.json").status_code == 404

        listed = alice.get("/v1/runs").json()["data"]
        assert run["id"] in [r["id"] for r in listed]
    with server.client("bob") as bob:  # another user: the run does not exist for him
        assert run["id"] not in [r["id"] for r in bob.get("/v1/runs").json()["data"]]
        for path in ("", "/events", "/files/avatar.mp4"):
            r = bob.get(f"/v1/runs/{run['id']}{path}")
            assert r.status_code == 404 and r.json()["error"]["code"] == "run_not_found", (path, r.text)
        assert bob.delete(f"/v1/runs/{run['id']}").status_code == 404


def test_two_runs_submitted_together_load_each_model_once(server: Server) -> None:
    with server.client("alice") as alice:
        first = submit(alice, "The first of two runs.")
        second = submit(alice, "The second of two runs.")
        for run in (first, second):
            assert wait_state(alice, run["id"], ("done", "failed"))["state"] == "done"
            manifest = alice.get(f"/v1/runs/{run['id']}").json()["manifest"]
            assert manifest["model_loads"] == {s: 1 for s in ("speech", "finish", "video", "subtitles", "mux")}


def test_cancel_a_queued_run_and_delete_a_finished_one(server: Server) -> None:
    with server.client("alice") as alice:
        busy = submit(alice, "A longer run keeps the device busy. " * 6)
        queued = submit(alice, "This one is cancelled before it starts.", sets=["stages.speech.pause_ms=100"])
        r = alice.delete(f"/v1/runs/{queued['id']}")
        assert r.status_code == 200 and r.json()["state"] in ("cancelled", "cancelling")
        kinds = [e["type"] for e in events(alice, queued["id"])]
        assert kinds[-1] == "cancelled"
        assert wait_state(alice, busy["id"], ("done",))["state"] == "done"
        assert alice.get(f"/v1/runs/{queued['id']}").json()["state"] == "cancelled"
        gone = alice.delete(f"/v1/runs/{busy['id']}")
        assert gone.status_code == 200 and gone.json()["deleted"] is True
        assert alice.get(f"/v1/runs/{busy['id']}").status_code == 404


@pytest.mark.parametrize(
    ("fields", "files", "status", "says"),
    [
        ({"pipeline": "../../etc/passwd"}, None, 400, "never a path"),
        ({"pipeline": "/tmp/evil.yaml"}, None, 400, "never a path"),
        ({"pipeline": "nosuch"}, None, 404, "unknown pipeline 'nosuch'"),
        ({"text": "   "}, None, 400, "the text is empty"),
        ({"set": ["device=cpu"]}, None, 400, "stage options only"),
        ({"set": ["stages.nosuch.size=1"]}, None, 400, "no stage 'nosuch'"),
        ({"voice": "../bob/x"}, None, 400, "voice"),
        ({"voice": "ghost", "pipeline": "examples/xtts_clone"}, None, 404, "unknown voice 'ghost'"),
        ({}, {"portrait": ("face.png", b"this is not an image", "image/png")}, 400, "is not a supported image"),
    ],
)
def test_bad_runs_are_clear_json_errors(
    server: Server, fields: dict[str, Any], files: dict[str, Any] | None, status: int, says: str
) -> None:
    data = {"text": TEXT, **fields}
    with server.client("alice") as alice:
        r = alice.post("/v1/runs", data=data, files=files)
    assert r.status_code == status, r.text
    error = r.json()["error"]
    assert says in error["message"] and "Traceback" not in r.text
    assert "/studio/" not in error["message"]  # server paths stay on the server


def test_without_a_key_runs_are_refused(server: Server) -> None:
    with server.client() as anonymous:
        assert anonymous.get("/v1/runs").status_code == 401
        assert anonymous.post("/v1/runs", data={"text": TEXT}).status_code == 401


def _start(root: Path, port: int) -> subprocess.Popen[bytes]:
    log = open(root / "server.log", "ab")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "avatar", "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=server_env(root),
    )


def _ready(url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/ready", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("server not ready")


def test_a_server_killed_mid_run_finishes_it_after_a_restart_without_redoing_stages(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = _start(tmp_path, port)
    try:
        _ready(url)
        text = "A run that is interrupted. " * 40  # a minute of speech: the video stage takes a while
        with httpx.Client(base_url=url, timeout=60, headers={"X-Requested-With": "avatar-tests"}) as c:
            run = submit(c, text, sets=["stages.video.size=256"])
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                stages = {s["id"]: s["status"] for s in c.get(f"/v1/runs/{run['id']}").json()["stages"]}
                if stages.get("finish") == "done":
                    break
                time.sleep(0.1)
            assert stages.get("finish") == "done", stages
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        run_dir = next(tmp_path.glob(f"outputs/studio/*/{run['id']}"))
        speech = run_dir / "speech.wav"
        before = speech.stat().st_mtime_ns

        proc = _start(tmp_path, port)
        _ready(url)
        with httpx.Client(base_url=url, timeout=60, headers={"X-Requested-With": "avatar-tests"}) as c:
            done = wait_state(c, run["id"], ("done", "failed"))
            assert done["state"] == "done", done
            stages = {s["id"]: s for s in done["manifest"]["stages"]}
            assert stages["speech"]["status"] == "skipped" and stages["finish"]["status"] == "skipped"
            assert stages["mux"]["status"] == "done"
            assert speech.stat().st_mtime_ns == before  # finished work was not redone
            kinds = [e["type"] for e in events(c, run["id"])]
            assert kinds[0] == "queued" and kinds[-1] == "done"
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(60)


def test_runs_on_the_ray_executor(tmp_path: Path) -> None:
    pytest.importorskip("ray")
    with running_server(tmp_path / "ray", "--executor", "ray") as s, s.client() as c:
        run = submit(c, "Ray runs this one.", sets=[], pipeline="speech")
        got = events(c, run["id"])
        assert got[0]["type"] == "queued" and got[-1]["type"] == "done", got
        assert [e["stage"] for e in got if e["type"] == "stage_finished"] == ["speech", "finish"]
        detail = c.get(f"/v1/runs/{run['id']}").json()
        assert detail["state"] == "done" and {"speech.wav", "audio.wav"} <= {f["name"] for f in detail["files"]}
        assert "ray" in s.log_text().lower()
