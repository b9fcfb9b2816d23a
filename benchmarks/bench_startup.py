"""`avatar --help` start-up time minus a bare `python -c pass` (target <= 0.3 s); with ``--serve``, also
`avatar serve` from its start to /ready answering 200 and the CPU it took (user and system, its children
included), and a server stopped at start by a wrong setting (an unknown recogniser option).

python benchmarks/bench_startup.py [--repeat 15] [--serve 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def timed(cmd: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def serve_start(repeat: int) -> None:
    """Seconds and CPU seconds from `avatar serve` to /ready, and to a wrong setting's one-line exit."""
    import httpx
    from processes import free_port, server_env

    ready, ready_cpu, wrong, wrong_cpu = [], [], [], []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
            env, port = server_env(Path(tmp)), free_port()
            cpu0, t0 = children_cpu(), time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "avatar", "serve", "--port", str(port)], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.05)
            ready.append(time.perf_counter() - t0)
            proc.terminate()
            proc.wait(60)
            ready_cpu.append(children_cpu() - cpu0)
            cpu0, t0 = children_cpu(), time.perf_counter()
            bad = [sys.executable, "-m", "avatar", "serve", "--set", "serve.live.asr_options.beam_sise=3"]
            done = subprocess.run(bad, env=env, capture_output=True, text=True)
            assert done.returncode != 0 and "beam_sise" in done.stderr, done.stderr
            wrong.append(time.perf_counter() - t0)
            wrong_cpu.append(children_cpu() - cpu0)
    med = statistics.median
    print(f"avatar serve to /ready      : {med(ready):6.2f} s, {med(ready_cpu):6.2f} s CPU to its exit "
          f"(median of {repeat}; load average {os.getloadavg()[0]:.1f})")  # fmt: skip
    print(f"avatar serve, wrong setting : {med(wrong):6.2f} s, {med(wrong_cpu):6.2f} s CPU to its one-line exit")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--serve", type=int, default=0, metavar="N", help="also time `avatar serve`'s start N times")
    args = ap.parse_args()
    bare = timed([sys.executable, "-c", "pass"], args.repeat)
    help_ = timed([sys.executable, "-m", "avatar", "--help"], args.repeat)
    extra = help_ - bare
    print(f"python -c pass      : {bare * 1000:7.1f} ms (median of {args.repeat})")
    print(f"avatar --help       : {help_ * 1000:7.1f} ms")
    print(f"avatar start-up cost: {extra * 1000:7.1f} ms  (target <= 300 ms: {'PASS' if extra <= 0.3 else 'FAIL'})")
    if args.serve:
        serve_start(args.serve)


if __name__ == "__main__":
    main()
