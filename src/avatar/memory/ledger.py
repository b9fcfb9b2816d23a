"""A small local ledger of measured peaks, so memory estimates improve with use.

Keyed by stage, backend, model and profile; each key keeps the last few measured peaks and the estimate is
their maximum times a safety factor. Stored as JSON under the state folder, written atomically under a
file lock so that two runs can record at once.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from filelock import FileLock

from avatar import atomic
from avatar.constants import DEFAULT_ESTIMATE_FACTOR, DEFAULT_LEDGER_HISTORY

logger = logging.getLogger(__name__)


def ledger_key(stage: str, backend: str, model: str, profile: str, device_kind: str) -> str:
    return "|".join([stage, backend or "-", model or "-", profile, device_kind])


class EstimateLedger:
    def __init__(self, path: Path, history: int = DEFAULT_LEDGER_HISTORY, factor: float = DEFAULT_ESTIMATE_FACTOR):
        self.path = Path(path)
        self.history = history
        self.factor = factor

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return data if isinstance(data, dict) else {}
        except FileNotFoundError:
            return {}
        except (OSError, json.JSONDecodeError) as exc:
            logger.warning("ignoring unreadable estimate ledger %s: %s", self.path, exc)
            return {}

    def estimate(self, key: str) -> float | None:
        entry = self._read().get(key)
        if not entry or not entry.get("peaks_mb"):
            return None
        return float(max(entry["peaks_mb"])) * self.factor

    def record(self, key: str, peak_mb: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.path) + ".lock"):
            data = self._read()
            entry = data.setdefault(key, {"peaks_mb": []})
            entry["peaks_mb"] = (entry["peaks_mb"] + [round(peak_mb, 1)])[-self.history :]
            entry["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S")
            atomic.write_json(self.path, data)
