"""Connections that cannot hold the server: a client must finish sending a request's headers within
``serve.limits.header_timeout_s`` (slow-header, "slowloris" clients are cut off), and a connection that
sends nothing at all is closed after the same time. Body stalls are the request middleware's
(``serve.limits.body_timeout_s``); the number of connections is uvicorn's ``limit_concurrency``."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger(__name__)


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request's headers."""

    header_timeout_s: float = 10.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout_s, self._headers_late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def data_received(self, data: bytes) -> None:
        if self.conn.their_state is h11.IDLE:
            self._arm()  # the first bytes of a request (or of the next one on a kept-alive connection)
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._disarm()

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            logger.info("closed a connection from %s: no complete request headers within %.0f s",
                        self.client, self.header_timeout_s)  # fmt: skip
            self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._disarm()  # uvicorn's keep-alive timer watches the idle time until the next request

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


def header_timeout_protocol(seconds: float) -> type[HeaderTimeoutH11]:
    return type("BoundedH11Protocol", (HeaderTimeoutH11,), {"header_timeout_s": float(seconds)})
