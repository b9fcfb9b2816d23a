"""Streamed responses whose reader must keep reading (``serve.limits.stream_stall_s``).

The device thread's side of back-pressure is :class:`avatar.serve.device.tasks.Flow` (generation parks once
``serve.limits.stream_ahead_s`` of audio waits unread). This is the other end: a client that takes nothing
for ``stall_s`` (one body message not taken by the connection in that time: the socket's buffers are full and
nothing drains them) is cut off. ``on_stall`` runs (the generation is cancelled, so the job gives its queue
place back) and the connection is closed by the server.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from starlette.responses import StreamingResponse
from starlette.types import Message, Receive, Scope, Send

logger = logging.getLogger(__name__)


class _Stalled(Exception):
    """A body message the client did not take in time (internal: ends the response)."""


class ReaderResponse(StreamingResponse):
    """A :class:`StreamingResponse` that ends when its reader stalls for ``stall_s`` seconds."""

    def __init__(self, content: Any, stall_s: float, on_stall: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self.stall_s = float(stall_s)
        self.on_stall = on_stall

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def timed_send(message: Message) -> None:
            try:
                await asyncio.wait_for(send(message), self.stall_s)
            except TimeoutError:
                raise _Stalled from None

        try:
            await super().__call__(scope, receive, timed_send)
        except _Stalled:
            # Returning without finishing the response makes the server close the connection.
            logger.info(
                "cut off a streamed response: its reader took nothing for %g s (serve.limits.stream_stall_s)",
                self.stall_s,
            )
            self.on_stall()
