"""A CPU budget for preparing one text: SSML, the lexicon and normalisation check it as they go.

The server prepares each request's text in a bounded pool (:mod:`avatar.serve.textwork`) under
:func:`limit`; the preparation calls :func:`check` between its steps, and past the budget it stops with a
:class:`~avatar.errors.TextTooCostly` (a 400 that names the setting). The budget is the thread's own CPU
time (``time.thread_time``), so waiting for the GIL or the disk never counts against a caller. Outside a
:func:`limit` (the CLI, batches) :func:`check` costs one attribute lookup and never stops anything.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from avatar.errors import TextTooCostly

_local = threading.local()


@contextmanager
def limit(cpu_s: float, setting: str) -> Iterator[None]:
    """Run the block with ``cpu_s`` seconds of this thread's CPU time for text preparation."""
    saved = getattr(_local, "budget", None)
    _local.budget = (time.thread_time() + cpu_s, cpu_s, setting)
    try:
        yield
    finally:
        _local.budget = saved


def check() -> None:
    """Stop with TextTooCostly once the current budget is spent."""
    budget = getattr(_local, "budget", None)
    if budget is not None and time.thread_time() > budget[0]:
        _local.budget = None  # one error, not one per caller up the stack
        raise TextTooCostly(
            f"the text takes more than {budget[1]:g} s of CPU time to prepare ({budget[2]}); "
            "shorten it, or use fewer SSML elements and lexicon entries"
        )
