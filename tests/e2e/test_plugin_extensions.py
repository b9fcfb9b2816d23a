"""Plugins add CLI commands (`avatar.commands`) and HTTP routes (`avatar.routes`) through entry points, as
stages and backends are added: a real module and dist-info on the path, the real CLI in a subprocess and a
real server. A plugin cannot take a built-in command's name or path, its routes need a key like any other,
and a broken plugin is one line (CLI) or left out with a log line (server), never a crash."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from processes import run_cli, running_server

MODULE = """
import click
from fastapi import APIRouter
from pydantic import BaseModel

from avatar.serve.auth import CallerDep


@click.command(help="Say hello (a plugin's command).")
@click.option("--name", default="world")
def hello(name: str) -> None:
    click.echo(f"hello, {name}")


@click.command()
def run() -> None:
    click.echo("a plugin must not replace avatar run")


router = APIRouter()


class Note(BaseModel):
    text: str


@router.get("/whoami")
def whoami(who: CallerDep) -> dict:
    return {"user": who.user}


@router.post("/notes")
def note(body: Note, who: CallerDep) -> dict:
    return {"user": who.user, "chars": len(body.text)}


not_a_router = object()
"""

ENTRY_POINTS = """[avatar.commands]
hello = avatar_test_ext:hello
run = avatar_test_ext:run
broken = avatar_test_ext:missing

[avatar.routes]
echo = avatar_test_ext:router
odd = avatar_test_ext:not_a_router
"""


@pytest.fixture()
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "avatar_test_ext.py").write_text(MODULE)
    info = root / "avatar_test_ext-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: avatar-test-ext\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS)
    paths = [str(root), *(p for p in sys.path if p.endswith("src"))]
    monkeypatch.setenv("PYTHONPATH", ":".join(paths))
    return root


def test_a_plugin_adds_a_command_and_cannot_replace_a_built_in(plugin: Path) -> None:
    listing = run_cli("--help")
    assert listing.returncode == 0
    assert "hello" in listing.stdout and "plugin: avatar_test_ext:hello" in listing.stdout
    said = run_cli("hello", "--name", "avatar")
    assert said.returncode == 0 and said.stdout.strip() == "hello, avatar"
    # `avatar run` is still avatar's own.
    run_help = run_cli("run", "--help")
    assert run_help.returncode == 0 and "pipeline" in run_help.stdout.lower()
    broken = run_cli("broken")
    assert broken.returncode == 1
    lines = [line for line in broken.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "plugin command 'broken' is broken" in lines[0], broken.stderr
    assert "Traceback" not in broken.stderr


def test_plugin_routes_sit_under_their_prefix_behind_the_key_check(plugin: Path, tmp_path: Path) -> None:
    with running_server(tmp_path / "srv", keys={"alice": False}) as server:
        anon = server.client()
        missing = anon.get("/v1/plugins/echo/whoami", headers={"X-Requested-With": ""})
        assert missing.status_code == 401 and "error" in missing.json()
        alice = server.client("alice")
        assert alice.get("/v1/plugins/echo/whoami").json() == {"user": "alice"}
        assert alice.post("/v1/plugins/echo/notes", json={"text": "hi there"}).json() == {
            "user": "alice",
            "chars": 8,
        }
        bad = alice.post("/v1/plugins/echo/notes", json={"words": 1})
        assert bad.status_code == 422 and bad.json()["error"]["param"] == "text"
        too_big = alice.post("/v1/plugins/echo/notes", json={"text": "x" * (2 * 1024 * 1024)})
        assert too_big.status_code == 413
        # Not mounted outside its prefix, and the router that is not one is left out with a log line.
        assert alice.get("/whoami").status_code == 404
        assert alice.get("/v1/plugins/odd/whoami").status_code == 404
        log = server.log_text()
    assert "plugin routes 'odd' left out" in log
