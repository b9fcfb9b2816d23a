"""Output names are names: whatever value an output option is given, what the stage contract accepts stays
inside its run folder, symlinks planted there included; and the option declaration is what callers see."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from avatar.errors import StageError
from avatar.stages.base import Job, StageContext
from avatar.stages.options import caller_fields, check_output_name, inside
from avatar.stages.registry import all_stages

PIECES = st.sampled_from(["..", ".", "/", "\\", "a", "b.wav", "~", "%2e", "\x00", " ", "-", "_", "é", ".tmp-x"])
NAMES = st.one_of(st.text(max_size=40), st.lists(PIECES, max_size=8).map("".join))


@settings(max_examples=400, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=NAMES)
def test_accepted_names_resolve_inside_the_run_folder(tmp_path: Path, name: str) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir(exist_ok=True)
    try:
        check_output_name(name)
    except ValueError:
        with pytest.raises(StageError):
            inside(run_dir, name)
        return
    assert "/" not in name and ".." not in name and "\\" not in name
    target = inside(run_dir, name)
    assert target.parent == run_dir.resolve()
    assert target.resolve().is_relative_to(run_dir.resolve())


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,20}", fullmatch=True), inward=st.booleans())
def test_a_symlink_planted_in_the_run_folder_never_leads_out(tmp_path: Path, name: str, inward: bool) -> None:
    try:
        check_output_name(name)
    except ValueError:
        return
    import tempfile

    run_dir = Path(tempfile.mkdtemp(dir=tmp_path, prefix="run-"))
    outside = tmp_path / "outside.txt"
    link = run_dir / name
    link.symlink_to(run_dir / "other" if inward else outside)
    ctx = StageContext(Job(), run_dir, {}, {})
    with pytest.raises(StageError, match="outside the run folder"), ctx.writing(name) as tmp:
        tmp.write_text("x")
    assert not outside.exists()


def test_every_caller_option_is_bounded_and_no_output_is_settable() -> None:
    """The declaration itself: numbers have both bounds, strings a length, and nothing that names a file,
    a program, a device, a backend or a model is a caller's."""
    operator_only = {"output", "srt", "vtt", "poster", "argv", "env", "cwd", "outputs", "image", "device",
                     "backend", "model", "portrait", "input", "timings", "phonemes", "chunk_chars", "memory_mb",
                     "timeout_s", "preset", "audio", "video", "subtitles"}  # fmt: skip
    seen = 0
    for name, cls in all_stages().items():
        assert not isinstance(cls, str), cls
        fields = caller_fields(cls.Options)
        assert not (set(fields) & operator_only), (name, set(fields) & operator_only)
        for field in fields.values():
            seen += 1
            if field.kind in ("integer", "number"):
                assert field.minimum is not None and field.maximum is not None
            if field.kind == "string":
                assert field.max_length is not None and field.max_length <= 1000
    assert seen >= 10
    assert set(caller_fields(all_stages()["command"].Options)) == set()  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["../x.wav", "/tmp/x.wav", "a/b", "", ".hidden", "manifest.json", "a..b"])
def test_the_options_model_refuses_paths(value: str) -> None:
    from avatar.stages.finish_audio import FinishAudioOptions

    with pytest.raises(ValidationError, match=r"output name|keeps itself"):
        FinishAudioOptions(output=value)
