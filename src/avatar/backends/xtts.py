"""xtts (coqui XTTS-v2): voice cloning from a voice's reference audio, or a stock speaker.

A checkpoint is a local folder (``config.json``, ``model.pth``, ``vocab.json``, optional
``speakers_xtts.pth``), loaded with ``Xtts.load_checkpoint``. That route never asks for the Coqui licence:
only coqui's model manager (download by model name) prompts, and avatar never calls it.

Reference audio is read with soundfile and handed to the model as a tensor, so torchcodec's FFmpeg decoding
(which ``torchaudio.load`` needs from torch 2.9 on) is never used.
"""

from __future__ import annotations

import gc
import logging
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from avatar.backends import heavy
from avatar.backends.base import SynthesisRequest
from avatar.config.schema import ModelRef
from avatar.errors import InputError, UnknownNameError

if TYPE_CHECKING:
    from avatar.voices.stored import StoredVoice

logger = logging.getLogger(__name__)

DEFAULT_HUB_ID = "coqui/XTTS-v2"
REQUIRED_FILES = ("config.json", "model.pth", "vocab.json")
XTTS_INPUT_RATE = 22050  # the GPT conditioning and the speaker encoder (after its own resampling) use it
# XTTS's GPT emits ~21.5 audio tokens a second; English runs ~15 characters a second. 3 tokens per unit
# is about twice what a reading needs; the model's own gpt_max_audio_tokens caps it.
DEFAULT_TOKENS_PER_UNIT = 3.0
DEFAULT_MIN_TOKENS = 16


