"""SSML: the supported subset spoken by real piper, and every bad document refused with one clear line
(exit 2, nothing written); properties: the parser raises nothing but InputError, spans lie in the input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import soundfile as sf
from hypothesis import given
from hypothesis import strategies as st
from processes import run_cli

from avatar.backends.capabilities import bundled_ipa_symbols
from avatar.errors import InputError
from avatar.text import ssml
from avatar.text.script import prepare

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]><speak>&lol9;</speak>"
)
EXTERNAL = '<!DOCTYPE speak [<!ENTITY x SYSTEM "file:///etc/passwd">]><speak>&x;</speak>'

BAD = [
    ("<speak>Hello <foo>there</foo></speak>", "the tag <foo> is not supported"),
    ("<speak>Hello <audio src='x.wav'/></speak>", "the tag <audio> is not supported"),
    ("<speak>Hello <prosody pitch='high'>there</prosody></speak>", "<prosody> has no attribute 'pitch'"),
    ("<speak>Hello there", "not well-formed"),
    ("<speak>Hello</speak><speak>x</speak>", "not well-formed"),
    (BOMB, "DTD"),
    (EXTERNAL, "DTD"),
    ("<speak>&nbsp;</speak>", "undefined entity"),
    ("<speak><break time='forever'/>x</speak>", "give a time such as 500ms"),
    ("<speak><break time='60s'/>x</speak>", "at most 10000 ms"),
    ("<speak><break strength='huge'/>x</speak>", "strength='huge'"),
    ("<speak><prosody rate='1000%'>x</prosody></speak>", "between 25% and 400%"),
    ("<speak><say-as interpret-as='cardinal'>many</say-as></speak>", "'many' is not a number"),
    ("<speak><say-as interpret-as='bleep'>x</say-as></speak>", "interpret-as='bleep'"),
    ("<speak><phoneme alphabet='x-sampa' ph='t@'>x</phoneme></speak>", "only alphabet='ipa'"),
    ("<speak><phoneme alphabet='ipa' ph='t§'>x</phoneme></speak>", "espeak-ng's phoneme set cannot read: '§'"),
    ("<speak><sub>x</sub></speak>", "<sub> needs an alias"),
    ("<speak><break/></speak>", "no text to speak"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_bad_documents_are_one_clear_input_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=None) as info:
        prepare(text, takes_ipa=True, ipa_symbols=bundled_ipa_symbols())
    assert message in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("text", "message"), [BAD[0], BAD[5], BAD[15]])
def test_cli_refuses_bad_ssml_with_exit_2_and_writes_nothing(tmp_path: Path, text: str, message: str) -> None:
    out = tmp_path / "out"
    proc = run_cli("run", "speech", "--text", text, "--out", str(out))
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists() or not any(out.rglob("*.wav"))


def test_subset_is_spoken_by_piper(tmp_path: Path) -> None:
    plain_text = "Hello there. I like tomatoes and SQL."
    marked = (
        "<speak><p><s>Hello there.</s></p><break time='800ms'/>"
        "<prosody rate='slow'>I like <phoneme alphabet='ipa' ph='təmˈɑːtoʊz'>tomatoes</phoneme></prosody>"
        " and <sub alias='sequel'>SQL</sub>.</speak>"
    )
    durations = {}
    docs = {}
    for name, text in (("plain", plain_text), ("ssml", marked)):
        out = tmp_path / name
        proc = run_cli("run", "speech", "--text", text, "--out", str(out), "--set", "stages.speech.pause_ms=0")
        assert proc.returncode == 0, proc.stderr
        (run_dir,) = out.iterdir()
        durations[name] = sf.info(str(run_dir / "speech.wav")).duration
        docs[name] = json.loads((run_dir / "words.json").read_text(encoding="utf-8"))
    # the break (0.8 s: the longest of the paragraph's 0.5 s and the break's) and the slow part make it longer
    assert durations["ssml"] > durations["plain"] + 0.9
    words = docs["ssml"]["words"]
    assert [w["text"] for w in words] == ["Hello", "there", "I", "like", "tomatoes", "and", "SQL"]
    for w in words:  # spans point into the markup the caller wrote
        assert marked[w["char_start"] : w["char_end"]] == w["text"]
    sql = words[-1]
    assert sql["spoken"] == "sequel"
    there, i = words[1], words[2]
    assert i["start_s"] - there["end_s"] > 0.8  # the silence is where the break was


SSML_BITS = st.sampled_from(
    [
        "<speak>", "</speak>", "<p>", "</p>", "<s>", "</s>", "<break time='300ms'/>", "<break strength='weak'/>",
        "<sub alias='x y'>", "</sub>", "<say-as interpret-as='characters'>", "<say-as interpret-as='cardinal'>",
        "<say-as interpret-as='date'>", "<say-as interpret-as='telephone'>", "</say-as>",
        "<phoneme alphabet='ipa' ph='həˈloʊ'>", "<phoneme ph='§'>", "</phoneme>", "<prosody rate='fast'>",
        "<prosody rate='9'>", "</prosody>", "<foo>", "&amp;", "&lt;", "&bogus;", "<!DOCTYPE x>", "<![CDATA[a]]>",
        "<!-- c -->", "<?pi x?>", "hello ", "world", " 42", "$5", "2026-12-01", "é", "<", ">", "&", "'", '"',
    ]
)  # fmt: skip


@given(st.lists(SSML_BITS, max_size=25).map("".join))
def test_parser_raises_only_input_errors(tail: str) -> None:
    for text in ("<speak>" + tail, tail):
        try:
            script = prepare(text, takes_ipa=True, ipa_symbols=bundled_ipa_symbols())
        except InputError:
            continue
        for seg in script.segments:
            for w in seg.text.words():
                assert 0 <= w.start < w.end <= len(text)


@given(st.lists(SSML_BITS, max_size=25).map("".join))
def test_runs_lie_inside_the_input(tail: str) -> None:
    text = "<speak>" + tail + "</speak>"
    try:
        items = ssml.parse(text)
    except InputError:
        return
    for item in items:
        if isinstance(item, ssml.TextRun):
            assert 0 <= item.start <= item.end <= len(text)
            if item.exact:
                assert text[item.start : item.end] == item.text
