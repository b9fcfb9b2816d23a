"""Pipeline runs submitted over HTTP: batch jobs, run by the device thread.

A run is a job in a batch store (one batch folder per pipeline under ``<outputs>/studio/``), so runs get
everything batches have: atomic claims, stage-major execution (runs of the same pipeline and options that
wait together share one load of each model), resume from the manifest's checksums after a crash, and the
Ray executor. A thread of the server wakes when a run is submitted and hands every claimable run to the
device thread (a ``PipelineRun`` job), so a pipeline and speech requests never use the device at
the same time; warm speech models are unloaded first when the pipeline's plan does not fit beside them.

Each run's folder ``<batch>/<run id>/`` holds ``studio.json`` (owner, request), ``events.jsonl`` (queued,
stage started, progress, stage finished, done/failed/cancelled: what ``/events`` streams, replayable after
a restart), the uploaded portrait, and the usual run files (manifest, artifacts).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from avatar import atomic
from avatar.atomic import DiskBudget
from avatar.batch.local import BatchObserver, WorkerOptions
from avatar.batch.spec import JobDef
from avatar.batch.store import DONE, FAILED, PENDING, REMOVED, RUNNING, BatchStore
from avatar.errors import AvatarError, ConfigError, InputError, RunCancelled, RunTimeLimit, UnknownNameError
from avatar.pipeline.plan import PlannedStage
from avatar.pipeline.runner import JobRun

if TYPE_CHECKING:
    from avatar.config.schema import Settings
    from avatar.pipeline.plan import Plan
    from avatar.serve.device.thread import DeviceThread

logger = logging.getLogger(__name__)

STUDIO_FILE = "studio.json"
EVENTS_FILE = "events.jsonl"
PORTRAIT_NAME = "portrait"
PROGRESS_EVERY_S = 0.5  # progress events per run at most this often
GATHER_S = 0.3  # after a submission, wait this long for others to join the same stage-major batch
FINAL = ("done", "failed", "cancelled")
URL_LIFETIME_S = 3600
PRUNE_EVERY_S = 60.0
PIPELINE_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)?$")
SIG_RE = re.compile(r"[0-9a-f]{32}", re.ASCII)
KEY_ID_RE = re.compile(r"[0-9a-f]{8}", re.ASCII)


def new_run_id() -> str:
    return time.strftime("r%Y%m%d-%H%M%S-") + secrets.token_hex(3)


def append_event(run_dir: Path, event: dict[str, Any]) -> None:
    """One line per event, flushed at once: the SSE stream tails this file."""
    event = {"time": round(time.time(), 3), **event}
    with open(Path(run_dir) / EVENTS_FILE, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(event) + "\n")


def read_events(run_dir: Path, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Whole lines from byte ``offset`` on, and the offset after them."""
    path = Path(run_dir) / EVENTS_FILE
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            data = fh.read()
    except FileNotFoundError:
        return [], offset
    end = data.rfind(b"\n") + 1
    events = [json.loads(line) for line in data[:end].splitlines() if line.strip()]
    return events, offset + end


DOWNLOAD_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class Artifact:
    path: Path
    media_type: str


@dataclass
class RunRef:
    id: str
    user: str
    pipeline: str
    batch_dir: Path

    @property
    def run_dir(self) -> Path:
        return self.batch_dir / self.id


