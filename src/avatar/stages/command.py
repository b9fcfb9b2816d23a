"""`command`: run an external tool (a lip-sync model's inference script, say) as a stage.

The tool runs without a shell, from an argv template whose ``{placeholders}`` name the job's files. Its
declared memory need goes into the plan like a model stage's estimate; its log goes to ``<stage_id>.log``
in the run folder; a timeout stops its whole process group. Every failure is a one-line StageError.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import shutil
import signal
import string
import subprocess
import time
from pathlib import Path
from typing import ClassVar

from pydantic import Field

from avatar import atomic
from avatar.errors import InputError, StageError
from avatar.stages.base import Job, Stage, StageContext, StageOptions, StageResult

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 3600.0
KILL_GRACE_S = 5.0
LOG_TAIL_LINES = 8
FIXED_PLACEHOLDERS = ("audio", "image", "output", "workdir", "run_dir", "device", "stage_id")


class CommandOptions(StageOptions):
    argv: list[str] = Field(min_length=1)  # program and arguments; {placeholders} are filled, no shell
    env: dict[str, str] = Field(default_factory=dict)  # added to the environment (placeholders allowed)
    cwd: str | None = None  # working directory (placeholders allowed); default: the run folder
    timeout_s: float = Field(DEFAULT_TIMEOUT_S, gt=0)
    memory_mb: float = Field(0.0, ge=0.0)  # what the tool needs on its device; the plan reserves it
    device: str | None = None  # what {device} expands to; default: the device the stage was given
    image: str | None = None  # what {image} expands to; default: the job's portrait, then the astronaut
    audio: str = "audio"  # artifact {audio} expands to; falls back to 'speech' when absent
    # Artifacts the tool must leave behind: name -> file in the run folder (placeholders and globs allowed;
    # a glob takes the newest match). The first one is also what {output} names.
    outputs: dict[str, str] = Field(default_factory=dict)


def _fields(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise InputError(f"bad placeholder in '{template}': {exc}") from None


class CommandStage(Stage):
    name: ClassVar[str] = "command"
    Options = CommandOptions
    summary: ClassVar[str] = "run an external tool (e.g. Wav2Lip's inference.py) with a declared memory need"
    # The tool is a process of its own already; its memory is measured as the stage's process tree.
    holds_model: ClassVar[bool] = False
    options: CommandOptions

    def estimate_mb(self) -> float:
        return self.options.memory_mb

    def ledger_parts(self) -> tuple[str, str]:
        argv = self.options.argv
        prog = Path(argv[0]).name
        script = next((Path(a).name for a in argv[1:] if a.endswith(".py")), "")
        return "command", f"{prog} {script}".strip()

    def outputs_for(self, job: Job) -> list[str]:
        return list(self.options.outputs)

    @property
    def program(self) -> str:
        return Path(self.options.argv[0]).name

    def check(self, job: Job) -> None:
        o = self.options
        for template in [*o.argv, *o.env.values(), *o.outputs.values(), o.cwd or ""]:
            _fields(template)
        for name, template in o.outputs.items():
            head = template.split("/", 1)[0]
            if (
                os.path.isabs(template)
                or ".." in Path(template).parts
                or (head.startswith("{") and head not in ("{workdir}", "{run_dir}"))
            ):
                raise InputError(
                    f"stage '{self.env.stage_id}': output '{name}' is '{template}'; an output is a file in the run "
                    "folder, given relative to it or as {workdir}/NAME"
                )
        prog = o.argv[0]
        if not _fields(prog) and shutil.which(prog) is None:
            raise InputError(f"stage '{self.env.stage_id}': the program '{prog}' was not found (is it on PATH?)")
        if "image" in {f for a in o.argv for f in _fields(a)}:
            image = self._image(job)
            if not image.is_file():
                raise InputError(f"stage '{self.env.stage_id}': the image '{image}' does not exist")

    def _image(self, job: Job) -> Path:
        if self.options.image:
            return Path(self.options.image).expanduser()
        if job.portrait is not None:
            return Path(job.portrait).expanduser()
        from avatar.video.portrait import default_portrait

        return default_portrait()

    def _values(self, ctx: StageContext, output: Path | None, workdir: Path) -> dict[str, str]:
        """Every placeholder's value. Artifacts are resolved lazily by the formatter, so unused ones may be absent."""
        values: dict[str, str] = {name: str(path) for name, path in ctx.artifacts.items()}
        audio = ctx.artifacts.get(self.options.audio) or (
            ctx.artifacts.get("speech") if self.options.audio == "audio" else None
        )
        if audio is not None:
            values["audio"] = str(audio)
        values.update(
            run_dir=str(ctx.run_dir),
            workdir=str(workdir),
            device=self.options.device or self.env.device.device,
            stage_id=self.env.stage_id,
            image=str(self._image(ctx.job)),
        )
        if output is not None:
            values["output"] = str(output)
        return values

    def _fill(self, template: str, values: dict[str, str]) -> str:
        missing = [f for f in _fields(template) if f not in values]
        if missing:
            have = ", ".join(sorted(values))
            raise StageError(self.env.stage_id, f"no value for {{{missing[0]}}} in '{template}' (have: {have})")
        return template.format_map(values)

    def _in_run(self, ctx: StageContext, spec: str) -> Path:
        """An output of the tool: it must resolve inside the run folder (``{workdir}`` is in it), so no
        output, whoever declared it and whatever the tool left there (a symlink), is read from elsewhere."""
        base = ctx.run_dir.resolve()
        path = Path(spec) if os.path.isabs(spec) else ctx.run_dir / spec
        if not path.resolve().is_relative_to(base):
            raise StageError(self.env.stage_id, f"the output '{spec}' resolves outside the run folder; outputs "
                             "are files in the run folder or its {workdir}")  # fmt: skip
        return path

    def run(self, ctx: StageContext) -> StageResult:
        o, sid = self.options, self.env.stage_id
        workdir = ctx.run_dir / f"{sid}.work"
        workdir.mkdir(parents=True, exist_ok=True)
        log_path = ctx.run_dir / f"{sid}.log"
        first = next(iter(o.outputs.items()), None)
        values = self._values(ctx, None, workdir)
        # {output} is a temporary name beside the first output; it is renamed only when the tool succeeds.
        primary = self._in_run(ctx, self._fill(first[1], values)) if first and not glob.has_magic(first[1]) else None
        with atomic.atomic_path(primary) if primary is not None else contextlib.nullcontext() as tmp:
            if tmp is not None:
                tmp.unlink()  # the tool creates it; an empty file must not pass for output
                values["output"] = str(tmp)
            argv = [self._fill(a, values) for a in o.argv]
            env = dict(os.environ)
            env.update({k: self._fill(v, values) for k, v in o.env.items()})
            cwd = Path(self._fill(o.cwd, values)) if o.cwd else ctx.run_dir
            elapsed = self._execute(argv, env, cwd, log_path)
            if tmp is not None and not tmp.exists():
                raise StageError(
                    sid,
                    f"'{self.program}' exited 0 but did not write '{first[0] if first else ''}' "
                    f"({primary}, passed as {{output}}) (log: {log_path})",
                )
        artifacts = self._collect(ctx, values, primary, log_path)
        return StageResult(artifacts, {"program": self.program, "seconds": round(elapsed, 3), "log": str(log_path)})

    def _execute(self, argv: list[str], env: dict[str, str], cwd: Path, log_path: Path) -> float:
        sid = self.env.stage_id
        if not cwd.is_dir():
            raise StageError(sid, f"the working directory '{cwd}' does not exist")
        logger.info("%s: running %s", sid, argv)
        t0 = time.perf_counter()
        with open(log_path, "wb") as log:
            try:
                # A new session makes the tool a process-group leader, so a timeout can stop its children too.
                proc = subprocess.Popen(
                    argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            except OSError as exc:
                raise StageError(sid, f"cannot run '{argv[0]}': {exc.strerror or exc}") from None
            try:
                code = proc.wait(timeout=self.options.timeout_s)
            except subprocess.TimeoutExpired:
                _stop_group(proc)
                raise StageError(
                    sid,
                    f"'{self.program}' ran past its {self.options.timeout_s:g} s timeout and was stopped "
                    f"(log: {log_path})",
                ) from None
            except BaseException:
                _stop_group(proc)
                raise
        elapsed = time.perf_counter() - t0
        if code != 0:
            raise StageError(sid, f"'{self.program}' exited with code {code}: {_log_tail(log_path)} (log: {log_path})")
        return elapsed

    def _collect(
        self, ctx: StageContext, values: dict[str, str], primary: Path | None, log_path: Path
    ) -> dict[str, Path]:
        artifacts: dict[str, Path] = {}
        for i, (name, pattern) in enumerate(self.options.outputs.items()):
            if i == 0 and primary is not None:
                artifacts[name] = primary
                continue
            spec = self._fill(pattern, values)
            full = str(ctx.run_dir / spec)
            if glob.has_magic(full):
                matches = [Path(p) for p in glob.glob(full) if Path(p).is_file()]
                found = max(matches, key=lambda p: p.stat().st_mtime) if matches else None
            else:
                found = Path(full) if Path(full).is_file() else None
            if found is not None:
                found = self._in_run(ctx, str(found))
            if found is None:
                raise StageError(
                    self.env.stage_id,
                    f"'{self.program}' exited 0 but did not write '{name}' ({full}) (log: {log_path})",
                )
            artifacts[name] = found
        return artifacts


def _stop_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM the tool's process group, then SIGKILL what is left after a grace period."""
    for sig, wait in ((signal.SIGTERM, KILL_GRACE_S), (signal.SIGKILL, KILL_GRACE_S)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=wait)
            if sig == signal.SIGKILL:
                return
        except subprocess.TimeoutExpired:
            continue
    # Children that ignored SIGTERM after the leader exited still get SIGKILL.
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            fh.seek(max(0, fh.tell() - 8192))
            text = fh.read().decode("utf-8", "replace")
    except OSError:
        return "(no log)"
    kept = [ln.strip() for ln in text.splitlines() if ln.strip()][-lines:]
    return " | ".join(kept) or "(empty log)"
