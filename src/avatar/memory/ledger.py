"""A small local ledger of measured peaks, so memory estimates improve with use.

An estimate belongs to what is loaded: the key names the stage, backend, model, dtype, profile, device
kind, whether the stage ran in a worker process, and a fingerprint of the stage options that change its
memory (a stage declares them; by default all of them). A learned estimate replaces the static one only for
the same key, so a measurement of one configuration never stands in for another.

Each key keeps its last few peaks; the estimate is their maximum times a safety factor. Entries are stored
readable (the key's parts and the options beside the peaks), at most ``max_entries`` of them (the least
recently updated go first), as JSON under the state folder, written atomically under a file lock so that
two runs can record at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock

from avatar import atomic
from avatar.constants import DEFAULT_ESTIMATE_FACTOR, DEFAULT_LEDGER_ENTRIES, DEFAULT_LEDGER_HISTORY

logger = logging.getLogger(__name__)

LEDGER_FORMAT = 2
FINGERPRINT_CHARS = 12


def options_fingerprint(options: dict[str, Any]) -> str:
    """A short, stable digest of the memory-relevant options (key order does not matter)."""
    blob = json.dumps(options, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:FINGERPRINT_CHARS]


@dataclass(frozen=True)
class EstimateKey:
    stage: str
    backend: str
    model: str
    dtype: str
    profile: str
    device: str  # device kind: cuda, mps, cpu
    isolated: bool
    options: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    fingerprint: str = ""

    @classmethod
    def make(
        cls,
        stage: str,
        backend: str,
        model: str,
        dtype: str,
        profile: str,
        device: str,
        isolated: bool,
        options: dict[str, Any],
    ) -> EstimateKey:
        return cls(stage, backend, model, dtype, profile, device, isolated, options, options_fingerprint(options))

    @property
    def text(self) -> str:
        host = "worker" if self.isolated else "in-process"
        parts = [self.stage, self.backend or "-", self.model or "-", self.dtype, self.profile, self.device, host]
        return "|".join([*parts, self.fingerprint])

    def describe(self) -> dict[str, Any]:
        return asdict(self) | {"key": self.text}


@dataclass
class Estimate:
    mb: float
    source: str  # 'ledger' or 'static'
    runs: int = 0  # measurements behind a ledger estimate


class EstimateLedger:
    def __init__(
        self,
        path: Path,
        history: int = DEFAULT_LEDGER_HISTORY,
        factor: float = DEFAULT_ESTIMATE_FACTOR,
        max_entries: int = DEFAULT_LEDGER_ENTRIES,
    ):
        self.path = Path(path)
        self.history = history
        self.factor = factor
        self.max_entries = max_entries
        # The entries as last parsed, and the file's identity then: a lookup (the serve policy makes one per
        # fit check, every few ms while work waits) parses the file again only when it was replaced.
        self._parsed: tuple[tuple[int, int, int], dict[str, Any]] | None = None

    def _cached(self) -> dict[str, Any]:
        """The entries, for reading only (a writer re-reads under the lock)."""
        try:
            st = self.path.stat()
        except OSError:
            return {}
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)  # atomic writes replace the file: a new inode
        if self._parsed is None or self._parsed[0] != stamp:
            self._parsed = (stamp, self._read())
        return self._parsed[1]

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, json.JSONDecodeError) as exc:
            logger.warning("ignoring unreadable estimate ledger %s: %s", self.path, exc)
            return {}
        if not isinstance(data, dict) or data.get("format") != LEDGER_FORMAT:
            # Keys of the first format left out dtype and options: their figures may belong to another
            # configuration, so they are dropped rather than trusted.
            if data:
                logger.info("estimate ledger %s has an older format; starting afresh", self.path)
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def entries(self) -> dict[str, Any]:
        """Every entry, by key text (for `avatar status` and tests)."""
        return self._read()

    def lookup(self, key: EstimateKey) -> Estimate | None:
        entry = self._cached().get(key.text)
        if not entry or not entry.get("peaks_mb"):
            return None
        peaks = entry["peaks_mb"]
        return Estimate(float(max(peaks)) * self.factor, "ledger", len(peaks))

    def record(self, key: EstimateKey, peak_mb: float) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with FileLock(str(self.path) + ".lock"):
            entries = self._read()
            entry = entries.pop(key.text, None) or {"peaks_mb": []}
            entry.update({k: v for k, v in key.describe().items() if k not in ("key", "fingerprint")})
            entry["peaks_mb"] = ([*entry["peaks_mb"], round(peak_mb, 1)])[-self.history :]
            entry["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S")
            entries[key.text] = entry  # re-inserted last: dict order is least to most recently updated
            while len(entries) > self.max_entries:
                entries.pop(next(iter(entries)))
            atomic.write_json(self.path, {"format": LEDGER_FORMAT, "entries": entries})
