"""A chat model in a process of its own (``serve.live.chat.own_process``): the same backend, built and loaded
in a child process, answering over a pipe.

Why: a chat model that runs in Python (the embedded one: transformers calls a thousand small modules a
token) shares the interpreter's lock with everything else in the server: a live session's event loop, its
renderer, its listener. Each of those takes the lock between the model's small operations, and the model
waits for it back: in the server the embedded chat's first clause took 0.45-0.54 s against 0.27-0.31 s for
the same questions in a process of its own. In a child it has an interpreter to itself.

What crosses the pipe is plain data: ``("stream", messages, max_tokens)``, then ``("piece", text)`` as the
model writes and ``("done", error, cache_mb)`` at the end; ``("cancel",)``, ``("hold",)`` and ``("release",)``
at any time (a thread in the child reads them while the reply is written); ``("stop",)`` ends the child. The
child's memory is in the server's process tree, which is what the residency core measures."""

from __future__ import annotations

import importlib
import logging
import multiprocessing
import signal
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

from avatar.errors import ChatError
from avatar.thinking.base import ChatBackend, Message

logger = logging.getLogger(__name__)

START_S = 300.0  # the child has this long to import and load the model (a first load de-quantises a GGUF)
POLL_S = 0.05  # how often a waiting reader looks at its cancel event
STOP_S = 10.0  # the child has this long to end after stop; then it is killed


def serve(conn: Any, target: str, device: str, options: dict[str, Any]) -> None:
    """The child: build and load the chat model class ``target`` (``module:Class``), answer streams until stop
    (or the parent's end of the pipe goes)."""
    # Ctrl+C in a terminal reaches the whole process group: the server shuts down and ends this process;
    # it must not die first with a traceback of its own
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from avatar.hardware.device import trim_heap, tune_allocator

    tune_allocator()  # before any thread: each reply's threads would take malloc arenas of their own
    module, qualname = target.split(":")
    try:
        model = getattr(importlib.import_module(module), qualname)(device=device, **options)
        model.load()
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("loaded", None))
    send_lock = threading.Lock()
    cancelled = threading.Event()
    writing: threading.Thread | None = None

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            conn.send(message)

    def write(messages: list[Message], max_tokens: int) -> None:
        error = None
        try:
            for piece in model.stream(messages, max_tokens, cancelled):
                send(("piece", piece))
        except Exception as exc:
            error = str(exc) if isinstance(exc, ChatError) else f"{type(exc).__name__}: {exc}"
        send(("done", error, float(getattr(model, "cache_mb", 0.0))))
        trim_heap()  # after the reply, off its path: what its tensors freed goes back to the OS

    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        kind = message[0]
        if kind == "stream":
            if writing is not None:
                writing.join()
            cancelled.clear()
            messages = [Message(role, content) for role, content in message[1]]
            writing = threading.Thread(target=write, args=(messages, message[2]), name="avatar-chat-child")
            writing.start()
        elif kind == "cancel":
            cancelled.set()
        elif kind == "hold":
            model.hold()
        elif kind == "release":
            model.release()
        elif kind == "stop":
            break
    cancelled.set()
    if writing is not None:
        writing.join()
    model.unload()


class ProcessChat(ChatBackend):
    """The chat model class ``inner`` (with its options) hosted in a child process, which imports it by its
    module and name: a plugin's class as well as a built-in one."""

    name: ClassVar[str] = "process"
    package: ClassVar[str] = "avatar"

    def __init__(self, inner: type[ChatBackend], device: str = "cpu", **options: Any) -> None:
        super().__init__(device, **options)
        self.inner = inner.name
        self._target = f"{inner.__module__}:{inner.__qualname__}"
        self._id = inner(device=device, **options).model_id()  # its options are checked here
        self._process: Any = None
        self._conn: Any = None
        self._lock = threading.Lock()  # one reply at a time
        self._send_lock = threading.Lock()  # hold/release/cancel may come from other threads than the reader's
        self.cache_mb = 0.0  # the child model's kept cache, as its last reply left it
        self._holds = 0

    def model_id(self) -> str:
        return self._id

    @property
    def pid(self) -> int | None:
        return None if self._process is None else int(self._process.pid)

    def load(self) -> None:
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no threads or locks inherited
        parent, child = context.Pipe()
        process = context.Process(
            target=serve, args=(child, self._target, self.device, dict(self.options)), name="avatar-chat", daemon=True
        )
        process.start()
        child.close()
        if not parent.poll(START_S):
            process.kill()
            raise ChatError(f"the chat model {self.inner} did not load within {START_S:.0f} s in its own process")
        try:
            status, detail = parent.recv()
        except EOFError:
            status, detail = "failed", f"the process ended (exit code {process.exitcode})"
        if status != "loaded":
            process.join(STOP_S)
            raise ChatError(f"the chat model {self.inner} could not load in its own process: {detail}")
        self._process, self._conn = process, parent
        logger.debug("chat model %s loaded in process %d", self.inner, process.pid)

    def unload(self) -> None:
        process, conn, self._process, self._conn = self._process, self._conn, None, None
        if process is None:
            return
        try:
            self._send(conn, ("stop",))
        except OSError:
            pass
        process.join(STOP_S)
        if process.is_alive():
            process.kill()
            process.join()
        conn.close()

    def _send(self, conn: Any, message: tuple[Any, ...]) -> None:
        with self._send_lock:
            conn.send(message)

    @property
    def held(self) -> bool:
        """Whether a :meth:`hold` is not yet released (the child's model waits at its next token)."""
        return self._holds > 0

    def hold(self) -> None:
        with self._send_lock:
            self._holds += 1
            if self._conn is not None:
                self._conn.send(("hold",))

    def release(self) -> None:
        with self._send_lock:
            if self._holds == 0:
                return
            self._holds -= 1
            if self._conn is not None:
                self._conn.send(("release",))

    def stream(
        self, messages: list[Message], max_tokens: int, cancelled: threading.Event | None = None
    ) -> Iterator[str]:
        conn, process = self._conn, self._process  # an unload from another thread leaves these as they were
        if conn is None:
            raise ChatError(f"the chat model {self.inner} is not loaded")
        with self._lock:
            self._send(conn, ("stream", [(m.role, m.content) for m in messages], max_tokens))
            done = sent_cancel = False
            try:
                while True:
                    if cancelled is not None and cancelled.is_set() and not sent_cancel:
                        self._send(conn, ("cancel",))
                        sent_cancel = True
                    if not conn.poll(POLL_S):
                        if not process.is_alive():
                            raise ChatError(f"the chat model {self.inner}'s process ended while it answered")
                        continue
                    message = conn.recv()
                    if message[0] == "piece":
                        yield message[1]
                    elif message[0] == "done":
                        done = True
                        self.cache_mb = message[2]
                        if message[1]:
                            raise ChatError(message[1])
                        return
            finally:
                if not done:  # the reader went away (or failed): stop the child's reply and wait for its end
                    try:
                        if not sent_cancel:
                            self._send(conn, ("cancel",))
                        while conn.poll(STOP_S):
                            if conn.recv()[0] == "done":
                                break
                    except (OSError, EOFError):
                        pass
