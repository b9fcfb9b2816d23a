"""glibc's heap in use (``mallinfo2``), read after avatar's own ``trim_heap`` has given the freed pages back:
what a process holds, without the free memory glibc keeps for reuse. For the child processes of memory tests
and benchmarks (Linux; put this folder on their PYTHONPATH, see :func:`child_env`)."""

from __future__ import annotations

import ctypes
import os
from pathlib import Path

from avatar.hardware.device import trim_heap

HERE = Path(__file__).resolve().parent


_FIELDS = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in _FIELDS.split()]


def heap_in_use_mb() -> float:
    trim_heap()
    libc = ctypes.CDLL("libc.so.6")
    libc.mallinfo2.restype = _MallInfo2
    return float(libc.mallinfo2().uordblks) / 2**20


def child_env(**extra: str) -> dict[str, str]:
    """This environment with this folder on PYTHONPATH (so a child can import these helpers), without the
    oneDNN kernel cache variables and glibc's arena cap that memory probes set themselves, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if "PRIMITIVE_CACHE_CAPACITY" not in k and k != "MALLOC_ARENA_MAX"}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE), env.get("PYTHONPATH", "")) if p)
    return {**env, **extra}
