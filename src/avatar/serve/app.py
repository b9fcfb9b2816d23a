"""The FastAPI app: routers, one exception handler for avatar's error tree, the request middleware
(limits, one log line per request, metrics, in-flight count) and the lifespan that runs the device thread.

``run()`` serves it with uvicorn. SIGTERM (or Ctrl-C): readiness turns 503 and new speech is refused,
in-flight requests get ``serve.grace_s`` to finish, then uvicorn stops, the worker unloads every model
and the process exits 0.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from avatar import __version__
from avatar.config.schema import ServeSettings, Settings
from avatar.errors import AvatarError
from avatar.isolation.models import HostSpec, ModelHost
from avatar.serve.connections import header_timeout_protocol
from avatar.serve.context import ServerContext
from avatar.serve.device.thread import DeviceThread
from avatar.serve.errors import BodyTimeout, TooLarge, describe, error_body
from avatar.serve.keys import KeyStore
from avatar.serve.logbuffer import LogBuffer
from avatar.serve.metrics import Metrics
from avatar.serve.plugin_routes import mount_plugin_routes
from avatar.serve.security import BrowserBoundary, HostPolicy

logger = logging.getLogger("avatar.serve")
UNTRACKED = ("/health", "/ready", "/metrics", "/v1/logs/stream")
FORM_SLACK = 65536  # an upload's form fields and multipart framing, beyond the file itself


def build_context(
    settings: Settings,
    *,
    models: list[str] | None = None,
    voices_root: Path | None = None,
    keys: KeyStore | None = None,
    host_factory: Callable[[HostSpec], ModelHost] | None = None,
    profile: str | None = None,
    sets: tuple[str, ...] = (),
    executor: str = "local",
    address: str | None = None,
) -> ServerContext:
    """Everything a server shares. ``host_factory`` decides how models are hosted (default: in this
    process, :class:`~avatar.isolation.models.InProcessModelHost`, or with the `isolate` setting each in a worker
    process of its own, :class:`~avatar.isolation.models.WorkerModelHost`)."""
    from avatar.backends.registry import backend_names
    from avatar.paths import outputs_dir, voices_dir
    from avatar.serve.runs import RunService

    check_live_models(settings)
    names = models or backend_names()
    metrics = Metrics()
    device_thread = DeviceThread(settings, metrics, models=names, host_factory=host_factory or _host_factory(settings))
    root = voices_root or voices_dir()
    runs = RunService(outputs_dir() / "studio", settings, device_thread, root, profile, sets, executor, address)
    keys = keys or KeyStore()
    from avatar.serve.textwork import TextWork

    limits = settings.serve.limits
    text_work = TextWork(limits.text_workers, limits.text_cpu_s, limits.queued, settings.serve.retry_after_s)
    return ServerContext(
        text_work=text_work,
        settings=settings,
        device_thread=device_thread,
        keys=keys,
        started_keyless=not keys.any(),
        metrics=metrics,
        logs=LogBuffer(settings.serve.log_records),
        voices_root=root,
        models=names,
        runs=runs,
    )


def check_live_models(settings: Settings) -> None:
    """A server with live sessions checks the recogniser and chat model its operator chose now, without
    loading them: a wrong name, option, model path or missing key stops ``avatar serve`` with one line, not the
    first caller's session minutes later."""
    live = settings.serve.live
    if not live.max_sessions:
        return
    from avatar.listening.registry import check_recogniser

    check_recogniser(live)
    if live.chat.enabled:
        from avatar.thinking.registry import check_chat

        check_chat(live.chat)


