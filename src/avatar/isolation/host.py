"""Where a stage runs: in this process, or in a worker process of its own.

Isolation is a property of a stage, not a second runner: the runner drives a :class:`StageHost` the same
way either way (prepare, load, run each job, apply a fallback, unload) and measures it from outside.

- :class:`InProcessHost` calls the stage directly.
- :class:`WorkerHost` starts ``python -m avatar.isolation.worker`` for the stage and speaks a small message
  protocol with it over a socket pair (pickled dicts; see ``worker.py``): init, imports, load, run (with
  progress and log records streamed back), unload. Unloading ends the process, so everything the stage
  held comes back, the CUDA context, allocator caches and library globals included. A worker the operating
  system kills is a :class:`~avatar.errors.WorkerKilled` error naming the stage; the next call starts a
  fresh worker (with the fallbacks applied so far).

The worker's stdout and stderr (third-party chatter) go to the debug log.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from avatar.config.schema import OomAction
from avatar.errors import AvatarError, WorkerKilled, WorkerStageError
from avatar.hardware.choice import DeviceChoice
from avatar.quiet import output_to_log, stdout_to_log
from avatar.stages.base import Stage, StageContext, StageResult

logger = logging.getLogger(__name__)

EXIT_WAIT_S = 30.0  # how long an unloading worker may take to exit before it is killed


@dataclass
class UnloadReport:
    """What an isolated stage's worker still held after its own unload and cleanup (a leak inside the
    stage, returned by the process exit), and how long ending the worker took."""

    held_mb: float = 0.0
    baseline_mb: float = 0.0
    seconds: float = 0.0  # to end the worker
    start_s: float = 0.0  # to start the worker(s) and import what the stage needs, all restarts included
    extra: dict[str, Any] = field(default_factory=dict)


class StageHost(ABC):
    """One stage's life in one place. ``loads`` counts model loads (a worker restart is a load)."""

    isolated: bool = False

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.loads = 0

    @property
    def device(self) -> DeviceChoice:
        return self.stage.env.device

    @abstractmethod
    def prepare(self) -> None:
        """Imports the stage needs, before the memory baseline is taken (import cost is not model memory)."""

    @abstractmethod
    def load(self) -> None: ...

    @abstractmethod
    def run(self, ctx: StageContext) -> StageResult: ...

    @abstractmethod
    def apply_fallback(self, action: OomAction) -> bool:
        """Adapt after an out-of-memory error; False when the action does not apply. The next ``run`` or
        ``load`` works with the adapted stage (reloaded where the device changed)."""

    @abstractmethod
    def unload(self) -> UnloadReport | None: ...


class InProcessHost(StageHost):
    def prepare(self) -> None:
        with output_to_log(f"stage {self.stage.env.stage_id} imports"):
            self.stage.prepare_imports()

    def load(self) -> None:
        with stdout_to_log(f"stage {self.stage.env.stage_id}"):
            self.stage.load()
        self.loads += 1

    def run(self, ctx: StageContext) -> StageResult:
        with stdout_to_log(f"stage {self.stage.env.stage_id}"):
            return self.stage.run(ctx)

    def apply_fallback(self, action: OomAction) -> bool:
        before = self.stage.env.device.device
        if not self.stage.apply_fallback(action):
            return False
        if self.stage.env.device.device != before:  # moved: the model is loaded again on the new device
            self.stage.unload()
            self.load()
        return True

    def unload(self) -> UnloadReport | None:
        self.stage.unload()
        return None


