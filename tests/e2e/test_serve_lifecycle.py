"""`avatar serve` over its life: SIGTERM drains (in-flight requests finish, readiness 503, exit 0), a full
queue answers 429, idle models unload, a client that goes away stops the generation, keys on the CLI."""

from __future__ import annotations

import json
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest
from processes import decode, run_cli, running_server

LONG = " ".join(f"This is sentence number {i}, spoken one at a time by the server." for i in range(1, 9))
SPEECH = {"model": "piper", "voice": "joe", "input": LONG, "response_format": "wav"}


def test_sigterm_finishes_the_request_in_flight_then_exits_0(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv") as server:
        with server.client() as c:  # warm: the request below is all synthesis
            assert c.post("/v1/audio/speech", json=SPEECH | {"input": "Warm up."}).status_code == 200
        result: dict[str, object] = {}

        def long_request() -> None:
            with server.client() as c:
                r = c.post("/v1/audio/speech", json=SPEECH)
                result["status"], result["body"] = r.status_code, r.content

        thread = threading.Thread(target=long_request)
        thread.start()
        time.sleep(0.5)  # the request is being synthesised
        server.proc.send_signal(signal.SIGTERM)
        saw_draining = False
        refused = None
        deadline = time.monotonic() + 30
        while thread.is_alive() and time.monotonic() < deadline:
            try:
                r = httpx.get(f"{server.url}/ready", timeout=2)
                if r.status_code == 503 and r.json()["phase"] == "draining":
                    saw_draining = True
                    if refused is None:
                        refused = httpx.post(
                            f"{server.url}/v1/audio/speech", json=SPEECH, timeout=10, headers={"X-Requested-With": "t"}
                        )
            except httpx.TransportError:
                break
            time.sleep(0.05)
        thread.join(60)
        assert result.get("status") == 200
        samples, rate = decode(result["body"], "wav")  # type: ignore[arg-type]
        assert samples.size / rate > 20  # all eight sentences
        assert saw_draining
        assert refused is not None and refused.status_code == 503 and refused.headers["retry-after"]
        assert server.proc.wait(60) == 0
    log = server.log_text()
    assert "draining" in log and "unloaded model piper (shutdown)" in log


def test_full_queue_answers_429_with_retry_after(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", "--queue", "1") as server:
        statuses: list[tuple[int, str | None]] = []

        def one() -> None:
            with server.client() as c:
                r = c.post("/v1/audio/speech", json=SPEECH)
                statuses.append((r.status_code, r.headers.get("retry-after")))
                if r.status_code == 429:
                    assert r.json()["error"]["code"] == "queue_full"

        threads = [threading.Thread(target=one) for _ in range(5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        # how many of the five are admitted depends on whether the device took the first from the queue before
        # the others arrived (a CI run saw one admitted, others two); after the burst the queue has room again
        with server.client() as c:
            after = c.post("/v1/audio/speech", json=SPEECH)
    codes = sorted(s for s, _ in statuses)
    assert codes.count(200) >= 1 and codes.count(429) >= 1, codes
    assert set(codes) <= {200, 429}
    assert all(ra and int(ra) > 0 for s, ra in statuses if s == 429)
    assert after.status_code == 200, after.text


def test_idle_models_unload_and_a_client_that_leaves_stops_the_generation(tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", "--idle-unload", "1.5") as server, server.client() as c:
        with c.stream(
            "POST", "/v1/audio/speech", json=SPEECH | {"response_format": "pcm", "stream_format": "audio"}
        ) as r:
            assert r.status_code == 200
            next(r.iter_raw())  # the first sentence, then hang up
        deadline = time.monotonic() + 30
        stopped = []
        while time.monotonic() < deadline and not stopped:
            logs = c.get("/v1/logs", params={"limit": 1000}).json()["data"]
            stopped = [r["message"] for r in logs if "stopped generating" in r["message"]]
            time.sleep(0.2)
        assert stopped, "the generation did not stop"
        done = int(stopped[0].split("after ")[1].split(" of")[0])
        assert done < 8
        deadline = time.monotonic() + 30
        state = None
        while time.monotonic() < deadline:
            state = c.get("/v1/models/piper").json()["state"]
            if state == "unloaded":
                break
            time.sleep(0.2)
        assert state == "unloaded"
        assert 'reason="idle for 1.5 s"' in c.get("/metrics").text
        # and it loads again on the next request
        assert c.post("/v1/audio/speech", json=SPEECH | {"input": "Back again."}).status_code == 200
        assert c.get("/v1/models/piper").json()["loads"] == 2


def test_keys_on_the_cli_store_only_a_hash(isolated_dirs: Path) -> None:
    out = run_cli("serve", "keys", "add", "Alice", "--admin")
    assert out.returncode == 0, out.stderr
    key = out.stdout.strip()
    assert out.stdout == key + "\n" and key.startswith("av-")
    path = isolated_dirs / "state" / "serve" / "keys.json"
    stored = path.read_text()
    secret = key.split("-", 2)[2]  # av-<id>-<secret>; the secret is URL-safe base64, which may hold a "-"
    assert key not in stored and secret not in stored
    data = json.loads(stored)["keys"]
    assert data[0]["user"] == "alice" and data[0]["admin"] is True and len(data[0]["sha256"]) == 64
    listed = run_cli("serve", "keys", "list", "--json")
    assert json.loads(listed.stdout) == [{k: data[0][k] for k in ("id", "user", "admin", "created")}]
    assert run_cli("serve", "keys", "add", "../bob").returncode == 2
    assert run_cli("serve", "keys", "revoke", "nobody").returncode == 2
    assert run_cli("serve", "keys", "revoke", data[0]["id"]).returncode == 0
    assert json.loads(run_cli("serve", "keys", "list", "--json").stdout) == []


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10"])
def test_without_keys_only_loopback_binds(host: str) -> None:
    out = run_cli("serve", "--host", host, "--port", "0")
    assert out.returncode == 2
    assert "loopback" in out.stderr and "avatar serve keys add" in out.stderr


def test_the_http_layer_imports_neither_torch_nor_a_backend() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from avatar.config.schema import Settings; "
        "from avatar.serve.app import build_context, create_app; "
        "app = create_app(build_context(Settings())); app.openapi(); "
        "print([m for m in ('torch', 'piper', 'onnxruntime', 'avatar.backends.piper', 'TTS', 'qwen_tts') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"
    help_ = run_cli("serve", "--help")
    assert help_.returncode == 0 and "--idle-unload" in help_.stdout


def test_a_request_over_its_time_limit_is_503_and_its_generation_stops(tmp_path: Path) -> None:
    text = " ".join(f"Sentence {i} of a script far too long for a one second limit." for i in range(40))
    # chunk_chars: one long sentence is one chunk, which takes longer than the limit before any audio
    sets = ("--set", "serve.request_timeout_s=1", "--set", "chunk_chars=5000")
    with running_server(tmp_path / "srv", *sets) as server, server.client() as c:
        # the model is loaded first (its load, 0.3-2 s, is not what the limit is about), then a short request
        # fits the limit and a long one does not
        c.post("/v1/models/piper/load")
        deadline = time.monotonic() + 60
        while c.get("/v1/models/piper").json()["state"] != "loaded" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert c.post("/v1/audio/speech", json=SPEECH | {"input": "Warm up."}).status_code == 200
        r = c.post("/v1/audio/speech", json=SPEECH | {"input": text, "stream_format": "file"})  # whole file
        assert r.status_code == 503 and r.json()["error"]["code"] == "timeout" and int(r.headers["retry-after"]) > 0
        deadline = time.monotonic() + 30
        stopped: list[str] = []
        while time.monotonic() < deadline and not stopped:
            logs = c.get("/v1/logs", params={"limit": 1000}).json()["data"]
            stopped = [x["message"] for x in logs if "stopped generating" in x["message"]]
            time.sleep(0.2)
        assert stopped and int(stopped[0].split("after ")[1].split(" of")[0]) < 40
        # Streamed, over the limit before its first audio: the same JSON 503, never a 200 stream with no audio
        # (a streamed response is answered only once its first sentence is made)
        long = "One sentence, " + ", ".join(f"clause {i} of a sentence far too long for one second" for i in range(30))
        r = c.post("/v1/audio/speech", json=SPEECH | {"input": long + "."})
        assert r.status_code == 503 and r.json()["error"]["code"] == "timeout", (r.status_code, r.content[:100])
        deadline = time.monotonic() + 120  # the device finishes that sentence (one chunk is never cut) first
        while (still := c.post("/v1/audio/speech", json=SPEECH | {"input": "Still serving."})).status_code == 503:
            assert time.monotonic() < deadline, still.text
            time.sleep(1.0)
        assert still.status_code == 200 and len(still.content) > 44


@pytest.mark.parametrize("stream_format", ["audio", "file"])
def test_a_key_revoked_before_the_first_audio_is_a_401_not_an_empty_200(tmp_path: Path, stream_format: str) -> None:
    import subprocess
    import sys

    # one long sentence is one chunk (chunk_chars): seconds of synthesis before the first audio, time enough
    # to revoke the key the request was admitted with
    long = "One sentence, " + ", ".join(f"clause {i} of a sentence that takes seconds to speak" for i in range(20))
    body = SPEECH | {"input": long + ".", "stream_format": stream_format}
    with running_server(tmp_path / "srv", "--set", "chunk_chars=5000", keys={"carol": False}) as server:
        answer: list[httpx.Response] = []

        def ask() -> None:
            with server.client("carol") as c:
                answer.append(c.post("/v1/audio/speech", json=body))

        asking = threading.Thread(target=ask)
        asking.start()
        deadline = time.monotonic() + 30  # revoke once the request is admitted (its model loads for it)
        while "loading model piper" not in server.log_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        subprocess.run([sys.executable, "-m", "avatar", "serve", "keys", "revoke", "carol"], env=server.env,
                       check=True, capture_output=True, timeout=60)  # fmt: skip
        asking.join(timeout=120)
        (r,) = answer
        # before: a 200 whose body was a WAV header and no audio
        assert r.status_code == 401, (r.status_code, r.content[:100])
        assert "revoked" in r.json()["error"]["message"]
