"""Peak RSS of a pipeline of big stages (real torch weights) versus its largest stage (target <= 1.1 x the
largest stage plus the idle process baseline).

    python benchmarks/bench_memory.py [--sizes 300,900,500]

On a CUDA device the stages hold their weights there, and what counts is the device: each stage's peak from
torch's statistics, and the device's free memory (NVML) before the stage loads and after it is cleaned up.

    python benchmarks/bench_memory.py --device cuda:0 --sizes 4000,12000,8000 [--isolate]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from measure import run_polled
from plugin_stages import install_plugin


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,900,500")
    ap.add_argument("--device", default=None, help="cuda:N: the stages' weights on that device")
    ap.add_argument("--isolate", action="store_true", help="each stage in a worker process of its own")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = install_plugin(Path(tmp) / "plugin")
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
            AVATAR_STATE_DIR=str(Path(tmp) / "state"),
        )
        isolate = ", isolate: true" if args.isolate else ""
        stages = "\n".join(f"  - {{id: s{i}, uses: alloc{isolate}, with: {{mb: {mb}}}}}" for i, mb in enumerate(sizes))
        settings = f"settings: {{device: '{args.device}'}}\n" if args.device else ""
        pipe = Path(tmp) / "p.yaml"
        pipe.write_text(f"name: big\n{settings}stages:\n{stages}\n")
        _, idle, _ = run_polled([sys.executable, "-c", "import torch, avatar.pipeline.runner, avatar_test_stages"], env)
        _, peak, out = run_polled(
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
    if args.device:
        _device_report(manifest, sizes)
        return
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


def _device_report(manifest: dict, sizes: list[int]) -> None:
    print(f"stages (MB)            : {sizes} (sum {sum(sizes)}), device {manifest['stages'][0]['device']}")
    for s in manifest["stages"]:
        before, after = s.get("device_free_before_mb"), s.get("device_free_after_mb")
        free = f"free {before:8.0f} -> {after:8.0f} MB" if before is not None and after is not None else "free n/a"
        print(
            f"  {s['id']:4s} +peak {s['peak_delta_mb']:7.0f} MB ({s['peak_method']}), {free}, "
            f"returned {s['memory_returned']}, isolated {s.get('isolated', False)}, stage {s['stage_wall_s']:.2f} s"
        )
    peaks = [s["peak_delta_mb"] for s in manifest["stages"]]
    print(f"largest stage peak     : {max(peaks):7.0f} MB (the sum would be {sum(sizes)} MB)")


if __name__ == "__main__":
    main()
