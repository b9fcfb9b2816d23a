"""`avatar serve` on warm piper: time to first audio of a streamed three-sentence request (target <= 150 ms),
overhead of a non-streamed request against calling piper directly (target <= 10 %), throughput at 1, 4 and
16 concurrent clients, server RSS after N requests against after 10 (target <= 1.05x), and load / unload
times with whether the memory came back.

    python benchmarks/bench_serve.py [--repeat 10] [--requests 1000]

The server is a real `avatar serve` process on 127.0.0.1 (no keys, loopback), started and stopped by the tests'
`running_server` (SIGTERM must end it with exit 0); the client is httpx.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from processes import running_server

THREE = "Avatar has a server now. It streams speech sentence by sentence. The first one arrives early."
SHORT = "Hello from the server."


def rss_mb(pid: int) -> float:
    import psutil

    return float(psutil.Process(pid).memory_info().rss) / 2**20


def speak(c: httpx.Client, text: str, **extra: object) -> bytes:
    r = c.post(
        "/v1/audio/speech", json={"model": "piper", "voice": "joe", "input": text, "response_format": "wav"} | extra
    )
    r.raise_for_status()
    return r.content


def ttfa(c: httpx.Client) -> float:
    t0 = time.perf_counter()
    body = {"model": "piper", "voice": "joe", "input": THREE, "response_format": "pcm", "stream_format": "audio"}
    first = None
    with c.stream("POST", "/v1/audio/speech", json=body) as r:
        for block in r.iter_raw():
            if block and first is None:
                first = time.perf_counter() - t0
    if first is None:
        raise SystemExit("no audio")
    return first


def direct_seconds(text: str, repeat: int) -> float:
    """piper in this process, the same backend code the server runs, no HTTP, no encoding."""
    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend

    backend = PiperBackend("cpu", "float32")
    backend.load()
    backend.speak(SynthesisRequest(text))
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        backend.speak(SynthesisRequest(text))
        times.append(time.perf_counter() - t0)
    backend.unload()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=10)
    ap.add_argument("--requests", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp)) as server:
        proc = server.proc
        with server.client(timeout=300) as c:
            speak(c, "Warm up.")
            first = [ttfa(c) for _ in range(args.repeat)]
            sentence = direct_seconds(THREE.split(". ")[0] + ".", args.repeat)
            ms = statistics.median(first) * 1000
            print(
                f"time to first audio, streamed 3 sentences, warm piper: median {ms:.0f} ms "
                f"(min {min(first) * 1000:.0f}, max {max(first) * 1000:.0f}; target <= 150 ms); "
                f"piper alone on the first sentence: {sentence * 1000:.0f} ms"
            )

            served = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                speak(c, THREE)
                served.append(time.perf_counter() - t0)
            direct = direct_seconds(THREE, args.repeat)
            s = statistics.median(served)
            print(
                f"non-streamed request {s * 1000:.0f} ms vs piper directly {direct * 1000:.0f} ms: "
                f"overhead {100 * (s - direct) / direct:+.1f} % (target <= 10 %)"
            )

        for clients in (1, 4, 16):
            n = max(16, clients * 4)

            def one(_: int) -> None:
                with server.client(timeout=300) as cc:
                    speak(cc, SHORT)

            t0 = time.perf_counter()
            with ThreadPoolExecutor(clients) as pool:
                list(pool.map(one, range(n)))
            wall = time.perf_counter() - t0
            print(
                f"throughput, {clients:2d} concurrent clients: {n / wall:.1f} requests/s ({n} requests in {wall:.1f} s)"
            )

        with server.client(timeout=300) as c:
            for _ in range(10):
                speak(c, SHORT)
            after10 = rss_mb(proc.pid)
            for i in range(args.requests - 10):
                speak(c, f"{SHORT} Number {i}.", response_format="mp3" if i % 2 else "wav")
            after_n = rss_mb(proc.pid)
            print(
                f"server RSS after 10 requests {after10:.0f} MB, after {args.requests}: {after_n:.0f} MB "
                f"= {after_n / after10:.3f}x (target <= 1.05x)"
            )

            for _ in range(3):
                u = c.post("/v1/models/piper/unload").json()
                ld = c.post("/v1/models/piper/load").json()
                print(
                    f"unload {u['seconds'] * 1000:.0f} ms "
                    f"({u['memory_before_mb']:.0f} -> {u['memory_after_mb']:.0f} MB, "
                    f"returned {u['returned_mb']:.0f} MB, within tolerance: {u['returned']}); "
                    f"load {ld['seconds'] * 1000:.0f} ms "
                    f"({ld['memory_before_mb']:.0f} -> {ld['memory_after_mb']:.0f} MB)"
                )


if __name__ == "__main__":
    main()
