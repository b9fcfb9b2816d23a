"""Live sessions admitted by measured capacity, on an injected clock and CPU counter: the first session is
always admitted, a new one while the running ones' use leaves room for one more like them, else a 429 with
Retry-After and the figures; idle resets the measurement."""

from __future__ import annotations

import pytest

from avatar.serve.errors import Busy, describe
from avatar.serve.live_capacity import MIN_SPAN_S, Capacity


class Machine:
    def __init__(self) -> None:
        self.t = 0.0
        self.cpu_s = 0.0

    def run(self, seconds: float, cores: float) -> None:
        self.t += seconds
        self.cpu_s += seconds * cores


def capacity(cores: float) -> tuple[Capacity, Machine]:
    m = Machine()
    return Capacity(cores, clock=lambda: m.t, cpu=lambda: m.cpu_s), m


def test_the_first_session_is_admitted_and_so_is_one_that_fits() -> None:
    cap, m = capacity(2.0)
    cap.admit(0, 5)  # nothing runs: nothing to measure
    for _ in range(4):
        m.run(1.0, 0.6)  # one session drawing at 0.6 of a core
        cap.sample(1)
    use = cap.use()
    assert use is not None and use.cores == pytest.approx(0.6) and use.per_session == pytest.approx(0.6)
    cap.admit(1, 5)  # 0.6 + 0.6 <= 2


def test_one_more_like_the_running_ones_that_would_not_fit_is_a_429_with_the_figures() -> None:
    cap, m = capacity(2.0)
    for _ in range(4):
        m.run(1.0, 1.5)  # two sessions, 0.75 each
        cap.sample(2)
    with pytest.raises(Busy) as refused:
        cap.admit(2, 7)
    status, body, headers = describe(refused.value)
    assert status == 429 and headers["Retry-After"] == "7" and body["error"]["code"] == "no_capacity"
    figures = body["error"]["figures"]
    assert figures["used_cores"] == pytest.approx(1.5, abs=0.01) and figures["per_session_cores"] == 0.75
    assert "serve.live.cpu_cores" in body["error"]["message"]


def test_a_short_or_idle_past_is_not_a_measurement() -> None:
    cap, m = capacity(0.1)
    m.run(MIN_SPAN_S / 2, 4.0)
    cap.sample(1)
    cap.admit(1, 5)  # under MIN_SPAN_S measured: admitted
    for _ in range(3):
        m.run(1.0, 4.0)
        cap.sample(1)
    with pytest.raises(Busy):
        cap.admit(1, 5)
    m.run(1.0, 0.0)
    cap.sample(0)  # every session gone: the old figures go too
    cap.admit(0, 5)
    m.run(0.5, 0.01)
    cap.admit(1, 5)  # a fresh session, not yet measured long enough


def test_only_the_recent_past_counts() -> None:
    cap, m = capacity(2.0)
    for _ in range(10):
        m.run(1.0, 1.9)  # busy earlier
        cap.sample(1)
    for _ in range(10):
        m.run(1.0, 0.3)  # quiet for the last ten seconds
        cap.sample(1)
    use = cap.use()
    assert use is not None and use.cores == pytest.approx(0.3, abs=0.05)
    cap.admit(1, 5)
