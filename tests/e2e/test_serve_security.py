"""The trust boundary, against real `avatar serve` processes: each finding of the security review as the
attack was made, with the assertion that nothing was written outside the outputs folder, nothing ran, and
the server stayed ready with its memory flat.

Findings: arbitrary file write through output options; programs run through a command stage's options; a
keyless server open to other web sites and to DNS rebinding; artifacts served as HTML; another user's voice
or any server path through an option; decompression bombs (image and audio); unbounded cost; no quotas; a
run that could never run; revoked keys keeping their streams; slow clients; invisible text; server paths in
errors; a CDN script on /docs.
"""

from __future__ import annotations

import io
import json
import socket
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import psutil
import pytest
import soundfile as sf
from processes import Server, running_server, tool_pipeline

TEXT = "Hello from the trust boundary."
SMALL = ["stages.video.size=96"]


# --- what the attacks use -----------------------------------------------------------------------------
def png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels in a few hundred bytes (its pixel data is a stub)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def flac_bomb(path: Path, channels: int = 8, rate: int = 96000, seconds: float = 599.0) -> Path:
    """A small FLAC of silence (plus a click) that decodes to GB: 8 channels at 96 kHz for ten minutes."""
    frames = int(rate * seconds)
    block = np.zeros((1 << 18, channels), dtype=np.int16)
    with sf.SoundFile(str(path), "w", rate, channels, format="FLAC", subtype="PCM_16") as fh:
        written = 0
        while written < frames:
            n = min(len(block), frames - written)
            fh.write(block[:n])
            written += n
    return path


def rss_mb(server: Server) -> float:
    proc = psutil.Process(server.proc.pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 1e6


def assert_error(r: httpx.Response, status: int, *needles: str) -> dict[str, Any]:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}, body
    for needle in needles:
        assert needle in body["error"]["message"] or needle == body["error"]["code"], (needle, body)
    return dict(body["error"])


def files_outside(root: Path, since: float) -> list[Path]:
    """Files written after ``since`` anywhere under ``root`` except the outputs folder and the server log."""
    out = []
    for p in root.rglob("*"):
        fresh = p.is_file() and p.stat().st_mtime >= since and "outputs" not in p.relative_to(root).parts
        if fresh and p.name not in ("server.log", "estimates.json") and "numba" not in p.parts:
            out.append(p)
    return out


