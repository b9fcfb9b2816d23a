"""The speech-backend contract shared by piper, qwen3-tts, xtts and third-party backends (registered in
the `avatar.backends` entry-point group). Callers read what a backend can do from its class attributes."""

from __future__ import annotations

import functools
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from avatar.config.schema import ModelRef
from avatar.errors import PluginContractError

if TYPE_CHECKING:
    from avatar.memory.ledger import EstimateKey
    from avatar.voices.stored import StoredVoice


@dataclass
class SynthesisRequest:
    """One chunk of text to speak, with everything a backend may use."""

    text: str
    language: str | None = None
    speaker: str | None = None  # named speaker (custom voice / stock voice)
    instruct: str | None = None  # style instruction (qwen3-tts custom voice / voice design)
    conditioning: Any = None  # what prepare_voice returned, for cloned voices
    speed: float = 1.0  # speaking rate (2.0: twice as fast); time-stretched where the model has no rate control


@dataclass
class Speech:
    """A spoken chunk: the samples, and the phonemes that made them where the backend can tell."""

    samples: np.ndarray
    # (phoneme, sample count) in order, adding up to len(samples); None when the backend gives no timing
    phonemes: list[tuple[str, int]] | None = None


# What a backend may define; a NotImplementedError raised by one of them (in its own body, not deep in a library)
# is a contract violation, one line naming the backend and the method.
CONTRACT = (
    "sample_rate", "load", "unload", "synthesize", "speak", "prepare_voice", "locate", "languages", "voices",
    "estimate_mb", "model_id",
)  # fmt: skip