class _Events(BatchObserver):
    """Runner and batch hooks -> each run's events.jsonl; asks the service whether a run was cancelled."""

    def __init__(self, service: RunService, batch_dir: Path) -> None:
        self.service = service
        self.batch_dir = batch_dir
        self._last_progress: dict[str, float] = {}
        self._started: dict[str, float] = {}
        self._budgets: dict[str, DiskBudget] = {}

    def disk_budget(self, jr: JobRun) -> DiskBudget | None:
        """The owner's ``serve.limits.disk_mb`` less what they hold outside this run, measured now (before each
        stage: their other runs may have grown meanwhile); the run folder itself is measured at every check."""
        user = str(jr.job.extra.get("user") or _owner(jr.run_dir) or "")
        limit = int(self.service.settings.serve.limits.disk_mb * 1024 * 1024)
        mine = [r for r in self.service._refs() if r.user == user and r.id != jr.job.id]
        other = self.service.disk_bytes(user, mine)
        budget = DiskBudget(jr.run_dir, limit, other, f"user '{user}'s disk quota (serve.limits.disk_mb)")
        self._budgets[jr.job.id] = budget
        return budget

    def _stop(self, jr: JobRun) -> AvatarError | None:
        """Why the run must stop now: its owner cancelled it, or it ran past ``serve.limits.run_timeout_s``
        (checked at every progress report and stage boundary)."""
        if self.service.is_cancelled(jr.job.id):
            return RunCancelled(f"run {jr.job.id} was cancelled")
        limit = self.service.settings.serve.limits.run_timeout_s
        started = self._started.setdefault(jr.job.id, time.monotonic())
        if time.monotonic() - started > limit:
            return RunTimeLimit(f"the run passed its wall-clock limit of {limit:g} s (serve.limits.run_timeout_s)")
        budget = self._budgets.get(jr.job.id)
        if budget is not None:  # at every progress report: what an isolated stage wrote counts here too
            used = budget.used()
            if used >= budget.limit_bytes:
                return budget.error(used)
        return None

    def job_started(self, ps: PlannedStage, jr: JobRun) -> None:
        self._started.setdefault(jr.job.id, time.monotonic())
        append_event(jr.run_dir, {"type": "stage_started", "stage": ps.id, "uses": ps.uses})

    def job_progress(self, ps: PlannedStage, jr: JobRun, done: float, total: float, message: str) -> None:
        if (stop := self._stop(jr)) is not None:
            raise stop
        self.service.device_thread.yield_point()  # a chunk boundary: interactive work waiting runs now
        now = time.monotonic()
        if now - self._last_progress.get(jr.job.id, 0.0) >= PROGRESS_EVERY_S or done >= total:
            self._last_progress[jr.job.id] = now
            append_event(jr.run_dir, {"type": "progress", "stage": ps.id, "done": done, "total": total,
                                      "message": message})  # fmt: skip

    def job_finished(self, ps: PlannedStage, jr: JobRun, entry: dict[str, Any]) -> None:
        keep = ("status", "device", "load_s", "run_s", "peak_mb", "peak_delta_mb", "error")
        append_event(
            jr.run_dir, {"type": "stage_finished", "stage": ps.id, **{k: entry[k] for k in keep if k in entry}}
        )
        self.service.device_thread.yield_point()  # a job boundary

    def cancelled(self, jr: JobRun) -> AvatarError | None:
        return self._stop(jr)

    def job_outcome(self, job_id: str, state: str, error: str | None) -> None:
        run_dir = self.batch_dir / job_id
        budget = self._budgets.pop(job_id, None)
        if budget is not None and budget.exceeded and state != DONE:
            _remove_outputs(run_dir)
        if state == "pending":  # a retry after a failed attempt
            append_event(run_dir, {"type": "retrying", "error": error})
            return
        final = "cancelled" if self.service.is_cancelled(job_id) else ("done" if state == DONE else "failed")
        append_event(run_dir, {"type": final, "error": error} if error else {"type": final})


