"""The container image, built and run with podman: health check, speech through the OpenAI client, a pipeline
run into a bind-mounted folder, SIGTERM.

The image is built once per session by scripts/build-image.sh (podman's layer cache makes a rebuild of
unchanged sources take seconds). Marked `container`; deselect with
``-m 'not gpu and not slow and not container'``. Where podman is missing the tests skip, except in CI
(``CI=true``), where the build script installs podman or the tests fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import numpy as np
import pytest
from processes import decode, free_port

pytestmark = pytest.mark.container

REPO = Path(__file__).resolve().parents[2]
IMAGE = os.environ.get("AVATAR_TEST_IMAGE", "localhost/avatar:test")
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
GRACE_S = 30  # serve.grace_s's default: what SIGTERM gives in-flight requests
BUILD_TIMEOUT_S = 1800
READY_TIMEOUT_S = 120


def podman_argv() -> list[str]:
    """podman with the OCI runtime that works on this machine class (runc; see scripts/build-image.sh)."""
    runtime = os.environ.get("PODMAN_RUNTIME") or shutil.which("runc")
    return ["podman", *(["--runtime", runtime] if runtime else [])]


def podman(*args: str, timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*podman_argv(), *args], capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"podman {' '.join(args[:3])} exited {done.returncode}: {done.stderr[-2000:]}")
    return done


@pytest.fixture(scope="session")
def image() -> str:
    if shutil.which("podman") is None and not IN_CI:
        pytest.skip("podman is not installed (scripts/build-image.sh installs it with apt-get)")
    env = {**os.environ, "IMAGE": IMAGE}
    started = time.monotonic()
    build = subprocess.run(
        ["bash", str(REPO / "scripts" / "build-image.sh")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S,
    )  # fmt: skip
    assert build.returncode == 0, f"image build failed:\n{build.stdout[-3000:]}\n{build.stderr[-3000:]}"
    print(f"image {IMAGE} built in {time.monotonic() - started:.1f} s")
    return IMAGE


@dataclass
class Served:
    name: str
    url: str
    key: str
    seconds_to_healthy: float


def health_status(name: str) -> str:
    out = podman("inspect", "--format", "{{.State.Health.Status}}", name).stdout.strip()
    return out


@pytest.fixture(scope="module")
def served(image: str) -> Iterator[Served]:
    """`avatar serve` in the image with its default command, a key made through the container first."""
    tag = uuid.uuid4().hex[:8]
    name, volume = f"avatar-test-{tag}", f"avatar-test-state-{tag}"
    podman("volume", "create", volume)
    try:
        made = podman("run", "--rm", "-v", f"{volume}:/data/state", image, "serve", "keys", "add", "ci", "--admin")
        key = made.stdout.strip()
        assert key.startswith("av-"), made.stdout
        port = free_port()
        started = time.monotonic()
        podman("run", "-d", "--name", name, "-p", f"127.0.0.1:{port}:8000", "-v", f"{volume}:/data/state", image)
        # podman runs health checks from systemd timers; without systemd, `healthcheck run` runs the image's
        # HEALTHCHECK command now and records its result, as the timer would.
        while podman("healthcheck", "run", name, check=False).returncode != 0:
            running = podman("inspect", "--format", "{{.State.Running}}", name).stdout.strip()
            assert running == "true", f"the container stopped: {podman('logs', name, check=False).stderr[-2000:]}"
            assert time.monotonic() - started < READY_TIMEOUT_S, "the health check never passed"
            time.sleep(0.5)
        yield Served(name, f"http://127.0.0.1:{port}", key, time.monotonic() - started)
    finally:
        podman("rm", "-f", "-t", "0", name, check=False)
        podman("volume", "rm", "-f", volume, check=False)


def test_public_bind_without_a_key_is_refused(image: str) -> None:
    """The default command binds 0.0.0.0; with no key in the (fresh) state volume the server refuses."""
    done = podman("run", "--rm", image, timeout=60, check=False)
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "no API key is configured" in done.stderr
    assert "Traceback" not in done.stderr


def test_health_check_turns_healthy(served: Served) -> None:
    assert health_status(served.name) == "healthy"
    ready = httpx.get(f"{served.url}/ready", timeout=10)
    assert ready.status_code == 200
    studio = httpx.get(f"{served.url}/", timeout=10)  # the studio page, through the published port
    assert studio.status_code == 200 and "text/html" in studio.headers["content-type"]
    # the key made through the container is what the server checks: none, or a wrong one, is a 401
    assert httpx.get(f"{served.url}/v1/models", timeout=10).status_code == 401
    headers = {"Authorization": f"Bearer {served.key}"}
    assert httpx.get(f"{served.url}/v1/models", headers=headers, timeout=10).status_code == 200
    print(f"container start to healthy: {served.seconds_to_healthy:.1f} s")


def test_speech_through_the_openai_client(served: Served) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{served.url}/v1", api_key=served.key, timeout=120)
    response = client.audio.speech.create(model="tts-1", voice="alloy", input="Hello from the container.",
                                          response_format="wav")  # fmt: skip
    audio, rate = decode(response.content, "wav")
    assert rate > 0
    assert len(audio) / rate > 0.5
    assert float(np.sqrt(np.mean(np.square(audio.astype(np.float64))))) > 0.01


def test_run_writes_an_mp4_the_host_user_can_read(image: str) -> None:
    """`IMAGE run --text ...` with the outputs folder bind-mounted and `--user` the host user (a non-root one
    when the tests run as root): the MP4 belongs to that user and that user can read it."""
    uid, gid = (os.getuid(), os.getgid()) if os.getuid() != 0 else (4321, 4321)
    outputs = Path(tempfile.mkdtemp(prefix="avatar-container-outputs-"))
    try:
        if os.getuid() == 0:
            os.chown(outputs, uid, gid)
        done = podman("run", "--rm", "--network", "none", "--user", f"{uid}:{gid}",
                      "-v", f"{outputs}:/data/outputs", image, "run", "--text", "Hello from inside the container.",
                      timeout=300, check=False)  # fmt: skip
        assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
        videos = list(outputs.glob("*/avatar.mp4"))
        assert len(videos) == 1, sorted(str(p) for p in outputs.rglob("*"))
        video = videos[0]
        assert video.stat().st_uid == uid
        # read it as the host user, in a process of its own
        drop = os.getuid() == 0
        read = subprocess.run(["python3", "-c", "import sys; print(len(open(sys.argv[1], 'rb').read()))", str(video)],
                              capture_output=True, text=True, timeout=60,
                              user=uid if drop else None, group=gid if drop else None)  # fmt: skip
        assert read.returncode == 0, read.stderr
        assert int(read.stdout) == video.stat().st_size > 10_000
        import imageio_ffmpeg

        probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(video)],
                               capture_output=True, text=True, timeout=60)  # fmt: skip
        assert "Video: h264" in probe.stderr and "Audio: aac" in probe.stderr, probe.stderr
        manifest = json.loads((video.parent / "manifest.json").read_text())
        assert manifest["status"] == "done", manifest.get("status")
    finally:
        shutil.rmtree(outputs, ignore_errors=True)


def test_sigterm_exits_zero_within_the_grace_period(served: Served) -> None:
    started = time.monotonic()
    podman("kill", "--signal", "TERM", served.name)
    waited = podman("wait", served.name, timeout=GRACE_S + 30)
    elapsed = time.monotonic() - started
    assert waited.stdout.strip() == "0", (waited.stdout, podman("logs", served.name, check=False).stderr[-2000:])
    assert elapsed < GRACE_S, elapsed
    logs = podman("logs", served.name, check=False)
    assert "draining" in logs.stdout + logs.stderr
