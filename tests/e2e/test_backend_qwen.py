"""qwen3-tts backend on tiny random-weight checkpoints: real load, clone prompt, cache, synthesis, unload."""

from __future__ import annotations

import gc
import subprocess
import sys
import weakref
from pathlib import Path

import numpy as np
import pytest
from conftest_heavy import write_voice

from avatar.backends import heavy
from avatar.backends.base import SynthesisRequest
from avatar.backends.qwen import QwenBackend
from avatar.config.schema import ModelRef
from avatar.errors import InputError, MissingDependencyError, UnknownNameError
from avatar.voices.stored import StoredVoice, load_voice

FRAME = 1920  # samples per 12.5 Hz codec frame at 24 kHz


def _backend(folder: Path, **options: object) -> QwenBackend:
    # A small budget keeps the random model (which rarely stops on its own) quick on two cores.
    options = {"min_tokens": 4, "tokens_per_unit": 0.5, **options}
    return QwenBackend("cpu", "float32", ModelRef(path=str(folder)), **options)


# --- cheap: no model needed -----------------------------------------------------------------------
def test_module_imports_no_model_library() -> None:
    code = (
        "import sys, avatar.backends.qwen, avatar.backends.xtts, avatar.stages.clone; "
        "print(sorted(m for m in ('torch', 'qwen_tts', 'TTS', 'transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_missing_package_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "qwen_tts", None)  # import raises ImportError
    with pytest.raises(MissingDependencyError, match=r"avatar\[qwen\]"):
        _backend(tmp_path).load()


def test_missing_model_folder_says_how_to_get_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="hf download") as err:
        _backend(tmp_path / "nope").model_dir()
    assert "\n" not in str(err.value)


def test_hub_id_only_from_local_cache() -> None:
    pytest.importorskip("huggingface_hub")
    backend = QwenBackend("cpu", "float32", ModelRef(hub_id="avatar-tests/not-a-cached-model"))
    with pytest.raises(InputError, match=r"not in the local Hugging Face cache.*hf download avatar-tests/"):
        backend.model_dir()
    assert backend.estimate_mb() == QwenBackend.default_estimate_mb


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", 16), ("Hi.", 16 + 6), ("a b", 16 + 6), ("你好", 16 + 12)],
)
def test_token_budget_is_proportional_to_text(text: str, expected: int) -> None:
    assert heavy.token_budget(text, 2.0, 16, 4096) == expected


def test_token_budget_is_capped() -> None:
    assert heavy.token_budget("word " * 10_000, 2.0, 16, 4096) == 4096


# --- heavy: the tiny real model -------------------------------------------------------------------
@pytest.mark.heavy
def test_clone_prompt_is_computed_once_and_cached(tiny_qwen_dir: Path, profile: StoredVoice) -> None:
    import torch

    backend = _backend(tiny_qwen_dir)
    backend.load()
    assert backend.mode == "base"
    assert backend.sample_rate == 24000

    first = backend.prepare_voice(profile)
    assert not first.cache_hit
    assert backend.conditioning_computed == 1
    assert first.path.is_file()
    assert first.path.parent == profile.dir / "cache" / "qwen3-tts" / backend.fingerprint()
    (item,) = first.data
    assert item.icl_mode and not item.x_vector_only_mode  # the profile has a transcript
    assert item.ref_code is not None and item.ref_code.shape[1] == 4  # frames x code groups
    assert item.ref_spk_embedding.shape == (48,)
    # The cache holds only plain tensors and values: the safe loader accepts it.
    stored = torch.load(first.path, weights_only=True)
    assert stored["source"]["reference_sha256"] == profile.reference_sha256

    second = backend.prepare_voice(profile)
    assert second.cache_hit
    assert (backend.conditioning_computed, backend.conditioning_loaded) == (1, 1)

    # A fresh backend (as in a new process) reads the same cache instead of recomputing.
    fresh = _backend(tiny_qwen_dir)
    fresh.load()
    third = fresh.prepare_voice(profile)
    assert third.cache_hit
    assert (fresh.conditioning_computed, fresh.conditioning_loaded) == (0, 1)
    assert torch.equal(third.data[0].ref_code, item.ref_code)
    assert torch.allclose(third.data[0].ref_spk_embedding, item.ref_spk_embedding)

    samples = fresh.synthesize(SynthesisRequest("Hello there.", language="en", conditioning=third))
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert 0 < samples.size <= fresh.token_budget("Hello there.") * FRAME
    assert np.isfinite(samples).all()
    fresh.unload()
    backend.unload()


