"""Strict schemas for every YAML document avatar reads. Unknown keys are errors."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from avatar.constants import (
    DEFAULT_CHUNK_CHARS,
    DEFAULT_CLEANUP_TOLERANCE_MB,
    DEFAULT_MAX_HISTORY_TURNS,
    DEFAULT_MAX_IMAGE_PIXELS,
    DEFAULT_MAX_PERSONA_CHARS,
    DEFAULT_MAX_REPLY_TOKENS,
    DEFAULT_SAFETY_MARGIN_MB,
    DEFAULT_SYSTEM_PROMPT,
)

STAGE_ID_RE = re.compile(r"^[a-z][a-z0-9_-]{0,63}$")
DType = Literal["float32", "float16", "bfloat16"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class OomAction(str, Enum):
    """What to try, in order, when a stage runs out of memory."""

    SMALLER_CHUNKS = "smaller_chunks"  # halve the stage's chunk/batch sizes and retry
    CPU = "cpu"  # move the stage to the CPU and retry (only if allow_cpu_fallback)


class MemorySettings(StrictModel):
    safety_margin_mb: int = Field(DEFAULT_SAFETY_MARGIN_MB, ge=0)
    cleanup_tolerance_mb: int = Field(DEFAULT_CLEANUP_TOLERANCE_MB, ge=0)
    use_ledger: bool = True  # prefer measured peaks from earlier runs to static estimates
    # The most that avatar's resident models (stages and served models together) may hold on one device, on
    # top of free memory's own limit: leave room for other programs on a shared GPU. None: free memory alone.
    budget_mb: int | None = Field(None, ge=1)


class QualitySettings(StrictModel):
    target_lufs: float = Field(-16.0, ge=-40.0, le=-5.0)
    video_size: int = Field(512, ge=64, le=4096)
    fps: int = Field(25, ge=1, le=120)


class ModelRef(StrictModel):
    """Where a backend's weights are: a local folder, or a hub id resolved from the local cache."""

    path: str | None = None
    hub_id: str | None = None
    sha256: dict[str, str] = Field(default_factory=dict)


class ServeLimits(StrictModel):
    """`serve.limits`: what one caller may ask of the server. Bounds on caller-settable options tighten the
    stage's own; quotas are per user; each refusal names its limit."""

    # upper bounds for caller-settable stage options (see avatar.stages.options)
    video_size: int = Field(1024, ge=64, le=4096)  # talking_head.size
    fps: int = Field(30, ge=1, le=120)  # talking_head.fps
    pause_ms: int = Field(2000, ge=0, le=5000)  # synthesize.pause_ms
    speed_min: float = Field(0.25, ge=0.25, le=4.0)  # /v1/audio/speech speed
    speed_max: float = Field(4.0, ge=0.25, le=4.0)
    # decoding: checked from the file's header before anything is decoded
    image_pixels: int = Field(DEFAULT_MAX_IMAGE_PIXELS, ge=4096)  # portraits: width x height
    audio_channels: int = Field(8, ge=1, le=64)
    audio_rate_min: int = Field(8000, ge=1000)
    audio_rate_max: int = Field(192000, ge=8000, le=768000)
    audio_file_s: float = Field(300.0, gt=0)  # a voice upload longer than this is refused outright
    # quotas, per user
    concurrent_runs: int = Field(2, ge=1)  # queued or running
    runs: int = Field(200, ge=1)  # runs kept (finished ones included)
    keep_runs_days: float = Field(30.0, ge=0)  # finished runs older than this are pruned; 0 keeps them
    voices: int = Field(50, ge=1)
    disk_mb: float = Field(5000.0, gt=0)  # runs, voices and portraits together
    run_timeout_s: float = Field(3600.0, gt=0)  # a run's wall-clock limit
    streams: int = Field(8, ge=1)  # open event and log streams (a run's, a live session's, the log)
    queued: int = Field(8, ge=1)  # places one user may hold in the device queue (of serve.queue)
    requests: int = Field(16, ge=1)  # requests one user may have in flight at once
    # connections and bodies (the cost shares's pre-authentication part)
    header_timeout_s: float = Field(10.0, gt=0)  # a request's headers must arrive within this
    body_timeout_s: float = Field(60.0, gt=0)  # the gap allowed between two pieces of a body ...
    body_min_kb_s: float = Field(8.0, gt=0)  # ... and the slowest average rate a body may arrive at after that
    connections: int = Field(256, ge=1)  # open connections in all; when full, the oldest unauthenticated goes
    client_connections: int = Field(32, ge=1)  # open connections from one client address
    # preparing text (SSML, lexicon, normalisation): CPU seconds one request may spend, in a bounded pool
    text_cpu_s: float = Field(2.0, gt=0)
    text_workers: int = Field(1, ge=1, le=16)
    # streamed speech: audio generated ahead of a slow reader, and how long a reader may read nothing
    stream_ahead_s: float = Field(30.0, gt=0)
    stream_stall_s: float = Field(30.0, gt=0)

    @model_validator(mode="after")
    def _ranges(self) -> ServeLimits:
        if self.speed_min > self.speed_max:
            raise ValueError("speed_min must not be above speed_max")
        if self.audio_rate_min > self.audio_rate_max:
            raise ValueError("audio_rate_min must not be above audio_rate_max")
        return self