class XttsBackend(heavy.HeavyBackend):
    name: ClassVar[str] = "xtts"
    package: ClassVar[str] = "TTS"
    warm_imports: ClassVar[tuple[str, ...]] = ("torch", "TTS")
    extra: ClassVar[str | None] = "xtts"
    supports_cloning: ClassVar[bool] = True
    stock_voices: ClassVar[bool] = True  # the checkpoint's speaker manager, where it has one
    native_speed: ClassVar[bool] = True  # inference(speed=...)
    default_estimate_mb: ClassVar[float] = 2560.0
    default_hub_id: ClassVar[str] = DEFAULT_HUB_ID
    required_files: ClassVar[tuple[str, ...]] = REQUIRED_FILES
    # model.pth is float32, as the model runs (weights factor 1); plus activations and the GPT's KV cache.
    activations_mb: ClassVar[float] = 512.0

    def __init__(self, device: str, dtype: str, model: ModelRef | None = None, **options: Any) -> None:
        super().__init__(device, dtype, model, **options)
        self._model: Any = None
        self._config: Any = None

    @property
    def loaded(self) -> bool:
        return self._model is not None

    @property
    def sample_rate(self) -> int:
        if self._config is None:
            raise RuntimeError("xtts backend is not loaded")
        return int(self._config.model_args.output_sample_rate)

    def _require(self) -> Any:
        if self._model is None:
            raise RuntimeError("xtts backend is not loaded")
        return self._model

    def load(self) -> None:
        if self._model is not None:
            return
        heavy.import_or_explain("torch", "torch", self.extra or "xtts")
        heavy.import_or_explain("TTS", "coqui-tts", self.extra or "xtts")
        from TTS.tts.configs.xtts_config import XttsConfig
        from TTS.tts.models.xtts import Xtts

        folder = self.model_dir()
        config = XttsConfig()
        config.load_json(str(folder / "config.json"))
        model = Xtts(config)
        model.load_checkpoint(config, checkpoint_dir=str(folder), eval=True)
        if self.dtype != "float32":
            # XTTS mixes its GPT with a HiFiGAN decoder and speaker encoder that expect float32 inputs.
            logger.info("xtts runs in float32; ignoring dtype %s", self.dtype)
        model = model.to(self.device)
        self._model, self._config = model, config
        logger.info("xtts model loaded from %s on %s (%d Hz)", folder, self.device, self.sample_rate)

    def unload(self) -> None:
        self._model = None
        self._config = None
        gc.collect()

    # --- languages and budget ---------------------------------------------------------------------
    def languages(self) -> list[str]:
        if self._config is None:  # known once loaded
            return []
        return sorted(str(lang) for lang in self._config.languages)

    def speakers(self) -> list[str]:
        manager = getattr(self._require(), "speaker_manager", None)
        return sorted(manager.speakers) if manager is not None else []

    def voices(self) -> list[str]:
        return self.speakers() if self._config is not None else []

    def language_code(self, code: str | None) -> str:
        """A voice's or job's language code as XTTS names it (``en``, ``zh-cn``); English when none is given."""
        supported = self.languages()
        if not code:
            return "en" if "en" in supported else supported[0]
        lowered = code.lower().replace("_", "-")
        for candidate in (lowered, lowered.split("-")[0], "zh-cn" if lowered.startswith("zh") else ""):
            if candidate in supported:
                return candidate
        raise InputError(f"xtts model {self.model_id()} does not speak '{code}'; it declares: {', '.join(supported)}")

    def token_budget(self, text: str) -> int:
        # XTTS's own limit (gpt_max_audio_tokens less the start/stop and conditioning slots): beyond it the
        # GPT's position table overflows, and an explicit max_new_tokens overrides the limit XTTS sets.
        cap = int(getattr(self._model.gpt, "max_gen_mel_tokens", 0)) if self._model is not None else 0
        cap = cap or 602
        return heavy.token_budget(
            text,
            float(self.options.get("tokens_per_unit", DEFAULT_TOKENS_PER_UNIT)),
            int(self.options.get("min_tokens", DEFAULT_MIN_TOKENS)),
            min(cap, int(self.options.get("max_tokens", cap))),
        )

    # --- cloning ----------------------------------------------------------------------------------
    def prepare_voice(self, stored: StoredVoice) -> heavy.PreparedVoice:
        """GPT conditioning latents and speaker embedding for ``stored``, computed once per model and cached."""
        model = self._require()
        fp = self.fingerprint()
        path = stored.cache_dir(self.name, fp) / "latents.pt"
        source = heavy.voice_source(stored)
        payload = heavy.load_cache(path, source)
        if payload is not None:
            latents = {k: payload[k].to(self.device) for k in ("gpt_cond_latent", "speaker_embedding")}
            self.conditioning_loaded += 1
            logger.info("xtts voice '%s': latents loaded from cache %s", stored.id, path)
            return heavy.PreparedVoice(self.name, stored.id, fp, path, True, latents)

        import torch

        samples, _ = heavy.read_reference(stored, XTTS_INPUT_RATE)
        audio = torch.from_numpy(samples).unsqueeze(0).to(self.device)
        cfg = self._config
        with torch.inference_mode():
            speaker_embedding = model.get_speaker_embedding(audio, XTTS_INPUT_RATE)
            gpt_cond_latent = model.get_gpt_cond_latents(
                audio, XTTS_INPUT_RATE, length=int(cfg.gpt_cond_len), chunk_length=int(cfg.gpt_cond_chunk_len)
            )
        latents = {"gpt_cond_latent": gpt_cond_latent, "speaker_embedding": speaker_embedding}
        heavy.save_cache(path, {"source": source, **{k: v.detach().to("cpu").contiguous() for k, v in latents.items()}})
        self.conditioning_computed += 1
        logger.info("xtts voice '%s': latents computed and cached in %s", stored.id, path)
        return heavy.PreparedVoice(self.name, stored.id, fp, path, False, latents)

    # --- synthesis --------------------------------------------------------------------------------
    def _stock_latents(self, speaker: str) -> dict[str, Any]:
        names = self.speakers()
        if speaker not in names:
            raise UnknownNameError(
                "xtts speaker", speaker, names or None, hint="the model ships no speakers_xtts.pth" if not names else ""
            )
        entry = self._require().speaker_manager.speakers[speaker]
        return {"gpt_cond_latent": entry["gpt_cond_latent"], "speaker_embedding": entry["speaker_embedding"]}

    def synthesize(self, request: SynthesisRequest) -> np.ndarray:
        import torch

        model = self._require()
        prepared = request.conditioning
        if isinstance(prepared, heavy.PreparedVoice):
            latents = prepared.data
        elif request.speaker:
            latents = self._stock_latents(request.speaker)
        else:
            raise InputError("the xtts backend needs a voice (--voice USER/NAME) or a stock speaker name")
        language = self.language_code(request.language)
        budget = self.token_budget(request.text)
        gen: dict[str, Any] = {"max_new_tokens": budget}
        for key in ("temperature", "top_k", "top_p", "repetition_penalty", "length_penalty", "speed"):
            if key in self.options:
                gen[key] = self.options[key]
        if request.speed != 1.0:
            gen["speed"] = request.speed
        with torch.inference_mode():
            out = model.inference(
                request.text,
                language,
                latents["gpt_cond_latent"],
                latents["speaker_embedding"],
                enable_text_splitting=False,  # the synthesize stage already chunks the text
                **gen,
            )
        wav = out["wav"]
        if hasattr(wav, "detach"):
            wav = wav.detach().to("cpu").float().numpy()
        logger.debug("xtts: %d characters, budget %d tokens", len(request.text), budget)
        return np.asarray(wav, dtype=np.float32).reshape(-1)
