"""glibc's malloc arenas capped (`avatar.hardware.device.tune_allocator`, which `avatar serve`, the runner and
isolated workers call first): without the cap every thread's first allocation makes an arena of its own, and
freed chunks scattered over them kept a live server's memory growing (README, "Memory over a 10-minute
conversation"). Real threads in a real child process, the arenas counted by glibc's own malloc_info."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's arenas")

PROBE = textwrap.dedent(
    """
    import ctypes, os, sys, tempfile, threading
    import numpy as np
    if sys.argv[1] == "capped":
        from avatar.hardware import device as hw
        hw.tune_allocator()
    held = []
    together = threading.Barrier(8)
    def work():
        for _ in range(50):
            held.append(np.ones(4096))  # 32 KB: under the mmap threshold, so from this thread's arena
        together.wait()  # all alive at once: no thread takes over the arena of one that ended
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    libc.fopen.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
    libc.malloc_info.argtypes = [ctypes.c_int, ctypes.c_void_p]
    libc.fclose.argtypes = [ctypes.c_void_p]
    path = os.path.join(tempfile.mkdtemp(), "malloc.xml")
    fp = libc.fopen(path.encode(), b"w")
    libc.malloc_info(0, fp)
    libc.fclose(fp)
    print(open(path).read().count("<heap nr="))
    """
)


def arenas(mode: str) -> int:
    env = {k: v for k, v in __import__("os").environ.items() if k != "MALLOC_ARENA_MAX"}
    out = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=env, check=True)
    return int(out.stdout.strip())


def test_the_cap_holds_where_eight_threads_would_make_more_arenas() -> None:
    assert arenas("plain") > 2  # each thread made an arena of its own: what the cap is for
    assert arenas("capped") <= 2