class TurnSettings(StrictModel):
    """`serve.live.turn`: when a caller's turn has ended. A turn ends after ``silence_ms`` of silence; after
    ``sentence_end_ms`` when what was heard ends a sentence; after ``trailing_ms`` when it trails off (its
    last word is one of ``trailing_words``, or it ends in "..."). A transcript is first made at a pause of
    ``pause_ms``: that is what the decision reads. Its recognition begins at ``hear_from_ms`` of silence, so
    it is ready (or nearly) when the pause is reached; speech that resumes before then drops it."""

    silence_ms: int = Field(700, ge=100, le=10_000)
    sentence_end_ms: int = Field(400, ge=100, le=10_000)
    trailing_ms: int = Field(1600, ge=100, le=20_000)
    pause_ms: int = Field(250, ge=64, le=5_000)
    hear_from_ms: int | None = Field(64, ge=32, le=5_000)  # None: recognised at the pause, on the feeder's thread
    vad_threshold: float = Field(0.5, gt=0.0, lt=1.0)  # silero's speech probability that counts as speech
    min_speech_ms: int = Field(128, ge=32, le=2_000)  # speech this long starts a turn (a click does not)
    pre_roll_ms: int = Field(300, ge=0, le=2_000)  # audio kept from before the start (the VAD is late)
    max_turn_s: float = Field(28.0, gt=1.0, le=30.0)  # a turn this long is ended (Whisper hears 30 s at most)
    trailing_words: list[str] = Field(
        default_factory=lambda: ["and", "but", "or", "so", "because", "um", "uh", "er", "then", "the", "a", "to"]
    )

    @model_validator(mode="after")
    def _order(self) -> TurnSettings:
        if not self.pause_ms <= self.sentence_end_ms <= self.silence_ms <= self.trailing_ms:
            raise ValueError("need pause_ms <= sentence_end_ms <= silence_ms <= trailing_ms")
        if self.hear_from_ms is not None and self.hear_from_ms > self.pause_ms:
            raise ValueError("need hear_from_ms <= pause_ms (or no hear_from_ms: recognition begins at the pause)")
        return self


class ChatSettings(StrictModel):
    """`serve.live.chat`: the chat model a conversation thinks with (an `avatar.chat` plugin) and its bounds.
    ``options`` go to the plugin: for ``openai`` ``base_url``, ``model`` and ``api_key_env`` (the name of the
    environment variable that holds the key, never the key); for ``embedded`` an optional ``model`` (a GGUF
    file or a transformers folder). Operator settings only; a caller may add a persona within
    ``max_persona_chars``."""

    # live sessions answer a caller's final transcript with this chat model (off: the app hears the
    # transcripts and sends say itself); a session may still turn it off with thinking: false
    enabled: bool = False
    backend: str = "embedded"
    options: dict[str, Any] = Field(default_factory=dict)
    system_prompt: str = Field(DEFAULT_SYSTEM_PROMPT, max_length=20_000)
    max_persona_chars: int = Field(DEFAULT_MAX_PERSONA_CHARS, ge=0, le=20_000)
    max_history_turns: int = Field(DEFAULT_MAX_HISTORY_TURNS, ge=0, le=200)
    max_reply_tokens: int = Field(DEFAULT_MAX_REPLY_TOKENS, ge=1, le=4096)
    # a reply's first sentence is spoken from its first comma or dash once it has this many words, so speech
    # starts at the first clause (the rest are whole sentences); 0: whole sentences only
    first_clause_words: int = Field(4, ge=0, le=100)
    # the reply starts at the first pause's transcript, while the turn rule still waits for the turn's end; its
    # audio is held until the turn ends with that transcript, and dropped if the caller goes on (off: the
    # reply starts at the final transcript)
    think_ahead: bool = True
    # the chat model runs in a process of its own (avatar/thinking/process.py), so it does not share the
    # interpreter's lock with the server's sessions (its first clause 0.29-0.41 s against 0.40-0.48 s in a
    # live session); a remote model (openai) never does
    own_process: bool = True


