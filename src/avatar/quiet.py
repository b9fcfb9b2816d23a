"""Keep third-party chatter off stdout, which belongs to the CLI (`--json` output must stay parseable).

Some model packages print on import or load (qwen-tts prints a flash-attn notice). Inside these blocks
stdout goes to the debug log instead.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections.abc import Iterator

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def stdout_to_log(what: str) -> Iterator[None]:
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            yield
    finally:
        text = buffer.getvalue().strip()
        if text:
            logger.debug("%s printed: %s", what, text)
