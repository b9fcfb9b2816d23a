"""`avatar serve`, bad requests: each is a clear OpenAI-shaped JSON error with a 4xx status, never a 500
or a traceback; voices are per user; plus hypothesis properties over the request schema."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from processes import Server, decode, running_server

GOOD = {"model": "tts-1", "voice": "alloy", "input": "Hello.", "response_format": "wav"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-errors")
    with running_server(
        root,
        "--set",
        "serve.max_input_chars=200",
        "--set",
        "serve.max_upload_mb=1",
        "--set",
        "serve.max_portrait_mb=3",  # the key's old place: still read, as serve.live.max_portrait_mb
        keys={"alice": False, "bob": False},
    ) as srv:
        yield srv


def assert_error(r: httpx.Response, status: int, code: str | None = None, param: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"message", "type", "param", "code"}
    assert isinstance(err["message"], str) and err["message"]
    assert "Traceback" not in r.text
    if code is not None:
        assert err["code"] == code, err
    if param is not None:
        assert err["param"] == param, err
    return dict(err)


BAD_SPEECH = [
    # (name, raw body or JSON, status, code, param)
    ("garbage json", b"{not json", 400, "invalid_json", None),
    ("json array", b"[1, 2]", 400, "invalid_body", None),
    ("input too long", GOOD | {"input": "word " * 100}, 400, "string_above_max_length", "input"),
    ("missing input", {k: v for k, v in GOOD.items() if k != "input"}, 422, "invalid_value", "input"),
    ("unknown format", GOOD | {"response_format": "ogg"}, 422, "invalid_value", "response_format"),
    ("speed out of range", GOOD | {"speed": 9}, 422, "invalid_value", "speed"),
    ("input of the wrong type", GOOD | {"input": 42}, 422, "invalid_value", "input"),
    ("unknown voice", GOOD | {"voice": "nobody"}, 404, "voice_not_found", "voice"),
    ("voice with ../", GOOD | {"voice": "../alice/narrator"}, 404, "voice_not_found", "voice"),
    ("unknown model", GOOD | {"model": "tts-9"}, 404, "model_not_found", "model"),
    ("nothing to say", GOOD | {"input": " \n\t "}, 400, "invalid_value", None),
    ("instructions for piper", GOOD | {"instructions": "Speak softly."}, 400, "invalid_value", None),
]


@pytest.mark.parametrize(("name", "body", "status", "code", "param"), BAD_SPEECH, ids=[b[0] for b in BAD_SPEECH])
def test_bad_speech_requests(server: Server, name: str, body: Any, status: int, code: str, param: str | None) -> None:
    with server.client("alice") as c:
        if isinstance(body, bytes):
            r = c.post("/v1/audio/speech", content=body, headers={"content-type": "application/json"})
        else:
            r = c.post("/v1/audio/speech", json=body)
    assert_error(r, status, code, param)


def test_keys_missing_wrong_and_right(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        err = assert_error(c.post("/v1/audio/speech", json=GOOD), 401, "invalid_api_key")
        assert "Authorization: Bearer" in err["message"]
        assert_error(c.post("/v1/audio/speech", json=GOOD, headers={"Authorization": "Bearer av-nope-nope"}), 401)
        assert_error(c.get("/v1/voices", headers={"Authorization": "Basic abc"}), 401)
        assert c.get("/health").status_code == 200  # liveness needs no key
        r = c.post("/v1/audio/speech", json=GOOD, headers={"Authorization": f"Bearer {server.keys['alice']}"})
        assert r.status_code == 200


def test_revoked_key_is_refused_by_the_running_server(server: Server) -> None:
    key = server.add_key("carol")
    with httpx.Client(base_url=server.url, timeout=60, headers={"Authorization": f"Bearer {key}"}) as c:
        assert c.get("/v1/voices").status_code == 200
        import subprocess
        import sys

        subprocess.run(
            [sys.executable, "-m", "avatar", "serve", "keys", "revoke", "carol"],
            env=server.env,
            check=True,
            capture_output=True,
            timeout=60,
        )
        assert_error(c.get("/v1/voices"), 401)


def test_unknown_route_and_method(server: Server) -> None:
    with server.client("alice") as c:
        assert_error(c.get("/v1/nothing-here"), 404, "not_found")
        assert_error(c.delete("/v1/audio/speech"), 405)


def test_body_over_the_limit_is_413(server: Server) -> None:
    with server.client("alice") as c:
        assert_error(c.post("/v1/audio/speech", json=GOOD | {"input": "x" * 200_000}), 413, "too_large")


def test_one_portrait_limit_for_stored_portraits_and_runs(server: Server) -> None:
    """Portraits have their own limit (3 MB here), not the voice uploads' (1 MB), stored or sent with a run."""
    fits = b"\x89PNG\r\n\x1a\n" + b"\0" * (2 << 20)  # 2 MB: over max_upload_mb, under the portrait limit
    big = b"\x89PNG\r\n\x1a\n" + b"\0" * (4 << 20)
    with server.client("alice") as c:
        assert c.get("/v1/me").json()["limits"]["max_portrait_mb"] == 3
        routes = (("/v1/portraits", {"name": "me"}, "image"), ("/v1/runs", {"text": "Hi."}, "portrait"))
        for route, data, field in routes:
            err = assert_error(c.post(route, data=data, files={field: ("me.png", big, "image/png")}), 413, "too_large")
            assert "serve.live.max_portrait_mb" in err["message"], err
            err = assert_error(c.post(route, data=data, files={field: ("me.png", fits, "image/png")}), 400)
            assert "png" in err["message"].lower() or "image" in err["message"].lower(), err  # read, and refused


