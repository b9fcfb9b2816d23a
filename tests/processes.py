"""The one helper module for tests that start real processes: the `avatar` CLI in a subprocess (`run_cli`),
real `avatar serve` processes on 127.0.0.1 (`running_server`, `Server`), and audio decoding for their answers."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np


def run_cli(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the real `avatar` console entry in a subprocess (real exit codes, real stderr)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "avatar", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=timeout,
    )


# piper's sampling noise off: the same text then gives the same samples, so responses can be compared.
DETERMINISTIC = ("serve.backend_options.piper.noise_scale=0", "serve.backend_options.piper.noise_w_scale=0")


@dataclass
class Server:
    url: str
    proc: subprocess.Popen[bytes]
    env: dict[str, str]
    log: Path
    keys: dict[str, str] = field(default_factory=dict)

    def client(self, user: str | None = None, timeout: float = 120.0) -> httpx.Client:
        # Keyless, a state-changing request must still show it is no cross-site form (see README, "Security
        # model"): API clients send an Authorization header (any value) or X-Requested-With.
        headers = {"Authorization": f"Bearer {self.keys[user]}"} if user else {"X-Requested-With": "avatar-tests"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def add_key(self, user: str, admin: bool = False) -> str:
        args = [sys.executable, "-m", "avatar", "serve", "keys", "add", user] + (["--admin"] if admin else [])
        out = subprocess.run(args, capture_output=True, text=True, env=self.env, timeout=60, check=True)
        key = out.stdout.strip()
        self.keys[user] = key
        return key

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env(root: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name, sub in (
        ("AVATAR_STATE_DIR", "state"),
        ("AVATAR_CONFIG_DIR", "userconfig"),
        ("AVATAR_OUTPUTS_DIR", "outputs"),
        ("AVATAR_VOICES_DIR", "voices"),
        ("NUMBA_CACHE_DIR", "numba"),
    ):
        env[name] = str(root / sub)
    env.pop("AVATAR_DEVICE", None)
    return env


@contextmanager
def running_server(
    root: Path, *args: str, keys: dict[str, bool] | None = None, start_timeout: float = 180.0
) -> Iterator[Server]:
    """Start `avatar serve` with ``args`` (plus keys: user -> admin, made before it starts), wait until
    /ready answers 200, and stop it with SIGTERM at the end (it must exit 0)."""
    root.mkdir(parents=True, exist_ok=True)
    env = server_env(root)
    port = free_port()
    log = root / "server.log"
    server = Server(f"http://127.0.0.1:{port}", None, env, log)  # type: ignore[arg-type]
    for user, admin in (keys or {}).items():
        server.add_key(user, admin)
    with open(log, "wb") as fh:
        proc = subprocess.Popen(
            [sys.executable, "-m", "avatar", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            stdout=fh,
            stderr=subprocess.STDOUT,
            env=env,
        )
    server.proc = proc
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"server exited {proc.returncode}:\n{server.log_text()}")
            try:
                if httpx.get(f"{server.url}/ready", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"server not ready in {start_timeout} s:\n{server.log_text()}")
            time.sleep(0.2)
        yield server
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise AssertionError(f"server did not stop on SIGTERM:\n{server.log_text()}") from None
    assert proc.returncode == 0, f"server exited {proc.returncode}:\n{server.log_text()}"


def decode(data: bytes, fmt: str) -> tuple[np.ndarray, int]:
    """Audio bytes of any response format -> (float32 mono samples, rate). wav/flac through soundfile, pcm
    as 24 kHz int16, the rest decoded by the same static ffmpeg to wav (a streamed wav of unknown length
    reads to its end)."""
    import soundfile as sf

    if fmt == "pcm":
        return np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0, 24000
    if fmt in ("mp3", "opus", "aac", "flac"):  # a streamed flac has no length in its header
        import imageio_ffmpeg

        out = subprocess.run(
            [
                imageio_ffmpeg.get_ffmpeg_exe(),
                "-hide_banner",
                "-loglevel",
                "error",
                "-i",
                "pipe:0",
                "-f",
                "wav",
                "pipe:1",
            ],
            input=data,
            capture_output=True,
            check=True,
            timeout=60,
        )
        data = out.stdout
    samples, rate = sf.read(io.BytesIO(data), dtype="float32")
    return (samples if samples.ndim == 1 else samples.mean(axis=1)), int(rate)


def tool_pipeline(folder: Path, marker: Path) -> Path:
    """A pipeline of the operator's with a command stage (as examples/wav2lip has): speech, then a tool that
    copies the audio and writes an HTML page as its outputs. ``marker`` is what an injected argv would write."""
    path = folder / "tool.yaml"
    path.write_text(
        json.dumps(
            {
                "name": "tool",
                "stages": [
                    {"id": "speech", "uses": "synthesize"},
                    {
                        "id": "tool",
                        "uses": "command",
                        "with": {
                            "argv": [
                                sys.executable,
                                "-c",
                                "import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2]); open(sys.argv[3], 'w')"
                                '.write(\'<html><script>localStorage.setItem("pwned", "1")</script>pwned</html>\')',
                                "{speech}",
                                "{output}",
                                "{workdir}/page.html",
                            ],
                            "outputs": {"copy": "copy.wav", "page": "{workdir}/page.html"},
                        },
                    },
                ],
            }
        )
    )
    assert not marker.exists()
    return path
