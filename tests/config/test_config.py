from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from avatar.config.cascade import Overrides
from avatar.config.merge import deep_merge, parse_set
from avatar.config.schema import HardwareProfile, PipelineSpec, Settings
from avatar.config.yamlio import load_model, read_yaml
from avatar.errors import ConfigError, UnknownNameError, UsageError
from avatar.hardware.profiles import available_profiles, choose_profile, load_profile

keys = st.text(alphabet="abcdef", min_size=1, max_size=3)
leaves = st.one_of(st.integers(), st.text(max_size=5), st.booleans(), st.none())
trees = st.recursive(
    st.dictionaries(keys, leaves, max_size=4), lambda c: st.dictionaries(keys, c, max_size=4), max_leaves=12
)


def _leaf_paths(tree: dict[str, Any], prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    out: dict[tuple[str, ...], Any] = {}
    for k, v in tree.items():
        if isinstance(v, dict):  # an empty mapping merges as "no change", so it is no leaf
            out.update(_leaf_paths(v, (*prefix, k)))
        else:
            out[(*prefix, k)] = v
    return out


def _replaces(base: dict[str, Any], override: dict[str, Any], prefix: tuple[str, ...]) -> bool:
    """Does the override replace (rather than merge into) the value at ``prefix``?"""
    try:
        new = _get(override, prefix)
    except (KeyError, TypeError):
        return False
    return not (isinstance(new, dict) and isinstance(_get(base, prefix), dict))


def _get(tree: dict[str, Any], path: tuple[str, ...]) -> Any:
    for p in path:
        tree = tree[p]
    return tree


@given(trees, trees)
def test_merge_overrides_win_and_untouched_keys_survive(base: dict[str, Any], override: dict[str, Any]) -> None:
    merged = deep_merge(base, override)
    for path, value in _leaf_paths(override).items():
        assert _get(merged, path) == value
    for path, value in _leaf_paths(base).items():
        # a base leaf survives unless the override touched that path or one of its parents
        touched = any(_replaces(base, override, path[: i + 1]) for i in range(len(path)))
        if not touched:
            assert _get(merged, path) == value


@given(trees, trees)
def test_merge_does_not_mutate_inputs(base: dict[str, Any], override: dict[str, Any]) -> None:
    import copy

    b, o = copy.deepcopy(base), copy.deepcopy(override)
    deep_merge(base, override)
    assert base == b and override == o


def test_parse_set_reads_yaml_scalars() -> None:
    assert parse_set("memory.safety_margin_mb=1024") == (["memory", "safety_margin_mb"], 1024)
    assert parse_set("allow_cpu_fallback=false") == (["allow_cpu_fallback"], False)
    assert parse_set("stages.speech.voice=alice/main") == (["stages", "speech", "voice"], "alice/main")
    for bad in ("novalue", "=3", "a..b=1"):
        with pytest.raises(UsageError, match="--set"):
            parse_set(bad)


def test_overrides_split_settings_and_stages() -> None:
    o = Overrides.parse(["quality.fps=30", "stages.speech.backend=xtts", "stages.speech.with.pause_ms=100"])
    assert o.settings == {"quality": {"fps": 30}}
    assert o.stages == {"speech": {"backend": "xtts", "pause_ms": 100}}


def test_every_builtin_profile_and_pipeline_validates() -> None:
    profiles = available_profiles()
    assert {"rtx4090", "rtx3080", "low_vram", "mps", "cpu"} <= set(profiles)
    for path in profiles.values():
        load_model(HardwareProfile, path)
    root = Path(__file__).resolve().parents[2] / "config"
    for path in [root / "pipeline.yaml", *sorted((root / "examples").glob("*.yaml"))]:
        load_model(PipelineSpec, path)


@pytest.mark.parametrize(
    ("kind", "gb", "expected"),
    [
        ("cuda", 24, "rtx4090"),
        ("cuda", 20, "rtx4090"),
        ("cuda", 19.9, "rtx3080"),
        ("cuda", 10, "rtx3080"),
        ("cuda", 8, "rtx3080"),
        ("cuda", 6, "low_vram"),
        ("mps", 64, "mps"),
        ("cpu", 24, "cpu"),
    ],
)
def test_profile_chosen_by_vram(kind: str, gb: float, expected: str) -> None:
    choice = choose_profile(kind, gb * 1024)
    assert choice.profile.name == expected
    assert choice.reason


def test_explicit_and_user_profiles(isolated_dirs: Path) -> None:
    assert choose_profile("cpu", 1000, "rtx3080").profile.name == "rtx3080"
    user = isolated_dirs / "userconfig" / "hardware"
    user.mkdir(parents=True)
    (user / "studio.yaml").write_text("name: studio\nmatch: {device: cpu}\nchunk_chars: 123\n")
    prof, path = load_profile("studio")
    assert prof.chunk_chars == 123 and path.parent == user
    with pytest.raises(UnknownNameError, match=r"unknown hardware profile 'nope'; choose one of: .*cpu.*studio"):
        load_profile("nope")


def test_schema_errors_name_file_field_and_choices(tmp_path: Path) -> None:
    f = tmp_path / "p.yaml"
    f.write_text("name: x\ndtype: float8\nmatch: {device: cpu}\n")
    with pytest.raises(ConfigError, match=r"p.yaml: dtype: Input should be 'float32', 'float16' or 'bfloat16'"):
        load_model(HardwareProfile, f)
    f.write_text("name: x\nmatch: {device: cpu}\nmemroy: {}\n")
    with pytest.raises(ConfigError, match=r"unknown key 'memroy'; allowed keys: .*memory"):
        load_model(HardwareProfile, f)
    f.write_text("name: x\nmatch: {device: cpu}\nmemory: {margin: 3}\n")
    with pytest.raises(
        ConfigError,
        match=r"memory.margin: unknown key 'margin'; allowed keys: budget_mb, cleanup_tolerance_mb, safety_margin_mb",
    ):
        load_model(HardwareProfile, f)


def test_yaml_is_read_with_the_safe_loader(tmp_path: Path) -> None:
    f = tmp_path / "evil.yaml"
    f.write_text("name: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(ConfigError, match="malformed YAML"):
        read_yaml(f)
    f.write_text("a: [1, 2\n")
    with pytest.raises(ConfigError, match=r"malformed YAML \(line 2"):
        read_yaml(f)


def test_settings_defaults_are_valid() -> None:
    s = Settings()
    assert s.memory.safety_margin_mb == 512
    assert s.device == "auto"
