"""Batch files: what loads, and the one-line errors (file, row or job, field) for what does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from processes import run_cli

from avatar.batch.spec import load_batch
from avatar.errors import ConfigError, UsageError


def test_yaml_batch_loads_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("From a script.", encoding="utf-8")
    f = tmp_path / "promo.yaml"
    f.write_text(
        "output_dir: out\nset: [memory.safety_margin_mb=256]\njobs:\n"
        "  - {id: Intro, text: Hello., voice: Alice/Narrator, output: intro-final}\n"
        "  - {id: outro, script: s.txt, language: pt-BR, set: [stages.speech.pause_ms=100]}\n",
        encoding="utf-8",
    )
    spec = load_batch(f)
    assert spec.name == "promo" and spec.batch_dir == tmp_path / "out" / "promo"
    a, b = spec.jobs
    assert (a.id, a.voice, a.output) == ("intro", "alice/narrator", "intro-final")
    assert b.script == tmp_path / "s.txt" and b.output == "outro" and b.sets == ("stages.speech.pause_ms=100",)
    assert spec.group_key(a) != spec.group_key(b)  # a per-job override makes its own plan group


def test_csv_batch_with_set_columns(tmp_path: Path) -> None:
    f = tmp_path / "Sheet 1.csv"
    f.write_text(
        '\ufeffid,text,voice,set.stages.speech.pause_ms\nintro,Hello there.,,\noutro,"Bye, now.",,50\n',
        encoding="utf-8",
    )
    spec = load_batch(f)
    assert spec.name == "sheet-1"
    assert [j.id for j in spec.jobs] == ["intro", "outro"]
    assert spec.jobs[1].text == "Bye, now." and spec.jobs[1].sets == ("stages.speech.pause_ms=50",)
    assert spec.group_key(spec.jobs[0]) != spec.group_key(spec.jobs[1])


CSV_ERRORS = [
    ("id,text\nintro,Hi.\nintro,Again.\n", "jobs.csv: row 3 (id 'intro'): id: duplicate job id (first at row 2)"),
    ("id,text\nintro,\n", "jobs.csv: row 2 (id 'intro'): text: give exactly one of text or script"),
    ("id,text,script\nintro,Hi.,a.txt\n", "jobs.csv: row 2 (id 'intro'): text: give exactly one of text or script"),
    ("id,text\nin/tro,Hi.\n", "jobs.csv: row 2 (id 'in/tro'): id: job ids are"),
    ("id,text,voice\nok,Hi.\nintro,Hi.,alice\n", "jobs.csv: row 3 (id 'intro'): voice: voice 'alice' is not valid"),
    ("id,text,output\nintro,Hi.,../x.wav\n", "jobs.csv: row 2 (id 'intro'): output: an output is one file name"),
    ("id,text,colour\nintro,Hi.,red\n", "jobs.csv: row 1: header: unknown column 'colour'"),
    ("text\nHi.\n", "jobs.csv: row 1: header: no 'id' column"),
    (
        "id,text,set.device\nintro,Hi.,cpu\n",
        "jobs.csv: row 2 (id 'intro'): set: 'device=cpu': per-job overrides change stage options only",
    ),
    ("id,text,language\na,Hi.,en\nb,Hi.,english!\n", "jobs.csv: row 3 (id 'b'): language: a language is a code"),
    ("id,text\n", "jobs.csv: no jobs"),
]


@pytest.mark.parametrize(("content", "message"), CSV_ERRORS)
def test_bad_csv_rows_name_row_and_field(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "jobs.csv"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_batch(f)
    assert str(info.value).startswith(message), str(info.value)
    assert "\n" not in str(info.value)


YAML_ERRORS = [
    ("jobs:\n  - {id: a, text: Hi., colour: red}\n", "jobs.yaml: jobs[0] (id 'a'): colour: unknown key 'colour'"),
    (
        "jobs:\n  - {id: a, text: Hi.}\n  - {id: b}\n",
        "jobs.yaml: jobs[1] (id 'b'): text: give exactly one of text or script",
    ),
    ("jobs: []\n", "jobs.yaml: jobs: List should have at least 1 item"),
    ("jobs:\n  - just a string\n", "jobs.yaml: jobs[0]: each job is a mapping"),
    ("pipelin: x\njobs:\n  - {id: a, text: Hi.}\n", "jobs.yaml: pipelin: unknown key 'pipelin'"),
    ("jobs:\n  - {id: a, text: '   '}\n", "jobs.yaml: jobs[0] (id 'a'): text: the text is empty"),
]


@pytest.mark.parametrize(("content", "message"), YAML_ERRORS)
def test_bad_yaml_jobs_name_job_and_field(tmp_path: Path, content: str, message: str) -> None:
    f = tmp_path / "jobs.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        load_batch(f)
    assert str(info.value).startswith(message), str(info.value)


@given(st.text(min_size=1, max_size=20))
def test_any_job_id_is_a_safe_folder_name_or_an_error(job_id: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / "b.yaml"
        import json

        f.write_text("jobs:\n  - {id: " + json.dumps(job_id) + ", text: Hi.}\n", encoding="utf-8")
        try:
            spec = load_batch(f)
        except UsageError as exc:
            assert "\n" not in str(exc)
            return
        (job,) = spec.jobs
        assert "/" not in job.id and "\\" not in job.id and job.id not in (".", "..") and job.id == job.id.lower()


def test_cli_bad_batch_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "jobs.csv"
    f.write_text("id,text\nintro,Hi.\nintro,Again.\n", encoding="utf-8")
    res = run_cli("batch", "run", str(f))
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip() == "Error: jobs.csv: row 3 (id 'intro'): id: duplicate job id (first at row 2)"
    assert not (tmp_path / "outputs").exists()


def test_cli_bad_per_job_stage_option_names_the_row(tmp_path: Path) -> None:
    f = tmp_path / "jobs.csv"
    f.write_text("id,text,set.stages.speech.pause_ms\nok,Hi.,\nintro,Hi.,lots\n", encoding="utf-8")
    res = run_cli("batch", "run", str(f))
    assert res.returncode == 2, res.stderr
    line = res.stderr.strip()
    assert line.startswith("Error: jobs.csv: row 3 (id 'intro'): set: stages.speech.pause_ms"), line
    assert "\n" not in line