def _signal_keeper(loop: asyncio.AbstractEventLoop) -> Callable[[], None]:
    """A function any thread may call to put the server's SIGTERM/SIGINT handlers back (on the main thread,
    where Python allows it): starting and stopping a local Ray instance resets them."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def restore() -> None:
        for sig, handler in saved.items():
            if handler is not None:
                signal.signal(sig, handler)

    def from_any_thread() -> None:
        loop.call_soon_threadsafe(restore)

    return from_any_thread


def _host_factory(settings: Settings) -> Callable[[HostSpec], ModelHost]:
    """With the `isolate` setting every model lives in a worker process of its own; unloading ends it."""
    if settings.isolate:
        from avatar.isolation.models import WorkerModelHost

        return WorkerModelHost
    from avatar.isolation.models import InProcessModelHost

    return InProcessModelHost


def create_app(ctx: ServerContext) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx.started = time.time()
        ctx.device_thread.start()
        if ctx.runs is not None:
            ctx.runs.restore_signals = _signal_keeper(asyncio.get_running_loop())
            ctx.runs.start()
        waiter = asyncio.create_task(_wait_ready(ctx))
        trimmer = asyncio.create_task(_trim_heap_every(ctx.settings.serve.trim_heap_s))
        try:
            yield
        finally:
            waiter.cancel()
            trimmer.cancel()
            ctx.phase = "draining"
            await live.shutdown(ctx)
            if ctx.runs is not None:
                ctx.runs.stop()
            if ctx.text_work is not None:
                ctx.text_work.stop()
            await asyncio.to_thread(ctx.device_thread.stop, max(60.0, ctx.settings.serve.grace_s))
            ctx.phase = "stopped"
            logger.info("stopped; every model unloaded")

    # No /docs or /redoc: FastAPI's pages load Swagger UI from a CDN, a third-party script on this origin
    # that fails offline. The schema itself stays at /openapi.json for any local viewer.
    app = FastAPI(
        title="avatar",
        version=__version__,
        summary="OpenAI-compatible speech with per-user cloned voices, one device thread, measured memory.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.ctx = ctx
    from avatar.serve.routes import lexicon, live, models, ops, portraits, runs, speech, studio, text, voices

    for module in (speech, models, voices, lexicon, text, portraits, live, runs, ops, studio):
        app.include_router(module.router)
    mount_plugin_routes(app)
    studio.mount(app)
    live.install(app, ctx)

    @app.exception_handler(AvatarError)
    async def avatar_error(request: Request, exc: AvatarError) -> JSONResponse:
        return _json(exc)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path", "form")]
        if first.get("type") == "json_invalid":
            return JSONResponse(
                error_body("the body is not valid JSON", "invalid_request_error", None, "invalid_json"), 400
            )
        if first.get("type") == "model_attributes_type" or (not loc and first.get("type") != "missing"):
            return JSONResponse(
                error_body("the body must be a JSON object", "invalid_request_error", None, "invalid_body"), 400
            )
        message = f"{'.'.join(loc) or 'body'}: {first.get('msg', 'invalid')}"
        if len(errors) > 1:
            message += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
        return JSONResponse(error_body(message, "invalid_request_error", ".".join(loc) or None, "invalid_value"), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        message = "no such route" if exc.status_code == 404 else str(exc.detail)
        status = exc.status_code if exc.status_code < 500 else 400
        return JSONResponse(error_body(message, "invalid_request_error", None, code), status)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return _json(exc)

    app.add_middleware(RequestMiddleware, ctx=ctx)
    serve = ctx.settings.serve
    policy = HostPolicy(serve.host, serve.allowed_hosts, serve.allowed_origins)
    app.add_middleware(BrowserBoundary, policy=policy, keyless=ctx.keyless)
    return app


def _json(exc: BaseException) -> JSONResponse:
    status, body, headers = describe(exc)
    return JSONResponse(body, status_code=status, headers=headers)


def _warm_request_path() -> None:
    """Import and run once what every speech request uses besides the model (the text normaliser, the
    loudness finisher and its scipy filters), so the first caller's time limit is not spent on imports."""
    import numpy as np

    from avatar.audio.loudness import StreamFinisher
    from avatar.text.script import prepare

    prepare("Warming up on 2 December 2026 at 9:30 am.")
    StreamFinisher(22050, -16.0, -1.0)(np.zeros(2205, dtype=np.float32))


async def _trim_heap_every(interval_s: float) -> None:
    """glibc keeps the pages of freed chunks in the middle of its heaps; in a server that runs for hours
    (live conversations: audio, video frames, recognition, speech) that is RSS that rises with use although
    nothing holds it. Given back every ``serve.trim_heap_s`` seconds, on a thread (it takes a few ms)."""
    if interval_s <= 0:
        return
    from avatar.hardware.device import trim_heap

    while True:
        await asyncio.sleep(interval_s)
        t0 = time.perf_counter()
        await asyncio.to_thread(trim_heap)
        logger.debug("heap trimmed in %.1f ms", 1000 * (time.perf_counter() - t0))


