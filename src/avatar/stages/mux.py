"""`mux`: the talking-head video and the finished speech into one H.264 + AAC MP4, plus a poster frame.

The video stream is copied when it is already H.264 and re-encoded otherwise (an external tool's output,
or subtitles to burn in). ``+faststart`` puts the index first so the file plays while it downloads.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, ClassVar, Literal

from pydantic import Field

from avatar.audio import io as audio_io
from avatar.errors import InputError
from avatar.stages.base import Job, Stage, StageContext, StageOptions, StageResult
from avatar.stages.options import Caller, OutputName

logger = logging.getLogger(__name__)

FALLBACK_AUDIO = "speech"


class MuxOptions(StageOptions):
    video: str = "video"  # artifact
    audio: str = "audio"  # artifact; falls back to 'speech' when absent
    subtitles: str = "srt"  # artifact burnt in when burn_in is on
    burn_in: Annotated[bool | None, Caller()] = None  # None: do what the subtitles stage asked for (its burn_in option)
    audio_bitrate: str = Field("128k", pattern=r"^\d+k$")
    crf: Annotated[int, Caller()] = Field(20, ge=0, le=51)  # used only when the video is re-encoded
    preset: Literal["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow"] = "veryfast"
    # default: 1 s in, or the middle of a shorter video
    poster_at_s: Annotated[float | None, Caller()] = Field(None, ge=0.0, le=86400.0)
    output: OutputName = "avatar.mp4"
    poster: OutputName = "poster.png"


def _filter_value(text: str) -> str:
    """Escape a filter option value for ffmpeg's two levels of filtergraph escaping."""
    for ch in "\\':":
        text = text.replace(ch, "\\" + ch)
    for ch in "\\'[],;":
        text = text.replace(ch, "\\" + ch)
    return text


class MuxStage(Stage):
    name: ClassVar[str] = "mux"
    Options = MuxOptions
    summary: ClassVar[str] = "video + speech to an H.264/AAC MP4 (faststart) and a poster PNG"
    media_types: ClassVar[dict[str, str]] = {"mp4": "video/mp4", "poster": "image/png"}
    device_kinds: ClassVar[frozenset[str]] = frozenset({"cpu"})
    holds_model: ClassVar[bool] = False
    options: MuxOptions

    def estimate_mb(self) -> float:
        return 32.0  # ffmpeg runs in its own process

    def outputs_for(self, job: Job) -> list[str]:
        return ["mp4", "poster"]

    def _burn_in(self, ctx: StageContext) -> bool:
        if self.options.burn_in is not None:
            return self.options.burn_in
        return any(isinstance(m, dict) and m.get("burn_in") is True for m in ctx.metadata.values())

    def run(self, ctx: StageContext) -> StageResult:
        from avatar.stages.subtitles import libass_missing_message
        from avatar.video import ffmpeg
        from avatar.video.encode import size_limit  # a server's run: the output stops at its owner's disk quota
        from avatar.video.probe import probe

        o, sid = self.options, self.env.stage_id
        video = ctx.artifact(o.video, sid)
        audio_name = o.audio if o.audio in ctx.artifacts or o.audio != "audio" else FALLBACK_AUDIO
        audio = ctx.artifact(audio_name if audio_name in ctx.artifacts else o.audio, sid)
        _, _, audio_s = audio_io.info(audio)
        if audio_s <= 0:
            raise InputError(f"the audio '{audio.name}' is empty (zero length); nothing to mux")
        vinfo = probe(video)
        vstream = vinfo.first("video")
        if vstream is None:
            raise InputError(f"'{video.name}' has no video stream")
        burn = self._burn_in(ctx)
        subs: Path | None = None
        if burn:
            if why := libass_missing_message():
                raise InputError(why)
            subs = ctx.artifact(o.subtitles, sid)

        args: list[str | Path] = ["-i", video, "-i", audio, "-map", "0:v:0", "-map", "1:a:0"]
        if subs is not None:
            # A square frame is narrow for libass's default size (16 on a 288-line canvas): 12 fits ~42 characters.
            args += ["-vf", f"subtitles=filename='{_filter_value(str(subs.resolve()))}':force_style='FontSize=12'"]
        if subs is None and vstream.codec == "h264":
            args += ["-c:v", "copy"]
        else:
            args += ["-c:v", "libx264", "-preset", o.preset, "-crf", str(o.crf), "-pix_fmt", "yuv420p"]
        args += ["-c:a", "aac", "-b:a", o.audio_bitrate, "-movflags", "+faststart", *size_limit(), "-f", "mp4"]

        poster_at = o.poster_at_s if o.poster_at_s is not None else min(1.0, vinfo.duration_s / 2.0)
        with ctx.writing(o.output) as tmp_mp4:
            ffmpeg.run([*args, tmp_mp4], sid, "mux")
            with ctx.writing(o.poster) as tmp_png:
                ffmpeg.run(
                    ["-ss", f"{poster_at:.3f}", "-i", tmp_mp4, "-frames:v", "1", "-update", "1", tmp_png], sid, "poster"
                )
                if tmp_png.stat().st_size == 0:
                    raise InputError(
                        f"no frame at {poster_at:.3f} s for the poster (the video is {vinfo.duration_s:.2f} s)"
                    )
        out = ctx.output_path(o.output)
        info = probe(out)
        a = info.first("audio")
        return StageResult(
            {"mp4": out, "poster": ctx.output_path(o.poster)},
            {
                "duration_s": round(info.duration_s, 3),
                "audio_seconds": round(audio_s, 3),
                "video_codec": "h264",
                "video_copied": subs is None and vstream.codec == "h264",
                "audio_codec": a.codec if a else None,
                "burn_in": subs is not None,
                "bytes": out.stat().st_size,
            },
        )
