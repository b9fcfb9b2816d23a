"""Batch vs separate runs: 20 jobs through the default pipeline.

    .venv/bin/python benchmarks/bench_batch.py [--jobs 20] [--pipeline FILE] [--json]

Measures (1) `avatar batch run` on a 20-job batch file: wall time, model loads per stage (target: one per
stage), and the store's bookkeeping time per job; (2) the same 20 texts as 20 separate `avatar run`
processes. Everything runs in a temporary folder with its own state and outputs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TEXTS = [
    "Welcome to the weekly update.",
    "Sales grew in every region this quarter.",
    "Our new office opens next month.",
    "Thank you for listening, and see you soon.",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=20)
    ap.add_argument("--pipeline", help="pipeline file or name (default: the built-in default pipeline)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="avatar-bench-") as d:
        tmp = Path(d)
        env = dict(os.environ, AVATAR_STATE_DIR=str(tmp / "state"), AVATAR_OUTPUTS_DIR=str(tmp / "outputs"))
        batch = tmp / "bench.yaml"
        lines = (
            ([f"pipeline: {Path(args.pipeline).resolve()}"] if args.pipeline else [])
            + ["jobs:"]
            + [f'  - {{id: job{i}, text: "{TEXTS[i % len(TEXTS)]}"}}' for i in range(args.jobs)]
        )
        batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
        avatar = [sys.executable, "-m", "avatar"]

        t0 = time.perf_counter()
        res = subprocess.run([*avatar, "batch", "run", str(batch), "--json"], capture_output=True, text=True, env=env)
        batch_s = time.perf_counter() - t0
        if res.returncode != 0:
            sys.exit(f"batch failed: {res.stderr[-2000:]}")
        summary = json.loads(res.stdout)

        t0 = time.perf_counter()
        for i in range(args.jobs):
            r = subprocess.run(
                [
                    *avatar,
                    "run",
                    *([str(Path(args.pipeline).resolve())] if args.pipeline else []),
                    "--text",
                    TEXTS[i % len(TEXTS)],
                    "--json",
                ],
                capture_output=True,
                text=True,
                env=env,
            )
            if r.returncode != 0:
                sys.exit(f"avatar run failed: {r.stderr[-2000:]}")
        separate_s = time.perf_counter() - t0

    result = {
        "jobs": args.jobs,
        "stages": summary["stages"],
        "model_loads": summary["model_loads"],
        "target_model_loads": summary["target_model_loads"],
        "batch_wall_s": round(batch_s, 2),
        "batch_inner_wall_s": summary["wall_s"],
        "separate_runs_wall_s": round(separate_s, 2),
        "speedup": round(separate_s / batch_s, 2),
        "ledger_s_total": summary["store_s"],
        "ledger_ms_per_job": round(1000 * summary["store_s"] / args.jobs, 2),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.jobs} jobs, stages {', '.join(result['stages'])}")
    print(f"  model loads:          {result['model_loads']} (target {result['target_model_loads']})")
    print(
        f"  avatar batch run:     {result['batch_wall_s']:.2f} s (workers' share {result['batch_inner_wall_s']:.2f} s)"
    )
    print(f"  {args.jobs} x avatar run:    {result['separate_runs_wall_s']:.2f} s")
    print(f"  speedup:              {result['speedup']:.1f}x")
    print(
        f"  store overhead:      {result['ledger_ms_per_job']:.2f} ms per job ({result['ledger_s_total']:.3f} s total)"
    )


if __name__ == "__main__":
    main()
