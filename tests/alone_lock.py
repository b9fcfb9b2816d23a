"""The `alone` marker's lock (the fixture `tests/conftest.py` uses): with pytest-xdist's workers (`make test`
runs two), a test marked `alone` runs with no other test running, because it holds a lock file exclusively
that every other test holds shared. Those are the tests that read the whole machine (its free memory) or
bound a time the other worker's load would stretch. Without xdist this does nothing."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def machine_to_itself(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    mode = fcntl.LOCK_EX if request.node.get_closest_marker("alone") else fcntl.LOCK_SH
    # the workers' base folders (popen-gw0, popen-gw1) share one parent: the run's own
    with open(tmp_path_factory.getbasetemp().parent / "alone.lock", "a") as lock:
        fcntl.flock(lock, mode)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
