"""Speech backends behind the `synthesize` and `clone` stages and the service: piper (default), qwen3-tts,
xtts, and any package registered in the `avatar.backends` entry-point group. A backend subclasses
:class:`TTSBackend`, takes a :class:`SynthesisRequest` and returns :class:`Speech`."""

from avatar.backends.base import Speech, SynthesisRequest, TTSBackend

__all__ = ["Speech", "SynthesisRequest", "TTSBackend"]
