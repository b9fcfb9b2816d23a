"""The import graph of ``src/avatar``: no circle between modules, and no arrow from a lower layer to a higher
one. Every import counts, at the top of a module or inside a function (lazy), under TYPE_CHECKING or not.

The layer order is stated here, once, lowest first; the README's Architecture section says the same in
words. A module belongs to the layer of its longest matching prefix; ``avatar`` itself is the package's
``__init__``. A module may import from its own layer and any layer below."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "base",
        (
            "avatar",
            "avatar.errors",
            "avatar.constants",
            "avatar.paths",
            "avatar.atomic",
            "avatar.wheel_files",
            "avatar.quiet",
            "avatar.plugins",
            "avatar.decoding",
            "avatar.config",
        ),
    ),
    ("hardware", ("avatar.hardware",)),
    ("memory", ("avatar.memory",)),
    ("audio", ("avatar.audio",)),
    ("voices", ("avatar.voices",)),  # profiles, names, references, embeddings: what a backend is handed
    ("text", ("avatar.text",)),
    ("backends", ("avatar.backends", "avatar.models")),
    ("media", ("avatar.timing", "avatar.video")),
    ("speaking", ("avatar.speaking", "avatar.voices.sample")),  # `avatar voice test` is a use of speaking
    ("listening", ("avatar.listening",)),  # speech recognisers (avatar.asr) and the streaming listener
    ("thinking", ("avatar.thinking",)),  # chat models (avatar.chat); a conversation speaks through speaking
    ("stages", ("avatar.stages",)),
    ("isolation", ("avatar.isolation",)),
    ("pipeline", ("avatar.pipeline",)),
    ("batch", ("avatar.batch",)),
    ("live", ("avatar.live",)),  # speaks through avatar.speaking.port, which serve implements
    ("serve", ("avatar.serve",)),
    ("cli", ("avatar.cli", "avatar.__main__")),
]


def modules(src: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package's __init__) for every module under ``src``."""
    found: dict[str, tuple[Path, bool]] = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, package)
    return found


def import_graph(src: Path, top: str = "avatar") -> dict[str, set[str]]:
    """Module -> the modules of ``top`` it imports (``from a import b`` counts as ``a.b`` when that is a
    module, else as ``a``)."""
    mods = modules(src)
    graph: dict[str, set[str]] = {name: set() for name in mods}

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    for name, (path, package) in mods.items():
        here = name if package else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                    stem = ".".join(base + ([node.module] if node.module else []))
                else:
                    stem = node.module or ""
                for alias in node.names:
                    sub = f"{stem}.{alias.name}"
                    targets.append(sub if sub in mods else stem)
            for target in targets:
                if target == top or target.startswith(top + "."):
                    found = resolve(target)
                    if found and found != name:
                        graph[name].add(found)
    return graph


def layer_of(module: str, layers: list[tuple[str, tuple[str, ...]]]) -> int | None:
    best: tuple[int, int] | None = None  # (prefix length, layer index)
    for index, (_, prefixes) in enumerate(layers):
        for prefix in prefixes:
            exact = prefix.count(".") == 0  # the top package's own __init__ only
            matches = module == prefix or (not exact and module.startswith(prefix + "."))
            if matches and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, Iterable[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    group = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        group.append(w)
                        if w == v:
                            break
                    if len(group) > 1:
                        out.append(sorted(group))
    return out


def upward(graph: dict[str, set[str]], layers: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """Every arrow from a module to a module of a higher layer, as 'a (layer) -> b (layer)'."""
    bad = []
    for a in sorted(graph):
        la = layer_of(a, layers)
        for b in sorted(graph[a]):
            lb = layer_of(b, layers)
            if la is not None and lb is not None and lb > la:
                bad.append(f"{a} ({layers[la][0]}) -> {b} ({layers[lb][0]})")
    return bad


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(SRC)


def test_every_module_has_a_layer(graph: dict[str, set[str]]) -> None:
    assert [m for m in sorted(graph) if layer_of(m, LAYERS) is None] == []


def test_no_import_circle(graph: dict[str, set[str]]) -> None:
    assert circles(graph) == []


def test_no_arrow_from_a_lower_layer_to_a_higher_one(graph: dict[str, set[str]]) -> None:
    assert upward(graph, LAYERS) == []


def test_the_graph_sees_lazy_and_relative_imports(graph: dict[str, set[str]]) -> None:
    # cli/voice.py imports the settings cascade inside a function; the server's live route imports the
    # live session lazily too
    assert "avatar.hardware.profiles" in graph["avatar.cli.voice"]
    assert "avatar.live.session" in graph["avatar.serve.routes.live"]
    assert "avatar.errors" in graph["avatar"]  # the package's own __init__


def test_the_checks_fail_on_a_circle_and_an_upward_arrow(tmp_path: Path) -> None:
    pkg = tmp_path / "avatar"
    (pkg / "low").mkdir(parents=True)
    (pkg / "high").mkdir()
    for folder in (pkg, pkg / "low", pkg / "high"):
        (folder / "__init__.py").write_text("")
    (pkg / "low" / "a.py").write_text("def f():\n    from avatar.high import b\n")  # lazy, upward
    (pkg / "high" / "b.py").write_text("from ..low import a\n")  # relative, closes the circle
    layers = [("base", ("avatar",)), ("low", ("avatar.low",)), ("high", ("avatar.high",))]
    g = import_graph(tmp_path)
    assert circles(g) == [["avatar.high.b", "avatar.low.a"]]
    assert upward(g, layers) == ["avatar.low.a (low) -> avatar.high.b (high)"]
