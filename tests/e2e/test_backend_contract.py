"""One contract for every speech backend installed here, built in or third-party, through the three ways
avatar speaks: `avatar run` (a real subprocess), `/v1/audio/speech` and a live session (a real server and a
real WebRTC peer). Each backend speaks in each, and its memory is measured and learned under
its one estimate key.

The backends are whatever the `avatar.backends` entry points hold in the test's environment: the built-ins
(the heavy ones on tiny random-weight models), plus the tests' own plugins, installed as a pip package would
be. Nothing here lists them, so a backend added later is held to the same contract. A backend that clones
speaks with a cloned voice (the caller's ``narrator``); the others with their default voice.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from conftest_heavy import write_voice
from plugin_backends import install_backends
from processes import Server, decode, run_cli, running_server

TEXT = "One two three."
DISCOVER = (
    "import json\n"
    "from importlib.metadata import entry_points\n"
    "found = {}\n"
    "for ep in entry_points(group='avatar.backends'):\n"
    "    cls = ep.load()\n"
    "    found[ep.name] = {'clones': bool(cls.supports_cloning), 'stock': bool(cls.stock_voices)}\n"
    "print(json.dumps(found))\n"
)


@pytest.fixture(scope="module")
def installed(
    tmp_path_factory: pytest.TempPathFactory, tiny_xtts_dir: Path, tiny_qwen_dir: Path
) -> tuple[dict[str, str], list[str], dict[str, dict[str, bool]]]:
    """(the environment with the tests' plugins on its path, the --set lines pointing each model at its
    weights, every installed backend and whether it clones)."""
    plugin, weights = install_backends(tmp_path_factory.mktemp("contract-plugin"), 8)
    env = {"PYTHONPATH": os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")])}
    sets = [f"models.tone.path={weights}", f"models.lonely.path={weights}", f"models.xtts.path={tiny_xtts_dir}",
            f"models.qwen3-tts.path={tiny_qwen_dir}"]  # fmt: skip
    proc = subprocess.run([sys.executable, "-c", DISCOVER], capture_output=True, text=True,
                          env=os.environ | env, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    backends = json.loads(proc.stdout)
    assert {"piper", "xtts", "qwen3-tts", "tone", "lonely"} <= set(backends)  # built-ins and plugins alike
    return env, [a for s in sets for a in ("--set", s)], backends


def _narrator(profiles: Path, piper_speech: tuple[np.ndarray, int]) -> None:
    samples, rate = piper_speech
    write_voice(profiles, "alice/narrator", samples, rate)


def _audible(samples: np.ndarray) -> bool:
    """Speech came back: samples, all finite. (The tiny random-weight models speak noise or near-silence,
    so loudness is not theirs to promise; the real ones' is checked where they are tested.)"""
    return samples.size > 0 and bool(np.isfinite(samples).all())


def test_every_backend_runs_in_the_cli_measured_under_its_key(
    installed: tuple[dict[str, str], list[str], dict[str, dict[str, bool]]],
    tmp_path: Path,
    piper_speech: tuple[np.ndarray, int],
) -> None:
    """One pipeline with a `synthesize` stage per backend (stage-major: each loads, speaks, unloads in turn),
    run once; then a dry run plans each stage from what the run measured, under the stage's key."""
    import yaml

    env, sets, backends = installed
    _narrator(Path(os.environ["AVATAR_VOICES_DIR"]), piper_speech)
    names = sorted(backends)
    stages = []
    for i, name in enumerate(names):
        options: dict[str, Any] = {"backend": name, "timing": "estimate", "output": f"speech-{i}.wav"}
        if backends[name]["clones"]:
            options["voice"] = "alice/narrator"
        stages.append({"id": f"speech{i}", "uses": "synthesize", "with": options})
    pipeline = tmp_path / "every-backend.yaml"
    pipeline.write_text(yaml.safe_dump({"name": "every-backend", "stages": stages}))
    out = tmp_path / "out"
    proc = run_cli("run", str(pipeline), "--text", TEXT, "--out", str(out), "--json", *sets, env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ran = {s["id"]: s for s in json.loads(proc.stdout)["stages"]}
    plan = run_cli("run", str(pipeline), "--text", TEXT, "--dry-run", "--json", *sets, env=env)
    assert plan.returncode == 0, plan.stderr[-2000:]
    planned = {s["id"]: s for s in json.loads(plan.stdout)["stages"]}
    failures: dict[str, str] = {}
    for i, name in enumerate(names):
        stage, wav = ran[f"speech{i}"], next(out.rglob(f"speech-{i}.wav"), None)
        samples = np.asarray(sf.read(wav)[0]) if wav else np.zeros(0)
        if stage["status"] != "done" or not _audible(samples):
            failures[name] = f"status {stage['status']}, audible {_audible(samples)}"
        elif "peak_delta_mb" not in stage or planned[f"speech{i}"]["estimate_source"] != "ledger":
            failures[name] = f"not learned: {stage.get('peak_delta_mb')}, {planned[f'speech{i}']['estimate_source']}"
        elif not planned[f"speech{i}"]["estimate_key"].startswith(f"speech|{name}|"):
            failures[name] = f"keyed as {planned[f'speech{i}']['estimate_key']}"
    assert not failures, failures


@pytest.fixture(scope="module")
def server(
    installed: tuple[dict[str, str], list[str], dict[str, dict[str, bool]]],
    tmp_path_factory: pytest.TempPathFactory,
    piper_speech: tuple[np.ndarray, int],
) -> Iterator[Server]:
    env, sets, _backends = installed
    root = tmp_path_factory.mktemp("contract-serve")
    _narrator(root / "voices", piper_speech)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        with running_server(root, *sets, keys={"alice": True}) as srv:
            yield srv


def test_every_backend_speaks_over_http_measured_under_its_key(
    installed: tuple[dict[str, str], list[str], dict[str, dict[str, bool]]], server: Server
) -> None:
    _env, _sets, backends = installed
    failures: dict[str, str] = {}
    with server.client("alice") as c:
        listed = {m["id"] for m in c.get("/v1/models").json()["data"]}
        for name, caps in sorted(backends.items()):
            if name not in listed:
                failures[name] = "not listed by /v1/models"
                continue
            body = {"model": name, "voice": "narrator" if caps["clones"] else "alloy", "input": TEXT,
                    "response_format": "wav"}  # fmt: skip
            r = c.post("/v1/audio/speech", json=body)
            if r.status_code != 200:
                failures[name] = f"{r.status_code}: {r.text[:300]}"
                continue
            samples, _rate = decode(r.content, "wav")
            card = c.get(f"/v1/models/{name}").json()
            runs = card["estimate"]["runs"]
            unloaded = c.post(f"/v1/models/{name}/unload")
            after = c.get(f"/v1/models/{name}").json()["estimate"]
            if not _audible(samples):
                failures[name] = "silent"
            elif card["state"] != "loaded" or card["memory_mb"] is None or unloaded.status_code != 200:
                failures[name] = f"card {card['state']} {card['memory_mb']}, unload {unloaded.status_code}"
            elif after["runs"] != runs + 1 or after["source"] != "ledger":
                failures[name] = f"not learned under its key: runs {runs} -> {after['runs']}, {after['source']}"
    assert not failures, failures


def test_every_backend_speaks_in_a_live_session(
    installed: tuple[dict[str, str], list[str], dict[str, dict[str, bool]]], server: Server
) -> None:
    pytest.importorskip("aiortc")
    from live_helpers import Peer

    _env, _sets, backends = installed
    failures: dict[str, str] = {}

    async def speak(name: str, voice: str | None, wait_s: float) -> Any:
        peer = Peer(server.url, server.keys["alice"], video=False, model=name, voice=voice)
        r = await peer.connect()
        if r.status_code != 201:
            return f"{r.status_code}: {r.text[:300]}"
        try:
            peer.say(TEXT)
            # the tiny random-weight models speak to their token budget: minutes on a busy 2-core machine
            await peer.wait_event("speaking_ended", wait_s)
        except AssertionError as exc:
            return str(exc)
        finally:
            await peer.close()
        return peer.got.audio_samples()

    for name, caps in sorted(backends.items()):
        # The tiny qwen3-tts speaks silence: a live session once dropped such a sentence without a word, and
        # the app waited for events that never came. Every backend's sentence must now finish.
        got = asyncio.run(speak(name, "narrator" if caps["clones"] else None, 300))
        if isinstance(got, str):
            failures[name] = got
        elif not _audible(np.asarray(got)):
            failures[name] = "nothing audible reached the peer"
    assert not failures, failures
