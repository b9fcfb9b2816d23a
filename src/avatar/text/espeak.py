"""espeak-ng's IPA for a text: the one place avatar reaches espeak-ng itself (through piper's bundled copy).

espeak-ng is one library with global state, so every call holds :data:`LOCK`, and any lock a speech
backend registers with :func:`share_lock` (the piper backend registers the lock its own phonemizer holds
when it loads a voice), so a call here is safe beside that backend speaking on another thread.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

LOCK = threading.Lock()
_SHARED: list[Any] = []
_PHONEMIZER: list[Any] = []


def share_lock(lock: Any) -> None:
    """Hold ``lock`` too on every later call (a backend whose own use of espeak-ng holds it)."""
    with LOCK:
        if all(held is not lock for held in _SHARED):
            _SHARED.append(lock)


def espeak_ipa(text: str, voice: str = "en-us") -> str | None:
    """espeak-ng's IPA for ``text``, or None where espeak-ng is not installed or refuses the text."""
    try:
        from piper.phonemize_espeak import EspeakPhonemizer
    except ImportError:
        return None
    with LOCK, contextlib.ExitStack() as held:
        for lock in _SHARED:
            held.enter_context(lock)
        if not _PHONEMIZER:
            _PHONEMIZER.append(EspeakPhonemizer())
        try:
            sentences = _PHONEMIZER[0].phonemize(voice, text)
        except Exception:  # espeak refuses odd input
            return None
    return "".join("".join(s) for s in sentences)