class LiveSettings(StrictModel):
    """`serve.live`: real-time avatar sessions over WebRTC, and the portraits they (and studio runs) name."""

    idle_timeout_s: float = Field(300.0, gt=0)  # a session with no say/interrupt for this long is closed
    max_sessions: int = Field(4, ge=0, le=64)  # open sessions on the server; beyond: 429 + Retry-After
    # CPU cores live sessions may fill (default: this machine's): a new session is admitted while the running
    # ones' measured use leaves room for one more like them (serve/live_capacity.py); else 429 + Retry-After
    cpu_cores: float | None = Field(None, gt=0, le=1024)
    user_sessions: int = Field(1, ge=1, le=64)  # open sessions of one user
    connect_timeout_s: float = Field(10.0, gt=0)  # a session whose peer has not connected by then is closed
    max_say_chars: int = Field(2000, ge=1, le=100_000)  # one say message, and all of a session's unspoken text
    fps: int = Field(25, ge=5, le=60)
    render_ahead: int = Field(2, ge=1, le=25)  # frames rendered ahead of playback (bounded buffer)
    max_portraits: int = Field(50, ge=1)  # per user
    max_portrait_mb: float = Field(20.0, gt=0)  # a portrait upload: a stored one, or one sent with a run
    max_portrait_px: int = Field(4096, ge=256)  # the longer side of a portrait image
    # Conversation: when a turn ends, and which speech recogniser hears it (an `avatar.asr` plugin) with
    # which model folder (None: the recogniser's embedded model). Operator settings only.
    turn: TurnSettings = Field(default_factory=TurnSettings)
    asr_backend: str = "faster-whisper"
    asr: str | None = None
    # go to the recogniser; faster-whisper takes cpu_threads, compute_type, beam_size (5) and window_pad_s
    # (10.0: the seconds of Whisper's 30 s padding its encoder reads after the speech; null: the whole window)
    asr_options: dict[str, Any] = Field(default_factory=dict)
    chat: ChatSettings = Field(default_factory=ChatSettings)
    # a caller speaking over the avatar interrupts it after this much speech (a cough is shorter)
    barge_in_ms: int = Field(250, ge=32, le=5_000)
    # echo guard: while the avatar's voice plays, microphone audio counts only with enough power beyond, in
    # each frequency band, the loudest audio played there in the last echo_window_ms plus this (in dB; -6:
    # half its level) and the room's steady noise. An app that cancels echo itself (browsers do) may lower it
    echo_guard_db: float = Field(-6.0, ge=-60.0, le=20.0)
    echo_window_ms: int = Field(600, ge=0, le=5_000)


