"""The worker process of an isolated stage: ``python -m avatar.isolation.worker FD``.

It builds one stage and serves the parent's requests over the socket ``FD`` (a
``multiprocessing.connection.Connection``: pickled dicts), one at a time:

    init     {uses, options, stage_id, device, device_reason, dtype, settings, profile_name, profiles_root,
              fallbacks, sys_path, log_levels}          -> ok
    imports  the stage's warm imports                   -> ok {rss_mb}
    load     stage.load()                               -> ok {seconds, peak_mb}
    run      {job, run_dir, artifacts, metadata}        -> progress*, ok {artifacts, metrics, seconds, peak_mb}
    unload   stage.unload(), clean, measure, exit       -> ok {held_mb, baseline_mb}

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
from pathlib import Path
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


class _Worker:
    def __init__(self, channel: _Channel) -> None:
        self.channel = channel
        self.stage: Any = None
        self.manager: Any = None
        self.baseline_mb = 0.0

    def init(self, msg: dict[str, Any]) -> None:
        sys.path[:] = msg["sys_path"]
        levels = msg["log_levels"]
        root = logging.getLogger()
        root.handlers[:] = [_ForwardHandler(self.channel)]
        root.setLevel(levels.get("", logging.WARNING))
        logging.getLogger("avatar").setLevel(levels.get("avatar", logging.WARNING))

        from avatar.config.schema import OomAction, Settings
        from avatar.hardware import device as hw
        from avatar.hardware.choice import DeviceChoice
        from avatar.memory.manager import MemoryManager
        from avatar.pipeline.spec import validate_options
        from avatar.stages.base import StageEnv
        from avatar.stages.registry import get_stage

        hw.tune_allocator()
        cls = get_stage(msg["uses"])
        settings = Settings.model_validate(msg["settings"])
        choice = DeviceChoice(msg["device"], msg["device_reason"])
        env = StageEnv(msg["stage_id"], choice, msg["dtype"], settings, msg["profile_name"], Path(msg["profiles_root"]))
        self.stage = cls(validate_options(cls, msg["options"], msg["stage_id"]), env)
        for action in msg["fallbacks"]:
            self.stage.apply_fallback(OomAction(action))
        mem = settings.memory
        self.manager = MemoryManager(choice, mem.safety_margin_mb, mem.cleanup_tolerance_mb)

    def imports(self, msg: dict[str, Any]) -> dict[str, Any]:
        from avatar.quiet import output_to_log

        with output_to_log(f"stage {self.stage.env.stage_id} imports"):
            self.stage.prepare_imports()
        self.baseline_mb = self.manager.clean()
        return {"rss_mb": self.baseline_mb}

    def load(self, msg: dict[str, Any]) -> dict[str, Any]:
        with self.manager.measure() as m:
            self.stage.load()
        return {"seconds": m.seconds, "peak_mb": m.peak_mb}

    def run(self, msg: dict[str, Any]) -> dict[str, Any]:
        from avatar.stages.base import StageContext

        def progress(done: float, total: float, message: str) -> None:
            self.channel.send({"ev": "progress", "done": done, "total": total, "message": message})

        ctx = StageContext(
            job=msg["job"],
            run_dir=Path(msg["run_dir"]),
            artifacts={k: Path(v) for k, v in msg["artifacts"].items()},
            metadata=msg["metadata"],
            progress=progress,
        )
        with self.manager.measure() as m:
            result = self.stage.run(ctx)
        return {
            "artifacts": {k: str(v) for k, v in result.artifacts.items()},
            "metrics": result.metrics,
            "seconds": m.seconds,
            "peak_mb": m.peak_mb,
        }

    def unload(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.stage.unload()
        after = self.manager.clean()
        held = max(0.0, after - self.baseline_mb)
        if held > self.manager.tolerance_mb:
            logging.getLogger("avatar.isolation").debug(
                "stage %s still held %.0f MB in its worker after unload (a leak in the stage; the worker's "
                "exit returns it)",
                self.stage.env.stage_id,
                held,
            )
        return {"held_mb": held, "baseline_mb": self.baseline_mb}


def _error(exc: BaseException, stage_id: str) -> dict[str, Any]:
    from avatar.errors import AvatarError
    from avatar.hardware.device import is_oom

    oom = is_oom(exc)
    if isinstance(exc, AvatarError):
        message, code = str(exc), exc.exit_code
    else:
        logging.getLogger("avatar.isolation").debug("stage %s failed:\n%s", stage_id, traceback.format_exc())
        message, code = f"stage '{stage_id}': {type(exc).__name__}: {exc}", 1
    return {"ev": "error", "message": message, "exit_code": code, "oom": oom}


def main(argv: list[str]) -> int:
    channel = _Channel(Connection(int(argv[1])))
    worker = _Worker(channel)
    handlers = {"init": worker.init, "imports": worker.imports, "load": worker.load, "run": worker.run,
                "unload": worker.unload}  # fmt: skip
    while True:
        try:
            msg = channel.conn.recv()
        except (EOFError, OSError):
            return 0  # the parent is gone
        op = msg.pop("op")
        try:
            result = handlers[op](msg)
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit):
                raise
            stage_id = worker.stage.env.stage_id if worker.stage is not None else msg.get("stage_id", "?")
            payload = _error(exc, stage_id)
            del exc  # the failed attempt's frames go before the next request
            channel.send(payload)
            continue
        channel.send({"ev": "ok", "result": result})
        if op == "unload":
            return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
