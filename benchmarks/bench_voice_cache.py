"""Time saved by the voice-conditioning cache: `prepare_voice` computing a profile's conditioning versus
loading it from the profile's cache in a fresh backend instance (as a second run does).

Real weights cannot be downloaded here, so this runs the real backends' code on the tiny random-weight
models the tests build (tests/tiny_models.py); the reference-audio work (resampling, the speaker encoder,
XTTS's 512-d encoder which is full size even in the tiny model) is real-sized.

    python benchmarks/bench_voice_cache.py [--backend xtts|qwen3-tts]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", default="xtts", choices=["xtts", "qwen3-tts"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import numpy as np
    import soundfile as sf
    from tiny_models import build_tiny_qwen, build_tiny_xtts

    from avatar.backends.base import SynthesisRequest
    from avatar.backends.piper import PiperBackend
    from avatar.backends.registry import backend_class
    from avatar.config.schema import ModelRef
    from avatar.voices.store import VoiceStore

    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("NUMBA_CACHE_DIR", str(Path(tmp) / "numba"))
        piper = PiperBackend("cpu", "float32")
        piper.load()
        text = "The quick brown fox jumps over the lazy dog. Avatar keeps one voice per user, for months."
        speech = np.concatenate([piper.synthesize(SynthesisRequest(text)) for _ in range(2)])
        wav = Path(tmp) / "ref.wav"
        sf.write(str(wav), speech, piper.sample_rate)
        piper.unload()
        profile = VoiceStore(Path(tmp) / "profiles").add("bench", "voice", wav, transcript=text + " " + text)
        build = build_tiny_xtts if args.backend == "xtts" else build_tiny_qwen
        model = ModelRef(path=str(build(Path(tmp) / "model")))
        cls = backend_class(args.backend)
        computed, loaded = [], []
        for _ in range(args.repeat):
            cache = profile.dir / "cache"
            if cache.exists():
                import shutil

                shutil.rmtree(cache)
            for bucket in (computed, loaded):
                backend = cls("cpu", "float32", model)
                backend.load()
                t0 = time.perf_counter()
                prepared = backend.prepare_voice(profile)
                bucket.append(time.perf_counter() - t0)
                assert prepared.cache_hit is (bucket is loaded), "cache behaved unexpectedly"
                backend.unload()
    c, l_ = statistics.median(computed), statistics.median(loaded)
    seconds = len(speech) / 22050
    print(f"backend {args.backend} (tiny random-weight model), reference {seconds:.1f} s; median of {args.repeat}")
    print(f"conditioning computed : {c * 1000:8.1f} ms  (first run)")
    print(f"conditioning loaded   : {l_ * 1000:8.1f} ms  (second run, from the profile's cache)")
    print(f"saved per run         : {(c - l_) * 1000:8.1f} ms  ({c / l_:.1f}x faster)")


if __name__ == "__main__":
    main()