async def _wait_ready(ctx: ServerContext) -> None:
    try:
        await asyncio.to_thread(_warm_request_path)
    except Exception as exc:  # a warm-up only: the first request would meet the same problem and report it
        logger.warning("warming the request path failed: %s", exc)
    await asyncio.to_thread(ctx.device_thread.ready.wait)
    if ctx.device_thread.start_error is not None:
        ctx.phase = "failed"
        logger.error("the device thread failed to start: %s; stopping", ctx.device_thread.start_error)
        os.kill(os.getpid(), signal.SIGTERM)  # the server stops and `avatar serve` exits 1
        return
    if ctx.phase == "starting":
        ctx.phase = "ready"
        logger.info("ready on %s", ctx.device_thread.device)
        _preload_live(ctx.settings.serve.live)


def _preload_live(live: Any) -> None:
    """A server whose live sessions converse loads their models now, beside the requests it serves (a daemon
    thread: a stop does not wait for a load), so its first session opens at once."""
    if live.max_sessions and live.chat.enabled:
        from avatar.serve.live_sessions import preload_conversation

        threading.Thread(target=preload_conversation, args=(live,), name="live-preload", daemon=True).start()


def body_limit(serve: ServeSettings, path: str, method: str) -> tuple[int, str]:
    """(bytes, the setting behind them) a request body may have: the three upload routes' file limit plus
    room for their form fields (a run's text too); every other request, any other path under them included,
    ``serve.max_body_kb``."""
    mb = 1024 * 1024
    route = path.rstrip("/") if method == "POST" else None
    if route == "/v1/voices":
        return int(serve.max_upload_mb * mb) + FORM_SLACK, "serve.max_upload_mb"
    if route == "/v1/portraits":
        return int(serve.live.max_portrait_mb * mb) + FORM_SLACK, "serve.live.max_portrait_mb"
    if route == "/v1/runs":
        # a portrait, and text of up to max_run_chars characters (4 bytes each at most in UTF-8)
        limit = int(serve.live.max_portrait_mb * mb) + 4 * serve.max_run_chars + FORM_SLACK
        return limit, "serve.live.max_portrait_mb and serve.max_run_chars"
    return serve.max_body_kb * 1024, "serve.max_body_kb"


