"""Freed heap pages given back (`avatar.hardware.device.trim_heap`, which `avatar serve` calls every
`serve.trim_heap_s` and the chat's own process after each reply): glibc keeps the pages of chunks freed in the
middle of a heap resident, so a long-lived server's RSS rose with use (README, "Memory over a 10-minute
conversation"). A real child process fragments its main heap with real malloc'd chunks; RSS is read from
/proc."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's heap")

PROBE = textwrap.dedent(
    """
    import ctypes, sys
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    CHUNK = 64 * 1024  # under the mmap threshold: from the heap
    chunks = [libc.malloc(CHUNK) for _ in range(3200)]  # 200 MB
    for p in chunks:
        ctypes.memset(p, 1, CHUNK)  # resident
    pin = libc.malloc(CHUNK)  # above them all: the heap's top cannot shrink when they are freed
    ctypes.memset(pin, 1, CHUNK)
    for p in chunks:
        libc.free(p)
    before = rss_mb()
    if sys.argv[1] == "trim":
        from avatar.hardware.device import trim_heap
        trim_heap()
    print(before, rss_mb())
    """
)


def freed_mb(mode: str) -> float:
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True)
    before, after = (float(x) for x in out.stdout.split())
    return before - after


def test_trimming_gives_back_the_freed_middle_of_the_heap() -> None:
    assert freed_mb("keep") < 20  # glibc alone keeps the 200 MB freed under the pinned chunk: what trimming is for
    assert freed_mb("trim") > 150
