"""`talking_head`: a portrait that speaks. Face-mesh landmarks (MediaPipe's model, shipped in the package)
rig the portrait; a piecewise-affine warp of the portrait itself moves lips and jaw from the speech's
loudness, shaped by phoneme timing where the synthesis backend gave it (piper does); eyelids blink and the
head sways a little.

Frames stream into ffmpeg as they are drawn and the audio is read in blocks, so memory stays flat
however long the speech is. The video has no audio track; the `mux` stage adds it.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field

from avatar.audio import io as audio_io
from avatar.config.schema import Settings
from avatar.errors import InputError
from avatar.stages.base import Check, Job, Stage, StageContext, StageOptions, StageResult
from avatar.stages.options import Caller, OutputName

if TYPE_CHECKING:
    from avatar.video.visemes import VisemeTrack

logger = logging.getLogger(__name__)

FALLBACK_INPUT = "speech"


class TalkingHeadOptions(StageOptions):
    input: str = "audio"  # artifact with the finished speech; falls back to 'speech' when absent
    portrait: str | None = None  # image path; defaults to the job's portrait, then scikit-image's astronaut
    # square side in pixels; defaults to quality.video_size
    size: Annotated[int | None, Caller(limit="video_size")] = Field(None, ge=64, le=4096)
    fps: Annotated[int | None, Caller(limit="fps")] = Field(None, ge=1, le=120)  # defaults to quality.fps
    timings: str = "timings"  # optional artifact with chunk timings: the mouth stays shut between chunks
    phonemes: str = "phonemes"  # optional artifact with phoneme timing: the mouth takes each sound's shape
    mouth_gain: Annotated[float, Caller()] = Field(1.0, ge=0.0, le=3.0)
    head_motion: Annotated[float, Caller()] = Field(1.0, ge=0.0, le=3.0)  # 0 keeps the head still
    blinks: Annotated[bool, Caller()] = True
    seed: Annotated[int, Caller()] = Field(0, ge=0, le=2**31 - 1)
    crf: Annotated[int, Caller()] = Field(20, ge=0, le=51)
    preset: Literal["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow"] = "veryfast"
    output: OutputName = "talking_head.mp4"


class TalkingHeadStage(Stage):
    name: ClassVar[str] = "talking_head"
    Options = TalkingHeadOptions
    summary: ClassVar[str] = "portrait + speech to a talking-head video (face-mesh warp; model ships in the package)"
    media_types: ClassVar[dict[str, str]] = {"video": "video/mp4"}
    device_kinds: ClassVar[frozenset[str]] = frozenset({"cpu"})
    warm_imports: ClassVar[tuple[str, ...]] = ("numpy", "cv2")
    options: TalkingHeadOptions

    def estimate_mb(self) -> float:
        side = self.size
        return 96.0 + 24 * side * side * 3 / 1e6  # OpenCV + a handful of frame-sized float buffers

    @property
    def size(self) -> int:
        side = self.options.size or self.env.settings.quality.video_size
        return side - side % 2  # yuv420p needs even sides

    @property
    def fps(self) -> int:
        return self.options.fps or self.env.settings.quality.fps

    def outputs_for(self, job: Job) -> list[str]:
        return ["video"]

    @classmethod
    def doctor(cls, settings: Settings) -> list[Check]:
        checks = []
        try:
            from avatar.video.landmarks import MODEL_PATH, _net
            from avatar.video.portrait import _cascade, default_portrait

            _cascade("haarcascade_frontalface_default.xml")
            _net()
            checks.append(Check("face detection", True, f"OpenCV Haar cascades and {MODEL_PATH.name} found"))
            checks.append(Check("default portrait", True, str(default_portrait())))
        except Exception as exc:
            checks.append(Check("face detection", False, f"{exc}"))
        try:
            from avatar.video.ffmpeg import ffmpeg_exe, has_encoder

            exe = ffmpeg_exe()
            ok = has_encoder("libx264")
            checks.append(Check("ffmpeg libx264", ok, exe if ok else f"{exe} has no libx264 encoder"))
        except Exception as exc:
            checks.append(Check("ffmpeg libx264", False, f"{exc}"))
        return checks

    def portrait_path(self, job: Job) -> Path:
        if self.options.portrait:
            return Path(self.options.portrait).expanduser()
        if job.portrait is not None:
            return Path(job.portrait).expanduser()
        from avatar.video.portrait import default_portrait

        return default_portrait()

    def check(self, job: Job) -> None:
        """A missing or unreadable portrait, or one with no face, fails before anything is written."""
        from avatar.video.portrait import load_portrait

        load_portrait(self.portrait_path(job), self.size)

    def _audio(self, ctx: StageContext) -> Path:
        name = self.options.input
        if name not in ctx.artifacts and name == "audio" and FALLBACK_INPUT in ctx.artifacts:
            name = FALLBACK_INPUT
        return ctx.artifact(name, self.env.stage_id)

    def _gate(self, ctx: StageContext) -> Any:
        from avatar.video.animate import SpeechGate

        path = ctx.artifacts.get(self.options.timings)
        if path is None or not path.exists():
            return None
        try:
            chunks = json.loads(path.read_text(encoding="utf-8")).get("chunks", [])
            spans = [(float(c["start_s"]), float(c["end_s"])) for c in chunks]
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            logger.warning("%s: ignoring unreadable timings %s (%s)", self.env.stage_id, path, exc)
            return None
        return SpeechGate(spans) if spans else None

    def _visemes(self, ctx: StageContext, fps: int) -> VisemeTrack | None:
        from avatar.text.phonemes import read_spans
        from avatar.video.visemes import VisemeTrack

        path = ctx.artifacts.get(self.options.phonemes)
        if path is None or not path.exists():
            return None
        return VisemeTrack(read_spans(path), fps)

    def run(self, ctx: StageContext) -> StageResult:
        from avatar.video.animate import frame_count, poses
        from avatar.video.encode import FrameWriter
        from avatar.video.portrait import load_portrait
        from avatar.video.render import Renderer

        audio = self._audio(ctx)
        _, _, duration = audio_io.info(audio)
        if duration <= 0:
            raise InputError(f"the audio '{audio.name}' is empty (zero length); nothing to animate")
        portrait = load_portrait(self.portrait_path(ctx.job), self.size)
        renderer = Renderer(portrait)
        fps, side = self.fps, self.size
        total = frame_count(duration, fps)
        gate = self._gate(ctx)
        visemes = self._visemes(ctx, fps)
        o = self.options
        t0 = time.perf_counter()
        speaking_frames = 0
        with ctx.writing(o.output) as tmp, FrameWriter(tmp, side, side, fps, self.env.stage_id, o.crf, o.preset) as enc:
            motion = poses(audio, fps, o.mouth_gain, o.head_motion, o.blinks, o.seed, gate, visemes)
            for i, pose in enumerate(motion):
                if i >= total:
                    break
                enc.write(renderer.render(pose))
                speaking_frames += pose.mouth > 0.1
                if i % max(1, fps // 2) == 0:  # also a boundary where a server runs waiting speech
                    ctx.progress(i, total, f"frame {i}/{total}")
            frames = enc.frames
        ctx.progress(total, total, "done")
        elapsed = time.perf_counter() - t0
        logger.info("%s: %d frames at %dx%d in %.1f s", self.env.stage_id, frames, side, side, elapsed)
        return StageResult(
            {"video": ctx.output_path(o.output)},
            {
                "frames": frames,
                "fps": fps,
                "size": side,
                "video_seconds": round(frames / fps, 3),
                "audio_seconds": round(duration, 3),
                "render_fps": round(frames / elapsed, 1) if elapsed > 0 else None,
                "speaking_share": round(speaking_frames / max(frames, 1), 3),
                "portrait": str(portrait.source),
                "used_timings": gate is not None,
                # frames whose mouth shape came from phoneme timing (the rest follow loudness alone)
                "phoneme_frames": visemes.frames_with_phonemes if visemes is not None else 0,
            },
        )