class WorkerProcess:
    """One worker process and the message protocol with it (see ``worker.py``): start it with an ``init``
    payload, ``call`` an operation (relaying progress and log records), ``stop`` it. A worker that dies
    mid-call is a :class:`WorkerKilled` error naming ``label``. Used for isolated stages and, by the
    server, for isolated speech models."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.proc: subprocess.Popen[bytes] | None = None
        self.conn: Connection | None = None
        self._reader: threading.Thread | None = None
        self.start_s = 0.0

    @property
    def pid(self) -> int:
        return self.proc.pid if self.proc is not None else 0

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, init: dict[str, Any]) -> None:
        t0 = time.perf_counter()
        parent_sock, child_sock = socket.socketpair()
        child_fd = child_sock.detach()
        env = dict(os.environ)
        env["PYTHONUNBUFFERED"] = "1"
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "avatar.isolation.worker", str(child_fd)],
                pass_fds=(child_fd,),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                env=env,
            )
        finally:
            os.close(child_fd)
        self.conn = Connection(parent_sock.detach())
        self._reader = threading.Thread(target=self._drain_output, daemon=True, name="avatar-worker-output")
        self._reader.start()
        levels = {
            "avatar": logging.getLogger("avatar").getEffectiveLevel(),
            "": logging.getLogger().getEffectiveLevel(),
        }
        self.call("init", sys_path=list(sys.path), log_levels=levels, **init)
        self.call("imports")
        self.start_s = time.perf_counter() - t0
        logger.debug("%s: worker pid %d ready in %.2f s", self.label, self.pid, self.start_s)

    def _drain_output(self) -> None:
        proc = self.proc
        if proc is None or proc.stdout is None:
            return
        for raw in proc.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            if line:
                logger.debug("%s worker printed: %s", self.label, line)

    def call(self, op: str, on_progress: Callable[[float, float, str], None] | None = None, **payload: Any) -> Any:
        """Send one request and wait for its answer, relaying progress and log records meanwhile."""
        if self.conn is None:
            raise RuntimeError("worker not started")
        try:
            self.conn.send({"op": op, **payload})
            while True:
                msg = self.conn.recv()
                kind = msg["ev"]
                if kind == "ok":
                    return msg.get("result")
                if kind == "progress":
                    if on_progress is not None:
                        try:
                            on_progress(msg["done"], msg["total"], msg["message"])
                        except BaseException:
                            # The caller gave up on this request (a cancelled run): the worker is mid-job
                            # and out of step with us, so it ends here.
                            self.kill()
                            raise
                elif kind == "log":
                    logging.getLogger(msg["name"]).log(msg["level"], "%s", msg["message"])
                elif kind == "error":
                    raise WorkerStageError(msg["message"], msg["exit_code"], msg["oom"])
        except (EOFError, OSError):
            code = self.reap()
            raise WorkerKilled(self.label, code) from None

    def reap(self, timeout: float = EXIT_WAIT_S) -> int:
        """Wait for the worker to end (killing it if it will not) and forget it; returns its exit code."""
        code = 0
        if self.proc is not None:
            try:
                code = self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                logger.warning("%s: worker %d did not exit; killing it", self.label, self.pid)
                self.proc.kill()
                code = self.proc.wait()
        if self.conn is not None:
            self.conn.close()
        if self._reader is not None:
            self._reader.join(timeout=5)
        self.proc, self.conn, self._reader = None, None, None
        return code

    def kill(self) -> None:
        """End a worker whose state is no longer wanted."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.reap()

    def finish(self) -> dict[str, Any]:
        """Ask the worker to unload and exit; wait for it. Returns its unload report (empty if it was gone)."""
        result: dict[str, Any] = {}
        if self.alive:
            try:
                result = self.call("unload") or {}
            except AvatarError as exc:
                logger.warning("%s: worker unload failed (%s); ending it", self.label, exc)
        code = self.reap()
        if code not in (0, None):
            logger.debug("%s: worker exited with code %s", self.label, code)
        return result


class WorkerHost(StageHost):
    isolated = True

    def __init__(self, stage: Stage) -> None:
        super().__init__(stage)
        self.worker = WorkerProcess(stage.env.stage_id)
        self._replay: list[str] = []  # fallbacks the next worker applies after it builds the stage
        self._loaded = False
        self.start_s = 0.0

    def prepare(self) -> None:
        """Nothing to import here: the worker imports what the stage needs, inside its own process."""

    def _init(self) -> dict[str, Any]:
        st = self.stage
        return {
            "kind": "stage",
            "uses": st.name,
            "options": st.options.model_dump(mode="json"),
            "stage_id": st.env.stage_id,
            "device": st.env.device.device,
            "device_reason": st.env.device.reason,
            "dtype": st.env.dtype,
            "settings": st.env.settings.model_dump(mode="json"),
            "profile_name": st.env.profile_name,
            "voices_root": str(st.env.voices_root),
            "fallbacks": list(self._replay),
        }

    def load(self) -> None:
        if self._loaded and self.worker.alive:
            return
        if not self.worker.alive:
            if self.worker.proc is not None:
                self.worker.reap()
            self.worker.start(self._init())
            self.start_s += self.worker.start_s
        self.worker.call("load")
        self._loaded = True
        self.loads += 1

    def run(self, ctx: StageContext) -> StageResult:
        if not self.worker.alive:
            self._loaded = False
        self.load()  # a worker killed during an earlier job is started again
        result = self.worker.call(
            "run",
            on_progress=ctx.progress,
            job=ctx.job,
            run_dir=str(ctx.run_dir),
            artifacts={k: str(v) for k, v in ctx.artifacts.items()},
            metadata=ctx.metadata,
        )
        return StageResult({k: Path(v) for k, v in result["artifacts"].items()}, result["metrics"])

    def apply_fallback(self, action: OomAction) -> bool:
        """Adapt the parent's copy of the stage (it knows whether the action applies and where the stage
        now runs), remember the action for the next worker, and end this one: a fresh process starts from
        clean memory."""
        if not self.stage.apply_fallback(action):
            return False
        if action is not OomAction.CPU:  # the device itself travels with the stage's env
            self._replay.append(action.value)
        self.worker.kill()
        self._loaded = False
        return True

    def unload(self) -> UnloadReport | None:
        if self.worker.proc is None:
            return None
        t0 = time.perf_counter()
        result = self.worker.finish()
        self._loaded = False
        self.stage.unload()  # the parent's copy holds no model; this keeps its state consistent
        return UnloadReport(
            held_mb=float(result.get("held_mb", 0.0)),
            baseline_mb=float(result.get("baseline_mb", 0.0)),
            seconds=time.perf_counter() - t0,
            start_s=self.start_s,
        )


def make_host(stage: Stage, isolated: bool) -> StageHost:
    return WorkerHost(stage) if isolated else InProcessHost(stage)
