"""The `alone` marker's lock (hooks `tests/conftest.py` imports): with pytest-xdist's workers (`make test`
runs two), a test marked `alone` runs with no other work running, because its call holds a lock file
exclusively that every other test holds shared. Those are the tests that read the whole machine (its free
memory) or bound a time the other worker's load would stretch.

The lock is held around a test's whole run (setup, call and teardown, in one hold), not around its body
only: a module's server (or the container image's build) starts in the setup of the module's first test and
stops in the teardown of its last, and that work loads the machine as much as a test does. Held only around
the body (as a fixture held it before), a server starting on the other worker ran beside an `alone` test;
held per phase, the other worker's work slipped in between an `alone` test's fixture and its body. Without
xdist this does nothing."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def _held(item: pytest.Item, exclusive: bool) -> Iterator[None]:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    # xdist gives each worker a base folder (popen-gw0, popen-gw1) in the run's own: the lock lives there
    with open(Path(item.config.option.basetemp).parent / "alone.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _alone(item: pytest.Item) -> bool:
    return item.get_closest_marker("alone") is not None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """One hold for the test's setup, call and teardown together: an `alone` test's fixture (a budget read
    from the free memory) and its body see the same quiet machine, with nothing let in between them."""
    with _held(item, _alone(item)):
        return (yield)
