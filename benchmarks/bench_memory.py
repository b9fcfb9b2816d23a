"""Peak RSS of a pipeline of big stages (real torch weights) versus its largest stage (target <= 1.1 x the
largest stage plus the idle process baseline).

    python benchmarks/bench_memory.py [--sizes 300,900,500]
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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from plugin_stages import install_plugin


def child_peak_mb(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    """Run a command and sample its RSS every 5 ms from outside (the runner resets the kernel's own
    peak counter per stage, so getrusage cannot be used for the whole run)."""
    import psutil

    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    ps = psutil.Process(proc.pid)
    peak = 0.0
    while proc.poll() is None:
        try:
            peak = max(peak, ps.memory_info().rss / 2**20)
        except psutil.NoSuchProcess:
            break
        time.sleep(0.005)
    out, err = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"command failed: {err}")
    return peak, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,900,500")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = install_plugin(Path(tmp) / "plugin")
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
            AVATAR_STATE_DIR=str(Path(tmp) / "state"),
        )
        stages = "\n".join(f"  - {{id: s{i}, uses: alloc, with: {{mb: {mb}}}}}" for i, mb in enumerate(sizes))
        pipe = Path(tmp) / "p.yaml"
        pipe.write_text(f"name: big\nstages:\n{stages}\n")
        idle, _ = child_peak_mb([sys.executable, "-c", "import torch, avatar.pipeline.runner, avatar_test_stages"], env)
        peak, out = child_peak_mb(
            [
                sys.executable,
                "-m",
                "avatar",
                "run",
                str(pipe),
                "--text",
                "x",
                "--out",
                str(Path(tmp) / "o"),
                "--json",
            ],
            env,
        )
    manifest = json.loads(out)
    largest = max(sizes)
    target = 1.1 * largest + idle
    print(f"stages (MB)            : {sizes} (sum {sum(sizes)})")
    print(f"idle process baseline  : {idle:7.0f} MB (python + torch + avatar imported)")
    for s in manifest["stages"]:
        print(
            f"  {s['id']:4s} +peak {s['peak_delta_mb']:7.0f} MB, after cleanup {s['memory_after_cleanup_mb']:7.0f} MB, "
            f"returned {s['memory_returned']}"
        )
    print(f"whole-run peak RSS     : {peak:7.0f} MB")
    print(
        f"1.1 x largest + idle   : {target:7.0f} MB  ({'PASS' if peak <= target else 'FAIL'}; "
        f"ratio {(peak - idle) / largest:.2f} x largest stage)"
    )


if __name__ == "__main__":
    main()
