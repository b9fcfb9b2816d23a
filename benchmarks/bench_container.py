"""The container image's figures: build time (as built now: cold with --no-cache, or with the layer cache),
image size and what takes the space, container start to /ready, first speech request, one `avatar run`.

    .venv/bin/python benchmarks/bench_container.py [--image localhost/avatar:latest] [--starts 3] [--no-cache]
                                                   [--json]

Builds with scripts/build-image.sh first (podman's layer cache makes that seconds when nothing changed).
Without podman it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE = "/opt/avatar/lib/python3.11/site-packages"


def podman_argv() -> list[str]:
    runtime = shutil.which("runc")
    return ["podman", *(["--runtime", runtime] if runtime else [])]


def podman(*args: str, timeout: float = 300) -> str:
    return subprocess.run([*podman_argv(), *args], capture_output=True, text=True, timeout=timeout, check=True).stdout


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, limit: float = 120) -> float:
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            with urllib.request.urlopen(f"{url}/ready", timeout=2) as r:
                if r.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.05)
    raise SystemExit("the server never became ready")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--image", default="localhost/avatar:latest")
    ap.add_argument("--starts", type=int, default=3)
    ap.add_argument("--no-cache", action="store_true", help="build without podman's layer cache (cold)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if shutil.which("podman") is None:
        print("bench_container: podman is not installed (scripts/build-image.sh installs it); nothing measured")
        return
    figures: dict[str, object] = {"image": args.image}

    started = time.monotonic()
    subprocess.run(["bash", "scripts/build-image.sh", *(["--no-cache"] if args.no_cache else [])], cwd=REPO,
                   env={**os.environ, "IMAGE": args.image}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    figures["build_s" + ("_no_cache" if args.no_cache else "_cached")] = round(time.monotonic() - started, 1)
    figures["image_bytes"] = int(podman("image", "inspect", "--format", "{{.Size}}", args.image).strip())
    du = podman("run", "--rm", "--network", "none", "--entrypoint", "sh", args.image, "-c",
                f"du -sm /usr /opt/avatar; du -sm {SITE}/* 2>/dev/null | sort -n | tail -10")  # fmt: skip
    figures["du_mb"] = {line.split("\t")[1].replace(SITE + "/", ""): int(line.split("\t")[0])
                        for line in du.splitlines() if "\t" in line}  # fmt: skip

    state = tempfile.mkdtemp(prefix="avatar-bench-state-")
    outputs = tempfile.mkdtemp(prefix="avatar-bench-outputs-")
    try:
        Path(state).chmod(0o777)
        Path(outputs).chmod(0o777)
        key = podman("run", "--rm", "-v", f"{state}:/data/state", args.image, "serve", "keys", "add", "bench").strip()
        starts: list[float] = []
        first_speech: list[float] = []
        stops: list[float] = []
        for i in range(args.starts):
            port = free_port()
            name = f"avatar-bench-{i}"
            t0 = time.monotonic()
            podman("run", "-d", "--name", name, "-p", f"127.0.0.1:{port}:8000", "-v", f"{state}:/data/state",
                   args.image)  # fmt: skip
            try:
                starts.append(round(time.monotonic() - t0 + wait_ready(f"http://127.0.0.1:{port}"), 2))
                body = json.dumps({"model": "tts-1", "voice": "alloy", "input": "Hello from the container."}).encode()
                req = urllib.request.Request(f"http://127.0.0.1:{port}/v1/audio/speech", data=body, headers={
                    "Authorization": f"Bearer {key}", "Content-Type": "application/json"})  # fmt: skip
                t1 = time.monotonic()
                with urllib.request.urlopen(req, timeout=120) as r:
                    r.read()
                first_speech.append(round(time.monotonic() - t1, 2))
            finally:
                t2 = time.monotonic()
                podman("stop", "-t", "35", name)
                stops.append(round(time.monotonic() - t2, 2))
                podman("rm", name)
        figures["start_to_ready_s"] = starts
        figures["start_to_ready_median_s"] = statistics.median(starts)
        figures["first_speech_s"] = first_speech
        figures["stop_s"] = stops
        t3 = time.monotonic()
        podman("run", "--rm", "--network", "none", "-v", f"{outputs}:/data/outputs", args.image,
               "run", "--text", "Hello from inside the container.")  # fmt: skip
        figures["avatar_run_s"] = round(time.monotonic() - t3, 2)
    finally:
        shutil.rmtree(state, ignore_errors=True)
        shutil.rmtree(outputs, ignore_errors=True)

    if args.json:
        print(json.dumps(figures, indent=2))
        return
    for name, value in figures.items():
        print(f"{name:26} {value}")


if __name__ == "__main__":
    main()
