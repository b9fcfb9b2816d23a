"""`avatar serve`, speech: a real server process, real HTTP (httpx and the openai client), real audio
decoded back and checked."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from processes import DETERMINISTIC, Server, decode, running_server

FORMATS = ("wav", "mp3", "flac", "opus", "aac", "pcm")
TEXT = "Hello there. This is avatar, speaking through its own server."
LONG = " ".join(f"This is sentence number {i}, spoken one at a time by the server." for i in range(1, 9))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-speech")
    sets = [a for s in DETERMINISTIC for a in ("--set", s)]
    with running_server(root, *sets, keys={"alice": True, "bob": False}) as srv:
        yield srv


def speak(server: Server, user: str = "alice", **body: object) -> bytes:
    payload = {"model": "tts-1", "voice": "alloy", "input": TEXT, "response_format": "wav"} | body
    with server.client(user) as c:
        r = c.post("/v1/audio/speech", json=payload)
    assert r.status_code == 200, r.text
    return r.content


def test_speech_every_format_decodes_to_the_same_speech(server: Server) -> None:
    reference, rate = decode(speak(server, response_format="wav"), "wav")
    assert rate == 22050
    seconds = reference.size / rate
    assert 2.0 < seconds < 10.0
    assert np.abs(reference).max() > 0.1  # speech, not silence
    for fmt in FORMATS:
        samples, sr = decode(speak(server, response_format=fmt), fmt)
        dur = samples.size / sr
        assert abs(dur - seconds) < 0.15, (fmt, dur, seconds)
        # The same loudness envelope as the wav (10 ms frames), whatever the codec did to the waveform
        # (codecs add up to ~60 ms of delay at the start: the best alignment within 100 ms counts).
        assert _envelope_match(reference, rate, samples, sr) > 0.9, fmt


def _envelope_match(a: np.ndarray, ra: int, b: np.ndarray, rb: int) -> float:
    ea, eb = _envelope(a, ra), _envelope(b, rb)
    best = -1.0
    for lag in range(0, 11):
        x, y = ea, eb[lag:]
        n = min(x.size, y.size)
        best = max(best, float(np.corrcoef(x[:n], y[:n])[0, 1]))
    return best


def _envelope(samples: np.ndarray, rate: int) -> np.ndarray:
    hop = rate // 100
    frames = samples[: samples.size // hop * hop].reshape(-1, hop)
    return np.sqrt((frames**2).mean(axis=1))


def test_same_text_same_audio_and_speed_changes_length(server: Server) -> None:
    a = speak(server, input="Deterministic speech for the comparison.")
    b = speak(server, input="Deterministic speech for the comparison.")
    assert a == b
    fast, _ = decode(speak(server, input="Deterministic speech for the comparison.", speed=2.0), "wav")
    slow, _ = decode(a, "wav")
    assert fast.size < 0.7 * slow.size


def test_openai_client_create_and_streaming_response(server: Server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.url}/v1", api_key=server.keys["alice"], max_retries=0, timeout=120)
    created = client.audio.speech.create(model="tts-1", voice="alloy", input=TEXT, response_format="wav")
    expected = speak(server)
    assert created.content == expected
    target = tmp_path / "out.mp3"
    with client.audio.speech.with_streaming_response.create(
        model="piper", voice="joe", input=TEXT, response_format="mp3"
    ) as response:
        assert response.headers["content-type"] == "audio/mpeg"
        response.stream_to_file(target)
    samples, sr = decode(target.read_bytes(), "mp3")
    assert abs(samples.size / sr - len(decode(expected, "wav")[0]) / 22050) < 0.15


def test_stream_sends_first_audio_before_the_text_is_synthesised(server: Server) -> None:
    with server.client("alice") as c:
        # The model loaded first (run alone, this test met a cold server: 3.6 s of 4.9 before the first audio)
        warm = {"model": "piper", "voice": "joe", "input": "Ready.", "response_format": "pcm"}
        assert c.post("/v1/audio/speech", json=warm).status_code == 200
        t0 = time.perf_counter()
        first = None
        total = 0
        with c.stream(
            "POST",
            "/v1/audio/speech",
            json={"model": "piper", "voice": "joe", "input": LONG, "response_format": "pcm", "stream_format": "audio"},
        ) as r:
            assert r.status_code == 200
            for block in r.iter_raw():
                if block and first is None:
                    first = time.perf_counter() - t0
                total += len(block)
        elapsed = time.perf_counter() - t0
    assert first is not None
    seconds = total / 2 / 24000
    assert seconds > 20  # eight sentences of speech came
    assert first < elapsed / 3, (first, elapsed)  # the first sentence went out long before the last


def test_stream_audio_wav_equals_whole_file_audio(server: Server) -> None:
    whole, _ = decode(speak(server, input=LONG), "wav")
    with server.client("alice") as c:
        r = c.post(
            "/v1/audio/speech",
            json={"model": "piper", "voice": "joe", "input": LONG, "response_format": "pcm", "stream_format": "audio"},
        )
    streamed = np.frombuffer(r.content, dtype="<i2")
    resampled_len = round(whole.size * 24000 / 22050)
    assert abs(streamed.size - resampled_len) <= 8 * 2  # every sentence, not only the first


def test_sse_deltas_then_done(server: Server) -> None:
    with server.client("alice") as c:
        r = c.post(
            "/v1/audio/speech",
            json={"model": "piper", "voice": "joe", "input": LONG, "response_format": "pcm", "stream_format": "sse"},
        )
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/event-stream")
    events = [json.loads(line[5:]) for line in r.text.splitlines() if line.startswith("data:")]
    assert [e["type"] for e in events[:-1]] == ["speech.audio.delta"] * (len(events) - 1)
    assert events[-1]["type"] == "speech.audio.done"
    assert len(events) - 1 >= 8  # one delta per sentence at least
    audio = b"".join(base64.b64decode(e["audio"]) for e in events[:-1])
    whole, _ = decode(speak(server, input=LONG), "wav")
    assert abs(len(audio) // 2 - round(whole.size * 24000 / 22050)) <= 16


def test_sixteen_concurrent_requests_each_get_their_own_audio(server: Server) -> None:
    texts = [
        f"Request number {i} says {w}."
        for i, w in enumerate(
            [
                "apple",
                "river",
                "mountain",
                "seven",
                "window",
                "purple",
                "thunder",
                "garden",
                "lantern",
                "ocean",
                "pencil",
                "yellow",
                "bridge",
                "silver",
                "forest",
                "candle",
            ]
        )
    ]
    serial = {t: speak(server, input=t) for t in texts}
    assert len(set(serial.values())) == 16

    def one(text: str) -> tuple[str, int, bytes]:
        # Two users, eight each: one user holds at most serve.limits.queued (8) places in the device queue.
        with server.client("alice" if texts.index(text) % 2 else "bob") as c:
            r = c.post(
                "/v1/audio/speech", json={"model": "piper", "voice": "alloy", "input": text, "response_format": "wav"}
            )
        return text, r.status_code, r.content

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, texts))
    for text, status, content in results:
        assert status == 200
        assert content == serial[text], text


def test_models_list_load_unload(server: Server) -> None:
    with server.client("alice") as c:
        models = c.get("/v1/models").json()
        assert models["object"] == "list"
        cards = {m["id"]: m for m in models["data"]}
        assert set(cards) >= {"piper", "xtts", "qwen3-tts"}
        assert cards["piper"]["voices"] == ["joe"] and cards["piper"]["languages"] == ["en-us"]
        assert "tts-1" in cards["piper"]["aliases"]
        r = c.post("/v1/models/piper/unload")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["state"] == "unloaded" and body["memory_after_mb"] <= body["memory_before_mb"]
        assert c.get("/v1/models/piper").json()["state"] == "unloaded"
        r = c.post("/v1/models/tts-1/load")
        body = r.json()
        assert body["state"] == "loaded" and body["seconds"] > 0
        assert body["memory_after_mb"] > body["memory_before_mb"]
        card = c.get("/v1/models/piper").json()
        assert card["state"] == "loaded" and card["memory_mb"] > 10
    with server.client("bob") as c:  # not an admin
        r = c.post("/v1/models/piper/unload")
        assert r.status_code == 403 and r.json()["error"]["type"] == "permission_error"
        assert c.get("/v1/models").status_code == 200


def test_metrics_logs_health(server: Server) -> None:
    speak(server)
    with server.client() as c:
        assert c.get("/health").json()["status"] == "ok"
        assert c.get("/ready").status_code == 200
        text = c.get("/metrics").text
    for name in (
        'avatar_requests_total{route="/v1/audio/speech",status="200"}',
        "avatar_request_seconds_bucket",
        "avatar_time_to_first_audio_seconds_count",
        "avatar_queue_depth",
        'avatar_model_loads_total{model="piper"}',
        "avatar_model_load_seconds_count",
        'avatar_device_used_mb{device="cpu"}',
        "avatar_memory_returned_mb_total",
    ):
        assert name in text, name
    with server.client("alice") as c:
        records = c.get("/v1/logs", params={"limit": 500}).json()["data"]
        lines = [r["message"] for r in records]
        assert any("/v1/audio/speech user=alice status=200" in m and "first_audio=" in m for m in lines)
        assert c.get("/v1/logs").status_code == 200
    with server.client("bob") as c:
        assert c.get("/v1/logs").status_code == 403
    assert "POST /v1/audio/speech user=alice status=200" in server.log_text()


def test_log_stream_sends_new_records(server: Server) -> None:
    got: list[dict[str, object]] = []
    with server.client("alice") as c, c.stream("GET", "/v1/logs/stream") as r:
        assert r.status_code == 200
        lines = r.iter_lines()
        for line in lines:  # the 'ready' event first, then records
            if line.startswith("data:"):
                break
        speak(server, user="bob", input="Log me.")
        for line in lines:
            if line.startswith("data:"):
                got.append(json.loads(line[5:]))
                if "user=bob" in str(got[-1].get("message")):
                    break
    assert any("user=bob status=200" in str(g["message"]) for g in got)


def test_mouth_shapes_come_with_the_audio_whole_and_streamed(server: Server) -> None:
    """avatar's `mouth` extension: blendshape frames at the asked rate covering the audio, the same whether
    streamed over SSE (contiguous deltas) or in one JSON answer; a raw audio stream cannot carry them."""
    body = {"model": "tts-1", "voice": "alloy", "input": TEXT, "response_format": "wav", "mouth": {"fps": 25}}
    with server.client("alice") as c:
        whole = c.post("/v1/audio/speech", json=body)
        assert whole.status_code == 200, whole.text
        answer = whole.json()
        audio, rate = decode(base64.b64decode(answer["audio"]), "wav")
        mouth = answer["mouth"]
        assert mouth["fps"] == 25 and mouth["start"] == 0 and "jawOpen" in mouth["names"]
        frames = np.array(mouth["frames"])
        assert frames.shape[1] == len(mouth["names"]) and abs(len(frames) - audio.size / rate * 25) <= 2
        jaw = frames[:, mouth["names"].index("jawOpen")]
        assert jaw.max() > 0.3 and (frames >= 0).all() and (frames <= 1).all()
        streamed: list[list[float]] = []
        with c.stream("POST", "/v1/audio/speech", json=body | {"stream_format": "sse"}) as r:
            assert r.status_code == 200
            for line in r.iter_lines():
                if line.startswith("data: "):
                    event = json.loads(line[6:])
                    if "mouth" in event:
                        assert event["mouth"]["start"] == len(streamed)  # contiguous
                        streamed += event["mouth"]["frames"]
        assert np.allclose(np.array(streamed), frames, atol=1e-3)  # deterministic piper: the same frames
        bad = c.post("/v1/audio/speech", json=body | {"stream_format": "audio"})
        assert bad.status_code == 400 and bad.json()["error"]["param"] == "stream_format"
        bad = c.post("/v1/audio/speech", json=body | {"mouth": {"fps": 1000}})
        assert bad.status_code in (400, 422)
