"""qwen3-tts (Qwen3-TTS 12 Hz): voice cloning (Base), named speakers (CustomVoice), voice design.

The checkpoint's ``tts_model_type`` decides what it can do: ``base`` clones a voice (reference audio
plus transcript, or the speaker embedding alone when there is no transcript), ``custom_voice`` speaks one of
its named speakers with an optional style instruction, ``voice_design`` invents a voice from an instruction.
"""

from __future__ import annotations

import dataclasses
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

DEFAULT_HUB_ID = "Qwen/Qwen3-TTS-12Hz-0.6B-Base"
REQUIRED_FILES = ("config.json", "generation_config.json", "speech_tokenizer/config.json")
# 12.5 codec frames per second; English runs ~15 characters a second, so 2 frames per unit is over twice
# the length any sane reading needs, while a chunk of a few hundred characters stays under ~1 minute.
DEFAULT_TOKENS_PER_UNIT = 2.0
DEFAULT_MIN_TOKENS = 16
DEFAULT_MAX_TOKENS = 4096
# The code predictor's own decoding settings, passed through as the model names them.
SUBTALKER_OPTIONS = ("subtalker_dosample", "subtalker_temperature", "subtalker_top_k", "subtalker_top_p")
# Language codes (voice / job) to the names the model declares.
LANGUAGE_NAMES = {
    "en": "english",
    "zh": "chinese",
    "ja": "japanese",
    "ko": "korean",
    "de": "german",
    "fr": "french",
    "ru": "russian",
    "pt": "portuguese",
    "es": "spanish",
    "it": "italian",
}
MODES = ("base", "custom_voice", "voice_design")