class RequestMiddleware:
    """Pure ASGI (streaming responses pass through untouched): body limits, one log line per request
    (route, user, status, seconds, time to first audio), request metrics, the in-flight count."""

    def __init__(self, app: ASGIApp, ctx: ServerContext) -> None:
        self.app = app
        self.ctx = ctx

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        ctx = self.ctx
        t0 = time.perf_counter()
        state = scope.setdefault("state", {})
        state["t0"] = t0
        path = scope.get("path", "")
        serve = ctx.settings.serve
        limit, setting = body_limit(serve, path, scope.get("method", ""))
        status_holder = {"status": 500}
        tracked = path not in UNTRACKED
        length = _content_length(scope)
        if tracked:
            with ctx.lock:
                ctx.inflight += 1
        user: str | None = None
        try:
            if length is not None and length > limit:
                too_large = TooLarge(f"the body is {length} bytes; the limit is {limit} ({setting})")
                await _send_json(send, too_large, status_holder)
                return
            # The key is checked before a byte of the body is read: without one, a body is never waited for.
            user, refusal = self._admit(scope, length)
            if refusal is not None:
                await _send_json(send, refusal, status_holder)
                return
            seen = 0
            body_done = False
            body_timeout = serve.limits.body_timeout_s
            min_rate = serve.limits.body_min_kb_s * 1024
            body_start = time.monotonic()

            async def limited_receive() -> Message:
                nonlocal seen, body_done
                if body_done:  # after the body only a disconnect can come, whenever it comes
                    return await receive()
                # A gap of body_timeout_s at most between two pieces, and on average at least min_rate
                # after that much grace: a body sent a byte at a time cannot hold its connection for long.
                allowed = body_start + body_timeout + seen / min_rate - time.monotonic()
                wait = max(0.0, min(body_timeout, allowed))
                try:
                    message = await asyncio.wait_for(receive(), wait)
                except TimeoutError:
                    # Answer here: a framework that reads the body would turn an exception into its own 400.
                    stalled = BodyTimeout(
                        f"the request body stalled or arrived slower than {serve.limits.body_min_kb_s:g} KB/s "
                        "(serve.limits.body_timeout_s, serve.limits.body_min_kb_s)"
                    )
                    if status_holder.get("started") is None:
                        status_holder["started"] = 1
                        await _send_json(send, stalled, status_holder)
                    return {"type": "http.disconnect"}
                if message["type"] == "http.request":
                    seen += len(message.get("body", b""))
                    if seen > limit:
                        raise TooLarge(f"the body is over the limit of {limit} bytes ({setting})")
                    body_done = not message.get("more_body", False)
                return message

            async def tracking_send(message: Message) -> None:
                if status_holder.get("started") == 1:  # already answered (a stalled body): the app is late
                    return
                if message["type"] == "http.response.start":
                    status_holder["status"] = message["status"]
                    status_holder["started"] = 0
                await send(message)

            try:
                await self.app(scope, limited_receive, tracking_send)
            except (TooLarge, BodyTimeout) as exc:
                await _send_json(send, exc, status_holder)
        finally:
            if tracked:
                with ctx.lock:
                    ctx.inflight -= 1
            if user is not None:
                self._release(scope, user)
            elif state.get("proven") and ctx.connections is not None:
                ctx.connections.settle(scope.get("client"))
            self._record(scope, state, t0, status_holder["status"])

    def _admit(self, scope: Scope, length: int | None) -> tuple[str | None, BaseException | None]:
        """(user, None) for a request with a valid key (keyless: the local user), counted against the user's
        ``serve.limits.requests`` and marking its connection proven; (None, None) for one without a key and
        without a body (health, studio files, signed links: the route decides); (None, error) to answer now:
        a body without a valid key, or a user over their share."""
        from avatar.serve.auth import LOCAL_USER, bearer_key_of
        from avatar.serve.errors import AuthenticationError
        from avatar.serve.quotas import QuotaExceeded

        ctx = self.ctx
        has_body = (length is not None and length > 0) or any(k == b"transfer-encoding" for k, _ in scope["headers"])
        if ctx.keyless():
            user = LOCAL_USER
        else:
            key = bearer_key_of(scope)
            record = ctx.keys.check(key) if key else None
            if record is None:
                if not has_body:
                    return None, None
                why = "invalid API key" if key else "missing API key; send the header 'Authorization: Bearer KEY'"
                return None, AuthenticationError(why)
            user = record.user
        if scope.get("path", "") in UNTRACKED:
            return None, None
        limit = ctx.settings.serve.limits.requests
        with ctx.lock:
            held = ctx.requests_by_user.get(user, 0)
            if held >= limit:
                return None, QuotaExceeded(
                    "requests", f"user '{user}' has {held} requests in flight already; wait for one to finish",
                    ctx.settings.serve.retry_after_s,
                )  # fmt: skip
            ctx.requests_by_user[user] = held + 1
        if ctx.connections is not None:
            ctx.connections.prove(scope.get("client"))
        scope.setdefault("state", {})["proven"] = True
        return user, None

    def _release(self, scope: Scope, user: str) -> None:
        ctx = self.ctx
        with ctx.lock:
            left = ctx.requests_by_user.get(user, 1) - 1
            if left > 0:
                ctx.requests_by_user[user] = left
            else:
                ctx.requests_by_user.pop(user, None)
        if ctx.connections is not None:
            ctx.connections.settle(scope.get("client"))

    def _record(self, scope: Scope, state: dict[str, Any], t0: float, status: int) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        seconds = time.perf_counter() - t0
        self.ctx.metrics.requests.labels(template, str(status)).inc()
        self.ctx.metrics.latency.labels(template).observe(seconds)
        if template in ("/health", "/ready", "/metrics"):
            return
        first = state.get("first_audio")
        ttfa = f" first_audio={first - t0:.3f}s" if first else ""
        logger.info(
            "%s %s user=%s status=%d seconds=%.3f%s",
            scope.get("method"),
            template,
            state.get("user", "-"),
            status,
            seconds,
            ttfa,
        )


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _send_json(send: Send, exc: BaseException, holder: dict[str, int]) -> None:
    import json

    status, body, headers = describe(exc)
    holder["status"] = status
    raw = json.dumps(body).encode()
    hdrs = [(b"content-type", b"application/json"), (b"content-length", str(len(raw)).encode())]
    hdrs += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    hdrs.append((b"connection", b"close"))
    try:
        await send({"type": "http.response.start", "status": status, "headers": hdrs})
        await send({"type": "http.response.body", "body": raw})
    except Exception:  # the response had already started: nothing more can be said
        pass


