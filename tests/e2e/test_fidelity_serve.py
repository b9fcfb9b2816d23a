"""Speech fidelity over real HTTP: word timestamps (JSON and SSE), normalisation options, SSML errors as
JSON 400s, and per-user lexicons (GET/PUT /v1/lexicon; another user's is never reachable)."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from processes import DETERMINISTIC, Server, decode, running_server

TEXT = "Dr. Smith paid $100 on 2026-12-01. Then he left at 10:30 am."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("serve-fidelity")
    sets = [a for s in DETERMINISTIC for a in ("--set", s)]
    with running_server(root, *sets, keys={"alice": False, "bob": False}) as srv:
        yield srv


def post(server: Server, user: str = "alice", **body: Any) -> Any:
    payload = {"model": "tts-1", "voice": "alloy", "input": TEXT, "response_format": "wav"} | body
    with server.client(user) as c:
        return c.post("/v1/audio/speech", json=payload)


def words_of(server: Server, user: str = "alice", **body: Any) -> list[dict[str, Any]]:
    r = post(server, user, timestamps="word", **body)
    assert r.status_code == 200, r.text
    words: list[dict[str, Any]] = r.json()["words"]
    return words


def test_whole_file_with_word_timestamps_is_json_with_audio(server: Server) -> None:
    r = post(server, timestamps="word")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    doc = r.json()
    samples, rate = decode(base64.b64decode(doc["audio"]), "wav")
    duration = samples.size / rate
    assert duration > 2.0 and doc["sample_rate"] == rate
    assert doc["source"] in ("backend", "aligner")
    words = doc["words"]
    assert [w["text"] for w in words] == ["Dr.", "Smith", "paid", "$100", "on", "2026-12-01", "Then", "he", "left",
                                          "at", "10:30 am"]  # fmt: skip
    for w in words:
        assert TEXT[w["char_start"] : w["char_end"]] == w["text"]
        assert 0 <= w["start_s"] <= w["end_s"] <= duration + 0.01
    assert [w["start_s"] for w in words] == sorted(w["start_s"] for w in words)
    assert next(w for w in words if w["text"] == "$100")["spoken"] == "one hundred dollars"


def test_sse_deltas_carry_their_words(server: Server) -> None:
    with server.client("alice") as c:
        body = {"model": "tts-1", "voice": "alloy", "input": TEXT, "response_format": "pcm",
                "stream_format": "sse", "timestamps": "word"}  # fmt: skip
        with c.stream("POST", "/v1/audio/speech", json=body) as r:
            assert r.status_code == 200
            events = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: ")]
    deltas = [e for e in events if e["type"] == "speech.audio.delta"]
    assert events[-1]["type"] == "speech.audio.done"
    assert all("words" in e for e in deltas)
    assert sum(1 for e in deltas if e["words"]) >= 2  # two sentences: words arrive with their audio
    streamed = [w for e in [*deltas, events[-1]] for w in e.get("words", [])]
    audio_s = sum(len(base64.b64decode(e["audio"])) for e in deltas) / 2 / 24000
    assert [w["text"] for w in streamed] == [w["text"] for w in words_of(server)]
    # a delta never announces a word whose audio has not been sent yet (or is in that very delta)
    sent = 0.0
    for e in deltas:
        sent += len(base64.b64decode(e["audio"])) / 2 / 24000
        for w in e["words"]:
            assert w["start_s"] <= sent + 0.5
    assert streamed[-1]["end_s"] <= audio_s + 0.05


def test_normalization_off_speaks_as_written(server: Server) -> None:
    words = words_of(server, normalization={"normalize": False})
    assert all("spoken" not in w for w in words)
    r = post(server, normalization={"normalize": False, "bogus": 1})
    assert r.status_code in (400, 422) and "error" in r.json()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<speak>Hello <foo>x</foo></speak>", "<foo>"),
        ('<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><speak>&b;</speak>', "DTD"),
        ("<speak>Hello", "not well-formed"),
        ("<speak><phoneme alphabet='ipa' ph='§§'>x</phoneme></speak>", "cannot read"),
    ],
)
def test_bad_ssml_is_a_json_400(server: Server, text: str, message: str) -> None:
    r = post(server, input=text)
    assert r.status_code == 400, r.text
    assert message in r.json()["error"]["message"]


def test_ssml_break_and_sub_over_http(server: Server) -> None:
    text = "<speak>One <break time='1s'/> two <sub alias='sequel'>SQL</sub>.</speak>"
    words = words_of(server, input=text)
    assert [w["text"] for w in words] == ["One", "two", "SQL"]
    assert words[1]["start_s"] - words[0]["end_s"] > 0.9
    assert words[2]["spoken"] == "sequel"


def test_lexicons_are_per_user(server: Server) -> None:
    entries = {"entries": [{"word": "SQL", "alias": "sequel"}, {"word": "Nguyen", "ipa": "ŋwˈɪn"}]}
    with server.client("alice") as c:
        r = c.put("/v1/lexicon", json=entries)
        assert r.status_code == 200, r.text
        assert [e["word"] for e in c.get("/v1/lexicon").json()["entries"]] == ["Nguyen", "SQL"]
        # there is no way to name another user: an extra field is refused, not obeyed
        assert c.put("/v1/lexicon", json=entries | {"user": "bob"}).status_code in (400, 422)
        bad = c.put("/v1/lexicon", json={"entries": [{"word": "x", "ipa": "§"}]})
        assert bad.status_code == 400 and "cannot read" in bad.json()["error"]["message"]
    with server.client("bob") as c:
        assert c.get("/v1/lexicon").json() == {"object": "lexicon", "user": "bob", "entries": []}
    with server.client() as anonymous:
        assert anonymous.get("/v1/lexicon").status_code == 401
    said = {w["text"]: w.get("spoken") for w in words_of(server, "alice", input="SQL by Nguyen.")}
    assert said == {"SQL": "sequel", "by": None, "Nguyen": "[[ŋwˈɪn]]"}
    said_bob = {w["text"]: w.get("spoken") for w in words_of(server, "bob", input="SQL by Nguyen.")}
    assert said_bob == {"SQL": None, "by": None, "Nguyen": None}


def test_cli_lexicon_add_list_remove_and_bad_input(tmp_path: Path) -> None:
    from processes import run_cli

    env = {"AVATAR_VOICES_DIR": str(tmp_path / "voices")}
    ok = run_cli("voice", "lexicon", "add", "carol", "SQL", "--alias", "sequel", env=env)
    assert ok.returncode == 0, ok.stderr
    listed = run_cli("voice", "lexicon", "list", "carol", "--json", env=env)
    assert json.loads(listed.stdout)["entries"] == [{"word": "SQL", "alias": "sequel", "ipa": None}]
    for args, message in (
        (["add", "carol", "Nguyen", "--ipa", "ŋw§"], "cannot read: '§'"),
        (["add", "carol", "Nguyen"], "give --alias"),
        (["add", "../x", "SQL", "--alias", "y"], "user name"),
        (["remove", "carol", "Nope"], "no entry 'Nope'"),
        (["add", "carol", "two words", "--alias", "y"], "give one word"),
    ):
        proc = run_cli("voice", "lexicon", *args, env=env)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert proc.returncode == 2 and len(lines) == 1 and message in lines[0], proc.stderr
    # a run for another user does not get carol's entries
    out = tmp_path / "out"
    for user in ("carol", "dave"):
        proc = run_cli("run", "speech", "--lexicon", user, "--text", "SQL now.", "--out", str(out / user), env=env)
        assert proc.returncode == 0, proc.stderr
    spoken = {
        user: json.loads(next((out / user).glob("*/words.json")).read_text())["words"][0].get("spoken")
        for user in ("carol", "dave")
    }
    assert spoken == {"carol": "sequel", "dave": None}
    removed = run_cli("voice", "lexicon", "remove", "carol", "SQL", env=env)
    assert (
        removed.returncode == 0
        and json.loads(run_cli("voice", "lexicon", "list", "carol", "--json", env=env).stdout)["entries"] == []
    )


def test_a_studio_run_without_a_voice_uses_its_owners_lexicon(server: Server) -> None:
    import json as _json
    import time as _time

    with server.client("alice") as c:
        assert c.put("/v1/lexicon", json={"entries": [{"word": "GPU", "alias": "graphics chip"}]}).status_code == 200
        r = c.post("/v1/runs", data={"text": "A GPU speaks.", "pipeline": "speech"})
        assert r.status_code == 202, r.text
        run_id = r.json()["id"]
        deadline = _time.monotonic() + 180
        while (run := c.get(f"/v1/runs/{run_id}").json())["state"] not in ("done", "failed"):
            assert _time.monotonic() < deadline
            _time.sleep(0.3)
        assert run["state"] == "done", run
        words = _json.loads(c.get(f"/v1/runs/{run_id}/files/words.json").content)["words"]
        assert {w["text"]: w.get("spoken") for w in words}["GPU"] == "graphics chip"
    with server.client("bob") as c:  # bob's run of the same text does not get alice's entry
        r = c.post("/v1/runs", data={"text": "A GPU speaks.", "pipeline": "speech"})
        run_id = r.json()["id"]
        deadline = _time.monotonic() + 180
        while (run := c.get(f"/v1/runs/{run_id}").json())["state"] not in ("done", "failed"):
            assert _time.monotonic() < deadline
            _time.sleep(0.3)
        words = _json.loads(c.get(f"/v1/runs/{run_id}/files/words.json").content)["words"]
        assert {w["text"]: w.get("spoken") for w in words}["GPU"] != "graphics chip"


def _cue_times(text: str, sep: str) -> list[tuple[float, float]]:
    stamp = rf"(\d\d):(\d\d):(\d\d){sep}(\d\d\d)"
    out = []
    for m in re.finditer(rf"{stamp} --> {stamp}", text):
        g = [int(x) for x in m.groups()]
        out.append((g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000, g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000))
    return out


@pytest.mark.parametrize("kind", ["srt", "vtt"])
def test_captions_from_the_word_timings_show_the_original_text(server: Server, kind: str) -> None:
    r = post(server, timestamps=kind)
    assert r.status_code == 200, r.text
    doc = r.json()
    captions, words = doc["captions"], doc["words"]
    samples, rate = decode(base64.b64decode(doc["audio"]), "wav")
    times = _cue_times(captions, "," if kind == "srt" else r"\.")
    assert times, captions
    if kind == "vtt":
        assert captions.startswith("WEBVTT\n")
    else:
        assert captions.startswith("1\n")
    # the cues show what was written, not what was said, and every word of the input once
    shown = " ".join(ln for ln in captions.splitlines() if ln and "-->" not in ln and not ln.isdigit()
                     and ln != "WEBVTT")  # fmt: skip
    assert shown == TEXT
    assert "one hundred" not in captions and "$100" in captions and "10:30 am." in captions
    # cues start on a word's start and end on a word's end, in order, within the audio
    starts = {round(w["start_s"], 3) for w in words}
    ends = {round(w["end_s"], 3) for w in words}
    for a, b in times:
        assert any(abs(a - s) <= 0.002 for s in starts) and any(abs(b - e) <= 0.002 for e in ends)
        assert 0 <= a <= b <= samples.size / rate + 0.01
    assert [a for a, _ in times] == sorted(a for a, _ in times)
    assert len(times) >= 2  # the two sentences end a cue each


def test_sse_done_event_carries_the_captions(server: Server) -> None:
    with server.client("alice") as c:
        body = {"model": "tts-1", "voice": "alloy", "input": TEXT, "response_format": "pcm",
                "stream_format": "sse", "timestamps": "vtt"}  # fmt: skip
        with c.stream("POST", "/v1/audio/speech", json=body) as r:
            assert r.status_code == 200
            events = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: ")]
    done = events[-1]
    assert done["type"] == "speech.audio.done" and done["captions"].startswith("WEBVTT")
    assert "Smith paid $100 on 2026-12-01." in done["captions"]
    assert all("captions" not in e for e in events[:-1])


def test_unknown_caption_format_is_a_json_4xx(server: Server) -> None:
    r = post(server, timestamps="ass")
    assert r.status_code in (400, 422) and "error" in r.json()
    assert "timestamps" in json.dumps(r.json())
