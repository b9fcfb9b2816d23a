"""An SSML subset: input that starts with ``<speak>`` is parsed into text runs and breaks.

Supported: ``<speak>``, ``<p>``, ``<s>``, ``<break time="500ms|2s" strength="none..x-strong">``,
``<sub alias="...">``, ``<say-as interpret-as="characters|spell-out|cardinal|number|ordinal|date|telephone">``,
``<phoneme alphabet="ipa" ph="...">`` and ``<prosody rate="slow|fast|80%|1.2">``. Anything else (another
tag, an attribute these do not have, a value out of range) is an InputError naming it: it is never spoken
aloud as text.

The markup is read by a real XML parser. defusedxml checks the document first and refuses DTDs, entity
declarations and external references (an entity bomb never expands); a second pass with expat, on the
document defusedxml accepted, records where each text run lies in the input, so word timings keep their
character spans in what the caller wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from avatar.errors import InputError
from avatar.text import budget

Mode = Literal["text", "sub", "say-as", "phoneme"]
BREAK_STRENGTHS_MS = {"none": 0, "x-weak": 100, "weak": 200, "medium": 400, "strong": 700, "x-strong": 1000}
RATES = {"x-slow": 0.5, "slow": 0.75, "medium": 1.0, "default": 1.0, "fast": 1.25, "x-fast": 1.5}
SAY_AS = ("characters", "spell-out", "cardinal", "number", "ordinal", "date", "telephone")
MAX_BREAK_MS = 10_000
PARAGRAPH_BREAK_MS = 500
ELEMENTS: dict[str, frozenset[str]] = {
    "speak": frozenset({"version", "xml:lang", "xmlns", "lang"}),
    "p": frozenset(),
    "s": frozenset(),
    "break": frozenset({"time", "strength"}),
    "sub": frozenset({"alias"}),
    "say-as": frozenset({"interpret-as", "format", "detail"}),
    "phoneme": frozenset({"alphabet", "ph"}),
    "prosody": frozenset({"rate"}),
}


@dataclass(frozen=True)
class TextRun:
    """Text of the input at ``[start, end)``; ``exact`` when those characters are the text itself (no
    entity references in between), so spans inside the run are exact too."""

    start: int
    end: int
    text: str
    exact: bool
    mode: Mode = "text"
    value: str | None = None  # the alias, the interpret-as, or the IPA
    rate: float = 1.0


@dataclass(frozen=True)
class Break:
    ms: int
    sentence: bool = False  # the end of an <s> or <p>: the chunk ends here even with no pause


Item = TextRun | Break


def is_ssml(text: str) -> bool:
    """Whether the input is markup: it starts with <speak> (or an XML declaration or DOCTYPE, which are
    parsed, and refused, rather than read aloud)."""
    return text.lstrip().startswith(("<speak", "<?xml", "<!DOCTYPE", "<!doctype"))


def _check_safe(text: str) -> None:
    import xml.etree.ElementTree as ET

    import defusedxml
    import defusedxml.ElementTree as DET

    try:
        DET.fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DTDForbidden:
        raise InputError("SSML: a DTD (<!DOCTYPE ...>) is not allowed") from None
    except defusedxml.EntitiesForbidden:
        raise InputError("SSML: entity declarations are not allowed") from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"SSML: not allowed ({exc})") from None
    except ET.ParseError as exc:
        raise InputError(f"SSML is not well-formed XML: {exc}") from None


def parse_time(value: str) -> int:
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(ms|s)\s*", value)
    if not m:
        raise InputError(f"SSML <break time='{value}'>: give a time such as 500ms or 1.5s")
    ms = float(m.group(1)) * (1000 if m.group(2) == "s" else 1)
    if ms > MAX_BREAK_MS:
        raise InputError(f"SSML <break time='{value}'>: at most {MAX_BREAK_MS} ms")
    return round(ms)


def parse_rate(value: str) -> float:
    v = value.strip()
    if v in RATES:
        return RATES[v]
    m = re.fullmatch(r"([0-9]+(?:\.[0-9]+)?)(%?)", v)
    if not m:
        raise InputError(f"SSML <prosody rate='{value}'>: use x-slow..x-fast, a percentage (80%) or a factor (1.2)")
    rate = float(m.group(1)) / (100 if m.group(2) else 1)
    if not 0.25 <= rate <= 4.0:
        raise InputError(f"SSML <prosody rate='{value}'>: the rate must lie between 25% and 400%")
    return rate


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        raw = text.encode("utf-8")
        # byte offset -> character offset (expat reports byte offsets)
        self.char_at = [0] * (len(raw) + 1)
        b = 0
        for i, ch in enumerate(text):
            n = len(ch.encode("utf-8"))
            for k in range(n):
                self.char_at[b + k] = i
            b += n
        self.char_at[len(raw)] = len(text)
        self.raw = raw
        self.items: list[Item] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.pending: list[tuple[int, str]] = []  # (byte index, data) of the current text run

    # --- context ---
    def _mode(self) -> tuple[Mode, str | None, float]:
        mode: Mode = "text"
        value: str | None = None
        rate = 1.0
        for tag, attrs in self.stack:
            if tag == "prosody" and "rate" in attrs:
                rate = parse_rate(attrs["rate"])
            elif tag == "sub":
                mode, value = "sub", attrs["alias"]
            elif tag == "say-as":
                mode, value = "say-as", attrs["interpret-as"]
            elif tag == "phoneme":
                mode, value = "phoneme", attrs["ph"]
        return mode, value, rate

    def flush(self, end_byte: int) -> None:
        """The pending character data as runs: literal text as exact runs, each entity reference as a run
        of its own (its one character spans the whole reference)."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        mode, value, rate = self._mode()
        if mode == "text" and not "".join(d for _, d in pending).strip():
            return
        if mode != "text":  # one run: the whole element's text is what the alias or IPA stands for
            start, end = self.char_at[pending[0][0]], self.char_at[end_byte]
            data = "".join(d for _, d in pending)
            self.items.append(TextRun(start, end, data, self.text[start:end] == data, mode, value, rate))
            return
        bounds = [idx for idx, _ in pending[1:]] + [end_byte]
        runs: list[TextRun] = []
        for (idx, data), nxt in zip(pending, bounds, strict=True):
            start, end = self.char_at[idx], self.char_at[nxt]
            exact = self.text[start:end] == data
            if runs and exact and runs[-1].exact and runs[-1].end == start:
                runs[-1] = TextRun(runs[-1].start, end, runs[-1].text + data, True, mode, value, rate)
            else:
                runs.append(TextRun(start, end, data, exact, mode, value, rate))
        self.items.extend(runs)

    # --- expat handlers ---
    def start(self, index: int, tag: str, attrs: dict[str, str]) -> None:
        budget.check()
        self.flush(index)
        if tag not in ELEMENTS:
            raise InputError(f"SSML: the tag <{tag}> is not supported; use {', '.join(f'<{t}>' for t in ELEMENTS)}")
        if not self.stack and tag != "speak":
            raise InputError("SSML must start with <speak>")
        if self.stack and tag == "speak":
            raise InputError("SSML: <speak> cannot be nested")
        for name in attrs:
            if name not in ELEMENTS[tag]:
                raise InputError(f"SSML: <{tag}> has no attribute '{name}' here")
        if any(t in ("sub", "say-as", "phoneme") for t, _ in self.stack) and tag != "break":
            raise InputError(f"SSML: <{tag}> cannot be inside <{self.stack[-1][0]}>")
        if tag == "break":
            ms = BREAK_STRENGTHS_MS["medium"]
            if "strength" in attrs:
                if attrs["strength"] not in BREAK_STRENGTHS_MS:
                    raise InputError(
                        f"SSML <break strength='{attrs['strength']}'>: use one of {', '.join(BREAK_STRENGTHS_MS)}"
                    )
                ms = BREAK_STRENGTHS_MS[attrs["strength"]]
            if "time" in attrs:
                ms = parse_time(attrs["time"])
            self.items.append(Break(ms))
        elif tag == "sub" and "alias" not in attrs:
            raise InputError("SSML: <sub> needs an alias attribute")
        elif tag == "say-as" and attrs.get("interpret-as") not in SAY_AS:
            raise InputError(
                f"SSML <say-as interpret-as='{attrs.get('interpret-as', '')}'>: use one of {', '.join(SAY_AS)}"
            )
        elif tag == "phoneme":
            if attrs.get("alphabet", "ipa") != "ipa":
                raise InputError(f"SSML <phoneme alphabet='{attrs['alphabet']}'>: only alphabet='ipa' is supported")
            if not attrs.get("ph", "").strip():
                raise InputError("SSML: <phoneme> needs a ph attribute with IPA")
        elif tag == "prosody" and "rate" in attrs:
            parse_rate(attrs["rate"])
        self.stack.append((tag, attrs))

    def end(self, index: int, tag: str) -> None:
        self.flush(index)
        self.stack.pop()
        if tag in ("s", "p"):
            self.items.append(Break(PARAGRAPH_BREAK_MS if tag == "p" else 0, sentence=True))
        elif tag in ("sub", "say-as", "phoneme"):
            last = self.items[-1] if self.items else None
            if not (isinstance(last, TextRun) and last.mode == tag):
                raise InputError(f"SSML: <{tag}> is empty; put the text it applies to inside it")

    def data(self, index: int, text: str) -> None:
        self.pending.append((index, text))


def parse(text: str) -> list[Item]:
    """The text runs and breaks of an SSML document, in order. Raises InputError, and nothing else, for
    anything that is not a supported, well-formed, entity-free document."""
    import xml.parsers.expat

    if not is_ssml(text):
        raise InputError("SSML must start with <speak>")
    _check_safe(text)
    if not text.lstrip().startswith("<speak"):
        raise InputError("SSML must start with <speak>")
    b = _Builder(text)
    parser = xml.parsers.expat.ParserCreate()
    parser.StartElementHandler = lambda tag, attrs: b.start(parser.CurrentByteIndex, tag, attrs)
    parser.EndElementHandler = lambda tag: b.end(parser.CurrentByteIndex, tag)
    parser.CharacterDataHandler = lambda data: b.data(parser.CurrentByteIndex, data)
    try:
        parser.Parse(b.raw, True)
    except xml.parsers.expat.ExpatError as exc:
        raise InputError(f"SSML is not well-formed XML: {exc}") from None
    if not any(isinstance(i, TextRun) for i in b.items):
        raise InputError("SSML has no text to speak")
    return b.items
