"""`avatar text check` and POST /v1/text/check (a real CLI process and a real server), the speech API's
reading option, and its finished loudness, whole and streamed, measured by ffmpeg's ebur128."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from audio_helpers import ebur128
from processes import DETERMINISTIC, Server, decode, running_server

SCRIPT = "Okafor of 18 Elm St. paid $412.75 on Tue. 2 Sept. at 9:30 am."
SPEECH = "Hello there. This is avatar, speaking through its own server. It costs $412 today, said Okafor."


def test_cli_check_reports_reading_changes_and_unknown_words(tmp_path: Path) -> None:
    script = tmp_path / "script.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "avatar", "text", "check", "--script", str(script), "--reading",
                          "en-GB", "--json"], capture_output=True, text=True, timeout=120, check=True)  # fmt: skip
    report = json.loads(out.stdout)
    assert report["reading"] == "en-GB"
    assert "four hundred and twelve dollars and seventy five cents" in report["spoken"]
    changed = {c["original"]: c for c in report["changes"]}
    assert changed["$412.75"]["rule"] == "money"
    assert changed["Tue. 2 Sept."]["spoken"] == "Tuesday, the second of September"
    assert SCRIPT[changed["St."]["start"] : changed["St."]["end"]] == "St."
    (okafor,) = [u for u in report["unknown"] if u["word"] == "Okafor"]
    assert okafor["command"].startswith("avatar voice lexicon add USER Okafor --ipa ")
    assert [u["word"] for u in report["unknown"]] == ["Okafor"]  # 'Elm', 'Sept' and the rest are known


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--text", "x", "--reading", "fr-FR"], "Error: unknown reading 'fr-FR'; known readings: en-GB, en-US"),
        ([], "Error: give the script with --text TEXT or --script FILE (one of them)"),
        (["--text", "   "], "Error: the script is empty"),
    ],
)
def test_cli_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    out = subprocess.run([sys.executable, "-m", "avatar", "text", "check", *args], capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert out.returncode == 2
    assert out.stderr.strip() == message


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-text")
    sets = [a for s in (*DETERMINISTIC, "serve.max_input_chars=300") for a in ("--set", s)]
    with running_server(root, *sets, keys={"alice": False}) as srv:
        yield srv


def test_http_check_uses_the_callers_lexicon_and_bounds(server: Server) -> None:
    import httpx

    r = httpx.post(f"{server.url}/v1/text/check", json={"input": SCRIPT})
    assert r.status_code == 401 and "error" in r.json()
    with server.client("alice") as c:
        r = c.post("/v1/text/check", json={"input": SCRIPT, "reading": "en-US"})
        assert r.status_code == 200, r.text
        doc = r.json()
        assert doc["reading"] == "en-US" and "four hundred twelve dollars" in doc["spoken"]
        assert [u["word"] for u in doc["unknown"]] == ["Okafor"]
        assert c.put("/v1/lexicon", json={"entries": [{"word": "Okafor", "alias": "oh kah for"}]}).status_code == 200
        doc = c.post("/v1/text/check", json={"input": SCRIPT}).json()
        assert doc["unknown"] == []
        assert {"original": "Okafor", "spoken": "oh kah for", "rule": "lexicon"}.items() <= doc["changes"][0].items()
        r = c.post("/v1/text/check", json={"input": "x" * 301})
        assert r.status_code == 400 and r.json()["error"]["code"] == "string_above_max_length"
        r = c.post("/v1/text/check", json={"input": "x", "reading": "xx-YY"})
        assert r.status_code == 400 and "unknown reading 'xx-YY'" in r.json()["error"]["message"]
        assert c.put("/v1/lexicon", json={"entries": []}).status_code == 200


def speak(server: Server, **body: Any) -> Any:
    payload = {"model": "tts-1", "voice": "alloy", "input": SPEECH, "response_format": "wav"} | body
    with server.client("alice") as c:
        r = c.post("/v1/audio/speech", json=payload)
    assert r.status_code == 200, r.text
    return r


def test_speech_reading_follows_the_request(server: Server) -> None:
    def spoken(**body: Any) -> str:
        words = speak(server, timestamps="word", **body).json()["words"]
        return str(next(w for w in words if w["text"] == "$412")["spoken"])

    assert spoken() == "four hundred twelve dollars"  # the voice is en-US
    assert spoken(normalization={"reading": "en-GB"}) == "four hundred and twelve dollars"


@pytest.mark.parametrize("stream_format", ["file", "audio"])
def test_speech_is_finished_whole_and_streamed(server: Server, stream_format: str) -> None:
    audio, rate = decode(speak(server, stream_format=stream_format).content, "wav")
    lufs, peak = ebur128(audio, rate)
    assert abs(lufs - -16.0) <= 1.0 and peak <= -1.0, (lufs, peak)
    audio, rate = decode(speak(server, stream_format=stream_format, loudness={"target_lufs": -23}).content, "wav")
    lufs, peak = ebur128(audio, rate)
    assert abs(lufs - -23.0) <= 1.0 and peak <= -1.0, (lufs, peak)


LONG = (  # as long as this server's input limit (300 characters) allows: four sentences, about 16 s
    "The morning was quiet, and the river moved slowly under the old stone bridge. A few birds called from "
    "the trees while the baker swept the steps! Children walked to school in small groups, talking about "
    "their games. By noon the market was full of people buying fruit and bread."
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Yes, that works.", id="1.3 s"),  # its peaks stand 20 dB over its loudness
        pytest.param("Yes, that works for me, and I will send the files to you tomorrow morning.", id="one sentence"),
        pytest.param(LONG, id="four sentences"),
    ],
)
@pytest.mark.parametrize("stream_format", ["file", "audio"])
def test_speech_is_finished_for_short_and_long_answers(server: Server, text: str, stream_format: str) -> None:
    audio, rate = decode(speak(server, input=text, stream_format=stream_format).content, "wav")
    assert audio.size / rate > (1.0 if text != LONG else 12.0)
    lufs, peak = ebur128(audio, rate)
    assert abs(lufs - -16.0) <= 1.0 and peak <= -1.0, (lufs, peak)


def test_speech_loudness_can_be_turned_off_and_is_checked(server: Server) -> None:
    raw, rate = decode(speak(server, loudness={"finish": False}).content, "wav")
    lufs, _ = ebur128(raw, rate)
    assert abs(lufs - -16.0) > 1.0  # piper's own level: what the finisher changes
    with server.client("alice") as c:
        r = c.post("/v1/audio/speech", json={"model": "tts-1", "voice": "alloy", "input": "Hi.",
                                             "loudness": {"target_lufs": 3}})  # fmt: skip
    assert r.status_code in (400, 422) and "error" in r.json()


def test_run_reading_is_a_stage_option(tmp_path: Path) -> None:
    def spoken(*sets: str) -> str:
        out = tmp_path / f"out{len(sets)}"
        args = ["run", "speech", "--text", "It costs $412.", "--out", str(out)]
        for s in sets:
            args += ["--set", s]
        proc = subprocess.run([sys.executable, "-m", "avatar", *args], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        (words,) = out.glob("*/words.json")
        doc = json.loads(words.read_text(encoding="utf-8"))
        return str(next(w for w in doc["words"] if w["text"] == "$412")["spoken"])

    assert spoken() == "four hundred twelve dollars"  # the default voice is en-US
    assert spoken("stages.speech.reading=en-GB") == "four hundred and twelve dollars"
