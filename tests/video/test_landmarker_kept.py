"""The face landmarker is a kept model the residency core sees (as the VAD and the speaker encoder are), and
each thread still gets its own instance of the net (a shared ``cv2.dnn`` net mixes up threads' crops)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from avatar.config.schema import MemorySettings
from avatar.memory.kept import kept
from avatar.memory.ledger import EstimateLedger
from avatar.memory.residency import open_residency
from avatar.video import landmarks as lmk
from avatar.video.portrait import default_portrait, load_portrait


def test_the_face_landmarker_is_kept_measured_listed_and_per_thread(tmp_path: Path) -> None:
    portrait = load_portrait(default_portrait(), 256)  # finds the face's landmarks: the landmarker loads
    assert lmk.LANDMARKER in kept() and lmk.LANDMARKER.loaded and lmk.LANDMARKER.held_mb > 0
    core = open_residency(MemorySettings(safety_margin_mb=0), EstimateLedger(tmp_path / "estimates.json"))
    listed = {r["name"]: r for r in core.table()}
    assert listed["face landmarker"]["policy"] == "kept"
    nets: dict[str, Any] = {"main": lmk._net()}
    found: dict[str, float] = {}

    def other() -> None:
        nets["other"] = lmk._net()
        found["other"] = lmk.find_landmarks(portrait.image, portrait.landmarks.box()).score

    t = threading.Thread(target=other)
    t.start()
    t.join(60)
    assert nets["other"] is not nets["main"] and lmk._net() is nets["main"]  # one net per thread, loaded once
    assert found["other"] >= lmk.FACE_SCORE_MIN  # the other thread's net finds the face too
