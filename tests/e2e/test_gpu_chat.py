"""The embedded chat on CUDA (marked `gpu`, deselected by default: `pytest -m gpu`): a tiny model of SmolLM2's
architecture (``conversation_helpers.tiny_chat_model``), loaded by ``EmbeddedChat`` on the card; a
conversation reuses its kept prefix, a held model writes nothing, and after unload and the residency core's
clean-up the card's allocated memory is what it was before."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from conversation_helpers import tiny_chat_model

from avatar.config.schema import ChatSettings
from avatar.thinking.base import Message
from avatar.thinking.chat import Chat

pytestmark = pytest.mark.gpu


def test_the_embedded_chat_runs_on_cuda_and_gives_its_memory_back(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    if not torch.cuda.is_available():
        pytest.skip("no CUDA device")
    from avatar.hardware.choice import DeviceChoice
    from avatar.hardware.device import empty_caches
    from avatar.thinking.embedded import EmbeddedChat

    folder = tiny_chat_model(tmp_path / "tiny")
    empty_caches(DeviceChoice("cuda:0", "test"))
    before = torch.cuda.memory_allocated()
    model = EmbeddedChat("cuda:0", model=str(folder))
    model.load()
    assert next(model._model.parameters()).is_cuda
    assert not any("quantized" in type(m).__module__ for m in model._model.modules())  # int8 is the CPU's

    chat = Chat(model, ChatSettings(max_reply_tokens=16, system_prompt="Answer in one short sentence."))
    for question in ("What is the capital of France?", "And of Italy?"):
        list(chat.reply(question, remember=True))
    assert model.reused_tokens > 10 and model.computed_tokens > 0  # the second turn reused the first's prefix
    assert model.cache_mb > 0

    pieces: list[str] = []
    started = threading.Event()

    def read() -> None:
        for piece in model.stream([Message("user", "Tell me about the sea.")], 400):
            pieces.append(piece)
            started.set()
            time.sleep(0.01)  # a slow reader: the reply is still being written when it is held

    reader = threading.Thread(target=read)
    reader.start()
    assert started.wait(60)
    model.hold()
    time.sleep(0.3)
    during = len(pieces)
    time.sleep(0.5)
    still = len(pieces) - during
    model.release()
    reader.join(60)
    assert not reader.is_alive()

    model.unload()
    empty_caches(DeviceChoice("cuda:0", "test"))
    after = torch.cuda.memory_allocated()
    assert after <= before, f"{(after - before) / 2**20:.1f} MB still allocated after unload"
    assert still <= 1, f"{still} pieces written while held"
