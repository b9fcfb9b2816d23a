"""The worker process of anything isolated: ``python -m avatar.isolation.worker FD``.

It builds one servant of the ``kind`` its ``init`` names (:mod:`avatar.isolation.kinds`: a stage or a
speech model) and serves the parent's requests over the socket ``FD`` (a
``multiprocessing.connection.Connection``: pickled dicts), one at a time:

    init     {uses, options, stage_id, device, device_reason, dtype, settings, profile_name, voices_root,
              fallbacks, sys_path, log_levels}          -> ok
    imports  the stage's warm imports                   -> ok {rss_mb}
    load     stage.load()                               -> ok {seconds, peak_mb}
    run      {job, run_dir, artifacts, metadata}        -> progress*, ok {artifacts, metrics, seconds, peak_mb}
    unload   stage.unload(), clean, measure, exit       -> ok {held_mb, baseline_mb}

For a model: ``init {backend, device, dtype, model, options}``, ``imports``, ``load`` (-> ``sample_rate``),
``call {method, args}`` (speak, prepare_voice, languages, voices) and ``unload``.

Any failure answers ``error {message, exit_code, oom}`` and the worker waits for the next request. Log
records travel as ``log`` messages, so the parent's log settings apply; anything printed goes to the
parent's debug log through the worker's stdout.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from multiprocessing.connection import Connection
from typing import Any


class _Channel:
    """The connection, shared by the main thread and logging from any thread."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.lock = threading.Lock()

    def send(self, msg: dict[str, Any]) -> None:
        with self.lock:
            self.conn.send(msg)


class _ForwardHandler(logging.Handler):
    def __init__(self, channel: _Channel) -> None:
        super().__init__()
        self.channel = channel

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = self.format(record)
            self.channel.send({"ev": "log", "name": record.name, "level": record.levelno, "message": message})
        except Exception:
            pass  # the parent is gone; nothing to tell


def _setup(channel: _Channel, msg: dict[str, Any]) -> None:
    sys.path[:] = msg["sys_path"]
    levels = msg["log_levels"]
    root = logging.getLogger()
    root.handlers[:] = [_ForwardHandler(channel)]
    root.setLevel(levels.get("", logging.WARNING))
    logging.getLogger("avatar").setLevel(levels.get("avatar", logging.WARNING))
    from avatar.hardware import device as hw

    hw.tune_allocator()


def _error(exc: BaseException, label: str) -> dict[str, Any]:
    from avatar.errors import AvatarError
    from avatar.hardware.device import is_oom

    oom = is_oom(exc)
    if isinstance(exc, AvatarError):
        message, code = str(exc), exc.exit_code
    else:
        logging.getLogger("avatar.isolation").debug("%s failed:\n%s", label, traceback.format_exc())
        message, code = f"{label}: {type(exc).__name__}: {exc}", 1
    return {"ev": "error", "message": message, "exit_code": code, "oom": oom}


OPS = frozenset({"init", "imports", "load", "run", "call", "unload"})


def main(argv: list[str]) -> int:
    channel = _Channel(Connection(int(argv[1])))
    worker: Any = None
    while True:
        try:
            msg = channel.conn.recv()
        except (EOFError, OSError):
            return 0  # the parent is gone
        op = msg.pop("op")
        if worker is None:
            from avatar.isolation import kinds

            _setup(channel, msg)
            worker = kinds.build(msg.get("kind", "stage"), channel)
        try:
            if op not in OPS:
                raise ValueError(f"unknown request {op!r}")
            result = getattr(worker, op)(msg)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            payload = _error(exc, worker.label)
            del exc  # the failed attempt's frames go before the next request
            channel.send(payload)
            continue
        channel.send({"ev": "ok", "result": result})
        if op == "unload":
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
