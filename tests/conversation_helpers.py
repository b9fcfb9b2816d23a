"""What the conversation tests share: questions spoken by espeak-ng (a voice that is not piper's), the word
error rate of benchmarks/bench_fidelity.py (the project's one WER, through Whisper's English normaliser),
and the `avatar.asr` / `avatar.chat` entry points of this source tree.

The entry points: a checkout whose editable install predates a group (an older `pip install -e .`) has
the groups in pyproject.toml but not in its installed metadata. ``source_entry_points`` then writes a
dist-info carrying exactly pyproject's tables for those groups, as a reinstall would, and puts it on the
path; where the installed metadata has them, it does nothing."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "benchmarks" / "bench_fidelity.py"
GROUPS = ("avatar.asr", "avatar.chat")
ESPEAK_VOICE = "en-us"


def source_entry_points(folder: Path) -> None:
    """Make the groups of :data:`GROUPS` as pyproject.toml declares them visible to importlib.metadata."""
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["entry-points"]
    missing = {
        g: declared[g] for g in GROUPS if g in declared and set(declared[g]) - {ep.name for ep in entry_points(group=g)}
    }
    if missing:
        info = folder / "avatar_source_groups-0.dist-info"
        info.mkdir(parents=True, exist_ok=True)
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: avatar-source-groups\nVersion: 0\n")
        text = "".join(
            f"[{g}]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items()) + "\n" for g, eps in missing.items()
        )
        (info / "entry_points.txt").write_text(text)
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
        import importlib

        importlib.invalidate_caches()
    for module in ("avatar.listening.registry", "avatar.thinking.registry"):
        if module in sys.modules:
            sys.modules[module].PLUGINS.__dict__.pop("entry_points", None)  # read again


def espeak(text: str, folder: Path, name: str = "q", voice: str = ESPEAK_VOICE) -> tuple[np.ndarray, int]:
    """``text`` spoken by espeak-ng, as float32 mono at its own rate (22050 Hz)."""
    import soundfile

    exe = shutil.which("espeak-ng")
    assert exe, "espeak-ng is not installed (scripts/install-system.sh installs it)"
    wav = folder / f"{name}.wav"
    subprocess.run([exe, "-v", voice, "-s", "160", "-w", str(wav), text], check=True, capture_output=True)
    samples, rate = soundfile.read(str(wav), dtype="float32")
    return np.asarray(samples, np.float32).reshape(-1), int(rate)


def bench_fidelity() -> ModuleType:
    if "bench_fidelity" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_fidelity", BENCH)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_fidelity"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_fidelity"]


def words_received(model: Any, samples: np.ndarray) -> int:
    """How many words Whisper tiny.en hears in ``samples`` (48 kHz): the reply as the client received it, up to
    the cut."""
    import soxr

    audio = soxr.resample(samples.astype(np.float32), 48000, 16000).astype(np.float32)
    return len(bench_fidelity().transcribe(model, audio)[1])


def wer(reference: str, hypothesis: str) -> float:
    return float(bench_fidelity().wer(reference, hypothesis))


CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)


def tiny_chat_model(folder: Path) -> Path:
    """A transformers folder: a 2-layer Llama (SmolLM2's kind) with random weights and a tokenizer trained on
    a few sentences, with SmolLM2's chat format and end token."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    specials = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    text = ["The capital of France is Paris.", "A spider has eight legs.", "Answer in one short sentence."] * 20
    bpe.train_from_iterator(text, trainers.BpeTrainer(vocab_size=400, special_tokens=specials))
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=bpe, bos_token="<|im_start|>", eos_token="<|im_end|>", pad_token="<|im_end|>"
    )
    tokenizer.chat_template = CHAT_TEMPLATE
    tokenizer.save_pretrained(folder)
    config = LlamaConfig(
        vocab_size=len(tokenizer), hidden_size=64, intermediate_size=128, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=2048, tie_word_embeddings=True,
        bos_token_id=tokenizer.bos_token_id, eos_token_id=tokenizer.eos_token_id, pad_token_id=tokenizer.pad_token_id,
    )  # fmt: skip
    torch.manual_seed(0)
    LlamaForCausalLM(config).save_pretrained(folder)
    return folder
