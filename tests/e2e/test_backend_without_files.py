"""A third-party speech backend that follows the documented contract and nothing more: it declares only the
abstract methods (``sample_rate``, ``load``, ``unload``, ``synthesize``), no ``locate()``, no name, no
package, and keeps its real torch weights inside its own package. Installed as a real plugin (a dist-info
with an entry point in `avatar.backends`), it works in `avatar status`, `avatar run` and `avatar serve`,
its memory measured in each under one estimate key. A backend that breaks the contract is one line naming
the backend and the method."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf
from processes import run_cli, running_server, server_env

WEIGHTS_MB = 48

PACKED = """
import numpy as np
import torch
from pathlib import Path

from avatar.backends import TTSBackend


class PackedBackend(TTSBackend):
    default_estimate_mb = 64.0

    @property
    def sample_rate(self):
        return 16000

    def load(self):
        self.weights = torch.load(Path(__file__).with_name("weights.pt"), weights_only=True).to(self.device)
        self.weights.add_(0.0)  # touch every page

    def unload(self):
        self.weights = None

    def synthesize(self, request):
        n = 4000 * max(1, len(request.text.split()))
        t = torch.arange(n, dtype=torch.float64) / 16000
        amp = float(self.weights[:1024].double().mean().item())
        return (amp * torch.sin(2 * torch.pi * 330.0 * t)).float().numpy()


class PackedCloneBackend(PackedBackend):  # the same weights, cloning: what `avatar voice test` needs

    supports_cloning = True

    def prepare_voice(self, profile):
        return profile.id
"""

BROKEN = """
import numpy as np

from avatar.backends import TTSBackend


class Halfway(TTSBackend):
    @property
    def sample_rate(self):
        return 16000

    def load(self):
        pass

    def unload(self):
        pass

    def synthesize(self, request):
        raise NotImplementedError


class Missing(TTSBackend):
    @property
    def sample_rate(self):
        return 16000

    def load(self):
        pass

    def unload(self):
        pass
