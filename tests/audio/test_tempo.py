"""Speaking rate for models without a rate control: a real time stretch that keeps the pitch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from avatar.audio.tempo import atempo_chain, change_tempo
from avatar.errors import InputError

SR = 22050


def _peak_hz(samples: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    return float(np.fft.rfftfreq(samples.size, 1 / SR)[int(np.argmax(spectrum))])


@pytest.mark.parametrize("factor", [2.0, 0.5, 0.25, 4.0])
def test_tempo_changes_length_not_pitch(factor: float) -> None:
    t = np.arange(2 * SR) / SR
    tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    out = change_tempo(tone, SR, factor)
    assert out.dtype == np.float32
    assert out.size == pytest.approx(tone.size / factor, rel=0.03)
    assert _peak_hz(out) == pytest.approx(440, abs=8)


def test_speed_one_is_untouched_and_bad_factors_are_refused() -> None:
    tone = np.ones(100, dtype=np.float32)
    assert change_tempo(tone, SR, 1.0) is tone
    assert atempo_chain(0.25) == "atempo=0.500000,atempo=0.500000"
    with pytest.raises(InputError, match="out of range"):
        atempo_chain(5.0)


@pytest.mark.heavy
def test_qwen_speed_and_instructions_on_a_base_checkpoint(tiny_qwen_dir: Path, profile: object) -> None:
    import torch

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.qwen import QwenBackend
    from avatar.config.schema import ModelRef

    # Greedy decoding: the same text gives the same codes, so only the speed differs between the two,
    # whatever state the random generator is in (the code predictor has a sampling switch of its own).
    backend = QwenBackend("cpu", "float32", ModelRef(path=str(tiny_qwen_dir)), max_tokens=12, do_sample=False)
    backend.load()
    try:
        prepared = backend.prepare_voice(profile)  # type: ignore[arg-type]
        text = "A sentence long enough to use the whole token budget of the tiny model."
        torch.manual_seed(1)
        normal = backend.speak(SynthesisRequest(text, language="english", conditioning=prepared)).samples
        torch.manual_seed(2)
        again = backend.speak(SynthesisRequest(text, language="english", conditioning=prepared)).samples
        assert np.array_equal(normal, again)
        torch.manual_seed(3)
        fast = backend.speak(SynthesisRequest(text, language="english", conditioning=prepared, speed=2.0)).samples
        assert fast.size == pytest.approx(normal.size / 2, rel=0.05)
        with pytest.raises(InputError, match="takes no instructions"):
            backend.speak(SynthesisRequest(text, conditioning=prepared, instruct="whisper"))
    finally:
        backend.unload()
