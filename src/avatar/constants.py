"""Defaults in one place."""

from __future__ import annotations

DEFAULT_SAFETY_MARGIN_MB = 512
DEFAULT_CLEANUP_TOLERANCE_MB = 128
DEFAULT_ESTIMATE_FACTOR = 1.1  # measured peak x 1.1, as ComfyUI does for model sizes
DEFAULT_LEDGER_HISTORY = 5
DEFAULT_LEDGER_ENTRIES = 256  # the estimate ledger keeps the most recently updated keys
DEFAULT_TARGET_LUFS = -16.0
DEFAULT_PEAK_CEILING_DBFS = -1.0
DEFAULT_FADE_MS = 15.0
DEFAULT_CHUNK_CHARS = 400
DEFAULT_PAUSE_MS = 250
DEFAULT_PIPELINE = "pipeline.yaml"
DEFAULT_OUTPUTS_DIR = "outputs"
DEFAULT_VOICES_DIR = "voices"
LEGACY_VOICES_DIR = "profiles"  # the folder's name before 2026-12 (read where it is all there is)
ENTRY_POINT_GROUP = "avatar.stages"
MANIFEST_NAME = "manifest.json"
ENV_DEVICE = "AVATAR_DEVICE"
ENV_STATE_DIR = "AVATAR_STATE_DIR"
ENV_CACHE_DIR = "AVATAR_CACHE_DIR"
ENV_CONFIG_DIR = "AVATAR_CONFIG_DIR"
ENV_OUTPUTS_DIR = "AVATAR_OUTPUTS_DIR"
ENV_VOICES_DIR = "AVATAR_VOICES_DIR"
LEGACY_ENV_VOICES_DIR = "AVATAR_PROFILES_DIR"  # still read

# A language as a caller may name it: a code ("en", "pt-BR", "zh-cn") or a word ("english", "auto").
LANGUAGE_PATTERN = r"^[A-Za-z]{2,16}([-_][A-Za-z0-9]{1,8}){0,3}$"

# Largest image (width x height) decoded as a portrait, from `avatar run --portrait` and over HTTP: checked
# from the file's header, so a small file that claims 30000 x 30000 pixels is refused before it is decoded.
DEFAULT_MAX_IMAGE_PIXELS = 40_000_000

# Conversation: what the operator's chat model is told unless serve.live.chat.system_prompt says otherwise,
# and the bounds of a conversation (a caller's persona, the turns of history kept, a reply's length).
DEFAULT_SYSTEM_PROMPT = (
    "You are a friendly talking avatar in a live voice conversation. Answer briefly, in one to three short "
    "spoken sentences, without lists, markup or emoji."
)
DEFAULT_MAX_PERSONA_CHARS = 600
DEFAULT_MAX_HISTORY_TURNS = 8
DEFAULT_MAX_REPLY_TOKENS = 200
