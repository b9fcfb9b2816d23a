"""One host family: `isolation/` hosts stages and speech models alike and imports neither the service nor
the pipeline (read from the source, every import, lazy ones included); the worker builds what it hosts
from a registry of kinds."""

from __future__ import annotations

import ast
from pathlib import Path

import avatar.isolation
from avatar.isolation import kinds

ROOT = Path(avatar.isolation.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_isolation_imports_neither_serve_nor_pipeline() -> None:
    files = sorted(ROOT.glob("*.py"))
    assert len(files) >= 4
    for path in files:
        bad = sorted(m for m in _imports(path) if m.startswith(("avatar.serve", "avatar.pipeline")))
        assert not bad, f"{path.name} imports {bad}"


def test_the_service_has_no_host_family_of_its_own() -> None:
    serve = ROOT.parent / "serve"
    assert not (serve / "host.py").exists() and not (serve / "isolated.py").exists()
    assert "_ModelWorker" not in (ROOT / "worker.py").read_text(encoding="utf-8")


def test_every_kind_is_built_from_the_registry() -> None:
    assert set(kinds.KINDS) == {"stage", "model"}
    for name in kinds.KINDS:
        servant = kinds.build(name, channel=None)
        for op in ("init", "imports", "load", "unload"):
            assert callable(getattr(servant, op))
    try:
        kinds.build("nope", channel=None)
    except ValueError as exc:
        assert "model, stage" in str(exc)
    else:
        raise AssertionError("an unknown kind was built")
