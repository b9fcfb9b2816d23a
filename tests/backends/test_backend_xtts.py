"""xtts backend on a tiny random-weight XTTS-v2 checkpoint: real load, latents, cache, synthesis, unload."""

from __future__ import annotations

import gc
import sys
import weakref
from pathlib import Path

import numpy as np
import pytest

from avatar.backends.base import SynthesisRequest
from avatar.backends.xtts import XttsBackend
from avatar.config.schema import ModelRef
from avatar.errors import InputError, MissingDependencyError, UnknownNameError
from avatar.voices.stored import StoredVoice

# Each GPT audio token is 1024 samples at 22.05 kHz, decoded at 24 kHz; allow one token of slack.
SAMPLES_PER_TOKEN = 1024 * 24000 / 22050


def _backend(folder: Path, **options: object) -> XttsBackend:
    options = {"min_tokens": 2, "tokens_per_unit": 0.5, **options}
    return XttsBackend("cpu", "float32", ModelRef(path=str(folder)), **options)


def test_missing_package_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "TTS", None)
    with pytest.raises(MissingDependencyError, match=r"avatar\[xtts\]"):
        _backend(tmp_path).load()


def test_incomplete_model_folder(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(InputError, match=r"lacks model\.pth, vocab\.json; download it once with `hf download"):
        _backend(tmp_path).model_dir()


@pytest.mark.heavy
def test_latents_are_computed_once_and_cached(tiny_xtts_dir: Path, profile: StoredVoice) -> None:
    import torch

    backend = _backend(tiny_xtts_dir)
    backend.load()
    assert backend.sample_rate == 24000

    first = backend.prepare_voice(profile)
    assert not first.cache_hit and backend.conditioning_computed == 1
    assert first.path == profile.dir / "cache" / "xtts" / backend.fingerprint() / "latents.pt"
    assert first.data["gpt_cond_latent"].shape == (1, 32, 64)
    assert first.data["speaker_embedding"].shape == (1, 512, 1)
    stored = torch.load(first.path, weights_only=True)
    assert torch.equal(stored["gpt_cond_latent"], first.data["gpt_cond_latent"])

    assert backend.prepare_voice(profile).cache_hit
    assert (backend.conditioning_computed, backend.conditioning_loaded) == (1, 1)
    backend.unload()

    fresh = _backend(tiny_xtts_dir)
    fresh.load()
    again = fresh.prepare_voice(profile)
    assert again.cache_hit and fresh.conditioning_computed == 0
    assert torch.equal(again.data["speaker_embedding"], first.data["speaker_embedding"])

    text = "Hello there, how are you?"
    budget = fresh.token_budget(text)
    samples = fresh.synthesize(SynthesisRequest(text, language="en-US", conditioning=again))
    assert samples.dtype == np.float32 and samples.ndim == 1
    assert 0 < samples.size <= (budget + 1) * SAMPLES_PER_TOKEN
    assert np.isfinite(samples).all()
    fresh.unload()


@pytest.mark.heavy
def test_new_weights_get_a_new_cache(tiny_xtts_dir: Path, tmp_path: Path, profile: StoredVoice) -> None:
    import shutil

    copy = Path(shutil.copytree(tiny_xtts_dir, tmp_path / "copy"))
    cfg = (copy / "config.json").read_text()
    (copy / "config.json").write_text(cfg.replace('"gpt_cond_len": 30', '"gpt_cond_len": 3'))
    a, b = _backend(tiny_xtts_dir), _backend(copy)
    assert a.fingerprint() != b.fingerprint()
    b.load()
    assert not b.prepare_voice(profile).cache_hit
    b.unload()


@pytest.mark.heavy
def test_token_budget_bounds_generation(tiny_xtts_dir: Path, profile: StoredVoice) -> None:
    backend = _backend(tiny_xtts_dir)
    backend.load()
    prepared = backend.prepare_voice(profile)
    short, long = "Hi.", "This sentence is a good deal longer than the first one was."
    assert backend.token_budget(short) < backend.token_budget(long) <= 24 - 3  # the model's own cap
    for text in (short, long):
        out = backend.synthesize(SynthesisRequest(text, conditioning=prepared))
        assert 0 < out.size <= (backend.token_budget(text) + 1) * SAMPLES_PER_TOKEN
    backend.unload()


@pytest.mark.heavy
def test_languages_speakers_and_errors(tiny_xtts_dir: Path) -> None:
    backend = _backend(tiny_xtts_dir)
    backend.load()
    assert backend.language_code("EN_gb") == "en"
    assert backend.language_code(None) == "en"
    with pytest.raises(InputError, match="does not speak 'ja'"):
        backend.language_code("ja")
    with pytest.raises(UnknownNameError, match=r"speakers_xtts\.pth"):
        backend.synthesize(SynthesisRequest("Hi.", speaker="Ana Florence"))
    with pytest.raises(InputError, match="needs a voice"):
        backend.synthesize(SynthesisRequest("Hi."))
    backend.unload()


@pytest.mark.heavy
def test_load_never_asks_for_the_licence_and_unload_frees_the_model(
    tiny_xtts_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_prompt(*args: object) -> str:
        raise AssertionError("the xtts backend asked for input (the Coqui licence prompt)")

    monkeypatch.delenv("COQUI_TOS_AGREED", raising=False)
    monkeypatch.setattr("builtins.input", no_prompt)
    backend = _backend(tiny_xtts_dir)
    backend.load()
    model = weakref.ref(backend._model)
    gpt = weakref.ref(backend._model.gpt)
    backend.unload()
    gc.collect()
    assert model() is None and gpt() is None
    assert not backend.loaded