@pytest.fixture(scope="module")
def keyless(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("keyless")
    marker = root / "ran"
    config = root / "serve.yaml"
    config.write_text(json.dumps({"serve": {"pipelines": {"tool": str(tool_pipeline(root, marker))}}}))
    with running_server(root, "--config", str(config)) as server:
        server.root = root  # type: ignore[attr-defined]
        server.marker = marker  # type: ignore[attr-defined]
        yield server


def post_run(client: httpx.Client, sets: list[str], pipeline: str = "speech", **extra: Any) -> httpx.Response:
    return client.post("/v1/runs", data={"text": TEXT, "pipeline": pipeline, "set": sets, **extra})


# --- critical 1: arbitrary file write ------------------------------------------------------------------
@pytest.mark.parametrize(
    "item",
    [
        "stages.subtitles.srt={target}/evil.pth",
        "stages.finish.output={state}/serve/keys.json",
        "stages.finish.output=../../../evil.wav",
        "stages.speech.output=..",
        "stages.mux.poster=/tmp/poster.png",
        "stages.finish.with.output=x/../../y.wav",
    ],
)
def test_output_options_cannot_be_set_by_a_caller(keyless: Server, item: str) -> None:
    root: Path = keyless.root  # type: ignore[attr-defined]
    item = item.format(target=root / "target", state=root / "state")
    since = time.time()
    with keyless.client() as c:
        pipeline = "pipeline" if "subtitles" in item or "mux" in item else "speech"
        err = assert_error(post_run(c, [item], pipeline), 400, "only the server's operator may set it")
        assert item.split("=")[0] in err["message"]
        assert str(root) not in err["message"]
        assert c.get("/ready").status_code == 200
    assert files_outside(root, since) == []


def test_output_names_are_names_in_the_cli_too(tmp_path: Path) -> None:
    """The operator may set outputs, but only as file names inside the run folder."""
    for value in ("../escape.wav", "/tmp/abs.wav", "a/b.wav", "manifest.json"):
        done = subprocess.run(
            [sys.executable, "-m", "avatar", "run", "speech", "--text", "Hi.", "--out", str(tmp_path / "out"),
             "--set", f"stages.finish.output={value}"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "stages.finish" in lines[0] and "Traceback" not in done.stderr, done.stderr
        assert not (tmp_path / "escape.wav").exists() and not (tmp_path / "out").exists()


# --- critical 2: programs through a command stage ----------------------------------------------------------
@pytest.mark.parametrize(
    "item",
    [
        'stages.tool.argv=["/bin/sh", "-c", "touch {marker}"]',
        "stages.tool.cwd=/",
        'stages.tool.env={{"LD_PRELOAD": "/tmp/x.so"}}',
        "stages.tool.outputs.copy=/etc/passwd",
        "stages.tool.image=/etc/passwd",
        "stages.tool.timeout_s=1e9",
        "stages.tool.memory_mb=0",
        "stages.speech.backend=xtts",
        "stages.speech.model=/tmp/evil",
        "stages.speech.device=cpu",
        "stages.tool.isolate=true",
    ],
)
def test_a_caller_cannot_change_programs_paths_devices_or_models(keyless: Server, item: str) -> None:
    marker: Path = keyless.marker  # type: ignore[attr-defined]
    item = item.format(marker=marker)
    with keyless.client() as c:
        err = assert_error(post_run(c, [item], "tool"), 400, "only the server's operator may set it")
        assert "stages.speech.pause_ms" in err["message"]  # it says what a request may set instead
    assert not marker.exists()


def test_the_operators_command_stage_runs_and_its_outputs_stay_in_the_run(keyless: Server) -> None:
    """The tool the operator declared runs as declared; its HTML output is a download, never a page."""
    with keyless.client() as c:
        r = post_run(c, ["stages.speech.pause_ms=100"], "tool")
        assert r.status_code == 202, r.text
        run = wait_done(c, r.json()["id"])
        assert run["state"] == "done", run
        files = {f["name"]: f for f in run["files"]}
        page = c.get(f"/v1/runs/{run['id']}/files/page.html")
        assert page.status_code == 200
        assert page.headers["content-type"] == "application/octet-stream"
        assert page.headers["content-disposition"].startswith("attachment")
        assert page.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in page.headers["content-security-policy"]
        signed = httpx.get(keyless.url + files["page.html"]["url"])
        assert signed.headers["content-disposition"].startswith("attachment")
        audio = c.get(f"/v1/runs/{run['id']}/files/speech.wav")
        assert audio.headers["content-type"] == "audio/wav"
        assert audio.headers["content-disposition"].startswith("inline")
    assert not keyless.marker.exists()  # type: ignore[attr-defined]


def wait_done(client: httpx.Client, run_id: str, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = client.get(f"/v1/runs/{run_id}").json()
        if run["state"] in ("done", "failed", "cancelled"):
            return dict(run)
        time.sleep(0.3)
    raise AssertionError(f"run {run_id} did not finish: {run}")


# --- critical 3: a keyless server and other web sites --------------------------------------------------
def test_keyless_refuses_other_origins_hosts_and_unsignalled_writes(keyless: Server) -> None:
    data = {"text": TEXT, "pipeline": "speech"}
    with httpx.Client(base_url=keyless.url, timeout=30) as raw:
        # a page on another site (its fetch carries its Origin; no-cors sends no custom header)
        assert_error(raw.post("/v1/runs", data=data, headers={"Origin": "http://evil.example"}), 403, "cross_origin")
        assert_error(raw.post("/v1/runs", data=data, headers={"Origin": "null"}), 403, "cross_origin")
        assert_error(raw.post("/v1/runs", data=data, headers={"Sec-Fetch-Site": "cross-site"}), 403, "cross_site")
        assert_error(raw.get("/v1/runs", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}), 403)
        # an old-style form post: no Origin, no fetch metadata, no header a form could not send
        assert_error(raw.post("/v1/runs", data=data), 403, "same_origin_required")
        # DNS rebinding: another name that resolves to 127.0.0.1
        for host in ("attacker.example", "attacker.example:8000", "127.0.0.1.evil.example"):
            assert_error(raw.get("/v1/models", headers={"Host": host}), 400, "host_not_allowed")
        # the server's own names are answered, and a same-origin write goes through
        assert raw.get("/v1/models", headers={"Host": "localhost"}).status_code == 200
        port = keyless.url.rsplit(":", 1)[1]
        own = {"Origin": keyless.url, "Sec-Fetch-Site": "same-origin"}
        ok = raw.post("/v1/runs", data=data, headers=own)
        assert ok.status_code == 202, ok.text
        assert raw.get("/v1/models", headers={"Host": f"[::1]:{port}"}).status_code == 200
        # a plain link from another site is a navigation: allowed to show the page, nothing else
        nav = raw.get("/", headers={"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
        assert nav.status_code == 200
    runs = keyless.client().get("/v1/runs").json()["data"]
    assert [r["id"] for r in runs if r["id"] == ok.json()["id"]]


def test_every_response_carries_the_security_headers(keyless: Server) -> None:
    with keyless.client() as c:
        for r in (c.get("/"), c.get("/v1/models"), c.get("/nope"), c.post("/v1/runs", data={"text": ""})):
            csp = r.headers["content-security-policy"]
            assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["referrer-policy"] == "no-referrer"
            assert r.headers["x-frame-options"] == "DENY"
        assert c.get("/docs").status_code == 404 and c.get("/redoc").status_code == 404
        assert c.get("/openapi.json").json()["info"]["title"] == "avatar"


# --- high 5: another user's resources, server paths -------------------------------------------------
def test_resources_are_names_of_the_callers_own(tmp_path: Path, speech_wav: Path) -> None:
    with running_server(tmp_path / "srv", keys={"alice": False, "bob": False}) as server:
        with server.client("alice") as alice:
            with open(speech_wav, "rb") as fh:
                r = alice.post("/v1/voices", data={"name": "narrator", "transcript": "hi"}, files={"audio": fh})
            assert r.status_code == 201, r.text
        with server.client("bob") as bob:
            err = assert_error(post_run(bob, ["stages.speech.voice=alice/narrator"]), 400, "not a voice name")
            assert "narrator" not in err["message"].split("'", 2)[-1]
            err = assert_error(post_run(bob, ["stages.speech.voice=narrator"]), 404, "unknown voice 'narrator'")
            assert "alice" not in err["message"]
            assert_error(post_run(bob, [], voice="narrator"), 404, "unknown voice")
            # a path in a portrait option: the same refusal whether or not the path exists
            a = post_run(bob, ["stages.video.portrait=/etc/passwd"], "pipeline")
            b = post_run(bob, ["stages.video.portrait=/no/such/file.png"], "pipeline")
            assert a.status_code == b.status_code == 400
            assert a.json()["error"]["message"] == b.json()["error"]["message"]
            assert "/etc" not in a.text and str(tmp_path) not in a.text
        with server.client("alice") as alice:  # alice's own name works
            r = post_run(alice, ["stages.speech.voice=narrator"], "speech")
            assert r.status_code == 400 and "piper" in r.text  # the speech pipeline's piper cannot clone
            assert str(tmp_path) not in r.text


# --- high 6: decompression bombs ------------------------------------------------------------------------
def test_bombs_are_refused_from_their_headers_with_memory_flat(keyless: Server, tmp_path: Path) -> None:
    png = png_header(30000, 30000)
    assert len(png) < 2000
    flac = flac_bomb(tmp_path / "bomb.flac")
    assert flac.stat().st_size < 8_000_000
    rate = tmp_path / "rate.wav"
    sf.write(str(rate), np.zeros(655350, dtype=np.int16), 655350, subtype="PCM_16")
    before = rss_mb(keyless)
    with keyless.client() as c:
        t0 = time.monotonic()
        r = c.post("/v1/runs", data={"text": TEXT, "set": SMALL}, files={"portrait": ("big.png", png, "image/png")})
        err = assert_error(r, 400, "30000 x 30000", "limit")
        assert "big.png" in err["message"] and str(keyless.root) not in err["message"]  # type: ignore[attr-defined]
        for path, needle in ((flac, "long"), (rate, "655350 Hz")):
            with open(path, "rb") as fh:
                r = c.post("/v1/voices", data={"name": "bomb"}, files={"audio": (path.name, fh)})
            assert_error(r, 400, needle, path.name)
        took = time.monotonic() - t0
        assert c.get("/ready").status_code == 200
    assert took < 20, took  # all three, uploads included; the header checks themselves take milliseconds
    assert rss_mb(keyless) - before < 150


def test_many_channels_and_bad_image_formats_are_refused(keyless: Server, tmp_path: Path) -> None:
    wide = tmp_path / "wide.wav"
    sf.write(str(wide), np.zeros((48000 * 4, 16), dtype=np.int16), 48000, subtype="PCM_16")
    with keyless.client() as c, open(wide, "rb") as fh:
        assert_error(c.post("/v1/voices", data={"name": "wide"}, files={"audio": fh}), 400, "16 audio channels")
        from PIL import Image

        buf = io.BytesIO()
        Image.new("RGB", (64, 64)).save(buf, format="TIFF")
        r = c.post("/v1/runs", data={"text": TEXT}, files={"portrait": ("p.tiff", buf.getvalue())})
        assert_error(r, 400, "not a supported image")


# --- medium: cost, quotas, runs that cannot run, text ----------------------------------------------------
@pytest.mark.parametrize(
    ("item", "needle"),
    [
        ("stages.video.size=4096", "serve.limits.video_size"),
        ("stages.video.fps=120", "serve.limits.fps"),
        ("stages.speech.pause_ms=5000", "serve.limits.pause_ms"),
        ("stages.video.size=63", "below the lowest"),
        ("stages.video.size=big", "not a whole number"),
        ("stages.video.mouth_gain=nan", "not a number"),
        ("stages.video.blinks=maybe", "not true or false"),
        ("stages.nostage.size=1", "has no stage 'nostage'"),
        ("stages.video.colour=red", "has no option 'colour'"),
        ("settings.device=cpu", "stage options only"),
    ],
)
def test_caller_numbers_are_bounded(keyless: Server, item: str, needle: str) -> None:
    with keyless.client() as c:
        assert_error(post_run(c, [item], "pipeline"), 400, needle)


def test_invisible_text_is_refused_before_anything_is_queued(keyless: Server) -> None:
    with keyless.client() as c:
        for text in ("\u200b\u200b\u200b", " \u2060 \ufeff ", "...", "\u00a0"):
            assert_error(c.post("/v1/runs", data={"text": text}), 400, "empty")
            r = c.post("/v1/audio/speech", json={"model": "piper", "voice": "alloy", "input": text})
            assert_error(r, 400, "nothing to speak")


def test_quotas_name_their_limit_and_an_admin_may_cancel_any_run(tmp_path: Path) -> None:
    config = tmp_path / "serve.yaml"
    config.write_text(json.dumps({"serve": {"limits": {"concurrent_runs": 1, "voices": 1, "streams": 1}}}))
    with running_server(tmp_path / "srv", "--config", str(config), keys={"alice": False, "root": True}) as server:
        with server.client("alice") as alice:
            first = post_run(alice, SMALL, "pipeline")
            assert first.status_code == 202, first.text
            run_id = first.json()["id"]
            err = assert_error(post_run(alice, SMALL, "pipeline"), 429, "quota_concurrent_runs")
            assert "serve.limits.concurrent_runs" in err["message"]
            assert post_run(alice, SMALL, "pipeline").headers["retry-after"]
            with alice.stream("GET", f"/v1/runs/{run_id}/events") as s1:
                assert s1.status_code == 200
                assert_error(alice.get(f"/v1/runs/{run_id}/events"), 429, "quota_streams")
        with server.client("root") as root:
            r = root.delete(f"/v1/runs/{run_id}")
            assert r.status_code == 200 and r.json()["state"] in ("cancelled", "cancelling"), r.text


def test_a_run_that_cannot_run_fails_with_its_message_and_its_stream_ends(tmp_path: Path) -> None:
    pipeline = tmp_path / "huge.yaml"
    pipeline.write_text(json.dumps({"name": "huge", "stages": [
        {"id": "speech", "uses": "synthesize"},
        {"id": "tool", "uses": "command", "with": {"argv": [sys.executable, "-c", "pass"], "memory_mb": 1e9}},
    ]}))  # fmt: skip
    config = tmp_path / "serve.yaml"
    config.write_text(json.dumps({"serve": {"pipelines": {"huge": str(pipeline)}}}))
    with running_server(tmp_path / "srv", "--config", str(config)) as server, server.client() as c:
        r = post_run(c, [], "huge")
        assert r.status_code == 202, r.text
        kinds = []
        with c.stream("GET", f"/v1/runs/{r.json()['id']}/events", timeout=120) as s:
            for line in s.iter_lines():
                if line.startswith("data:"):
                    kinds.append(json.loads(line[5:]))
        assert kinds[-1]["type"] == "failed" and "memory" in kinds[-1]["error"], kinds[-1]
        assert c.get(f"/v1/runs/{r.json()['id']}").json()["state"] == "failed"
        assert c.get("/ready").status_code == 200


# --- low: streams, slow clients -------------------------------------------------------------------------
def test_a_revoked_keys_streams_close_within_seconds(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", keys={"root": True}) as server, server.client("root") as root:
        with root.stream("GET", "/v1/logs/stream", timeout=60) as stream:
            assert stream.status_code == 200
            lines = stream.iter_lines()
            assert next(lines).startswith("event: ready")
            subprocess.run([sys.executable, "-m", "avatar", "serve", "keys", "revoke", "root"], env=server.env,
                           check=True, capture_output=True, timeout=60)  # fmt: skip
            t0 = time.monotonic()
            for _ in lines:  # ends when the server closes the stream
                assert time.monotonic() - t0 < 15
            assert time.monotonic() - t0 < 5
        assert root.get("/v1/logs").status_code == 401


def test_slow_headers_slow_bodies_and_too_many_connections_are_cut_off(tmp_path: Path) -> None:
    limits = {"header_timeout_s": 1, "body_timeout_s": 1, "connections": 4}
    config = tmp_path / "serve.yaml"
    config.write_text(json.dumps({"serve": {"limits": limits}}))
    with running_server(tmp_path / "srv", "--config", str(config)) as server:
        host, port = "127.0.0.1", int(server.url.rsplit(":", 1)[1])
        # slow headers: a line every 0.4 s never finishes in time
        slow = socket.create_connection((host, port))
        slow.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        t0 = time.monotonic()
        slow.settimeout(10)
        closed = False
        while time.monotonic() - t0 < 8:
            try:
                slow.sendall(b"X-Slow: 1\r\n")
                if slow.recv(1024) == b"":
                    closed = True
                    break
            except TimeoutError:
                pass
            except OSError:
                closed = True
                break
        assert closed and time.monotonic() - t0 < 5
        # a silent connection is closed too
        idle = socket.create_connection((host, port))
        idle.settimeout(10)
        assert idle.recv(1024) == b""
        # a body that stalls gets a 408
        body = socket.create_connection((host, port))
        body.sendall(b"POST /v1/audio/speech HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"X-Requested-With: t\r\nContent-Length: 500\r\n\r\n{\"input\": ")  # fmt: skip
        body.settimeout(10)
        answer = body.recv(4096)
        assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
        # connections past the limit push out the oldest one that has shown nothing: the newcomer is served
        held = [socket.create_connection((host, port)) for _ in range(4)]
        for s in held:
            s.sendall(b"GET /health HTTP/1.1\r\n")  # headers never finish: each holds a connection
        time.sleep(0.2)
        r = httpx.get(server.url + "/health", timeout=10)
        assert r.status_code == 200
        held[0].settimeout(5)
        try:
            assert held[0].recv(1024) == b""
        except ConnectionResetError:
            pass
        for s in [slow, idle, body, *held]:
            s.close()
        time.sleep(1.5)
        assert httpx.get(server.url + "/ready", timeout=10).status_code == 200
