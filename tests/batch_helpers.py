"""Helpers shared by the batch tests: write batch files, start real `avatar batch` processes, read the store."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

SENTENCES = [
    "Good morning.",
    "The weather is fine today.",
    "Avatar speaks one stage at a time.",
    "Batches resume where they stopped.",
    "This is the last job.",
    "One more sentence to say.",
]


# Speech and loudness only: the default pipeline may grow (video, subtitles, mux); these tests are about
# batching, so they pin a small two-stage pipeline of real stages.
AUDIO_PIPELINE = """name: audio
stages:
  - {id: speech, uses: synthesize, with: {backend: piper}}
  - {id: finish, uses: finish_audio, with: {input: speech}}
"""


def write_pipeline(folder: Path) -> Path:
    path = folder / "audio.yaml"
    path.write_text(AUDIO_PIPELINE, encoding="utf-8")
    return path


def write_batch(folder: Path, n: int = 5, name: str = "jobs", extra: str = "") -> Path:
    write_pipeline(folder)
    lines = ["output_dir: out", "pipeline: audio.yaml", "jobs:"]
    for i in range(n):
        lines.append(f'  - {{id: job{i}, text: "{SENTENCES[i % len(SENTENCES)]}"}}')
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def batch_dir(batch_file: Path) -> Path:
    return batch_file.parent / "out" / batch_file.stem


def start_cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "avatar", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def store_rows(batch_file: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of the store of ``batch_file`` (a YAML batch written by write_batch, or ``<batch dir>/x``)."""
    folder = batch_file.parent if batch_file.name == "x" else batch_dir(batch_file)
    db = sqlite3.connect(folder / "batch.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(sql)]
    finally:
        db.close()


def summary_json(stdout: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(stdout)
    return data