"""


def _dist(root: Path, dist: str, entry_points: str) -> None:
    info = root / f"{dist}-0.1.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist.replace('_', '-')}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[avatar.backends]\n{entry_points}")


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    import torch

    root = tmp_path_factory.mktemp("packed-plugin")
    package = root / "avatar_test_packed"
    package.mkdir()
    (package / "__init__.py").write_text(PACKED)
    torch.save(torch.full((WEIGHTS_MB * 2**20 // 4,), 0.5, dtype=torch.float32), package / "weights.pt")
    _dist(root, "avatar_test_packed", "packed = avatar_test_packed:PackedBackend\n"
          "packedclone = avatar_test_packed:PackedCloneBackend\n")  # fmt: skip
    (root / "avatar_test_broken.py").write_text(BROKEN)
    _dist(root, "avatar_test_broken", "halfway = avatar_test_broken:Halfway\nmissing = avatar_test_broken:Missing\n")
    return {"PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}


def _one_line(stderr: str) -> str:
    """The one error line (the run's log may say the job failed, as for any stage's error)."""
    lines = [line for line in stderr.splitlines() if line.startswith("Error:")]
    assert len(lines) == 1 and "Traceback" not in stderr and "unexpected" not in stderr, stderr
    return lines[0]


def test_status_finds_it_present_with_nothing_to_locate(env: dict[str, str]) -> None:
    proc = run_cli("status", "--json", "--set", "stages.speech.backend=packed", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    models = {m["backend"]: m for m in report["models"]}
    assert models["packed"]["present"] is True and models["packed"]["location"] is None
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["backend packed"]["ok"] is True and checks["model packed"]["ok"] is True
    speech = next(s for s in report["pipeline"]["stages"] if s["id"] == "speech")
    assert speech["estimate_key"].startswith("speech|packed|packed|") and speech["fits"] is True


def test_run_serve_and_status_measure_it_under_one_key(env: dict[str, str], tmp_path: Path) -> None:
    shared = server_env(tmp_path / "shared") | env
    sets = ["--set", "stages.speech.backend=packed", "--set", "stages.speech.timing=estimate"]
    plan = run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json", *sets, env=shared)
    assert plan.returncode == 0, plan.stderr
    key = json.loads(plan.stdout)["stages"][0]["estimate_key"]
    out = tmp_path / "out"
    proc = run_cli("run", "speech", "--text", "One two. Three.", "--out", str(out), "--json", *sets, env=shared)
    assert proc.returncode == 0, proc.stderr
    speech = json.loads(proc.stdout)["stages"][0]
    assert speech["status"] == "done"
    assert WEIGHTS_MB * 0.8 <= speech["peak_delta_mb"] <= WEIGHTS_MB + 48  # its weights, measured
    samples, rate = sf.read(next(out.rglob("speech.wav")))
    assert rate == 16000 and float(np.abs(samples).max()) > 0.3  # the weights' 0.5 is its loudness
    # status plans from what the run measured: the ledger's figure under the same key
    status = json.loads(run_cli("status", "--json", *sets, env=shared).stdout)
    planned = next(s for s in status["pipeline"]["stages"] if s["id"] == "speech")
    assert planned["estimate_key"] == key and planned["estimate_source"] == "ledger"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        with running_server(tmp_path / "shared", keys={"alice": True}) as srv, srv.client("alice") as c:
            card = c.get("/v1/models/packed").json()
            assert card["estimate"]["key_id"] == hashlib.sha256(key.encode()).hexdigest()[:16]
            assert card["estimate"]["source"] == "ledger" and card["estimate"]["runs"] == 1
            body = {"model": "packed", "voice": "alloy", "input": "One two.", "response_format": "pcm"}
            r = c.post("/v1/audio/speech", json=body)
            assert r.status_code == 200, r.text
            assert len(r.content) == 2 * 24000 // 2  # two words, 0.25 s each, 16-bit pcm at 24 kHz
            card = c.get("/v1/models/packed").json()
            assert card["state"] == "loaded" and WEIGHTS_MB * 0.8 <= card["memory_mb"] <= WEIGHTS_MB + 48
            assert c.post("/v1/models/packed/unload").status_code == 200
            assert c.get("/v1/models/packed").json()["estimate"]["runs"] == 2  # its peak, recorded under the key


@pytest.mark.parametrize(
    ("backend", "expected"),
    [
        ("halfway", "speech backend 'halfway' breaks the plugin contract: synthesize() raises NotImplementedError"),
        ("missing", "speech backend 'missing' breaks the plugin contract: synthesize() is missing"),
    ],
)
def test_a_contract_violation_is_one_line_naming_the_backend_and_method(
    env: dict[str, str], tmp_path: Path, backend: str, expected: str
) -> None:
    sets = ["--set", f"stages.speech.backend={backend}", "--set", "stages.speech.timing=estimate"]
    proc = run_cli("run", "speech", "--text", "Hi.", "--out", str(tmp_path / "out"), *sets, env=env)
    assert proc.returncode != 0
    line = _one_line(proc.stderr)
    assert line.startswith("Error:") and expected in line


def test_the_runner_the_server_and_voice_test_share_one_key(
    env: dict[str, str], tmp_path: Path, speech_wav: Path
) -> None:
    """Real calls, one ledger: what `avatar voice test` measured is the runner's plan and the server's estimate
    for the same backend and model, and each of them records under that same key."""
    shared = server_env(tmp_path / "shared") | env
    voices = ["voice", "--voices-dir", str(tmp_path / "voices")]
    added = run_cli(
        *voices, "add", "alice", "narrator", "--audio", str(speech_wav), "--backend", "packedclone", env=shared
    )
    assert added.returncode == 0, added.stderr
    sample = tmp_path / "sample.wav"
    tested = run_cli(*voices, "test", "alice/narrator", "--backend", "packedclone", "--out", str(sample), env=shared)
    assert tested.returncode == 0, tested.stderr
    assert sf.info(str(sample)).frames > 0
    entries = json.loads((Path(shared["AVATAR_STATE_DIR"]) / "estimates.json").read_text())["entries"]
    (voice_key,) = [k for k, e in entries.items() if e["backend"] == "packedclone"]
    assert entries[voice_key]["peaks_mb"][0] >= WEIGHTS_MB * 0.8  # the weights, measured by voice test

    sets = ["--set", "stages.speech.backend=packedclone", "--set", "stages.speech.timing=estimate"]
    plan = run_cli("run", "speech", "--text", "Hi.", "--dry-run", "--json", *sets, env=shared)
    stage = json.loads(plan.stdout)["stages"][0]
    assert stage["estimate_key"] == voice_key and stage["estimate_source"] == "ledger" and stage["estimate_runs"] == 1
    ran = run_cli("run", "speech", "--text", "One two.", "--out", str(tmp_path / "out"), "--json", *sets, env=shared)
    assert ran.returncode == 0, ran.stderr
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        with running_server(tmp_path / "shared", keys={"alice": True}) as srv, srv.client("alice") as c:
            estimate = c.get("/v1/models/packedclone").json()["estimate"]
            assert estimate["key_id"] == hashlib.sha256(voice_key.encode()).hexdigest()[:16]
            assert estimate["runs"] == 2  # voice test's and the run's


def test_a_live_session_speaks_with_it_and_its_sentences_are_uses_of_its_lease(
    env: dict[str, str], tmp_path: Path
) -> None:
    """A live session speaks with it; the model is loaded, measured and counted like any served model (the
    session's sentences are uses of its lease), and what the server records when it goes is its one key's
    next figure."""
    import asyncio

    pytest.importorskip("aiortc")
    from live_helpers import Peer

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        with running_server(tmp_path / "live", keys={"alice": True}) as srv:

            async def go() -> Peer:
                peer = Peer(srv.url, srv.keys["alice"], video=False, model="packed")
                r = await peer.connect()
                assert r.status_code == 201, r.text
                peer.say("One two three.")
                await peer.wait_event("speaking_ended", 30)
                await peer.close()
                return peer

            peer = asyncio.run(go())
            assert float(np.sqrt(np.mean(peer.got.audio_samples() ** 2))) > 0.05  # the weights' loudness
            with srv.client("alice") as c:
                card = c.get("/v1/models/packed").json()
                assert card["state"] == "loaded" and card["loads"] == 1
                # the load is measured as the process grows, and a live session's own threads grow it too (CI: 67 MB)
                assert WEIGHTS_MB * 0.8 <= card["memory_mb"] <= WEIGHTS_MB + 48
                runs = card["estimate"]["runs"]
                assert c.post("/v1/models/packed/unload").status_code == 200
                after = c.get("/v1/models/packed").json()["estimate"]
                assert after["runs"] == runs + 1 and after["mb"] >= WEIGHTS_MB  # its peak, under its one key
