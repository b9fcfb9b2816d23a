"""The worker process of an isolated stage: ``python -m avatar.isolation.worker FD``.

It builds one stage and serves the parent's requests over the socket ``FD`` (a
``multiprocessing.connection.Connection``: pickled dicts), one at a time:

    init     {uses, options, stage_id, device, device_reason, dtype, settings, profile_name, profiles_root,
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


def _setup(channel: _Channel, msg: dict[str, Any]) -> None:
    sys.path[:] = msg["sys_path"]
    levels = msg["log_levels"]
    root = logging.getLogger()
    root.handlers[:] = [_ForwardHandler(channel)]
    root.setLevel(levels.get("", logging.WARNING))
    logging.getLogger("avatar").setLevel(levels.get("avatar", logging.WARNING))
    from avatar.hardware import device as hw

    hw.tune_allocator()


class _ModelWorker:
    """A speech model for the server: the same in-process host the server would use, in this process."""

    label = "model"

    def __init__(self, channel: _Channel) -> None:
        self.channel = channel
        self.host: Any = None
        self.manager: Any = None
        self.baseline_mb = 0.0

    def init(self, msg: dict[str, Any]) -> None:
        _setup(self.channel, msg)
        from avatar.config.schema import ModelRef, Settings
        from avatar.hardware.choice import DeviceChoice
        from avatar.memory.manager import MemoryManager
        from avatar.serve.host import HostSpec, InProcessHost

        model = ModelRef.model_validate(msg["model"]) if msg["model"] else None
        self.host = InProcessHost(HostSpec(msg["backend"], msg["device"], msg["dtype"], model, msg["options"]))
        self.label = f"model {msg['backend']}"
        mem = Settings().memory
        self.manager = MemoryManager(
            DeviceChoice(msg["device"], "server"), mem.safety_margin_mb, mem.cleanup_tolerance_mb
        )

    def imports(self, msg: dict[str, Any]) -> dict[str, Any]:
        import importlib

        from avatar.quiet import output_to_log

        with output_to_log(f"{self.label} imports"):
            for module in self.host._make().warm_imports:
                try:
                    importlib.import_module(module)
                except ImportError:
                    pass  # load() raises the MissingDependencyError with the install line
        self.baseline_mb = self.manager.clean()
        return {"rss_mb": self.baseline_mb}

    def load(self, msg: dict[str, Any]) -> dict[str, Any]:
        with self.manager.measure() as m:
            self.host.load()
        return {"seconds": m.seconds, "peak_mb": m.peak_mb, "sample_rate": self.host.sample_rate}

    def call(self, msg: dict[str, Any]) -> Any:
        if msg["method"] not in ("speak", "prepare_voice", "languages", "voices"):
            raise ValueError(f"unknown method {msg['method']!r}")
        return getattr(self.host, msg["method"])(*msg["args"])

    def unload(self, msg: dict[str, Any]) -> dict[str, Any]:
        self.host.unload()
        after = self.manager.clean()
        return {"held_mb": max(0.0, after - self.baseline_mb), "baseline_mb": self.baseline_mb}


class _Worker:
    def __init__(self, channel: _Channel) -> None:
        self.channel = channel
        self.stage: Any = None
        self.manager: Any = None
        self.baseline_mb = 0.0

    @property
    def label(self) -> str:
        return f"stage '{self.stage.env.stage_id}'" if self.stage is not None else "stage"

    def init(self, msg: dict[str, Any]) -> None:
        _setup(self.channel, msg)

        from avatar.config.schema import OomAction, Settings
        from avatar.hardware.choice import DeviceChoice
        from avatar.memory.manager import MemoryManager
        from avatar.pipeline.spec import validate_options
        from avatar.stages.base import StageEnv
        from avatar.stages.registry import get_stage

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
    worker: _Worker | _ModelWorker | None = None
    while True:
        try:
            msg = channel.conn.recv()
        except (EOFError, OSError):
            return 0  # the parent is gone
        op = msg.pop("op")
        if worker is None:
            worker = _ModelWorker(channel) if msg.get("kind") == "model" else _Worker(channel)
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
