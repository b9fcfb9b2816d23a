"""What the benchmarks share: run a command and sample its peak RSS from outside.

The runner resets the kernel's own peak counter (VmHWM) at every stage, so getrusage cannot give a whole
run's peak; sampling every few milliseconds can.
"""

from __future__ import annotations

import subprocess
import time


def run_polled(cmd: list[str], env: dict[str, str], interval: float = 0.005) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of ``cmd``; exits with its stderr if it fails."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    ps = psutil.Process(proc.pid)
    peak = 0.0
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            break
        time.sleep(interval)
    out, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"command failed: {err}")
    return time.perf_counter() - t0, peak, out
