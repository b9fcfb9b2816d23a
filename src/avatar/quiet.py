"""Keep third-party chatter off the terminal: stdout belongs to the CLI (`--json` output must stay
parseable) and stderr to avatar's own messages.

Some model packages print on import or load: qwen-tts a flash-attn notice on stdout, and through the `sox`
package a shell's ``sox: not found`` plus a multi-line SoX warning on stderr. The shell's line comes from a
child process, so redirecting ``sys.stdout`` cannot catch it: :func:`output_to_log` redirects the file
descriptors themselves. What was printed goes to the debug log (`-vv`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
import tempfile
from collections.abc import Iterator

logger = logging.getLogger(__name__)


@contextlib.contextmanager
def stdout_to_log(what: str) -> Iterator[None]:
    """Python-level ``sys.stdout`` to the debug log (cheap; for blocks that may print from Python)."""
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            yield
    finally:
        text = buffer.getvalue().strip()
        if text:
            logger.debug("%s printed: %s", what, text)


@contextlib.contextmanager
def output_to_log(what: str) -> Iterator[None]:
    """File descriptors 1 and 2 (and so child processes' output), and Python's ``sys.stdout`` and
    ``sys.stderr``, to the debug log while the block runs.

    Used around third-party imports. avatar's own log records emitted meanwhile may be captured too and
    come back at debug level, so keep the block small.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    fds = []
    for fd in (1, 2):
        try:
            os.fstat(fd)
            fds.append(fd)
        except OSError:
            pass
    py_err = io.StringIO()
    with tempfile.TemporaryFile(mode="w+b") as sink:
        saved = [os.dup(fd) for fd in fds]
        try:
            for fd in fds:
                os.dup2(sink.fileno(), fd)
            with stdout_to_log(what), contextlib.redirect_stderr(py_err):
                yield
        finally:
            for stream in (sys.stdout, sys.stderr):
                with contextlib.suppress(Exception):
                    stream.flush()
            for fd, copy in zip(fds, saved, strict=True):
                os.dup2(copy, fd)
                os.close(copy)
            sink.seek(0)
            text = (sink.read().decode("utf-8", "replace") + py_err.getvalue()).strip()
            if text:
                logger.debug("%s printed: %s", what, text)
