"""Running batches for real (default piper pipeline): one model load per stage, failures that do not stop
the others, retry after the cause is fixed, verify catching a damaged output."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from batch_helpers import batch_dir, store_rows, write_batch, write_pipeline
from processes import run_cli

from avatar import atomic
from avatar.batch.execute import run_batch
from avatar.batch.jobs import remove_temporaries
from avatar.batch.report import status, verify
from avatar.batch.spec import JobDef, load_batch


def test_multi_job_batch_loads_each_stage_once_and_never_redoes_done_jobs(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=4)
    res = run_cli("batch", "run", str(f), "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["stages"] == ["speech", "finish"]
    assert summary["model_loads"] == {"speech": 1, "finish": 1}  # 4 jobs, 2 stages, 2 loads
    assert summary["target_model_loads"] == 2
    assert summary["done_this_run"] == 4 and summary["counts"]["done"] == 4
    out = batch_dir(f)
    for i in range(4):
        manifest = json.loads((out / f"job{i}" / "manifest.json").read_text())
        assert manifest["status"] == "done" and manifest["model_loads"] == {"speech": 1, "finish": 1}
        assert (out / f"job{i}.wav").is_file()  # the deliverable, named after the job
    assert json.loads((out / "batch.json").read_text())["model_loads"] == {"speech": 1, "finish": 1}
    mtimes = {p: p.stat().st_mtime_ns for p in out.rglob("*.wav")}

    again = run_cli("batch", "run", str(f), "--json")
    assert again.returncode == 0, again.stderr
    second = json.loads(again.stdout)
    assert second["model_loads"] == {} and second["skipped"] == 4 and second["done_this_run"] == 0
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.wav")} == mtimes
    assert verify(out) == (4, [])


def test_a_failing_job_does_not_stop_the_others_and_retry_finishes_it(tmp_path: Path) -> None:
    f = tmp_path / "jobs.csv"
    f.write_text(
        "id,text,script,output\nfirst,Hello there.,,\nmissing,,later.txt,late\nlast,The end.,,\n", encoding="utf-8"
    )
    pipeline = write_pipeline(tmp_path)
    res = run_cli("batch", "run", str(f), "--pipeline", str(pipeline), "--json")
    assert res.returncode == 1, res.stderr
    summary = json.loads(res.stdout)
    assert summary["counts"] == {"pending": 0, "running": 0, "done": 2, "failed": 1}
    assert "later.txt not found" in summary["errors"]["missing"]
    assert summary["retries"] == 0  # bad input is not retried: it would fail the same way
    out = tmp_path / "outputs" / "jobs"  # a CSV batch goes to $AVATAR_OUTPUTS_DIR/<file stem>
    state = status(out)
    assert {j["id"]: j["state"] for j in state["jobs"]} == {"first": "done", "missing": "failed", "last": "done"}
    assert not (out / "missing").exists()  # bad input: nothing was written for it

    (tmp_path / "later.txt").write_text("Written after the batch ran.", encoding="utf-8")
    res = run_cli("batch", "retry", str(f), "--failed", "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["done_this_run"] == 1 and summary["counts"]["done"] == 3 and summary["skipped"] == 2
    assert (out / "late.wav").is_file()
    attempts = store_rows(out / "x", "SELECT job_id, outcome FROM attempts ORDER BY id")
    assert [a["outcome"] for a in attempts if a["job_id"] == "missing"] == ["failed", "done"]
    assert verify(out) == (3, [])


def test_per_job_overrides_form_groups_each_loaded_once(tmp_path: Path) -> None:
    f = tmp_path / "jobs.csv"
    f.write_text(
        "id,text,set.stages.speech.pause_ms\na,One. Two.,\nb,Three. Four.,\nc,Five. Six.,900\n", encoding="utf-8"
    )
    spec = load_batch(f)
    spec.pipeline = str(write_pipeline(tmp_path))
    summary = run_batch(spec)
    assert summary["plan_groups"] == 2 and summary["counts"]["done"] == 3
    assert summary["model_loads"] == {"speech": 2, "finish": 2} and summary["target_model_loads"] == 4
    out = tmp_path / "outputs" / "jobs"
    timings = json.loads((out / "c" / "timings.json").read_text())
    if len(timings["chunks"]) > 1:  # the override reached the job: 900 ms between its chunks
        gap = timings["chunks"][1]["start_s"] - timings["chunks"][0]["end_s"]
        assert abs(gap - 0.9) < 0.01


def test_verify_reports_a_damaged_output(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=2)
    assert run_batch(load_batch(f))["counts"]["done"] == 2
    out = batch_dir(f)
    victim = out / "job1" / "audio.wav"
    data = bytearray(victim.read_bytes())
    data[-10] ^= 0xFF
    victim.write_bytes(bytes(data))
    (out / ".tmp-audio-deadbeef.wav").write_bytes(b"half")
    checked, problems = verify(out)
    assert checked == 2
    assert any(p.startswith("job1: finish.audio") and "does not match its checksum" in p for p in problems), problems
    assert any("leftover temporary file" in p for p in problems)
    assert not any(p.startswith("job0") for p in problems)
    assert atomic.leftover_temporaries(out)


def test_a_run_removes_the_summary_temporary_a_killed_run_left(tmp_path: Path) -> None:
    f = write_batch(tmp_path, n=2)
    assert run_batch(load_batch(f))["counts"]["done"] == 2
    out = batch_dir(f)
    (out / ".tmp-batch-k1l2ed4x.json").write_text('{"batch": ')  # a run killed while it wrote batch.json
    res = run_cli("batch", "run", str(f), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads((out / "batch.json").read_text())["counts"]["done"] == 2
    assert verify(out) == (2, [])
    assert atomic.leftover_temporaries(out) == []


def test_a_summary_being_written_is_neither_removed_nor_overlapped(tmp_path: Path) -> None:
    target = tmp_path / "batch.json"
    first_writing, first_may_finish = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with atomic.sole_writer(target), atomic.atomic_path(target) as tmp:
                tmp.write_text('{"by": "first"}')
                first_writing.set()
                first_may_finish.wait(10)
        except BaseException as exc:  # its temporary removed under it: os.replace fails
            errors.append(exc)

    def second() -> None:
        with atomic.sole_writer(target):
            atomic.write_json(target, {"by": "second"})

    a = threading.Thread(target=first)
    a.start()
    assert first_writing.wait(10)
    b = threading.Thread(target=second)
    b.start()
    b.join(0.5)
    assert b.is_alive(), "the second writer did not wait for the first"
    assert len(atomic.temporaries_of(tmp_path, "batch", ".json")) == 1
    first_may_finish.set()
    a.join(10)
    b.join(10)
    assert errors == []
    assert json.loads(target.read_text()) == {"by": "second"}
    assert atomic.leftover_temporaries(tmp_path) == []


def test_a_job_named_batch_leaves_the_summarys_temporary_to_its_writers(tmp_path: Path) -> None:
    job = JobDef(id="job0", where="row 1", text="Hi.", script=None, voice=None, portrait=None, output="batch",
                 language=None)  # fmt: skip
    (tmp_path / ".tmp-batch-k1l2ed4x.wav").write_bytes(b"half")  # the job's own, from a killed attempt
    (tmp_path / ".tmp-batch-m3n4op5q.json").write_text("{")  # the summary's, which a live writer may hold
    removed = remove_temporaries(tmp_path, job)
    assert [p.name for p in removed] == [".tmp-batch-k1l2ed4x.wav"]
    assert (tmp_path / ".tmp-batch-m3n4op5q.json").exists()
