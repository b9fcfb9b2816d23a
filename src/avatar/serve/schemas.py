"""Request and response bodies (pydantic), so the OpenAPI schema is true by construction."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

ResponseFormat = Literal["mp3", "opus", "aac", "flac", "wav", "pcm"]
# OpenAI's built-in voice names: each speaks, mapped per backend by ``serve.voice_aliases`` (default: the
# backend's default voice).
OPENAI_VOICES = (
    "alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse", "marin", "cedar",
)  # fmt: skip


class VoiceRef(BaseModel):
    """OpenAI's custom-voice object: ``{"id": "..."}`` names one of the caller's own voices."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1, max_length=200)


class NormalizationOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    normalize: bool = True
    reading: str | None = Field(None, max_length=35)  # "en-US", "en-GB": how numbers and dates are read


class LoudnessOptions(BaseModel):
    """avatar's extension: the response's loudness. Absent fields take the operator's ``serve.loudness_lufs``
    and ``serve.true_peak_dbtp``; ``finish: false`` returns the model's own levels (``normalize``, its name
    before the vocabulary pass, is still read: "normalise" is the text's reading, nothing else)."""

    model_config = ConfigDict(extra="forbid")

    finish: bool = Field(True, validation_alias=AliasChoices("finish", "normalize"))
    target_lufs: float | None = Field(None, ge=-40.0, le=-5.0)
    true_peak_dbtp: float | None = Field(None, ge=-9.0, le=0.0)


class MouthOptions(BaseModel):
    """avatar's extension: the mouth shapes avatar's renderer would draw, as blendshape weights per frame at
    ``fps`` (see :mod:`avatar.video.mouth_track`), for clients that draw a face of their own."""

    model_config = ConfigDict(extra="forbid")

    fps: int = Field(30, ge=10, le=120)


class SpeechRequest(BaseModel):
    """OpenAI's ``/v1/audio/speech`` body. Unknown fields are ignored, as OpenAI-compatible servers do."""

    model_config = ConfigDict(extra="ignore")

    model: str = Field(min_length=1, max_length=200)
    input: str = Field(min_length=1)
    voice: Annotated[str, Field(min_length=1, max_length=200)] | VoiceRef
    response_format: ResponseFormat = "mp3"
    speed: float = Field(1.0, ge=0.25, le=4.0)
    instructions: str | None = Field(None, max_length=4096)
    # None or "audio": chunked, sentence by sentence, as OpenAI streams by default; "sse": server-sent events;
    # "file" (avatar's extension): the whole file in one response, with Content-Length
    stream_format: Literal["audio", "sse", "file"] | None = None
    language: str | None = Field(None, max_length=35)  # avatar's extension: the language to speak
    # avatar's extensions: "word" adds word timings (SSE deltas carry theirs; a whole file becomes JSON with
    # base64 audio and the words), "srt" or "vtt" captions from the same timings as well (in the JSON answer
    # and SSE's done event); normalization: {"normalize": false} speaks digits and symbols as written
    timestamps: Literal["word", "srt", "vtt"] | None = None
    mouth: MouthOptions | None = None
    normalization: NormalizationOptions | None = None
    loudness: LoudnessOptions | None = None  # avatar's extension: target LUFS and true-peak ceiling


class Me(BaseModel):
    """``GET /v1/me``: who the key belongs to and the bounds that apply to its requests."""

    user: str
    admin: bool
    limits: dict[str, float | int]


class ErrorDetail(BaseModel):
    message: str
    type: str
    param: str | None = None
    code: str | None = None


class ErrorResponse(BaseModel):
    error: ErrorDetail


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    created: int
    owned_by: str = "avatar"
    state: str
    memory_mb: float
    languages: list[str]
    voices: list[str]
    aliases: list[str]
    loads: int
    error: str | None = None
    capabilities: dict[str, bool] = Field(default_factory=dict)  # what the backend declares it can do
    # The memory the next load is expected to take: mb, source ('ledger' or 'static'), runs measured, and
    # key_id, a digest of the estimate key (the key itself names server paths)
    estimate: dict[str, Any] = Field(default_factory=dict)


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]
    memory: dict[str, Any]


class LoadResult(BaseModel):
    model: str
    state: str
    memory_before_mb: float
    memory_after_mb: float
    seconds: float
    evicted: list[str] = Field(default_factory=list)
    returned: bool | None = None
    returned_mb: float | None = None


class Voice(BaseModel):
    id: str
    object: Literal["voice"] = "voice"
    name: str
    language: str | None
    transcript: str | None
    duration_s: float
    sample_rate: int
    default_backend: str
    created: str


class VoiceList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Voice]


class Deleted(BaseModel):
    id: str
    object: Literal["voice"] = "voice"
    deleted: bool = True


class Health(BaseModel):
    status: str
    phase: str | None = None
    device: str | None = None


class LogList(BaseModel):
    object: Literal["list"] = "list"
    data: list[dict[str, Any]]