@pytest.mark.heavy
def test_changed_reference_invalidates_cache(tiny_qwen_dir: Path, tmp_path: Path, piper_speech: tuple) -> None:
    samples, sr = piper_speech
    root = tmp_path / "voices"
    backend = _backend(tiny_qwen_dir)
    backend.load()
    backend.prepare_voice(load_voice(write_voice(root, "bob/one", samples, sr)))
    rerecorded = load_voice(write_voice(root, "bob/one", samples[: sr * 2], sr))
    assert not backend.prepare_voice(rerecorded).cache_hit
    assert backend.conditioning_computed == 2
    backend.unload()


@pytest.mark.heavy
def test_x_vector_only_without_transcript(tiny_qwen_dir: Path, tmp_path: Path, piper_speech: tuple) -> None:
    samples, sr = piper_speech
    profile = load_voice(write_voice(tmp_path / "p", "carol/plain", samples, sr, transcript=None))
    backend = _backend(tiny_qwen_dir)
    backend.load()
    prepared = backend.prepare_voice(profile)
    (item,) = prepared.data
    assert item.x_vector_only_mode and item.ref_code is None
    assert prepared.path.name == "prompt-xvector.pt"
    out = backend.synthesize(SynthesisRequest("Hi.", conditioning=prepared))
    assert out.dtype == np.float32 and 0 < out.size <= backend.token_budget("Hi.") * FRAME
    backend.unload()


@pytest.mark.heavy
def test_token_budget_bounds_generation(tiny_qwen_dir: Path, profile: StoredVoice) -> None:
    backend = _backend(tiny_qwen_dir, max_tokens=3)
    backend.load()
    prepared = backend.prepare_voice(profile)
    text = "A long sentence that would run for many seconds if the budget did not stop it. " * 4
    assert backend.token_budget(text) == 3
    out = backend.synthesize(SynthesisRequest(text, language="english", conditioning=prepared))
    assert 0 < out.size <= 3 * FRAME
    backend.unload()


@pytest.mark.heavy
def test_languages_are_the_models(tiny_qwen_dir: Path, profile: StoredVoice) -> None:
    backend = _backend(tiny_qwen_dir)
    backend.load()
    assert backend.languages() == ["auto", "chinese", "english", "german"]
    assert backend.language_name("en-US") == "english"
    assert backend.language_name(None) == "auto"
    with pytest.raises(InputError, match=r"does not speak 'fr'.*english"):
        backend.language_name("fr")
    with pytest.raises(InputError, match="only speaks cloned voices"):
        backend.synthesize(SynthesisRequest("Hi."))
    backend.unload()


@pytest.mark.heavy
def test_unload_frees_the_model(tiny_qwen_dir: Path) -> None:
    backend = _backend(tiny_qwen_dir)
    backend.load()
    model = weakref.ref(backend._tts.model)
    codec = weakref.ref(backend._tts.model.speech_tokenizer.model)
    backend.unload()
    gc.collect()
    assert model() is None and codec() is None
    assert not backend.loaded


@pytest.mark.heavy
def test_custom_voice_and_voice_design(tmp_path: Path, profile: StoredVoice) -> None:
    pytest.importorskip("qwen_tts")
    from tiny_models import build_tiny_qwen

    custom = _backend(build_tiny_qwen(tmp_path / "custom", model_type="custom_voice"))
    custom.load()
    assert custom.speakers() == ["ryan", "vivian"]
    out = custom.synthesize(SynthesisRequest("Hello.", language="en", speaker="Ryan", instruct="Speak slowly."))
    assert out.dtype == np.float32 and 0 < out.size <= custom.token_budget("Hello.") * FRAME
    with pytest.raises(UnknownNameError, match="ryan, vivian"):
        custom.synthesize(SynthesisRequest("Hello.", speaker="nobody"))
    with pytest.raises(InputError, match="cannot clone"):
        custom.prepare_voice(profile)
    custom.unload()

    design = _backend(build_tiny_qwen(tmp_path / "design", model_type="voice_design"))
    design.load()
    out = design.synthesize(SynthesisRequest("Hello.", instruct="A calm, low voice."))
    assert out.dtype == np.float32 and out.size > 0
    with pytest.raises(InputError, match="needs an instruction"):
        design.synthesize(SynthesisRequest("Hello."))
    design.unload()


@pytest.mark.heavy
def test_importing_qwen_tts_keeps_stdout_clean() -> None:
    """qwen-tts prints a flash-attn notice on import; `--json` output must not carry it."""
    pytest.importorskip("qwen_tts")
    code = "from avatar.backends import heavy; heavy.import_or_explain('qwen_tts', 'qwen-tts', 'qwen')"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == ""
