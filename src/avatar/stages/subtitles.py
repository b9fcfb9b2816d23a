"""`subtitles`: SRT and WebVTT from the synthesis stage's word timings (cues start and end on words), or
its chunk timings where there are no word timings; optionally burnt in by `mux`."""

from __future__ import annotations

import json
from typing import Annotated, Any, ClassVar

from pydantic import Field

from avatar import atomic
from avatar.errors import InputError, StageError
from avatar.stages.base import Job, Stage, StageContext, StageOptions, StageResult
from avatar.stages.options import Caller, OutputName
from avatar.video.captions import (
    DEFAULT_LINE_CHARS,
    DEFAULT_MAX_LINES,
    Cue,
    TimedWord,
    build_cues,
    shown_text,
    to_srt,
    to_vtt,
    word_cues,
)


class SubtitlesOptions(StageOptions):
    input: str = "timings"  # artifact: {"sample_rate", "duration_s", "chunks": [{index, text, start_s, end_s}]}
    line_chars: Annotated[int, Caller()] = Field(DEFAULT_LINE_CHARS, ge=10, le=200)
    max_lines: Annotated[int, Caller()] = Field(DEFAULT_MAX_LINES, ge=1, le=4)
    words: str = "words"  # artifact with word timings (words.json); cues follow the words when present
    # WebVTT with each word's start inside the cue (<00:00:01.200>)
    word_timestamps: Annotated[bool, Caller()] = False
    # the mux stage draws the subtitles into the picture (needs ffmpeg with libass)
    burn_in: Annotated[bool, Caller()] = False
    srt: OutputName = "subtitles.srt"
    vtt: OutputName = "subtitles.vtt"


def libass_missing_message() -> str | None:
    """Why burn-in cannot work with this ffmpeg, or None when it can."""
    from avatar.video.ffmpeg import ffmpeg_exe, has_filter

    if has_filter("subtitles"):
        return None
    return (
        f"burning in subtitles needs an ffmpeg built with libass (the 'subtitles' filter), and {ffmpeg_exe()} "
        "has none; set burn_in: false, or install an imageio-ffmpeg build with libass"
    )


class SubtitlesStage(Stage):
    name: ClassVar[str] = "subtitles"
    Options = SubtitlesOptions
    summary: ClassVar[str] = "SRT and WebVTT subtitles from chunk timings (optionally burnt in by mux)"
    media_types: ClassVar[dict[str, str]] = {"srt": "application/x-subrip", "vtt": "text/vtt"}
    device_kinds: ClassVar[frozenset[str]] = frozenset({"cpu"})
    holds_model: ClassVar[bool] = False
    options: SubtitlesOptions

    def estimate_mb(self) -> float:
        return 16.0

    def outputs_for(self, job: Job) -> list[str]:
        return ["srt", "vtt"]

    def check(self, job: Job) -> None:
        if self.options.burn_in and (why := libass_missing_message()):
            raise InputError(why)

    def _chunks(self, ctx: StageContext) -> list[tuple[float, float, str]]:
        path = ctx.artifact(self.options.input, self.env.stage_id)
        try:
            doc: Any = json.loads(path.read_text(encoding="utf-8"))
            chunks = [(float(c["start_s"]), float(c["end_s"]), str(c["text"])) for c in doc["chunks"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise StageError(
                self.env.stage_id, f"{path.name} is not a timings file with chunks of start_s, end_s, text ({exc})"
            ) from None
        return chunks

    def _word_cues(self, ctx: StageContext) -> list[Cue] | None:
        from avatar.timing.words import read_words

        path = ctx.artifacts.get(self.options.words)
        if path is None or not path.exists():
            return None
        try:
            doc: Any = json.loads(path.read_text(encoding="utf-8"))
            original = str(doc["text"])
            words = [TimedWord(w.start_s, w.end_s, shown_text(original, w.char_start, w.char_end))
                     for w in read_words(doc)]  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise StageError(self.env.stage_id, f"{path.name} is not a word timings file ({exc})") from None
        return word_cues(words, self.options.line_chars, self.options.max_lines) or None

    def run(self, ctx: StageContext) -> StageResult:
        self.check(ctx.job)
        cues = self._word_cues(ctx)
        by_words = cues is not None
        if cues is None:
            cues = build_cues(self._chunks(ctx), self.options.line_chars, self.options.max_lines)
        if not cues:
            raise InputError("the timings hold no text to subtitle")
        srt, vtt = ctx.output_path(self.options.srt), ctx.output_path(self.options.vtt)
        atomic.write_text(srt, to_srt(cues))
        atomic.write_text(vtt, to_vtt(cues, self.options.word_timestamps, self.options.line_chars))
        return StageResult(
            {"srt": srt, "vtt": vtt},
            {
                "cues": len(cues),
                "burn_in": self.options.burn_in,
                "end_s": round(cues[-1].end_s, 3),
                "timing": "words" if by_words else "chunks",
            },
        )
