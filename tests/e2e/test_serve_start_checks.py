"""`avatar serve` checks the recogniser and chat model its operator chose when it starts, without loading them:
a wrong plugin name, option, model path or missing key is one line and a non-zero exit before the server
binds, not a failure at the first caller's live session. Real processes, real plugins through entry points."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.processes import free_port, run_cli, running_server, server_env

CHAT_ON = ("serve.live.chat.enabled=true",)
OPENAI = (*CHAT_ON, "serve.live.chat.backend=openai", "serve.live.chat.options.base_url=http://127.0.0.1:9/v1",
          "serve.live.chat.options.model=m")  # fmt: skip

CASES = [
    (("serve.live.asr_backend=nosuch",), 2, "unknown speech recogniser 'nosuch'; choose one of: faster-whisper"),
    (("serve.live.asr_options.beam_sise=3",), 1, "unknown option 'beam_sise' for the speech recogniser"),
    (("serve.live.asr_options.kernel_cache=99999",), 1, "serve.live.asr_options.kernel_cache is 99999; give a whole"),
    (("serve.live.asr_options.cpu_threads=two",), 1, "serve.live.asr_options.cpu_threads is 'two'; give a whole"),
    (("serve.live.asr_options.beam_size=0",), 1, "serve.live.asr_options.beam_size is 0; give a whole number from 1"),
    (("serve.live.asr_options.compute_type=int4",), 1, "serve.live.asr_options.compute_type is 'int4'; use one of"),
    (("serve.live.asr_options.window_pad_s=99",), 1, "serve.live.asr_options.window_pad_s is 99; give seconds"),
    (("serve.live.asr={missing}",), 1, "has no model.bin (a CTranslate2 Whisper model)"),
    ((*CHAT_ON, "serve.live.chat.backend=nosuch"), 2, "unknown chat model 'nosuch'; choose one of: embedded, openai"),
    ((*CHAT_ON, "serve.live.chat.options.tempreature=1"), 1, "unknown option 'tempreature' for the chat model"),
    ((*CHAT_ON, "serve.live.chat.options.temperature=9"), 1, "serve.live.chat.options.temperature is 9; give a"),
    ((*CHAT_ON, "serve.live.chat.options.no_repeat_ngram=2.5"), 1, "no_repeat_ngram is 2.5; give a whole number"),
    ((*CHAT_ON, "serve.live.chat.options.quantize=int3"), 1, "quantize option is 'int3'"),
    ((*CHAT_ON, "serve.live.chat.options.model={missing}"), 1, "there is no chat model at"),
    ((*CHAT_ON, "serve.live.chat.options.model={empty}"), 1, "has no config.json (a transformers model)"),
    ((*CHAT_ON, "serve.live.chat.backend=openai"), 1, "the openai chat model needs serve.live.chat.options.base_url"),
    ((*OPENAI, "serve.live.chat.options.timeout_s=0"), 1, "serve.live.chat.options.timeout_s is 0; give a number"),
    ((*OPENAI, "serve.live.chat.options.api_key_env=AVATAR_TEST_NO_KEY"), 1, "variable AVATAR_TEST_NO_KEY is empty"),
]  # fmt: skip


def serve_with(tmp_path: Path, sets: tuple[str, ...], env: dict[str, str] | None = None) -> tuple[int, str, str]:
    folders = {"missing": str(tmp_path / "no-such-model"), "empty": str(tmp_path)}
    args = [a for s in sets for a in ("--set", s.format(**folders))]
    out = run_cli("serve", "--port", str(free_port()), *args, env={**server_env(tmp_path), **(env or {})}, timeout=120)
    return out.returncode, out.stdout, out.stderr


@pytest.mark.parametrize(("sets", "code", "says"), CASES, ids=[";".join(c[0][-1:]) for c in CASES])
def test_a_wrong_recogniser_or_chat_setting_stops_the_server_at_start(
    tmp_path: Path, sets: tuple[str, ...], code: int, says: str
) -> None:
    returncode, stdout, stderr = serve_with(tmp_path, sets, {"AVATAR_TEST_NO_KEY": ""})
    assert returncode == code, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and says in lines[0], stderr
    assert "Traceback" not in stderr and "ready on" not in stdout + stderr


PLUGINS = '''
from __future__ import annotations
from typing import Any, ClassVar
from avatar.errors import AsrError, ChatError
from avatar.listening.base import ASRBackend, Transcript
from avatar.thinking.base import ChatBackend


class FolderHearer(ASRBackend):
    """A recogniser that needs a model folder of its own (serve.live.asr) holding a file 'weights'."""
    name: ClassVar[str] = "folder-hearer"
    package: ClassVar[str] = "avatar_test_checks"

    def check(self) -> None:
        import os
        if not self.model or not os.path.isfile(os.path.join(self.model, "weights")):
            raise AsrError(f"folder-hearer needs serve.live.asr: a folder with its weights, not {self.model}")

    def load(self) -> None: ...
    def unload(self) -> None: ...
    def transcribe(self, samples: Any, language: Any = None) -> Transcript:
        return Transcript("")


class PickyChat(ChatBackend):
    """A chat model whose endpoint needs a region option."""
    name: ClassVar[str] = "picky"
    package: ClassVar[str] = "avatar_test_checks"

    def check(self) -> None:
        if self.options.get("region") not in ("eu", "us"):
            raise ChatError("the picky chat model needs serve.live.chat.options.region: eu or us")

    def stream(self, messages: Any, max_tokens: int, cancelled: Any = None) -> Any:
        yield "Hello."
'''


def plugin_env(root: Path) -> dict[str, str]:
    """PYTHONPATH with a third-party package that registers a recogniser and a chat model by entry points."""
    plugin = root / "plugin"
    info = plugin / "avatar_test_checks-0.1.dist-info"
    info.mkdir(parents=True)
    (plugin / "avatar_test_checks.py").write_text(PLUGINS)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: avatar-test-checks\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[avatar.asr]\nfolder-hearer = avatar_test_checks:FolderHearer\n"
        "[avatar.chat]\npicky = avatar_test_checks:PickyChat\n"
    )
    return {"PYTHONPATH": os.pathsep.join([str(plugin), os.environ.get("PYTHONPATH", "")])}


def test_a_plugins_own_check_runs_at_start(tmp_path: Path) -> None:
    """The contract's ``check`` is the plugin's: a third-party recogniser and chat model say what is wrong."""
    env = plugin_env(tmp_path)
    code, _, stderr = serve_with(tmp_path, ("serve.live.asr_backend=folder-hearer",), env)
    assert (
        code == 1 and stderr.strip() == "Error: folder-hearer needs serve.live.asr: a folder with its weights, not None"
    )
    sets = ("serve.live.asr_backend=folder-hearer", "serve.live.asr={empty}", *CHAT_ON, "serve.live.chat.backend=picky")
    (tmp_path / "weights").write_bytes(b"\0")
    code, _, stderr = serve_with(tmp_path, sets, env)
    assert code == 1 and stderr.strip() == "Error: the picky chat model needs serve.live.chat.options.region: eu or us"
    # all well: it starts and serves
    sets = (*sets[:-1], "serve.live.chat.backend=picky", "serve.live.chat.options.region=eu")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", env["PYTHONPATH"])
        args = [a for s in sets for a in ("--set", s.format(empty=str(tmp_path)))]
        with running_server(tmp_path / "srv", *args) as server, server.client() as c:
            assert c.get("/v1/models").status_code == 200


def test_without_live_sessions_the_live_models_are_not_checked(tmp_path: Path) -> None:
    """``serve.live.max_sessions=0`` turns live sessions off, and with them what only they would load."""
    args = ("--set", "serve.live.max_sessions=0", "--set", f"serve.live.asr={tmp_path / 'nothing-here'}")
    with running_server(tmp_path / "srv", *args) as server, server.client() as c:
        assert c.get("/v1/models").status_code == 200
