"""Interactive work beside a studio run: streamed three-sentence speech, time to first audio p50/p95 idle and
while the default pipeline renders a long studio run (target: median under the run <= 3x idle), and the
latency of bad requests (a 4-byte "recording", zero-width text, an unknown pipeline) under the run
(target < 200 ms). A real `avatar serve` on 127.0.0.1 with one key.

    python benchmarks/bench_interactive.py [--words 2000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from bench_serve import ttfa
from processes import running_server

WORDS = "The studio renders this script while other people talk to the same server. "


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bad_requests(c: httpx.Client) -> dict[str, float]:
    cases = {
        "voice upload, 4 bytes": lambda: c.post("/v1/voices", data={"name": "x"}, files={"audio": ("a.wav", b"abcd")}),
        "run, zero-width text": lambda: c.post("/v1/runs", data={"text": "\u200b\u200d"}),
        "run, unknown pipeline": lambda: c.post("/v1/runs", data={"text": "Hi.", "pipeline": "nope"}),
        "speech, unknown voice": lambda: c.post(
            "/v1/audio/speech", json={"model": "piper", "voice": "nobody", "input": "Hi."}
        ),
    }
    out = {}
    for name, call in cases.items():
        t0 = time.perf_counter()
        r = call()
        out[name] = time.perf_counter() - t0
        assert 400 <= r.status_code < 500, (name, r.status_code, r.text)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with running_server(root, keys={"bench": False}) as server, server.client("bench", timeout=600) as c:
            ttfa(c)  # warm
            idle = [ttfa(c) for _ in range(args.repeat)]
            idle_bad = bad_requests(c)
            n = max(1, args.words // len(WORDS.split()))
            r = c.post("/v1/runs", data={"text": WORDS * n})
            r.raise_for_status()
            run_id = r.json()["id"]
            while c.get(f"/v1/runs/{run_id}").json()["state"] != "running":
                time.sleep(0.1)
            busy = [ttfa(c) for _ in range(args.repeat)]
            busy_bad = bad_requests(c)
            state = c.get(f"/v1/runs/{run_id}").json()["state"]
            c.delete(f"/v1/runs/{run_id}")
    print(f"{args.words}-word default-pipeline studio run; still {state} after the measurements")
    print(f"{'time to first audio':32s} {'idle':>10s} {'under the run':>14s}")
    for label, q in (("p50", 0.5), ("p95", 0.95)):
        print(f"{label:32s} {pct(idle, q) * 1000:8.0f} ms {pct(busy, q) * 1000:12.0f} ms")
    ratio = statistics.median(busy) / statistics.median(idle)
    print(f"{'median ratio (target <= 3x)':32s} {ratio:10.2f}x")
    print(f"{'bad request':32s} {'idle':>10s} {'under the run':>14s}")
    for name in idle_bad:
        print(f"{name:32s} {idle_bad[name] * 1000:8.0f} ms {busy_bad[name] * 1000:12.0f} ms")


if __name__ == "__main__":
    main()
