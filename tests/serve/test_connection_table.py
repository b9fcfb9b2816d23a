"""The connection table's admission rule, in milliseconds: the oldest unproven connection makes room (of the
same address first), a proven one never does, and a refused newcomer costs nobody their place."""

from __future__ import annotations

from avatar.serve.connections import ConnectionTable


class Conn:
    def __init__(self) -> None:
        self.evicted = False

    def evict(self) -> None:
        self.evicted = True


def test_the_oldest_unproven_connection_makes_room_and_proven_ones_stay() -> None:
    table = ConnectionTable(total=3, per_client=2)
    a1, a2, b1, a3, c1 = Conn(), Conn(), Conn(), Conn(), Conn()
    assert table.opened(a1, ("10.0.0.1", 1)) and table.opened(a2, ("10.0.0.1", 2))
    table.prove(("10.0.0.1", 1))  # a1 is serving an authenticated request
    assert table.opened(b1, ("10.0.0.2", 1))
    # a third from 10.0.0.1: its own oldest unproven (a2, not the proven a1) goes
    assert table.opened(a3, ("10.0.0.1", 3))
    assert a2.evicted and not a1.evicted and not b1.evicted
    # the table is full (a1, b1, a3): the oldest unproven anywhere goes
    assert table.opened(c1, ("10.0.0.3", 1))
    assert b1.evicted and not a1.evicted and not a3.evicted


def test_when_every_place_is_proven_the_newcomer_is_refused_and_nobody_loses_theirs() -> None:
    table = ConnectionTable(total=2, per_client=1)
    a, b, late = Conn(), Conn(), Conn()
    assert table.opened(a, ("10.0.0.1", 1)) and table.opened(b, ("10.0.0.2", 1))
    table.prove(("10.0.0.1", 1))
    table.prove(("10.0.0.2", 1))
    assert not table.opened(late, ("10.0.0.2", 2))
    assert not a.evicted and not b.evicted
    # once b's request is over it is unproven again, and makes room
    table.settle(("10.0.0.2", 1))
    assert table.opened(late, ("10.0.0.2", 2)) and b.evicted and not a.evicted
    table.closed(("10.0.0.2", 2), late)
    assert table.opened(Conn(), ("10.0.0.3", 1))