class RunService:
    def __init__(
        self,
        root: Path,
        settings: Settings,
        device_thread: DeviceThread,
        voices_root: Path,
        profile: str | None = None,
        sets: tuple[str, ...] = (),
        executor: str = "local",
        address: str | None = None,
    ) -> None:
        self.root = Path(root)
        self.settings = settings
        self.device_thread = device_thread
        self.voices_root = voices_root
        self.profile = profile
        self.sets = tuple(sets)
        self.executor = executor
        self.address = address
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._cancelled: set[str] = set()
        self._lock = threading.Lock()
        self._plans: dict[tuple[str, tuple[str, ...]], Plan] = {}
        self._secret = secrets.token_bytes(32)
        self.restore_signals: Callable[[], None] | None = None  # set by the server: its own signal handlers
        self._thread = threading.Thread(target=self._loop, name="avatar-runs", daemon=True)

    # --- pipelines --------------------------------------------------------------------------------
    def pipelines(self) -> dict[str, Path]:
        """Names a request may give: the built-in pipelines and the server's configured ones. Never a path."""
        from avatar.paths import builtin_config_dir

        found: dict[str, Path] = {}
        base = builtin_config_dir()
        for path in sorted(base.glob("*.yaml")):
            found[path.stem] = path
        for path in sorted((base / "examples").glob("*.yaml")):
            found[f"examples/{path.stem}"] = path
        for name, value in self.settings.serve.pipelines.items():
            found[name] = Path(value).expanduser()
        return found

    def resolve_pipeline(self, name: str) -> tuple[str, Path]:
        known = self.pipelines()
        if name not in known:
            if not PIPELINE_NAME_RE.fullmatch(name) or ".." in name:
                raise InputError(
                    f"pipeline '{name}' is not a pipeline name; a request names one of the server's pipelines "
                    f"({', '.join(known)}), never a path"
                )
            raise UnknownNameError("pipeline", name, list(known))
        return name, known[name]

    def _plan(self, pipeline: Path, sets: tuple[str, ...]) -> Plan:
        from avatar.pipeline.plan import build_plan

        key = (str(pipeline), sets)
        if key not in self._plans:
            sets_all = [*self.sets, *sets]
            # Planned against the device thread's core, the one its runs load through
            core = self.device_thread.residency
            self._plans[key] = build_plan(pipeline, self.profile, sets_all, self.voices_root, core)
        return self._plans[key]

    def _batch_dir(self, name: str) -> Path:
        return self.root / name.replace("/", "-")

    # --- submission -------------------------------------------------------------------------------
    def submit(
        self,
        user: str,
        pipeline: str,
        text: str,
        voice: str | None = None,
        portrait: tuple[str, bytes] | None = None,
        sets: list[str] | None = None,
        language: str | None = None,
        key_id: str | None = None,
    ) -> dict[str, Any]:
        """Check everything, then queue the run. Bad input raises before anything is kept."""
        from avatar.batch.spec import BatchSpec
        from avatar.serve.boundary import check_sets
        from avatar.stages.base import Job
        from avatar.text.chunking import speakable

        name, path = self.resolve_pipeline(pipeline)
        if not speakable(text):
            raise InputError("the text is empty (nothing but spaces, punctuation or invisible characters); "
                             "write some words or upload a script")  # fmt: skip
        if len(text) > self.settings.serve.max_run_chars:
            raise InputError(f"the text has {len(text)} characters; the limit is {self.settings.serve.max_run_chars}")
        items = check_sets(tuple(sets or ()), path, user, self.settings.serve.limits, {"voice": self.resolve_voice})
        voice_id = self.resolve_voice(user, voice) if voice else None
        if portrait is not None:  # the caller's own bytes first; the quota check below reads the disk
            import io

            from avatar.video.portrait import image_header

            shown = f"the uploaded {portrait[0] or 'file'}"
            image_header(io.BytesIO(portrait[1]), self.settings.serve.limits.image_pixels, shown=shown)
        self._check_quotas(user, portrait)
        try:
            plan = self._plan(path, items)
        except ConfigError as exc:
            raise ConfigError("set", str(exc).removeprefix("--set: ")) from None
        run_id = new_run_id()
        batch_dir = self._batch_dir(name)
        run_dir = batch_dir / run_id
        portrait_path: Path | None = None
        run_dir.mkdir(parents=True)
        try:
            if portrait is not None:
                filename, data = portrait
                suffix = Path(filename or "").suffix.lower()
                suffix = suffix if re.fullmatch(r"\.[a-z0-9]{1,5}", suffix) else ".img"
                portrait_path = run_dir / f"{PORTRAIT_NAME}{suffix}"
                atomic.write_bytes(portrait_path, data)
            job = Job(
                id=run_id, text=text, voice=voice_id, portrait=portrait_path, language=language, extra={"user": user}
            )
            try:
                plan.check_jobs([job])  # the same checks as `avatar run`: voice, portrait, model files
            except InputError as exc:
                if portrait_path is None or portrait is None:
                    raise
                shown = f"the uploaded {portrait[0] or 'file'}"
                raise InputError(str(exc).replace(str(portrait_path), shown)) from None
            jd = JobDef(run_id, "request", text, None, voice_id, portrait_path, run_id, language, items, user)
            spec = BatchSpec(Path(name), name.replace("/", "-"), self.root, str(path), self.profile, self.sets, [jd])
            record = {
                "id": run_id,
                "user": user,
                "pipeline": name,
                "created": time.time(),
                "voice": voice,
                "sets": list(items),
                "text_chars": len(text),
                "portrait": portrait_path.name if portrait_path else None,
            }
            atomic.write_json(run_dir / STUDIO_FILE, record)
            append_event(run_dir, {"type": "queued", "pipeline": name, "stages": [s.id for s in plan.stages]})
            meta = {"name": spec.name, "batch_file": f"studio:{name}", "output_dir": str(self.root),
                    **spec.plan_inputs()}  # fmt: skip
            with BatchStore(batch_dir) as store:
                store.add_job(meta, jd, spec.job_hash(jd), spec.group_key(jd))
        except BaseException:
            shutil.rmtree(run_dir, ignore_errors=True)
            raise
        logger.info("run %s queued: %s for %s", run_id, name, user)
        self._wake.set()
        return self.describe(self._ref(user, run_id), key_id=key_id)

    def resolve_voice(self, user: str, name: str) -> str:
        """A caller's voice name -> its id, ``user/name``. Only the caller's own voices are names they can use:
        anything else (another user's id, a path) is refused, and the message lists only the caller's voices."""
        from avatar.voices.names import validate_name
        from avatar.voices.store import VoiceStore

        if "/" in name or "\\" in name:
            raise InputError(f"voice '{name[:70]}' is not a voice name; give the name of one of your own voices")
        name = validate_name(name, "voice")
        store = VoiceStore(self.voices_root)
        if not store.exists(f"{user}/{name}"):
            raise UnknownNameError("voice", name, [p.name for p in store.list(user)] or None,
                                   hint="add one with POST /v1/voices")  # fmt: skip
        return f"{user}/{name}"

    def _check_quotas(self, user: str, portrait: tuple[str, bytes] | None) -> None:
        from avatar.serve.quotas import QuotaExceeded

        limits = self.settings.serve.limits
        mine = [r for r in self._refs() if r.user == user]
        active = 0
        for ref in mine:
            with BatchStore(ref.batch_dir) as store:
                row = store.job(ref.id)
            if row is not None and row["state"] in (PENDING, RUNNING) and ref.id not in self._cancelled:
                active += 1
        if active >= limits.concurrent_runs:
            raise QuotaExceeded("concurrent_runs", f"user '{user}' has {active} runs queued or running; wait for "
                                "one to finish", self.settings.serve.retry_after_s)  # fmt: skip
        if len(mine) >= limits.runs:
            raise QuotaExceeded("runs", f"user '{user}' keeps {len(mine)} runs; delete some (DELETE /v1/runs/ID)")
        used = self.disk_bytes(user, mine) + (len(portrait[1]) if portrait else 0)
        if used > limits.disk_mb * 1024 * 1024:
            raise QuotaExceeded("disk_mb", f"user '{user}' uses {used / 1048576:.0f} MB of the {limits.disk_mb:g} MB "
                                "allowed; delete runs or voices")  # fmt: skip

    def disk_bytes(self, user: str, refs: list[RunRef] | None = None) -> int:
        """What the user's runs and voices take on disk."""
        from avatar.serve.quotas import folder_bytes
        from avatar.voices.store import VoiceStore

        refs = [r for r in self._refs() if r.user == user] if refs is None else refs
        total = sum(folder_bytes(r.run_dir) for r in refs)
        from avatar.paths import portraits_dir

        user_dir = VoiceStore(self.voices_root).user_dir(user)
        total += folder_bytes(user_dir) if user_dir.is_dir() else 0
        portraits = portraits_dir() / user
        return total + (folder_bytes(portraits) if portraits.is_dir() else 0)

    def _prune(self) -> None:
        """Delete finished runs older than ``serve.limits.keep_runs_days`` (at most once a minute)."""
        days = self.settings.serve.limits.keep_runs_days
        now = time.time()
        if days <= 0 or now - getattr(self, "_pruned_at", 0.0) < PRUNE_EVERY_S:
            return
        self._pruned_at = now
        for ref in self._refs():
            try:
                with BatchStore(ref.batch_dir) as store:
                    row = store.job(ref.id)
                finished = row["finished"] if row else None
                if row is None or row["state"] not in (DONE, FAILED, REMOVED) or not finished:
                    continue
                if now - float(finished) > days * 86400:
                    self.cancel_or_delete(ref.user, ref.id)
                    logger.info("run %s pruned: finished %.0f days ago (serve.limits.keep_runs_days)",
                                ref.id, (now - float(finished)) / 86400)  # fmt: skip
            except (AvatarError, OSError, ValueError) as exc:
                logger.warning("pruning run %s: %s", ref.id, exc)

    # --- reading ----------------------------------------------------------------------------------
    def _refs(self) -> list[RunRef]:
        refs = []
        for path in self.root.glob(f"*/*/{STUDIO_FILE}"):
            try:
                rec = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError):
                continue
            refs.append(RunRef(rec["id"], rec["user"], rec["pipeline"], path.parent.parent))
        return refs

    def _ref(self, user: str, run_id: str, admin: bool = False) -> RunRef:
        """The caller's run (an admin's: anyone's); another user's run is as absent as one that never existed."""
        if re.fullmatch(r"r[0-9]{8}-[0-9]{6}-[0-9a-f]{6}", run_id):
            for path in self.root.glob(f"*/{run_id}/{STUDIO_FILE}"):
                rec = json.loads(path.read_text(encoding="utf-8"))
                if rec.get("user") == user or admin:
                    return RunRef(run_id, rec.get("user", ""), rec["pipeline"], path.parent.parent)
        raise UnknownNameError("run", run_id)

    def list(self, user: str, key_id: str | None = None) -> list[dict[str, Any]]:
        mine = [r for r in self._refs() if r.user == user]
        described = [self.describe(r, manifest=False, key_id=key_id) for r in mine]
        return sorted(described, key=lambda d: d["created"], reverse=True)

    def get(self, user: str, run_id: str, key_id: str | None = None) -> dict[str, Any]:
        return self.describe(self._ref(user, run_id), key_id=key_id)

    def describe(self, ref: RunRef, manifest: bool = True, key_id: str | None = None) -> dict[str, Any]:
        """The run as the API shows it; its files' signed links are bound to ``key_id``, the caller's key."""
        rec = json.loads((ref.run_dir / STUDIO_FILE).read_text(encoding="utf-8"))
        with BatchStore(ref.batch_dir) as store:
            row = store.job(ref.id)
        state = _state(row["state"] if row else REMOVED, rec.get("cancelled", False) or ref.id in self._cancelled)
        data: dict[str, Any] = {
            "id": ref.id,
            "object": "run",
            "pipeline": ref.pipeline,
            "state": state,
            "created": rec["created"],
            "finished": row["finished"] if row else None,
            "error": row["error"] if row and state in ("failed", "cancelled") else None,
            "voice": rec.get("voice"),
            "sets": rec.get("sets", []),
        }
        man = _manifest(ref.run_dir)
        data["stages"] = [_stage(e) for e in man.get("stages", [])] if man else []
        files = []
        for n, a in self._files(ref).items():
            try:  # a run at its disk quota has its files removed while it is being described
                size = a.path.stat().st_size
            except OSError:
                continue
            url = self.file_url(ref.id, n, key_id)
            files.append({"name": n, "bytes": size, "media_type": a.media_type, "url": url})
        data["files"] = files
        if manifest:
            data["manifest"] = man
        return data

    def _files(self, ref: RunRef) -> dict[str, Artifact]:
        """The run's artifacts by file name: only what its manifest lists (present and inside the run), each
        with the media type its stage declared (none: a download)."""
        man = _manifest(ref.run_dir)
        found: dict[str, Artifact] = {}
        for entry in man.get("stages", []) if man else []:
            for out in (entry.get("outputs") or {}).values():
                path = (ref.run_dir / out["path"]).resolve()
                if path.is_file() and path.is_relative_to(ref.run_dir.resolve()):
                    found[path.name] = Artifact(path, str(out.get("media_type") or DOWNLOAD_TYPE))
        return found

    def file_url(self, run_id: str, name: str, key_id: str | None = None) -> str:
        """A link that works for an hour without the Authorization header, for one file of one run: a
        browser's <video> and <a download> cannot send the header, and Range requests (seeking) need a URL.
        Signed with a secret of this server process, over the id of the key that asked for it (``kid``): the
        link stops working as soon as that key is revoked (checked where it is used)."""
        expires = int(time.time()) + URL_LIFETIME_S
        sig = self._sign(run_id, name, expires, key_id)
        kid = f"&kid={key_id}" if key_id else ""
        return f"/v1/runs/{run_id}/files/{name}?expires={expires}{kid}&sig={sig}"

    def _sign(self, run_id: str, name: str, expires: int, key_id: str | None) -> str:
        message = f"{run_id}/{name}/{expires}/{key_id or '-'}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def signed_file(self, run_id: str, name: str, expires: int, sig: str, key_id: str | None = None) -> Artifact | None:
        """The file when the link's signature is good and it has not expired; None otherwise (a malformed
        signature or key id included). Whether the key that made it is still on file is the caller's check."""
        if not SIG_RE.fullmatch(sig) or (key_id is not None and not KEY_ID_RE.fullmatch(key_id)):
            return None
        if expires < time.time() or not hmac.compare_digest(sig, self._sign(run_id, name, expires, key_id)):
            return None
        for path in self.root.glob(f"*/{run_id}/{STUDIO_FILE}"):
            ref = RunRef(run_id, "", "", path.parent.parent)
            return self._files(ref).get(name)
        return None

    def file(self, user: str, run_id: str, name: str) -> Artifact:
        files = self._files(self._ref(user, run_id))
        if name not in files:
            raise UnknownNameError("file", name, list(files) or None, hint=f"the artifacts of run {run_id}")
        return files[name]

    def events_dir(self, user: str, run_id: str) -> Path:
        return self._ref(user, run_id).run_dir

    def is_cancelled(self, run_id: str) -> bool:
        with self._lock:
            return run_id in self._cancelled

    # --- cancel and delete ----------------------------------------------------------------------
    def cancel_or_delete(
        self, user: str, run_id: str, admin: bool = False, key_id: str | None = None
    ) -> dict[str, Any]:
        """A queued or running run is cancelled (a running one stops at its next progress report or stage);
        a finished one is deleted with its files. An admin may do either to anyone's run."""
        ref = self._ref(user, run_id, admin)
        current = self.describe(ref, manifest=False)
        if current["state"] in FINAL:
            with BatchStore(ref.batch_dir) as store:
                store.withdraw(run_id)
            shutil.rmtree(ref.run_dir, ignore_errors=True)
            for published in ref.batch_dir.glob(f"{run_id}.*"):
                published.unlink(missing_ok=True)
            logger.info("run %s deleted", run_id)
            return {"id": run_id, "object": "run", "deleted": True, "state": "deleted"}
        with self._lock:
            self._cancelled.add(run_id)
        rec = json.loads((ref.run_dir / STUDIO_FILE).read_text(encoding="utf-8"))
        atomic.write_json(ref.run_dir / STUDIO_FILE, rec | {"cancelled": True})
        with BatchStore(ref.batch_dir) as store:
            before = store.withdraw(run_id)
        if before == PENDING:
            append_event(ref.run_dir, {"type": "cancelled"})
        logger.info("run %s cancelled (%s)", run_id, before)
        return self.describe(ref, manifest=False, key_id=key_id)

    # --- execution ------------------------------------------------------------------------------
    def start(self) -> None:
        for ref in self._refs():  # cancellations survive a restart
            rec = json.loads((ref.run_dir / STUDIO_FILE).read_text(encoding="utf-8"))
            if rec.get("cancelled"):
                self._cancelled.add(ref.id)
        self._thread.start()
        self._wake.set()  # queued and interrupted runs of an earlier server go first

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=5.0)
            if self._stop.is_set():
                return
            self._wake.clear()
            self._prune()
            time.sleep(GATHER_S)  # let runs submitted together join one stage-major batch
            for batch_dir in sorted(p for p in self.root.glob("*") if (p / "batch.sqlite").is_file()):
                try:
                    with BatchStore(batch_dir) as store:
                        waiting = store.claimable_ids()
                except Exception as exc:
                    logger.error("runs in %s: %s", batch_dir, exc)
                    continue
                if waiting and not self._stop.is_set():
                    self._execute(batch_dir)

    def _execute(self, batch_dir: Path) -> None:
        from avatar.serve.device.tasks import PipelineRun

        done = threading.Event()
        outcome: list[Any] = []

        def emit(item: Any) -> None:
            outcome.append(item)
            done.set()

        try:
            job = PipelineRun(emit, lambda: self._run_batch(batch_dir))
            self.device_thread.submit(job)
        except AvatarError as exc:  # the queue is full: speech waits less; try again shortly
            logger.info("runs wait for the device thread: %s", exc)
            time.sleep(1.0)
            self._wake.set()
            return
        while not done.wait(0.5):
            if self._stop.is_set():
                return
        if outcome and isinstance(outcome[0], BaseException):
            logger.error("runs in %s failed: %s", batch_dir.name, outcome[0])

    def _run_batch(self, batch_dir: Path) -> Any:
        """On the device thread: run every claimable run of this batch stage-major, through the
        device thread's residency core (or hand them to Ray)."""
        # Each run is planned against the device thread's own core (idle served models count as room), and
        # each stage evicts through that core, least recently used first, what it needs. Ray's workers load
        # in processes of their own: the core makes their room here first, by the same policy.
        core = self.device_thread.residency
        if self.executor == "ray" and core is not None:
            with BatchStore(batch_dir) as store:
                meta = store.meta()
                waiting = store.claimable_ids()
            for run_id in waiting:
                try:
                    sets = tuple(json.loads((batch_dir / run_id / STUDIO_FILE).read_text(encoding="utf-8"))["sets"])
                    for ps in self._plan(Path(meta["pipeline"]), sets).stages:
                        core.evict_for(ps.device, ps.estimate_mb, f"run {run_id}, stage {ps.id}")
                except (AvatarError, OSError, KeyError, ValueError):
                    pass  # Ray's worker plans the run again and fails it with the plan's own message
        options = WorkerOptions(executor=self.executor, voices_root=str(self.voices_root) if self.voices_root else None)
        if self.executor == "ray":
            from avatar.batch.ray_executor import run_ray

            try:
                return [r.as_dict() for r in run_ray(batch_dir, None, options, self.address, None)]
            finally:
                self._events_after_ray(batch_dir)
                if self.restore_signals is not None:
                    self.restore_signals()  # Ray's start and stop reset them; SIGTERM must drain, not kill
        from avatar.batch.local import run_worker

        return run_worker(batch_dir, options, _Events(self, batch_dir), self.device_thread.residency).as_dict()

    def _events_after_ray(self, batch_dir: Path) -> None:
        """Ray's workers run elsewhere and report no live events: once they are back, each finished run
        gets its stages (from the manifest) and its outcome, so every event stream still ends."""
        with BatchStore(batch_dir) as store:
            rows = {r["id"]: r for r in store.jobs()}
        for run_id, row in rows.items():
            run_dir = batch_dir / run_id
            if row["state"] not in (DONE, FAILED) or not run_dir.is_dir():
                continue
            seen, _ = read_events(run_dir)
            if any(e["type"] in FINAL for e in seen):
                continue
            for entry in (_manifest(run_dir) or {}).get("stages", []):
                if entry.get("status") in ("done", "failed"):
                    append_event(run_dir, {"type": "stage_finished", "stage": entry["id"], **_stage(entry)})
            final = "cancelled" if self.is_cancelled(run_id) else ("done" if row["state"] == DONE else "failed")
            append_event(run_dir, {"type": final, "error": row["error"]} if row["error"] else {"type": final})