def test_only_the_upload_routes_take_an_upload_sized_body(server: Server) -> None:
    """A body as big as a voice upload is refused on any other path, paths under the upload routes included."""
    body = b"x" * (512 << 10)  # over serve.max_body_kb, under every upload limit
    with server.client("alice") as c:
        for path in ("/v1/voices/narrator", "/v1/runs/abc/files", "/v1/portraits/me", "/v1/audio/speech"):
            err = assert_error(c.post(path, content=body), 413, "too_large")
            assert "serve.max_body_kb" in err["message"], (path, err)
        r = c.post("/v1/voices/", data={"name": "x"}, files={"audio": ("a.wav", body)}, follow_redirects=True)
        assert r.status_code == 400 and "serve.max_body_kb" not in r.text, r.text  # read and judged as audio


def _wav_bytes(samples: np.ndarray, rate: int) -> bytes:
    import soundfile as sf

    buf = io.BytesIO()
    sf.write(buf, samples, rate, format="WAV")
    return buf.getvalue()


def test_voices_are_per_user(server: Server, piper_speech: tuple[np.ndarray, int]) -> None:
    samples, rate = piper_speech
    audio = _wav_bytes(samples, rate)
    with server.client("alice") as a, server.client("bob") as b:
        r = a.post(
            "/v1/voices",
            data={"name": "Narrator", "transcript": "The quick brown fox.", "language": "en"},
            files={"audio": ("me.wav", audio, "audio/wav")},
        )
        assert r.status_code == 201, r.text
        voice = r.json()
        assert voice["id"] == "narrator" and voice["language"] == "en" and voice["duration_s"] > 3
        assert [v["id"] for v in a.get("/v1/voices").json()["data"]] == ["narrator"]
        assert a.get("/v1/voices/narrator").json()["transcript"] == "The quick brown fox."
        # Bob sees nothing and cannot use it: 404s, never a 200.
        assert b.get("/v1/voices").json()["data"] == []
        assert_error(b.get("/v1/voices/narrator"), 404, "voice_not_found")
        assert_error(b.delete("/v1/voices/narrator"), 404, "voice_not_found")
        assert_error(b.post("/v1/audio/speech", json=GOOD | {"voice": "narrator"}), 404, "voice_not_found")
        err = assert_error(b.post("/v1/audio/speech", json=GOOD | {"model": "xtts", "voice": "narrator"}), 400)
        assert "alice" not in err["message"]  # xtts has no weights here: refused before any voice is read
        # Alice can reach it; piper cannot clone, which is a 400 that says so.
        err = assert_error(a.post("/v1/audio/speech", json=GOOD | {"voice": "narrator"}), 400)
        assert "clone" in err["message"]
        # The same name again is refused; a bad name, a non-audio upload, and a missing file too.
        assert_error(
            a.post("/v1/voices", data={"name": "narrator"}, files={"audio": ("me.wav", audio, "audio/wav")}), 400
        )
        err = assert_error(a.post("/v1/voices", data={"name": "../bob/x"}, files={"audio": ("me.wav", audio)}), 400)
        assert "not allowed" in err["message"]
        err = assert_error(
            a.post("/v1/voices", data={"name": "notes"}, files={"audio": ("notes.wav", b"hello, I am text" * 50)}), 400
        )
        assert "not a supported recording" in err["message"]
        assert_error(a.post("/v1/voices", data={"name": "empty"}), 422, param="audio")
        assert_error(
            a.post("/v1/voices", data={"name": "huge"}, files={"audio": ("big.wav", b"\0" * (2 << 20))}),
            413,
            "too_large",
        )
        # Deleting: Alice's voice goes, then it is a 404 for her too.
        assert a.delete("/v1/voices/narrator").json() == {"id": "narrator", "object": "voice", "deleted": True}
        assert_error(a.get("/v1/voices/narrator"), 404)
    assert not list(Path(server.env["AVATAR_VOICES_DIR"]).glob("bob/*"))


def test_wav_still_works_after_the_bad_requests(server: Server) -> None:
    with server.client("bob") as c:
        r = c.post("/v1/audio/speech", json=GOOD)
    samples, rate = decode(r.content, "wav")
    # "Hello." lasts 0.50-0.60 s (piper's sampling noise varies it): a fifth of a second is far below any
    # real take, and the speech must be audible, not a zeroed buffer of the right length.
    assert rate == 22050 and samples.size > rate // 5
    assert float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) > 0.01


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=6,
)
speech_bodies = st.fixed_dictionaries(
    {},
    optional={
        "model": st.sampled_from(["tts-1", "piper", "xtts", "nope", ""]) | json_values,
        "input": st.text(max_size=60) | json_values,
        "voice": st.sampled_from(["alloy", "joe", "nova", "../x", ""]) | st.text(max_size=20) | json_values,
        "response_format": st.sampled_from(["wav", "pcm", "mp3", "ogg", ""]) | json_values,
        "speed": st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=10) | json_values,
        "stream_format": st.sampled_from(["audio", "sse", "x"]) | json_values,
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=speech_bodies)
def test_property_any_body_gets_audio_or_a_json_4xx(server: Server, body: dict[str, Any]) -> None:
    with server.client("alice") as c:
        r = c.post("/v1/audio/speech", content=json.dumps(body), headers={"content-type": "application/json"})
    if r.status_code == 200:
        fmt = body.get("response_format", "mp3")
        assert r.headers["content-type"].startswith("audio/") or body.get("stream_format") == "sse"
        assert r.content
        if fmt == "wav" and body.get("stream_format") is None:
            samples, _ = decode(r.content, "wav")
            assert samples.size > 0
        return
    assert r.status_code in (400, 404, 413, 422), (body, r.status_code, r.text)
    assert_error(r, r.status_code)
