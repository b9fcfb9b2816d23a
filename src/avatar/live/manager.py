"""Every open live session of the server: created per user, listed per user (another user's session is a
404, as if it did not exist), capped at ``serve.live.max_sessions``, closed when idle past
``serve.live.idle_timeout_s``, when the peer goes, or when the server stops."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from avatar.errors import InputError, UnknownNameError
from avatar.live.metrics import LiveMetrics
from avatar.serve.errors import Busy, HTTPFacingError

if TYPE_CHECKING:
    from avatar.live.session import LiveSession
    from avatar.serve.context import ServerContext

logger = logging.getLogger(__name__)

SWEEP_S = 1.0
# aioice checks that the peer is still there every CONSENT_INTERVAL s and gives up after CONSENT_FAILURES
# misses: 30 s by default. A session's render task and memory should not outlive a vanished peer that
# long, so the server checks every second (about 6 s to notice).
CONSENT_INTERVAL_S = 1


def tune_ice() -> None:
    import aioice.ice

    aioice.ice.CONSENT_INTERVAL = CONSENT_INTERVAL_S


class SessionManager:
    def __init__(self, ctx: ServerContext) -> None:
        self.ctx = ctx
        self.settings = ctx.settings.serve.live
        self.metrics = LiveMetrics(ctx.metrics.registry)
        self.sessions: dict[str, LiveSession] = {}
        self._sweeper: asyncio.Task[None] | None = None
        self._creating = 0

    def get(self, user: str, session_id: str) -> LiveSession:
        s = self.sessions.get(session_id)
        if s is None or s.user != user or s.closed:
            raise UnknownNameError("live session", session_id, hint="GET /v1/live/sessions lists yours")
        return s

    def list(self, user: str) -> list[LiveSession]:
        return [s for s in self.sessions.values() if s.user == user and not s.closed]

    def reserve(self) -> None:
        """Count a session being made; beyond max_sessions it is a 429 with Retry-After."""
        limit = self.settings.max_sessions
        if len(self.sessions) + self._creating >= limit:
            raise Busy(
                f"{limit} live session{'s' if limit != 1 else ''} open, the server's limit; retry later",
                self.ctx.settings.serve.retry_after_s,
                code="too_many_sessions",
            )
        self._creating += 1

    def release(self) -> None:
        self._creating -= 1

    def add(self, session: LiveSession) -> None:
        self.sessions[session.id] = session
        session.on_close(self._closed)
        self.metrics.sessions.set(len(self.sessions))
        self.metrics.sessions_total.inc()
        if self._sweeper is None or self._sweeper.done():
            self._sweeper = asyncio.get_running_loop().create_task(self._sweep())

    def _closed(self, session: LiveSession, reason: str) -> None:
        self.sessions.pop(session.id, None)
        self.metrics.sessions.set(len(self.sessions))
        self.metrics.closed.labels(reason.split()[0] if reason else "closed").inc()

    async def _sweep(self) -> None:
        while self.sessions:
            await asyncio.sleep(SWEEP_S)
            limit = self.settings.idle_timeout_s
            now = time.monotonic()
            for s in list(self.sessions.values()):
                if not s.speaking and not s.pending() and now - s.last_activity > limit:
                    await s.close(f"idle for {limit:g} s")

    async def close_all(self, reason: str) -> None:
        for s in list(self.sessions.values()):
            await s.close(reason)


def check_offer(sdp: Any, kind: Any) -> None:
    if kind != "offer":
        raise HTTPFacingError("type must be 'offer' (this server answers offers)", param="type", code="not_an_offer")
    if not isinstance(sdp, str) or not sdp.startswith("v=0") or "m=" not in sdp:
        raise InputError("sdp is not a session description (it must start with 'v=0' and have media lines)")


def public(sessions: list[LiveSession]) -> list[dict[str, Any]]:
    return [s.public() for s in sessions]
