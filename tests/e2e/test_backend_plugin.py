"""A third-party speech backend, installed as a package the test builds (a real dist-info with entry
points in `avatar.backends`, real torch weights), is usable everywhere with no avatar file changed:
`avatar status`, `avatar run --dry-run`, `synthesize` with `backend: tone`, `/v1/models`,
`/v1/audio/speech`; its memory is measured by the CLI and the server alike."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile as sf
from plugin_backends import install_backends
from processes import Server, run_cli, running_server, server_env

WEIGHTS_MB = 64


@pytest.fixture(scope="module")
def plugin(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    root, weights = install_backends(tmp_path_factory.mktemp("backend-plugin"), WEIGHTS_MB)
    return {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}, weights


def _sets(weights: Path) -> list[str]:
    return ["--set", "stages.speech.backend=tone", "--set", f"models.tone.path={weights}"]


def test_status_lists_the_backend_and_checks_it(plugin: tuple[dict[str, str], Path]) -> None:
    env, weights = plugin
    proc = run_cli("status", "--json", "--set", f"models.tone.path={weights}", env=env)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    models = {m["backend"]: m for m in report["models"]}
    assert models["tone"]["present"] is True and models["tone"]["location"] == str(weights)
    assert "lonely" in models
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["backend tone"]["ok"] is True


def test_dry_run_plans_it_with_its_own_estimate(plugin: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    env, weights = plugin
    proc = run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json", *_sets(weights), env=env)
    assert proc.returncode == 0, proc.stderr
    speech = json.loads(proc.stdout)["stages"][0]
    assert speech["options"]["backend"] == "tone"
    assert speech["estimate_source"] == "static" and speech["estimate_mb"] == pytest.approx(WEIGHTS_MB * 1.1, rel=0.05)
    assert "tone" in speech["estimate_key"]


def test_an_unknown_backend_is_one_line_listing_the_installed_ones(plugin: tuple[dict[str, str], Path]) -> None:
    env, _ = plugin
    proc = run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--set", "stages.speech.backend=nope", env=env)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error:") and "Traceback" not in proc.stderr
    assert "unknown speech backend 'nope'" in lines[0]
    for name in ("lonely", "piper", "qwen3-tts", "tone", "xtts"):
        assert name in lines[0]


def test_synthesize_runs_it_deterministically_and_measures_its_memory(
    plugin: tuple[dict[str, str], Path], tmp_path: Path
) -> None:
    env, weights = plugin
    outs = []
    for i in range(2):
        out = tmp_path / f"out{i}"
        # timing=estimate: no forced aligner (pocketsphinx's model is memory of its own), so the peak is the
        # backend's alone, as in the server
        proc = run_cli("run", "speech", "--text", "One two three. Four.", "--out", str(out), "--json",
                       "--set", "stages.speech.speaker=high", "--set", "stages.speech.timing=estimate",
                       *_sets(weights), env=env)  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        manifest = json.loads(proc.stdout)
        speech = manifest["stages"][0]
        assert speech["status"] == "done"
        # the weights, plus the stage's own work (audio buffers, the text pipeline): a few tens of MB, never the
        # aligner's model (timing=estimate) nor a second copy of the weights
        assert WEIGHTS_MB * 0.8 <= speech["peak_delta_mb"] <= WEIGHTS_MB + 48
        outs.append(next(out.rglob("speech.wav")).read_bytes())
    assert outs[0] == outs[1]
    samples, rate = sf.read(next((tmp_path / "out0").rglob("speech.wav")))
    assert rate == 16000 and samples.size >= 16000  # four words, 0.25 s each
    spectrum = np.abs(np.fft.rfft(samples[:16000]))
    assert abs(float(np.argmax(spectrum)) - 440.0) < 5  # the 'high' speaker, as the backend makes it


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, plugin: tuple[dict[str, str], Path]) -> Iterator[Server]:
    env, weights = plugin
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        with running_server(
            tmp_path_factory.mktemp("serve-plugin"), "--set", f"models.tone.path={weights}", keys={"alice": True}
        ) as srv:
            yield srv


def _speak(server: Server, **body: Any) -> bytes:
    with server.client("alice") as c:
        r = c.post("/v1/audio/speech", json={"input": "One two three.", "response_format": "pcm"} | body)
    assert r.status_code == 200, r.text
    return r.content


def test_the_server_lists_it_speaks_with_it_and_measures_it(server: Server) -> None:
    with server.client("alice") as c:
        cards = {m["id"]: m for m in c.get("/v1/models").json()["data"]}
        assert {"tone", "lonely", "piper"} <= set(cards)
        tone = cards["tone"]
        assert tone["voices"] == ["high", "low"] and tone["languages"] == ["en"]
        assert tone["capabilities"]["deterministic"] is True and tone["capabilities"]["cloning"] is False
        assert cards["lonely"]["capabilities"]["thread_safe"] is False
    high = _speak(server, model="tone", voice="high")
    assert high == _speak(server, model="tone", voice="high")  # deterministic, byte for byte
    assert high != _speak(server, model="tone", voice="low")
    assert len(_speak(server, model="tone", voice="alloy")) > 0  # an OpenAI name: the default voice
    with server.client("alice") as c:
        card = c.get("/v1/models/tone").json()
        assert card["state"] == "loaded" and card["memory_mb"] == pytest.approx(WEIGHTS_MB, rel=0.35)
        r = c.post("/v1/audio/speech", json={"model": "tone", "voice": "x", "input": "Hi.", "instructions": "whisper"})
        assert r.status_code == 400 and "takes no instructions" in r.json()["error"]["message"]
        r = c.post("/v1/audio/speech", json={"model": "tone", "voice": "nobody", "input": "Hi."})
        assert r.status_code == 404 and "high, low" in r.json()["error"]["message"]


def test_a_backend_that_refuses_concurrency_is_never_entered_twice(server: Server) -> None:
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: _speak(server, model="lonely", voice="only"), range(8)))
    assert len(set(results)) == 1 and len(results[0]) > 0


def test_the_cli_and_the_server_learn_one_estimate_for_it(plugin: tuple[dict[str, str], Path], tmp_path: Path) -> None:
    """One residency core, one ledger key: what `synthesize` measured in the CLI is the server's estimate for
    the same backend, and what the server measured while it held the model is the CLI's next plan."""
    env, weights = plugin
    root = tmp_path / "shared"
    shared = server_env(root) | env
    plan = run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json", *_sets(weights), env=shared)
    assert plan.returncode == 0, plan.stderr
    key = hashlib.sha256(json.loads(plan.stdout)["stages"][0]["estimate_key"].encode()).hexdigest()[:16]
    proc = run_cli("run", "speech", "--text", "One two. Three.", "--out", str(tmp_path / "out"), "--json",
                   "--set", "stages.speech.timing=estimate", *_sets(weights), env=shared)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    cli_peak = json.loads(proc.stdout)["stages"][0]["peak_delta_mb"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        srv_args = ("--set", f"models.tone.path={weights}")
        with running_server(root, *srv_args, keys={"alice": True}) as srv, srv.client("alice") as c:
            estimate = c.get("/v1/models/tone").json()["estimate"]
            assert estimate["key_id"] == key and estimate["source"] == "ledger" and estimate["runs"] == 1
            assert estimate["mb"] == pytest.approx(cli_peak * 1.1, rel=0.1)  # the peak x the factor
            r = c.post(
                "/v1/audio/speech",
                json={"input": "Four.", "model": "tone", "voice": "low", "response_format": "pcm"},
            )
            assert r.status_code == 200
            assert c.post("/v1/models/tone/unload").status_code == 200  # released: its peak is recorded
            after = c.get("/v1/models/tone").json()["estimate"]
            assert after["key_id"] == key and after["runs"] == 2
    plan = run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json", *_sets(weights), env=shared)
    stage = json.loads(plan.stdout)["stages"][0]
    assert stage["estimate_source"] == "ledger" and stage["estimate_runs"] == 2
