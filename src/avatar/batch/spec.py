"""Batch files: YAML or CSV, one strict schema, one loader.

YAML::

    name: promo            # optional; default: the file's stem
    pipeline: video.yaml   # optional; a file (relative to this file) or a built-in name
    profile: rtx3080       # optional hardware profile
    set: [memory.safety_margin_mb=1024]   # batch-wide overrides, like --set
    output_dir: out        # optional, relative to this file; default: $AVATAR_OUTPUTS_DIR or outputs/
    jobs:
      - {id: intro, text: "Hello.", voice: alice/narrator, output: intro}
      - {id: outro, script: outro.txt, set: [stages.speech.pause_ms=100]}

CSV: a header row, then one job per row. Columns: ``id,text,script,voice,portrait,output,language`` and
``set.<key>`` for per-job overrides (``set.stages.speech.pause_ms``). Empty cells are absent values. Rows
are counted as a spreadsheet shows them: the header is row 1.

Per-job overrides may only change stage options (``stages.<stage id>.<option>``). Settings that decide
how models load (device, dtype, memory, models, chunk sizes) are batch-wide: put them in the top-level
``set:``. Jobs whose resolved options differ run as separate groups, each stage-major, so every group
loads each stage once: keep per-job overrides for the few jobs that need them.

Paths (script, portrait, a pipeline file) are relative to the batch file. Whether they exist is checked
when the job runs: a missing file fails that job, not the batch.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from avatar.batch.defaults import RESERVED_OUTPUTS, STORE_NAME
from avatar.config.yamlio import format_validation_error, read_yaml
from avatar.errors import ConfigError, InputError, UsageError
from avatar.paths import outputs_dir
from avatar.voices.names import NAME_RULE, parse_voice_id, validate_name

CSV_COLUMNS = ("id", "text", "script", "voice", "portrait", "output", "language")
OUTPUT_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")
STAGE_SET_RE = re.compile(r"stages\.[a-z][a-z0-9_-]{0,63}\.[A-Za-z_][A-Za-z0-9_.]*=.*", re.DOTALL)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True, populate_by_name=True)


class JobSpec(_Strict):
    """One job as written in the batch file."""

    id: str
    text: str | None = None
    script: str | None = None
    voice: str | None = None
    portrait: str | None = None
    output: str | None = None
    language: str | None = None
    sets: list[str] = Field(default_factory=list, alias="set")

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        try:
            return validate_name(v, "job")
        except UsageError:
            raise ValueError(f"job ids are {NAME_RULE}") from None

    @field_validator("text")
    @classmethod
    def _text(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("the text is empty; write some words or give a script file instead")
        return v

    @field_validator("voice")
    @classmethod
    def _voice(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            user, name = parse_voice_id(v)
        except UsageError as exc:
            raise ValueError(str(exc)) from None
        return f"{user}/{name}"

    @field_validator("output")
    @classmethod
    def _output(cls, v: str | None) -> str | None:
        if v is None:
            return v
        if not OUTPUT_RE.fullmatch(v) or ".." in v or v in RESERVED_OUTPUTS or v.startswith(STORE_NAME):
            raise ValueError(
                "an output is one file name: letters, digits, '.', '-' and '_' (no folders), "
                f"and not one of {', '.join(sorted(RESERVED_OUTPUTS))}"
            )
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str | None) -> str | None:
        if v is not None and not LANGUAGE_RE.fullmatch(v):
            raise ValueError("a language is a code such as en, de or pt-BR")
        return v

    @field_validator("sets")
    @classmethod
    def _sets(cls, v: list[str]) -> list[str]:
        for item in v:
            if not STAGE_SET_RE.fullmatch(item):
                raise ValueError(
                    f"'{item}': per-job overrides change stage options only, as stages.<stage id>.<option>=VALUE; "
                    "settings such as device, dtype, memory and models apply to the whole batch (top-level set:)"
                )
        return v


class BatchFileSpec(_Strict):
    """The top level of a YAML batch file (a CSV file has only the jobs)."""

    name: str | None = None
    pipeline: str | None = None
    profile: str | None = None
    sets: list[str] = Field(default_factory=list, alias="set")
    output_dir: str | None = None
    jobs: list[dict[str, Any]] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _name(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            return validate_name(v, "batch")
        except UsageError:
            raise ValueError(f"batch names are {NAME_RULE}") from None


@dataclass(frozen=True)
class JobDef:
    """A validated job with absolute paths, and where it came from (for error messages)."""

    id: str
    where: str  # "row 3" or "jobs[2]"
    text: str | None
    script: Path | None
    voice: str | None
    portrait: Path | None
    output: str
    language: str | None
    sets: tuple[str, ...] = ()
    # Whose pronunciation lexicon applies (a studio run: its owner); None: the voice's user, if any.
    user: str | None = None

    def as_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {
            "id": self.id,
            "where": self.where,
            "text": self.text,
            "script": str(self.script) if self.script else None,
            "voice": self.voice,
            "portrait": str(self.portrait) if self.portrait else None,
            "output": self.output,
            "language": self.language,
            "sets": list(self.sets),
        }
        if self.user:  # only when set, so the hashes of jobs that have none stay what they were
            rec["user"] = self.user
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> JobDef:
        return cls(
            id=rec["id"],
            where=rec.get("where", ""),
            text=rec.get("text"),
            script=Path(rec["script"]) if rec.get("script") else None,
            voice=rec.get("voice"),
            portrait=Path(rec["portrait"]) if rec.get("portrait") else None,
            output=rec["output"],
            language=rec.get("language"),
            sets=tuple(rec.get("sets") or ()),
            user=rec.get("user"),
        )


@dataclass
class BatchSpec:
    """A loaded batch: where its folder is, how its plan is built, and its jobs in file order."""

    path: Path
    name: str
    output_dir: Path
    pipeline: str | None
    profile: str | None
    sets: tuple[str, ...]
    jobs: list[JobDef] = field(default_factory=list)

    @property
    def batch_dir(self) -> Path:
        return self.output_dir / self.name

    def plan_inputs(self) -> dict[str, Any]:
        """What the batch-wide plan is built from; stored in the store so any worker can rebuild it."""
        return {"pipeline": self.pipeline, "profile": self.profile, "sets": list(self.sets)}

    def job_hash(self, job: JobDef) -> str:
        """Changes when anything that decides the job's outputs changes (then the job is done again)."""
        rec = job.as_record()
        rec.pop("where")
        blob = json.dumps({"plan": self.plan_inputs(), "job": rec}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def group_key(self, job: JobDef) -> str:
        """Jobs with the same key share one plan, so each stage loads once for all of them."""
        blob = json.dumps({"plan": self.plan_inputs(), "sets": sorted(job.sets)}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


def _sanitise_name(stem: str) -> str:
    name = re.sub(r"[^a-z0-9_-]+", "-", stem.lower()).strip("-_") or "batch"
    return name[:64]


def _where_label(path: Path, where: str, job_id: Any) -> str:
    return f"{path.name}: {where}" + (f" (id {job_id!r})" if isinstance(job_id, str) and job_id else "")


def _validate_job(path: Path, where: str, data: dict[str, Any]) -> JobSpec:
    try:
        return JobSpec.model_validate(data)
    except ValidationError as exc:
        fld, msg = format_validation_error(exc, JobSpec)
        msg = msg.removeprefix("Value error, ")
        raise ConfigError(_where_label(path, where, data.get("id")), msg, fld) from None


def _resolve_path(base: Path, value: str | None) -> Path | None:
    if value is None:
        return None
    p = Path(value).expanduser()
    return p if p.is_absolute() else (base / p).resolve()


def _job_defs(path: Path, raw_jobs: list[tuple[str, dict[str, Any]]]) -> list[JobDef]:
    base = path.parent.resolve()
    jobs: list[JobDef] = []
    ids: dict[str, str] = {}
    outputs: dict[str, str] = {}
    for where, data in raw_jobs:
        spec = _validate_job(path, where, data)
        label = _where_label(path, where, spec.id)
        if (spec.text is None) == (spec.script is None):
            raise ConfigError(label, "give exactly one of text or script", "text")
        if spec.id in ids:
            raise ConfigError(label, f"duplicate job id (first at {ids[spec.id]})", "id")
        ids[spec.id] = where
        output = spec.output or spec.id
        if output.lower() in outputs:
            raise ConfigError(label, f"output '{output}' is also the output of {outputs[output.lower()]}", "output")
        outputs[output.lower()] = where
        jobs.append(
            JobDef(
                id=spec.id,
                where=where,
                text=spec.text,
                script=_resolve_path(base, spec.script),
                voice=spec.voice,
                portrait=_resolve_path(base, spec.portrait),
                output=output,
                language=spec.language,
                sets=tuple(spec.sets),
            )
        )
    return jobs


def _read_csv(path: Path) -> list[tuple[str, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")  # spreadsheets often write a byte-order mark
    except UnicodeDecodeError:
        raise ConfigError(path.name, "not UTF-8 text; export the sheet as CSV UTF-8") from None
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    try:
        rows = list(csv.reader(text.splitlines(keepends=True)))
    except csv.Error as exc:
        raise ConfigError(path.name, f"malformed CSV: {exc}") from None
    rows = [r for r in rows if any(cell.strip() for cell in r)] if rows else rows
    if not rows:
        raise ConfigError(path.name, "empty file; the first row names the columns (id,text,...)")
    header = [h.strip() for h in rows[0]]
    for h in header:
        if h not in CSV_COLUMNS and not (h.startswith("set.") and len(h) > 4):
            raise ConfigError(
                f"{path.name}: row 1", f"unknown column '{h}'; columns: {', '.join(CSV_COLUMNS)}, set.<key>", "header"
            )
    if len(set(header)) != len(header):
        dup = next(h for h in header if header.count(h) > 1)
        raise ConfigError(f"{path.name}: row 1", f"column '{dup}' appears twice", "header")
    if "id" not in header:
        raise ConfigError(f"{path.name}: row 1", "no 'id' column; every job needs an id", "header")
    if len(rows) < 2:
        raise ConfigError(path.name, "no jobs: add one row per job under the header")
    out: list[tuple[str, dict[str, Any]]] = []
    for number, row in enumerate(rows[1:], start=2):
        where = f"row {number}"
        if len(row) > len(header):
            raise ConfigError(
                _where_label(path, where, row[0] if row else None), f"{len(row)} cells but {len(header)} columns", "row"
            )
        data: dict[str, Any] = {}
        sets: list[str] = []
        for h, cell in zip(header, row, strict=False):
            value = cell.strip()
            if not value:
                continue
            if h.startswith("set."):
                sets.append(f"{h[4:]}={value}")
            else:
                data[h] = value
        if sets:
            data["set"] = sets
        out.append((where, data))
    return out


def load_batch(path: Path) -> BatchSpec:
    """Read and validate a batch file (``.yaml``/``.yml`` or ``.csv``); errors are ConfigErrors naming
    the file, the row or job, and the field."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"batch file {path} not found")
    base = path.parent.resolve()
    if path.suffix.lower() == ".csv":
        raw = _read_csv(path)
        top = BatchFileSpec(jobs=[d for _, d in raw])
    elif path.suffix.lower() in (".yaml", ".yml"):
        data = read_yaml(path)
        try:
            top = BatchFileSpec.model_validate(data)
        except ValidationError as exc:
            fld, msg = format_validation_error(exc, BatchFileSpec)
            if fld.startswith("jobs."):  # a job that is not a mapping: name it like the others
                index = fld.split(".")[1]
                raise ConfigError(
                    f"{path.name}: jobs[{index}]", "each job is a mapping like {id: intro, text: ...}"
                ) from None
            raise ConfigError(path.name, msg.removeprefix("Value error, "), fld) from None
        raw = [(f"jobs[{i}]", job) for i, job in enumerate(top.jobs)]
    else:
        raise InputError(f"{path}: a batch file is .yaml, .yml or .csv")
    for item in top.sets:
        if "=" not in item:
            raise ConfigError(path.name, f"'{item}': expected KEY=VALUE", "set")
    pipeline = top.pipeline
    if pipeline and (base / pipeline).is_file():
        pipeline = str((base / pipeline).resolve())
    out = _resolve_path(base, top.output_dir) if top.output_dir else outputs_dir().resolve()
    assert out is not None
    return BatchSpec(
        path=path.resolve(),
        name=top.name or _sanitise_name(path.stem),
        output_dir=out,
        pipeline=pipeline,
        profile=top.profile,
        sets=tuple(top.sets),
        jobs=_job_defs(path, raw),
    )
