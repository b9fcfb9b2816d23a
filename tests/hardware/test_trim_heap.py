"""Freed heap pages given back (`avatar.hardware.device.trim_heap`, which `avatar serve` calls every
`serve.trim_heap_s`, the chat's own process after each reply, and every stage's force-clean on the CPU):
glibc keeps the pages of chunks freed in the middle of a heap resident, so a long-lived server's RSS rose
with use (README, "Memory over a 10-minute conversation"). A real child process fragments its main heap with
real malloc'd chunks; RSS is read from /proc."""

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


CLEAN = """
import gc, sys
from avatar.hardware import device
def rss_mb():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024
blocks = [bytearray(1000) for _ in range(200_000)]  # 200 MB in chunks glibc keeps on its heap, not mmap
pin = bytearray(1000)  # the heap's top stays in use: only malloc_trim gives the pages below it back
del blocks
gc.collect()
before = rss_mb()
device.empty_caches(device.resolve("cpu"))
print(round(before - rss_mb()), "torch" in sys.modules)
"""


def test_cleaning_up_on_the_cpu_gives_the_heap_back_without_torch() -> None:
    """A stage's force-clean on the CPU trims glibc's heap whether torch was imported or not: piper's stage
    never imports it, and its freed memory stayed resident, reported as "did not return its memory"."""
    out = subprocess.run([sys.executable, "-c", CLEAN], capture_output=True, text=True, check=True, timeout=120)
    given_back, torch_imported = out.stdout.split()
    assert torch_imported == "False", out.stdout
    assert int(given_back) > 100, f"only {given_back} MB of 200 MB freed came back: {out.stdout}{out.stderr}"