KEPT = frozenset({STUDIO_FILE, EVENTS_FILE, "manifest.json"})


def _remove_outputs(run_dir: Path) -> None:
    """A run that reached its owner's disk quota: every file it wrote goes (the request, its events and its
    manifest stay, so the run still reads as failed, with the reason)."""
    removed = 0
    for path in sorted(run_dir.rglob("*"), reverse=True):
        if path.is_dir() and not path.is_symlink():
            if path != run_dir:
                shutil.rmtree(path, ignore_errors=True)
            continue
        if path.parent == run_dir and path.name in KEPT:
            continue
        path.unlink(missing_ok=True)
        removed += 1
    logger.info("run %s reached its disk quota: %d files removed", run_dir.name, removed)


def _owner(run_dir: Path) -> str | None:
    try:
        return str(json.loads((run_dir / STUDIO_FILE).read_text(encoding="utf-8"))["user"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _state(stored_state: str, cancelled: bool) -> str:
    if cancelled and stored_state in (REMOVED, FAILED, RUNNING):
        return "cancelled" if stored_state != RUNNING else "cancelling"
    return {PENDING: "queued", RUNNING: "running", DONE: "done", FAILED: "failed"}.get(stored_state, "cancelled")


def _manifest(run_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) else None


def _stage(entry: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "uses", "status", "device", "load_s", "run_s", "peak_mb", "peak_delta_mb", "memory_returned",
            "stage_wall_s", "error")  # fmt: skip
    return {k: entry[k] for k in keep if k in entry}
