"""Connections that cannot hold the server: the pre-authentication part of the cost shares.

Every connection is in :class:`ConnectionTable` from the moment it opens. Until one of its requests has shown
a valid key (or the server is keyless), it is *unproven*, and unproven connections are what an attacker
without a key can hold. So:

- a client must finish sending a request's headers within ``serve.limits.header_timeout_s``, and a
  connection that sends nothing at all is closed after the same time;
- at most ``serve.limits.connections`` are open in all, and at most ``serve.limits.client_connections`` from
  one client address. When either is full, a new connection takes the place of the *oldest unproven one*
  (of that address, or anywhere), so holding places is futile: each new client, whose headers arrive at
  once, pushes out the slowest. Only when every place is proven is a new connection refused;
- a request body is read only after its key is checked (the request middleware answers 401 first), and
  must keep up a minimum average rate (``serve.limits.body_min_kb_s``, after ``body_timeout_s`` of grace);
- proven requests are counted per user (``serve.limits.requests``) by the request middleware.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

logger = logging.getLogger(__name__)


@dataclass
class _Conn:
    protocol: Any
    address: str
    key: tuple[Any, ...]
    proven: int = 0  # proven requests in flight on this connection (0 or 1 with HTTP/1.1)


class ConnectionTable:
    """Open connections by client (address, port), oldest first; see the module docstring."""

    def __init__(self, total: int, per_client: int) -> None:
        self.total = total
        self.per_client = per_client
        self._lock = threading.Lock()
        self._conns: dict[tuple[Any, ...], _Conn] = {}

    def opened(self, protocol: Any, client: tuple[Any, ...] | None) -> bool:
        """Admit a new connection, pushing out the oldest unproven one where a cap is reached. False: every
        place is proven, and the caller closes the new connection."""
        key = tuple(client) if client else (id(protocol),)
        address = str(key[0])
        with self._lock:
            # the oldest unproven connection of this address, then anywhere (dicts keep the order of opening)
            victims: list[_Conn | None] = []
            mine = [c for c in self._conns.values() if c.address == address]
            if len(mine) >= self.per_client:
                victims.append(next((c for c in mine if not c.proven), None))
            if len(self._conns) - len(victims) >= self.total:
                chosen = {id(v) for v in victims}
                victims.append(next((c for c in self._conns.values() if not c.proven and id(c) not in chosen), None))
            if any(v is None for v in victims):
                return False  # every place that could be freed is held by an authenticated request
            for victim in victims:
                assert victim is not None
                del self._conns[victim.key]
            self._conns[key] = _Conn(protocol, address, key)
        for victim in victims:
            assert victim is not None
            logger.info("closed an unauthenticated connection from %s to make room", victim.address)
            victim.protocol.evict()
        return True

    def closed(self, client: tuple[Any, ...] | None, protocol: Any) -> None:
        key = tuple(client) if client else (id(protocol),)
        with self._lock:
            conn = self._conns.get(key)
            if conn is not None and conn.protocol is protocol:
                del self._conns[key]

    def prove(self, client: tuple[Any, ...] | None) -> None:
        """The connection's current request showed a valid key (or a valid signed link)."""
        if client:
            with self._lock:
                conn = self._conns.get(tuple(client))
                if conn is not None:
                    conn.proven += 1

    def settle(self, client: tuple[Any, ...] | None) -> None:
        """The proven request is over; an idle connection is unproven again until its next request."""
        if client:
            with self._lock:
                conn = self._conns.get(tuple(client))
                if conn is not None and conn.proven:
                    conn.proven -= 1


def prove_request(scope: Any, table: ConnectionTable | None) -> None:
    """A route vouches for its request (a valid signed link, which carries no key): its connection is not
    pushed out while the response is sent; the request middleware settles it at the end."""
    state = scope.setdefault("state", {})
    if table is not None and not state.get("proven"):
        state["proven"] = True
        table.prove(scope.get("client"))


class HeaderTimeoutH11(H11Protocol):
    """uvicorn's h11 protocol with a deadline on each request's headers, in a :class:`ConnectionTable`."""

    header_timeout_s: float = 10.0
    table: ConnectionTable | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if self.table is not None and not self.table.opened(self, self.client):
            logger.info("refused a connection from %s: every place is held by authenticated requests",
                        self.client[0] if self.client else "?")  # fmt: skip
            self.transport.close()
            return
        self._arm()

    def evict(self) -> None:
        """Close this connection (another took its place): at once, whatever it was doing."""
        self._disarm()
        if not self.transport.is_closing():
            self.transport.close()

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
        if self.table is not None:
            self.table.closed(self.client, self)
        super().connection_lost(exc)


def header_timeout_protocol(seconds: float, table: ConnectionTable | None = None) -> type[HeaderTimeoutH11]:
    return type("BoundedH11Protocol", (HeaderTimeoutH11,), {"header_timeout_s": float(seconds), "table": table})
