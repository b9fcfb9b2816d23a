"""Live sessions are admitted by capacity, not by a fixed count: what the running sessions measurably cost
the server's CPU, and whether one more like them would still fit.

Every session's work (drawing frames, encoding them, speaking its sentences, listening) runs in this process,
so the process's own CPU time is the measure: sampled about once a second while sessions run, its rate over
the last few seconds is what the sessions use now (with the server's own small idle cost, which errs on the
safe side). A new session is taken to cost what the running ones cost on average. It is admitted while
``used + average`` stays within ``serve.live.cpu_cores`` (default: this machine's cores); otherwise it gets
429 with Retry-After and the figures. The first session is always admitted (nothing is measured yet), and
``serve.live.max_sessions`` stays the upper bound. The clock and the CPU counter are seams, so the rule is
unit-tested in milliseconds (``tests/unit/serve/test_capacity_rule.py``).
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from avatar.serve.errors import Busy

WINDOW_S = 5.0  # the rate is measured over this much of the recent past
MIN_SPAN_S = 1.0  # and not before this much has been seen


@dataclass(frozen=True)
class Use:
    cores: float  # CPU cores the process uses now
    sessions: int
    span_s: float  # over how long it was measured

    @property
    def per_session(self) -> float:
        return self.cores / self.sessions if self.sessions else 0.0


class Capacity:
    def __init__(
        self,
        cores: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        cpu: Callable[[], float] = time.process_time,
    ) -> None:
        self.cores = float(cores if cores is not None else (os.cpu_count() or 1))
        self.clock, self.cpu = clock, cpu
        self._samples: deque[tuple[float, float, int]] = deque()  # (time, cpu seconds, sessions)

    def sample(self, sessions: int) -> None:
        """Note the CPU counter now, with how many sessions were running since the last sample."""
        now = self.clock()
        self._samples.append((now, self.cpu(), sessions))
        while len(self._samples) > 2 and now - self._samples[1][0] >= WINDOW_S:
            self._samples.popleft()
        if sessions == 0:
            self._samples.clear()  # idle: the next measurement starts with the next session
            self._samples.append((now, self.cpu(), 0))

    def use(self) -> Use | None:
        """What the running sessions use, or None until :data:`MIN_SPAN_S` of them has been measured."""
        if len(self._samples) < 2:
            return None
        (t0, c0, _), (t1, c1, _) = self._samples[0], self._samples[-1]
        sessions = min(n for _, _, n in list(self._samples)[1:])  # the fewest sessions seen over the window
        if t1 - t0 < MIN_SPAN_S or sessions == 0:
            return None
        return Use(max(0.0, (c1 - c0) / (t1 - t0)), sessions, t1 - t0)

    def admit(self, sessions: int, retry_after_s: int) -> None:
        """Raise :class:`Busy` (429) when one more session like the running ones would not fit."""
        self.sample(sessions)
        use = self.use() if sessions else None
        if use is None:
            return
        if use.cores + use.per_session > self.cores:
            figures = {"cpu_cores": round(self.cores, 2), "used_cores": round(use.cores, 2),
                       "per_session_cores": round(use.per_session, 2), "sessions": use.sessions,
                       "measured_s": round(use.span_s, 1)}  # fmt: skip
            raise Busy(
                f"the {use.sessions} live session{'s' if use.sessions != 1 else ''} running use {use.cores:.2f} of "
                f"the {self.cores:g} CPU cores live sessions may fill (serve.live.cpu_cores), {use.per_session:.2f} "
                "each: another would not fit; retry later",
                retry_after_s,
                code="no_capacity",
                figures=figures,
            )
