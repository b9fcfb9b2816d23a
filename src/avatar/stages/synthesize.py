"""`synthesize`: text to speech, chunk by chunk, streamed to `speech.wav` with chunk timings, and with
phoneme timing (`phonemes.tsv`) where the backend gives it."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

import numpy as np
from pydantic import Field, field_validator

from avatar import atomic
from avatar.audio import io as audio_io
from avatar.backends.base import estimate_key
from avatar.backends.registry import backend_class, check_backend_name, cloning_backends
from avatar.config.schema import OomAction, Settings
from avatar.constants import DEFAULT_PAUSE_MS, LANGUAGE_PATTERN
from avatar.errors import InputError, MissingDependencyError, StageError
from avatar.speaking.service import plan_chunks, prepare_script, speak_chunks
from avatar.stages.backend_stage import BackendStage
from avatar.stages.base import Check, Job, StageContext, StageEnv, StageOptions, StageResult
from avatar.stages.options import Caller, OutputName
from avatar.text.chunking import clean_text
from avatar.text.phonemes import PhonemeWriter
from avatar.timing import speech as word_timing

if TYPE_CHECKING:
    from avatar.memory.ledger import EstimateKey

logger = logging.getLogger(__name__)

SIMILARITY_SECONDS = 30.0
PHONEMES_FILE = "phonemes.tsv"


class SynthesizeOptions(StageOptions):
    backend: str = "piper"  # any registered speech backend
    # 'user/name' of a voice; defaults to the job's voice. A caller names one of their own voices.
    voice: Annotated[str | None, Caller(resource="voice")] = None
    # named speaker (qwen3-tts custom voice)
    speaker: Annotated[str | None, Caller()] = Field(None, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$")
    # style instruction (qwen3-tts custom voice / voice design)
    instruct: Annotated[str | None, Caller()] = Field(None, max_length=1000)
    language: Annotated[str | None, Caller()] = Field(None, max_length=35, pattern=LANGUAGE_PATTERN)
    model: str | None = None  # key into settings.models; defaults to the backend name
    chunk_chars: int | None = Field(None, ge=40, le=5000)  # defaults to the hardware profile's chunk_chars
    pause_ms: Annotated[int, Caller(limit="pause_ms")] = Field(DEFAULT_PAUSE_MS, ge=0, le=5000)
    min_similarity: Annotated[float | None, Caller()] = Field(None, ge=-1.0, le=1.0)
    output: OutputName = "speech.wav"

    @field_validator("backend")
    @classmethod
    def _registered(cls, value: str) -> str:
        return check_backend_name(value)

    # numbers, dates, money, abbreviations, URLs to words (English); false: as written
    normalize: Annotated[bool, Caller()] = True
    # how numbers and dates are read ("en-US", "en-GB"); default: the language, else the voice's language
    reading: Annotated[str | None, Caller()] = Field(None, max_length=35, pattern=LANGUAGE_PATTERN)
    # where word timings come from: the backend's phoneme timing, else the aligner, else an estimate
    timing: Annotated[Literal["auto", "backend", "aligner", "estimate"], Caller()] = "auto"


class SynthesizeStage(BackendStage):
    name: ClassVar[str] = "synthesize"
    Options = SynthesizeOptions
    summary: ClassVar[str] = "text to speech (piper, qwen3-tts, xtts), chunked and streamed to a WAV"
    media_types: ClassVar[dict[str, str]] = {
        "speech": "audio/wav",
        "timings": "application/json",
        "phonemes": "text/tab-separated-values",
        "words": "application/json",
    }
    # The voice, language and text do not change what is loaded; chunk length changes the activations.
    memory_options: ClassVar[tuple[str, ...] | None] = ("backend", "model", "chunk_chars")
    options: SynthesizeOptions

    def __init__(self, options: StageOptions, env: StageEnv) -> None:
        super().__init__(options, env)
        self.chunk_chars = self.options.chunk_chars or self.env.settings.chunk_chars

    # It reaches its backend through ``self`` at every chunk, so the server may unload it between two.
    suspendable: ClassVar[bool] = True

    def memory_key_options(self) -> dict[str, Any]:
        return super().memory_key_options() | {"chunk_chars": self.options.chunk_chars or self.env.settings.chunk_chars}

    def estimate_key(self, profile: str, isolated: bool) -> EstimateKey:
        """The backend's own key (``backends.base.estimate_key``), shared with the server: it loads the same
        thing the same way, so each learns from the other."""
        backend, model = self.ledger_parts()
        chunk = self.options.chunk_chars or self.env.settings.chunk_chars
        kind = self.env.device.kind
        return estimate_key(backend, model, self.env.dtype, kind, isolated, chunk, self.backend.options)

    @classmethod
    def doctor(cls, settings: Settings) -> list[Check]:
        checks = super().doctor(settings)
        if importlib.util.find_spec("onnx") is not None:
            checks.append(Check("phoneme timing (piper)", True, "package 'onnx' installed", required=False))
        else:
            detail = "package 'onnx' missing; pip install onnx (without it the talking head follows loudness alone)"
            checks.append(Check("phoneme timing (piper)", False, detail, required=False))
        return checks

    def _voice_id(self, job: Job) -> str | None:
        return self.options.voice or job.voice

    def prepare_imports(self) -> None:
        super().prepare_imports()
        # The text pipeline's libraries (num2words; espeak-ng through piper, for phoneme counts) are process
        # globals like imports: set up before the memory baseline, they stay after the stage and are not
        # what its model holds.
        import avatar.text.script  # noqa: F401
        from avatar.text.espeak import espeak_ipa

        espeak_ipa("a")

    def check(self, job: Job) -> None:
        if not clean_text(job.text or ""):  # zero-width and control characters alone are empty too
            raise InputError("the text is empty; pass --text TEXT or --script FILE with some words in it")
        voice = self._voice_id(job)
        if voice and not backend_class(self.options.backend).supports_cloning:
            raise InputError(
                f"the {self.options.backend} backend speaks stock voices only and cannot clone '{voice}'; "
                f"use a cloning backend ({', '.join(cloning_backends())}), e.g. --set stages.<id>.backend=xtts"
            )
        if voice:
            self.stored_voice(voice)  # unknown voices fail before anything is written
        self.check_model()
        self._script(job)  # bad SSML, unreadable IPA: before anything is written

    def _script(self, job: Job) -> Any:
        return prepare_script(
            job.text or "",
            self.backend,
            voices_root=self.env.voices_root,
            user=lexicon_user(job),
            language=self.options.language or job.language,
            reading=self.options.reading,
            normalize=self.options.normalize,
        )

    def outputs_for(self, job: Job) -> list[str]:
        return ["speech", "timings", "phonemes", "words"]

    # --- execution --------------------------------------------------------------------------------
    def apply_fallback(self, action: OomAction) -> bool:
        if action is OomAction.SMALLER_CHUNKS and self.chunk_chars > 40:
            self.chunk_chars = max(40, self.chunk_chars // 2)
            logger.warning("synthesize: retrying with chunks of %d characters", self.chunk_chars)
            return True
        return super().apply_fallback(action)

    def run(self, ctx: StageContext) -> StageResult:
        job = ctx.job
        script = self._script(job)
        plan = plan_chunks(script, self.chunk_chars)
        if not plan:
            raise InputError("the text is empty; pass --text TEXT or --script FILE with some words in it")
        voice_id = self._voice_id(job)
        stored = self.stored_voice(voice_id) if voice_id else None
        conditioning = self.backend.prepare_voice(stored) if stored is not None else None
        language = self.options.language or job.language or (stored.language if stored else None)

        sr = self.backend.sample_rate
        timer = word_timing.WordTimer(self.options.timing, language, sr)
        timings: list[dict[str, Any]] = []
        out_path = ctx.output_path(self.options.output)
        timings_path = ctx.output_path("timings.json")
        phonemes_path = ctx.output_path(PHONEMES_FILE)
        with (
            audio_io.StreamWriter(out_path, sr) as writer,
            ctx.writing(PHONEMES_FILE) as phonemes_tmp,
            open(phonemes_tmp, "w", encoding="utf-8") as phonemes_fh,
        ):
            phoneme_log = PhonemeWriter(phonemes_fh)
            spoken = speak_chunks(
                lambda request: self.backend.speak(request),  # through self: a suspension may reload it
                plan,
                sr,
                self.options.pause_ms,
                language=language,
                speaker=self.options.speaker,
                instruct=self.options.instruct,
                conditioning=conditioning,
                progress=lambda i, n: ctx.progress(i, n, f"chunk {i + 1}/{n}"),
            )
            for part in spoken:
                if part.pause.size:
                    writer.write(part.pause)
                start = writer.seconds
                writer.write(part.speech.samples)
                phones = timer.add(part.chunk, part.speech, start)
                if phones:
                    phoneme_log.write(start, sr, phones)
                end = round(writer.seconds, 4)
                timings.append({"index": part.index, "text": part.chunk.text, "start_s": round(start, 4), "end_s": end})
            ctx.progress(len(plan), len(plan), "done")
            duration = writer.seconds
        chunks = [t["text"] for t in timings]
        if duration <= 0:
            raise StageError(self.env.stage_id, "the backend produced no audio")
        words_path = ctx.output_path(word_timing.WORDS_FILE)
        atomic.write_json(words_path, timer.document(script.original, duration))
        artifacts = {"speech": out_path, "timings": timings_path, "words": words_path}
        if phoneme_log.rows:
            artifacts["phonemes"] = phonemes_path
        else:  # no phoneme timing (backend or aligner); the talking head follows loudness alone
            phonemes_path.unlink(missing_ok=True)
        atomic.write_json(
            timings_path,
            {
                "sample_rate": sr,
                "duration_s": round(duration, 4),
                "backend": self.options.backend,
                "chunks": timings,
            },
        )
        metrics: dict[str, Any] = {
            "backend": self.options.backend,
            "chunks": len(chunks),
            "chunk_chars": self.chunk_chars,
            "audio_seconds": round(duration, 3),
            "sample_rate": sr,
            # chunk start/end times (also in timings.json with the text; subtitles are made from them)
            "chunk_times": [[t["start_s"], t["end_s"]] for t in timings],
            "phonemes": phoneme_log.rows,
            "words": len(timer.words),
            "word_timing": timer.sources(),
            "normalized": self.options.normalize,
            "ssml": script.ssml,
        }
        if script.ignored:
            metrics["ipa_ignored"] = script.ignored  # this backend takes no phonemes; said from the text
        if stored is not None:
            metrics["speaker_similarity"] = self._similarity(out_path, stored)
            if self.options.min_similarity is not None and metrics["speaker_similarity"] < self.options.min_similarity:
                raise StageError(
                    self.env.stage_id,
                    f"speaker similarity {metrics['speaker_similarity']:.3f} is below the pipeline's minimum "
                    f"{self.options.min_similarity:.3f} for voice '{stored.id}'",
                )
        return StageResult(artifacts, metrics)

    def _similarity(self, path: Path, stored: Any) -> float:
        """Cosine of speaker embeddings, output vs the voice's reference (first 30 s of output)."""
        try:
            from avatar.voices.embedding import cosine, speaker_embedding
        except ImportError as exc:
            raise MissingDependencyError(str(exc.name or "resemblyzer"), purpose="speaker similarity") from None
        sr, _, _ = audio_io.info(path)
        parts, total = [], 0
        for block in audio_io.blocks(path):
            parts.append(block)
            total += block.size
            if total >= SIMILARITY_SECONDS * sr:
                break
        emb = speaker_embedding(np.concatenate(parts), sr)
        return round(float(cosine(emb, stored.embedding())), 4)


def lexicon_user(job: Job) -> str | None:
    """Whose lexicon applies: the job's user (studio and HTTP runs), else the owner of its voice."""
    user = job.extra.get("user") if job.extra else None
    if user:
        return str(user)
    if job.voice and "/" in job.voice:
        return job.voice.split("/", 1)[0]
    return None
