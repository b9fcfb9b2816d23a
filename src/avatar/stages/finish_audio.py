"""`finish_audio`: loudness levelled to a target LUFS, peak limiting and short fades (streaming)."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from avatar.audio import loudness
from avatar.audio.io import info
from avatar.constants import DEFAULT_FADE_MS, DEFAULT_PEAK_CEILING_DBFS
from avatar.stages.base import Job, Stage, StageContext, StageOptions, StageResult
from avatar.stages.options import Caller, OutputName


class FinishAudioOptions(StageOptions):
    input: str = "speech"  # artifact to finish
    # defaults to the profile's quality.target_lufs
    target_lufs: Annotated[float | None, Caller()] = Field(None, ge=-40.0, le=-5.0)
    ceiling_dbfs: Annotated[float, Caller()] = Field(DEFAULT_PEAK_CEILING_DBFS, ge=-20.0, le=0.0)
    fade_in_ms: Annotated[float, Caller()] = Field(DEFAULT_FADE_MS, ge=0.0, le=5000.0)
    fade_out_ms: Annotated[float, Caller()] = Field(DEFAULT_FADE_MS, ge=0.0, le=5000.0)
    output: OutputName = "audio.wav"


class FinishAudioStage(Stage):
    name: ClassVar[str] = "finish_audio"
    Options = FinishAudioOptions
    summary: ClassVar[str] = "loudness levelling (BS.1770), peak limit, fades"
    media_types: ClassVar[dict[str, str]] = {"audio": "audio/wav"}
    device_kinds: ClassVar[frozenset[str]] = frozenset({"cpu"})
    holds_model: ClassVar[bool] = False
    warm_imports: ClassVar[tuple[str, ...]] = ("scipy.signal", "pyloudnorm")
    options: FinishAudioOptions

    def estimate_mb(self) -> float:
        return 48.0

    def outputs_for(self, job: Job) -> list[str]:
        return ["audio"]

    def run(self, ctx: StageContext) -> StageResult:
        src = ctx.artifact(self.options.input, self.env.stage_id)
        dst = ctx.output_path(self.options.output)
        target = (
            self.options.target_lufs if self.options.target_lufs is not None else self.env.settings.quality.target_lufs
        )
        report = loudness.finish(
            src, dst, target, self.options.ceiling_dbfs, self.options.fade_in_ms, self.options.fade_out_ms
        )
        sr, _, duration = info(dst)
        return StageResult(
            {"audio": dst},
            {
                "input_lufs": round(report.input_lufs, 2),
                "output_lufs": round(report.output_lufs, 2),
                "gain_db": round(report.gain_db, 2),
                "limited_windows": report.limited_blocks,
                "audio_seconds": round(duration, 3),
                "sample_rate": sr,
            },
        )