class ServeSettings(StrictModel):
    """`avatar serve`: the HTTP speech service. Command-line options override these."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=0, le=65535)
    idle_unload_s: float = Field(0.0, ge=0.0)  # 0: models stay loaded until memory is needed
    queue: int = Field(32, ge=1, le=10000)  # requests waiting for the device worker; more get 429
    max_input_chars: int = Field(4096, ge=1, le=1_000_000)
    max_body_kb: int = Field(64, ge=1)  # JSON bodies
    max_upload_mb: float = Field(20.0, gt=0)  # voice uploads
    request_timeout_s: float = Field(300.0, gt=0)
    grace_s: float = Field(30.0, ge=0)  # SIGTERM: how long in-flight requests may take to finish
    retry_after_s: int = Field(5, ge=1)
    default_model: str = "piper"
    model_aliases: dict[str, str] = Field(default_factory=lambda: {"tts-1": "piper", "tts-1-hd": "piper"})
    # OpenAI's voice names -> a stock voice or speaker, per backend ("" = the backend's default voice); a name
    # not mapped here speaks with the backend's default voice
    voice_aliases: dict[str, dict[str, str]] = Field(default_factory=dict)
    log_records: int = Field(1000, ge=10)  # kept for GET /v1/logs
    # Constructor options per backend, e.g. {"piper": {"noise_scale": 0, "noise_w_scale": 0}}
    backend_options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    # Pipelines runs over HTTP may name besides the built-in ones: name -> YAML file on the server
    pipelines: dict[str, str] = Field(default_factory=dict)
    max_run_chars: int = Field(100_000, ge=1)  # longest text of a pipeline run
    # /v1/audio/speech loudness (BS.1770) and true-peak ceiling, whole and streamed; None: as the model made it.
    # A request's "loudness" field may choose others within the same bounds.
    loudness_lufs: float | None = Field(-16.0, ge=-40.0, le=-5.0)
    true_peak_dbtp: float = Field(-1.0, ge=-9.0, le=0.0)
    limits: ServeLimits = Field(default_factory=ServeLimits)
    # A speech model whose runtime keeps the working memory of its longest input (piper's onnxruntime arena)
    # speaks one sentence of this many characters (at most chunk_chars) as it loads, so that memory is held and
    # measured from the load, not added minutes later by the first long sentence. 0: faster loads, memory that
    # grows with use; sentences longer than this (a chunk_chars above it) may still grow it.
    warm_chars: int = Field(DEFAULT_CHUNK_CHARS, ge=0, le=5000)
    # How often the server gives the freed pages of its heaps back to the OS (glibc's malloc_trim; Linux). 0: never.
    trim_heap_s: float = Field(30.0, ge=0.0, le=3600.0)
    # Host headers the server answers (besides its own loopback names when bound to loopback), e.g. the
    # name a TLS proxy forwards: ["avatar.example.org"]. "*" answers any. Empty: loopback names only when
    # bound to loopback, any host otherwise.
    allowed_hosts: list[str] = Field(default_factory=list)
    # Browser origins allowed besides the server's own (the origin its Host header names), e.g.
    # "https://avatar.example.org" behind a proxy that rewrites Host.
    allowed_origins: list[str] = Field(default_factory=list)
    live: LiveSettings = Field(default_factory=LiveSettings)


class Settings(StrictModel):
    """Everything that cascades: built-in defaults < hardware profile < pipeline ``settings`` < ``--set``."""

    device: str = "auto"
    dtype: DType = "float32"
    memory: MemorySettings = Field(default_factory=MemorySettings)
    batch_size: int = Field(1, ge=1)
    chunk_chars: int = Field(DEFAULT_CHUNK_CHARS, ge=40, le=5000)
    quality: QualitySettings = Field(default_factory=QualitySettings)
    on_oom: list[OomAction] = Field(default_factory=lambda: [OomAction.SMALLER_CHUNKS, OomAction.CPU])
    allow_cpu_fallback: bool = True
    # Run model stages (those that declare ``holds_model``) in a worker process of their own, whose exit
    # returns everything (CUDA context, allocator caches, library globals). A stage's ``isolate:`` wins.
    isolate: bool = False
    stage_defaults: dict[str, dict[str, Any]] = Field(default_factory=dict)
    models: dict[str, ModelRef] = Field(default_factory=dict)
    serve: ServeSettings = Field(default_factory=ServeSettings)


class ProfileMatch(StrictModel):
    device: Literal["cuda", "mps", "cpu"]
    min_vram_gb: float = 0.0


class HardwareProfile(Settings):
    """A file in ``config/hardware/``: identity and matching rule, plus any Settings keys."""

    name: str
    description: str = ""
    match: ProfileMatch

    def settings_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude={"name", "description", "match"}, exclude_unset=True)


class StageSpec(StrictModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: str
    uses: str
    with_: dict[str, Any] = Field(default_factory=dict, alias="with")
    device: str | None = None  # overrides the run's device for this stage (e.g. 'cpu')
    isolate: bool | None = None  # run the stage in a worker process; default: the `isolate` setting

    @field_validator("id")
    @classmethod
    def _check_id(cls, v: str) -> str:
        if not STAGE_ID_RE.match(v):
            raise ValueError("stage ids are lower-case letters, digits, '-' and '_', starting with a letter")
        return v


class PipelineSpec(StrictModel):
    name: str
    description: str = ""
    settings: dict[str, Any] = Field(default_factory=dict)
    stages: list[StageSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> PipelineSpec:
        seen: set[str] = set()
        for st in self.stages:
            if st.id in seen:
                raise ValueError(f"duplicate stage id '{st.id}'")
            seen.add(st.id)
        return self
