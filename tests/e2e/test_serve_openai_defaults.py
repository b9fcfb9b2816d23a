"""OpenAI's defaults, through a real server and the official ``openai`` client: a request with no
``stream_format`` streams as it is generated in every format (proved with a backend that holds its later
sentences until the client has the first bytes, not with a clock); ``stream_format: "file"`` (avatar's extension)
is the whole file with Content-Length; every OpenAI voice name and the ``{"id": ...}`` voice object are
accepted; ``GET /v1/me`` says who the key is."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from plugin_backends import gated_tone_server
from processes import DETERMINISTIC, Server, decode, running_server

from avatar.serve.schemas import OPENAI_VOICES

LONG = " ".join(f"This is sentence number {i}, spoken one at a time by the server." for i in range(1, 13))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-openai")
    sets = [a for s in DETERMINISTIC for a in ("--set", s)]
    with running_server(root, *sets, keys={"alice": True, "bob": False}) as srv:
        yield srv


FORMATS = ["pcm", "mp3", "opus", "aac", "flac", "wav"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_openai_client_gets_the_whole_speech_chunked_by_default(server: Server, fmt: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server.url}/v1", api_key=server.keys["alice"], max_retries=0, timeout=120)
    with client.audio.speech.with_streaming_response.create(
        model="tts-1", voice="alloy", input=LONG, response_format=fmt
    ) as response:
        assert "content-length" not in response.headers
        assert response.headers.get("transfer-encoding") == "chunked"
        data = b"".join(response.iter_bytes())
    samples, rate = decode(data, fmt)
    assert samples.size / rate > 30  # all twelve sentences came


@pytest.fixture(scope="module")
def gated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, Path]]:
    """A server whose backend (the tests' tone plugin) holds every sentence with the word "later" until the
    gate file exists: what a client receives before the test opens it was sent before those were made."""
    with gated_tone_server(tmp_path_factory.mktemp("serve-gated"), keys={"alice": False}) as held:
        yield held


@pytest.mark.parametrize("fmt", FORMATS)
def test_openai_client_streams_by_default_as_sentences_are_made(gated: tuple[Server, Path], fmt: str) -> None:
    from openai import OpenAI

    server, gate = gated
    gate.unlink(missing_ok=True)
    text = "The first sentence is spoken now. " + " ".join(f"Sentence {i} comes later." for i in range(1, 5))
    # a response held until its end would time out here: the later sentences wait for the gate
    client = OpenAI(base_url=f"{server.url}/v1", api_key=server.keys["alice"], max_retries=0, timeout=30)
    data = bytearray()
    with client.audio.speech.with_streaming_response.create(
        model="tone", voice="low", input=text, response_format=fmt
    ) as response:
        assert "content-length" not in response.headers
        for block in response.iter_bytes():
            if block and not gate.exists():
                assert not data  # the first bytes came while every later sentence was still held
                gate.touch()
            data += block
    assert gate.exists(), "no audio came before the end of the response"
    samples, rate = decode(bytes(data), fmt)
    # 6 words then 4 x 4 words, a quarter second each (the tone backend), give or take the encoder's padding
    assert abs(samples.size / rate - 0.25 * 22) < 0.3, samples.size / rate


def test_file_extension_is_the_whole_file_with_content_length(server: Server) -> None:
    import soundfile as sf

    body = {"model": "tts-1", "voice": "alloy", "input": "A whole file, please.", "response_format": "wav"}
    with server.client("alice") as c:
        whole = c.post("/v1/audio/speech", json=body | {"stream_format": "file"})
        streamed = c.post("/v1/audio/speech", json=body)
    assert whole.status_code == 200 and int(whole.headers["content-length"]) == len(whole.content)
    info = sf.info(io.BytesIO(whole.content))
    assert info.frames > 0 and info.samplerate == 22050  # a header with the real sizes
    a, _ = decode(whole.content, "wav")
    b, _ = decode(streamed.content, "wav")
    np.testing.assert_array_equal(a, b)  # the same audio either way


def test_every_openai_voice_name_speaks(server: Server) -> None:
    assert len(OPENAI_VOICES) == 13
    with server.client("bob") as c:
        for voice in OPENAI_VOICES:
            r = c.post(
                "/v1/audio/speech",
                json={"model": "tts-1", "voice": voice, "input": "Hi.", "response_format": "pcm"},
            )
            assert r.status_code == 200, (voice, r.text)
            assert len(r.content) > 2000


def test_voice_object_names_the_callers_own_voice(server: Server, piper_speech: tuple[np.ndarray, int]) -> None:
    import soundfile as sf

    samples, rate = piper_speech
    buf = io.BytesIO()
    sf.write(buf, samples, rate, format="WAV")
    with server.client("alice") as a, server.client("bob") as b:
        r = a.post("/v1/voices", data={"name": "mine", "language": "en"}, files={"audio": ("r.wav", buf.getvalue())})
        assert r.status_code == 201, r.text
        body = {"model": "piper", "voice": {"id": "mine"}, "input": "Hello.", "response_format": "wav"}
        own = a.post("/v1/audio/speech", json=body)
        # alice's voice was found: piper cannot clone, which is a 400 that says so (not a 404)
        assert own.status_code == 400 and "clon" in own.json()["error"]["message"], own.text
        theirs = b.post("/v1/audio/speech", json=body)
        assert theirs.status_code == 404 and theirs.json()["error"]["code"] == "voice_not_found"
        bad = a.post("/v1/audio/speech", json=body | {"voice": {"id": "../etc"}})
        assert bad.status_code in (400, 404) and "error" in bad.json()
        empty = a.post("/v1/audio/speech", json=body | {"voice": {}})
        assert empty.status_code == 422


def test_me_says_who_and_the_limits(server: Server) -> None:
    with server.client("alice") as a, server.client("bob") as b, server.client() as anon:
        me = a.get("/v1/me").json()
        assert me["user"] == "alice" and me["admin"] is True
        assert me["limits"]["max_input_chars"] == 4096
        you = b.get("/v1/me").json()
        assert you["user"] == "bob" and you["admin"] is False
        assert anon.get("/v1/me").status_code == 401