class QwenBackend(heavy.HeavyBackend):
    name: ClassVar[str] = "qwen3-tts"
    package: ClassVar[str] = "qwen_tts"
    warm_imports: ClassVar[tuple[str, ...]] = ("torch", "qwen_tts")
    extra: ClassVar[str | None] = "qwen"
    supports_cloning: ClassVar[bool] = True
    supports_instructions: ClassVar[bool] = True  # CustomVoice and VoiceDesign checkpoints
    stock_voices: ClassVar[bool] = True  # CustomVoice speakers
    default_estimate_mb: ClassVar[float] = 4096.0
    default_hub_id: ClassVar[str] = DEFAULT_HUB_ID
    required_files: ClassVar[tuple[str, ...]] = REQUIRED_FILES
    activations_mb: ClassVar[float] = 768.0

    def __init__(self, device: str, dtype: str, model: ModelRef | None = None, **options: Any) -> None:
        super().__init__(device, dtype, model, **options)
        self._tts: Any = None

    def weights_factor(self) -> float:
        # Checkpoints ship in bfloat16; float32 doubles them (activations_mb: activations and KV cache).
        return 2.0 if self.dtype == "float32" else 1.0

    @property
    def loaded(self) -> bool:
        return self._tts is not None

    @property
    def mode(self) -> str:
        return str(self._require().model.tts_model_type)

    @property
    def sample_rate(self) -> int:
        return int(self._require().model.speech_tokenizer.get_output_sample_rate())

    def _require(self) -> Any:
        if self._tts is None:
            raise RuntimeError("qwen3-tts backend is not loaded")
        return self._tts

    def load(self) -> None:
        if self._tts is not None:
            return
        heavy.import_or_explain("torch", "torch", self.extra or "qwen")
        qwen_tts = heavy.import_or_explain("qwen_tts", "qwen-tts", self.extra or "qwen")
        folder = self.model_dir()
        kwargs: dict[str, Any] = {
            "device_map": self.device,
            "dtype": heavy.torch_dtype(self.dtype, self.device),
            "local_files_only": True,
        }
        if self.options.get("attn_implementation"):
            kwargs["attn_implementation"] = self.options["attn_implementation"]
        self._tts = qwen_tts.Qwen3TTSModel.from_pretrained(str(folder), **kwargs)
        mode = self._tts.model.tts_model_type
        if mode not in MODES:
            self._tts = None
            raise InputError(f"qwen3-tts model {folder} has tts_model_type {mode!r}; expected one of {MODES}")
        logger.info("qwen3-tts %s model loaded from %s on %s (%d Hz)", mode, folder, self.device, self.sample_rate)

    def unload(self) -> None:
        # The wrapper holds the model, its speech tokenizer and the text processor; dropping it frees all.
        self._tts = None
        gc.collect()

    # --- languages and budget ---------------------------------------------------------------------
    def languages(self) -> list[str]:
        if self._tts is None:  # known once loaded
            return []
        return sorted(self._require().get_supported_languages() or ["auto"])

    def speakers(self) -> list[str]:
        return sorted(self._require().get_supported_speakers() or [])

    def voices(self) -> list[str]:
        return self.speakers() if self._tts is not None else []

    def language_name(self, code: str | None) -> str:
        """A voice's or job's language code (``en``, ``en-US``, ``English``) as the model names it."""
        if not code:
            return "auto"
        supported = self.languages()
        lowered = code.lower()
        name = LANGUAGE_NAMES.get(lowered.replace("_", "-").split("-")[0], lowered)
        if name not in supported:
            raise InputError(
                f"qwen3-tts model {self.model_id()} does not speak '{code}'; it declares: {', '.join(supported)}"
            )
        return name

    def token_budget(self, text: str) -> int:
        return heavy.token_budget(
            text,
            float(self.options.get("tokens_per_unit", DEFAULT_TOKENS_PER_UNIT)),
            int(self.options.get("min_tokens", DEFAULT_MIN_TOKENS)),
            int(self.options.get("max_tokens", DEFAULT_MAX_TOKENS)),
        )

    # --- cloning ----------------------------------------------------------------------------------
    def prepare_voice(self, stored: StoredVoice) -> heavy.PreparedVoice:
        """The voice-clone prompt for ``stored``, computed once per voice and model and cached."""
        tts = self._require()
        if tts.model.tts_model_type != "base":
            raise InputError(
                f"the qwen3-tts model {self.model_id()} is a {tts.model.tts_model_type} model and cannot clone "
                f"'{stored.id}'; use a Base checkpoint (e.g. {DEFAULT_HUB_ID})"
            )
        x_vector_only = bool(self.options.get("x_vector_only")) or not (stored.transcript or "").strip()
        fp = self.fingerprint()
        path = stored.cache_dir(self.name, fp) / ("prompt-xvector.pt" if x_vector_only else "prompt-icl.pt")
        source = heavy.voice_source(stored)
        payload = heavy.load_cache(path, source)
        if payload is not None:
            items = [self._item_from_dict(d) for d in payload["items"]]
            self.conditioning_loaded += 1
            logger.info("qwen3-tts voice '%s': prompt loaded from cache %s", stored.id, path)
            return heavy.PreparedVoice(self.name, stored.id, fp, path, True, items)

        # The codec and the speaker encoder both take 24 kHz.
        samples, sr = heavy.read_reference(stored, tts.model.speaker_encoder_sample_rate)
        items = tts.create_voice_clone_prompt(
            ref_audio=(samples, sr),
            ref_text=None if x_vector_only else stored.transcript,
            x_vector_only_mode=x_vector_only,
        )
        heavy.save_cache(path, {"source": source, "items": [self._item_to_dict(it) for it in items]})
        self.conditioning_computed += 1
        logger.info(
            "qwen3-tts voice '%s': %s prompt computed and cached in %s",
            stored.id,
            "x-vector" if x_vector_only else "reference-text",
            path,
        )
        return heavy.PreparedVoice(self.name, stored.id, fp, path, False, items)

    @staticmethod
    def _item_to_dict(item: Any) -> dict[str, Any]:
        """A prompt item as plain tensors/bools/strings (``torch.load(weights_only=True)`` refuses the class)."""
        out = dataclasses.asdict(item)
        for key, value in out.items():
            if hasattr(value, "detach"):
                out[key] = value.detach().to("cpu").contiguous()
        return out

    def _item_from_dict(self, data: dict[str, Any]) -> Any:
        from qwen_tts import VoiceClonePromptItem

        device = self._require().device
        fields = {f.name for f in dataclasses.fields(VoiceClonePromptItem)}
        kwargs = {k: (v.to(device) if hasattr(v, "to") else v) for k, v in data.items() if k in fields}
        return VoiceClonePromptItem(**kwargs)

    # --- synthesis --------------------------------------------------------------------------------
    def synthesize(self, request: SynthesisRequest) -> np.ndarray:
        tts = self._require()
        mode = tts.model.tts_model_type
        language = self.language_name(request.language)
        budget = self.token_budget(request.text)
        gen: dict[str, Any] = {"max_new_tokens": budget}
        for key in ("temperature", "top_k", "top_p", "repetition_penalty", "do_sample", *SUBTALKER_OPTIONS):
            if key in self.options:
                gen[key] = self.options[key]
        if gen.get("do_sample") is False:
            # The code predictor samples on its own switch, and its codes feed the talker's next step (and so
            # where it stops): greedy decoding means greedy for both, or the same text gives other lengths.
            gen.setdefault("subtalker_dosample", False)
        if mode == "base":
            if request.instruct:
                raise InputError(
                    f"the qwen3-tts model {self.model_id()} is a Base (voice clone) checkpoint and takes no "
                    "instructions; use a CustomVoice or VoiceDesign checkpoint for them"
                )
            prepared = request.conditioning
            if not isinstance(prepared, heavy.PreparedVoice):
                raise InputError(
                    "the qwen3-tts Base model only speaks cloned voices; give a voice (--voice USER/NAME) "
                    "or use a CustomVoice model for named speakers"
                )
            wavs, sr = tts.generate_voice_clone(
                text=request.text, language=language, voice_clone_prompt=prepared.data, **gen
            )
        elif mode == "custom_voice":
            speaker = request.speaker or self.options.get("speaker")
            if not speaker:
                raise InputError(
                    f"the qwen3-tts CustomVoice model needs a speaker; choose one of: {', '.join(self.speakers())}"
                )
            if speaker.lower() not in self.speakers():
                raise UnknownNameError("qwen3-tts speaker", speaker, self.speakers())
            wavs, sr = tts.generate_custom_voice(
                text=request.text, speaker=speaker, language=language, instruct=request.instruct, **gen
            )
        else:
            if not request.instruct:
                raise InputError("the qwen3-tts VoiceDesign model needs an instruction describing the voice")
            wavs, sr = tts.generate_voice_design(text=request.text, instruct=request.instruct, language=language, **gen)
        logger.debug("qwen3-tts: %d characters, budget %d tokens", len(request.text), budget)
        if int(sr) != self.sample_rate:
            raise RuntimeError(f"qwen3-tts returned {sr} Hz audio; expected {self.sample_rate}")
        return np.asarray(wavs[0], dtype=np.float32).reshape(-1)
