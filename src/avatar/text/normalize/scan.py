"""Reading text by rules: each rule a pattern and a reader, tried in priority order as one alternation would
try them. Language-independent; a language gives its rules, its reader context and its padding.

A rule's reader gets the match (with whatever context the language wraps around it) and returns what is
spoken, or None to decline: a later rule may then take the same place, or the text stays as written.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from avatar.text.normalize.core import Piece

C = TypeVar("C")


@dataclass(frozen=True)
class Rule(Generic[C]):
    """A pattern and what reads its matches (``read`` returns the spoken words, or None to decline)."""

    name: str
    pattern: re.Pattern[str]
    read: Callable[[C], str | None]


def matches(
    rules: Sequence[Rule[C]], text: str, start: int, end: int
) -> Generator[tuple[Rule[C], re.Match[str]], bool | None, None]:
    """The matches of the rules as one alternation in rule order would give them (leftmost first; at one
    position the earliest rule; the scan goes on after each match), found rule by rule: each rule's own
    pattern keeps the regex engine's fast scanning for its first character, which one alternation of
    a hundred rules loses (ten times slower on plain prose). Each rule's next match is kept until the scan
    passes it, so every rule reads the text about once. A match the caller declines (``send(True)``) is
    dropped and the scan stays where it was, so a later rule may take the same place."""
    # (start, rule index, match): each rule's next match; the top is the leftmost, the earliest rule on ties
    heap = [(m.start(), i, m) for i, rule in enumerate(rules) if (m := rule.pattern.search(text, start, end))]
    heapq.heapify(heap)
    pos = start
    while heap:
        at, i, m = heap[0]
        rx = rules[i].pattern
        if at < pos:  # the scan passed it: that rule's next match from here
            nxt = rx.search(text, pos, end)
            if nxt is None:
                heapq.heappop(heap)
            else:
                heapq.heapreplace(heap, (nxt.start(), i, nxt))
            continue
        declined = yield rules[i], m
        if declined:  # the caller declined it: this rule's next match, the others still here
            yield rules[i], m  # the value of send(); the caller's loop goes on with the next match
            pos_from = at + 1
        else:
            pos = max(m.end(), at + 1)
            pos_from = pos
        nxt = rx.search(text, pos_from, end)
        if nxt is None:
            heapq.heappop(heap)
        else:
            heapq.heapreplace(heap, (nxt.start(), i, nxt))


def read(
    text: str,
    start: int,
    end: int,
    rules: Sequence[Rule[C]],
    context: Callable[[Rule[C], re.Match[str]], C],
    pad: Callable[[str, int, int, str], str],
) -> Iterator[Piece]:
    """The pieces of ``text[start:end]``: each match a rule reads (``rule.read(context(rule, match))``) as
    a piece of what is spoken, ``pad``-ded against its neighbours; the text between as written."""
    at = start
    scan = matches(rules, text, start, end)
    for rule, m in scan:
        spoken = rule.read(context(rule, m))
        if spoken is None or spoken == m.group():
            scan.send(True)  # declined: the rules after it may still take this place
            continue
        if m.start() > at:
            yield Piece(at, m.start(), text[at : m.start()])
        yield Piece(m.start(), m.end(), pad(text, m.start(), m.end(), spoken), verbatim=False, rule=rule.name)
        at = m.end()
    if at < end:
        yield Piece(at, end, text[at:end])
