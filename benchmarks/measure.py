"""What the benchmarks share: run a command and sample its peak RSS from outside; the portraits the face
benchmarks draw.

The runner resets the kernel's own peak counter (VmHWM) at every stage, so getrusage cannot give a whole
run's peak; sampling every few milliseconds can.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


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


def sample_portraits() -> list[Path]:
    """The bundled default portrait, and matplotlib's Grace Hopper photo where matplotlib is installed: a
    second face (glasses, an older face, another crop) that the renderer was not tuned on alone."""
    from avatar.video.portrait import default_portrait

    portraits = [default_portrait()]
    try:
        import matplotlib
    except ImportError:
        print("matplotlib is not installed: the bundled portrait only")
        return portraits
    hopper = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    if hopper.exists():
        portraits.append(hopper)
    return portraits