# --- running it ---------------------------------------------------------------------------------------


def run(ctx: ServerContext, host: str, port: int, *, ready_file: Path | None = None) -> int:
    """Serve until SIGTERM/SIGINT; 0 after a clean drain, 1 if the device thread could not start."""
    import uvicorn

    from avatar.serve.connections import ConnectionTable

    limits = ctx.settings.serve.limits
    ctx.connections = ConnectionTable(limits.connections, limits.client_connections)
    app = create_app(ctx)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=int(max(1, ctx.settings.serve.grace_s)),
        lifespan="on",
        http=header_timeout_protocol(limits.header_timeout_s, ctx.connections),
        # the connection table keeps at most `connections` open (pushing out unproven ones first); uvicorn's
        # own cap would answer 503 at exactly that many, so it sits one above as a backstop
        limit_concurrency=limits.connections + 1,
        timeout_keep_alive=5,
    )
    server = _Server(config, ctx)
    if ready_file is not None:
        server.ready_file = ready_file
    server.run()
    if ctx.device_thread.start_error is not None:
        return 1
    return 0


class _Server:
    """uvicorn's Server with avatar's SIGTERM: drain first (readiness 503, in-flight requests finish within
    the grace period), then let uvicorn stop."""

    def __init__(self, config: Any, ctx: ServerContext) -> None:
        import uvicorn

        ctx_ref = ctx
        outer = self
        self.ready_file: Path | None = None

        class Server(uvicorn.Server):
            def handle_exit(self, sig: int, frame: FrameType | None) -> None:
                if ctx_ref.phase in ("draining", "stopped", "failed") or sig not in (signal.SIGTERM, signal.SIGINT):
                    super().handle_exit(sig, frame)
                    return
                # A signal handler runs between two bytecodes of the main thread, which may be inside a
                # logging handler or Thread.start holding a (non-reentrant) lock: it only flags the drain,
                # and the drain thread, started before any signal, logs and does the rest.
                ctx_ref.phase = "draining"
                outer.signalled = sig
                outer.drain_requested.set()

            async def startup(self, sockets: Any = None) -> None:
                await super().startup(sockets)
                if outer.ready_file is not None and self.started:
                    port = self.servers[0].sockets[0].getsockname()[1] if self.servers else config.port
                    outer.ready_file.write_text(f"{port}\n")

        self.server = Server(config)
        self.ctx = ctx
        self.signalled: int = signal.SIGTERM
        self.drain_requested = threading.Event()
        self._drainer = threading.Thread(target=self._drain, args=(self.server,), name="avatar-drain", daemon=True)
        self._drainer.start()

    def _drain(self, server: Any) -> None:
        self.drain_requested.wait()
        logger.info(
            "signal %s: draining (grace %.0f s)", signal.Signals(self.signalled).name, self.ctx.settings.serve.grace_s
        )
        deadline = time.monotonic() + self.ctx.settings.serve.grace_s
        while time.monotonic() < deadline:
            with self.ctx.lock:
                busy = self.ctx.inflight
            if busy == 0 and not self.ctx.device_thread.busy and self.ctx.device_thread.tasks.empty():
                break
            time.sleep(0.05)
        else:
            logger.warning("grace period over with requests in flight; stopping anyway")
        server.should_exit = True

    def run(self) -> None:
        self.server.run()