def _held_to_contract(method: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def call(self: TTSBackend, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(self, *args, **kwargs)
        except NotImplementedError as exc:
            tb = exc.__traceback__
            body = tb.tb_next if tb is not None else None
            if body is None or body.tb_next is not None:  # raised deeper (a library's op): not the contract's
                raise
            raise PluginContractError("speech backend", _name(self), method, "raises NotImplementedError") from None

    call.__held_to_contract__ = True  # type: ignore[attr-defined]
    return call


def _name(backend: Any) -> str:
    return str(getattr(backend, "name", None) or type(backend).__name__)


class TTSBackend(ABC):
    """A speech model. Constructed cheaply; ``load`` puts weights on the device, ``unload`` drops them.

    The contract: ``sample_rate``, ``load``, ``unload`` and ``synthesize`` (abstract); everything else has a
    default. ``locate`` is optional: a backend whose weights come with its own package has no files to
    locate (None). A method the contract needs that is missing, or raises NotImplementedError, is a
    :class:`~avatar.errors.PluginContractError` naming the backend and the method."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for method in CONTRACT:
            attr = cls.__dict__.get(method)
            fn = attr.fget if isinstance(attr, property) else attr
            if not callable(fn) or getattr(fn, "__isabstractmethod__", False):
                continue  # still abstract: the registry names it as missing
            if getattr(fn, "__held_to_contract__", False):
                continue
            held = _held_to_contract(method, fn)
            if isinstance(attr, property):
                setattr(cls, method, property(held, attr.fset, attr.fdel, attr.__doc__))
            elif isinstance(attr, (classmethod, staticmethod)):
                continue
            else:
                setattr(cls, method, held)

    name: ClassVar[str]
    package: ClassVar[str]  # import name, for doctor checks
    # Modules imported before the stage's memory baseline is taken (import cost is not model memory).
    warm_imports: ClassVar[tuple[str, ...]] = ()
    extra: ClassVar[str | None] = None  # the avatar extra that installs it
    install: ClassVar[str | None] = None  # the pip line that installs it, where it is not an avatar extra
    # Capabilities: what callers read instead of comparing names.
    supports_cloning: ClassVar[bool] = False  # prepare_voice() makes conditioning from a voice
    stock_voices: ClassVar[bool] = False  # voices() names stock voices or speakers for SynthesisRequest.speaker
    supports_instructions: ClassVar[bool] = False  # SynthesisRequest.instruct may change the voice or style
    phoneme_timing: ClassVar[bool] = False  # speak() may return phonemes with sample counts
    takes_ipa: ClassVar[bool] = False  # the text may carry IPA as [[...]] (espeak-ng phoneme input)
    native_speed: ClassVar[bool] = False  # the model itself takes SynthesisRequest.speed
    thread_safe: ClassVar[bool] = False  # one loaded instance may speak for two threads at once
    deterministic: ClassVar[bool] = False  # the same request always gives the same samples
    # Its runtime keeps the working memory of the longest input it has run (piper: onnxruntime's CPU arena), so
    # a long-lived server speaks one long sentence at load (serve.warm_chars): the memory it
    # will keep is then held, and measured, from the load rather than found minutes later.
    keeps_working_memory: ClassVar[bool] = False
    default_estimate_mb: ClassVar[float] = 512.0

    def __init__(self, device: str, dtype: str, model: ModelRef | None = None, **options: Any) -> None:
        self.device = device
        self.dtype = dtype
        self.model = model
        self.options = options

    @property
    @abstractmethod
    def sample_rate(self) -> int:
        """Output sample rate in Hz (valid after load)."""

    def estimate_mb(self) -> float:
        return self.default_estimate_mb

    def languages(self) -> list[str]:
        """The languages it speaks: what is known without the weights before ``load``, else ``[]``."""
        return []

    def voices(self) -> list[str]:
        """Its stock voices or speakers (names for ``SynthesisRequest.speaker``), as ``languages``."""
        return []

    @classmethod
    def capabilities(cls) -> dict[str, bool]:
        return {
            "cloning": cls.supports_cloning,
            "stock_voices": cls.stock_voices,
            "instructions": cls.supports_instructions,
            "phoneme_timing": cls.phoneme_timing,
            "ipa": cls.takes_ipa,
            "native_speed": cls.native_speed,
            "thread_safe": cls.thread_safe,
            "deterministic": cls.deterministic,
        }

    @classmethod
    def runs_on(cls, kind: str) -> bool:
        """Whether the backend can run on a device kind (cuda, mps, cpu) in this install."""
        return True

    def model_id(self) -> str:
        """Identifies the weights (for the estimate ledger and cache keys)."""
        if self.model and (self.model.path or self.model.hub_id):
            return str(self.model.path or self.model.hub_id)
        return self.name

    def locate(self) -> Path | None:
        """The local file or folder holding the weights; an InputError saying how to get them if absent.
        Never downloads. Optional: None (the default) when there are no files to locate (the weights come
        with the backend's own package, or it has none)."""
        return None

    def prepare_imports(self) -> None:
        """Import :attr:`warm_imports`, before a memory baseline is taken. A missing one is left to
        :meth:`load`, which raises the MissingDependencyError with the install line."""
        import importlib

        for module in self.warm_imports:
            try:
                importlib.import_module(module)
            except ImportError:
                continue

    @abstractmethod
    def load(self) -> None: ...

    @abstractmethod
    def unload(self) -> None: ...

    def prepare_voice(self, stored: StoredVoice) -> Any:
        """Compute (or load from the voice's cache) the conditioning for a cloned voice (a backend that
        declares ``supports_cloning`` defines it)."""
        detail = "is not defined, though it declares supports_cloning" if self.supports_cloning else "is not defined"
        raise PluginContractError("speech backend", _name(self), "prepare_voice", detail)

    @abstractmethod
    def synthesize(self, request: SynthesisRequest) -> np.ndarray:
        """Speak one chunk; returns mono float32 samples at ``sample_rate``."""

    def speak(self, request: SynthesisRequest) -> Speech:
        """Speak one chunk with phoneme timing where the backend has it (piper does; the others do not).
        A backend without a rate control of its own (``native_speed``) is time-stretched to ``speed``."""
        samples = mono_float32(self.synthesize(request), _name(self))
        if request.speed != 1.0 and not self.native_speed:
            from avatar.audio.tempo import change_tempo

            samples = change_tempo(samples, self.sample_rate, request.speed)
        return Speech(samples)


def mono_float32(samples: Any, backend: str) -> np.ndarray:
    """What a backend's ``synthesize`` returned, as the contract's mono float32 samples: a torch tensor or a
    list is taken as an array, integer PCM is scaled to [-1, 1], float64 narrowed, a channel axis of one
    dropped and several channels (the shorter axis, at most 8) averaged. Anything else (no samples, three
    axes, non-numbers) is a :class:`PluginContractError` naming the backend."""
    if hasattr(samples, "detach"):  # a torch tensor: on any device, in any float or integer dtype
        samples = samples.detach().cpu()
        samples = (samples.float() if samples.is_floating_point() else samples).numpy()  # numpy has no bfloat16
    try:
        array = np.asarray(samples)
    except Exception:
        array = np.asarray(None)
    if array.dtype.kind in "iu":
        info = np.iinfo(array.dtype)
        middle = (int(info.max) + int(info.min) + 1) / 2  # 0 for int16, 128 for uint8
        array = (array.astype(np.float64) - middle) / (int(info.max) + 1 - middle)
    elif array.dtype.kind != "f":
        detail = f"returned {array.dtype} values, not samples"
        raise PluginContractError("speech backend", backend, "synthesize", detail)
    if array.ndim == 2 and min(array.shape) <= 8:
        array = array.mean(axis=int(np.argmin(array.shape)))
    if array.ndim != 1:
        raise PluginContractError(
            "speech backend", backend, "synthesize", f"returned samples of shape {array.shape}, not mono"
        )
    return np.ascontiguousarray(array, dtype=np.float32)


def estimate_key(
    backend: str,
    model: str,
    dtype: str,
    device_kind: str,
    isolated: bool,
    chunk_chars: int,
    options: Mapping[str, Any] | None = None,
) -> EstimateKey:
    """The one estimate key of a loaded speech backend, whoever loads it (a `synthesize` stage in the CLI,
    the server keeping it warm, `avatar voice test`), when it is loaded the same way: backend, model, dtype,
    device kind, host, and what changes its memory: the chunk length (activations) and the backend's own
    constructor options. No hardware profile, no stage name, no caller: those change none of what is loaded."""
    from avatar.memory.ledger import EstimateKey

    memory = {"chunk_chars": int(chunk_chars)} | dict(options or {})
    return EstimateKey.make("speech", backend, model, dtype, "-", device_kind, isolated, memory)
