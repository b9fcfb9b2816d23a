"""Pure device-choice logic (no torch): parse a device string and pick one from what is available."""

from __future__ import annotations

import re
from dataclasses import dataclass

from avatar.errors import DeviceError, UsageError

DEVICE_RE = re.compile(r"^(auto|cpu|mps|cuda(?::(\d{1,2}))?)$")


@dataclass(frozen=True)
class Availability:
    """What the machine offers: number of CUDA devices and whether MPS is usable."""

    cuda_count: int = 0
    mps: bool = False


@dataclass(frozen=True)
class DeviceChoice:
    device: str  # 'cuda:0', 'mps' or 'cpu'
    reason: str

    @property
    def kind(self) -> str:
        return self.device.split(":", 1)[0]

    @property
    def index(self) -> int:
        return int(self.device.split(":", 1)[1]) if ":" in self.device else 0


def parse_device(spec: str) -> str:
    """Normalise a device string ('cuda' -> 'cuda:0'); malformed strings are a usage error."""
    s = spec.strip().lower()
    m = DEVICE_RE.match(s)
    if not m:
        raise UsageError(f"device '{spec}' is not valid; use auto, cpu, mps, cuda or cuda:N")
    if s == "cuda":
        return "cuda:0"
    return s


def choose_device(requested: str, available: Availability, source: str = "default") -> DeviceChoice:
    """Pick the device deterministically: an explicit one must exist; ``auto`` prefers cuda > mps > cpu."""
    dev = parse_device(requested)
    if dev == "auto":
        if available.cuda_count > 0:
            return DeviceChoice("cuda:0", f"auto: CUDA is available ({available.cuda_count} device(s))")
        if available.mps:
            return DeviceChoice("mps", "auto: no CUDA; Apple MPS is available")
        return DeviceChoice("cpu", "auto: no CUDA or MPS device found")
    if dev == "cpu":
        return DeviceChoice("cpu", f"cpu requested ({source})")
    if dev == "mps":
        if not available.mps:
            raise DeviceError(f"device 'mps' was requested ({source}) but Apple MPS is not available here")
        return DeviceChoice("mps", f"mps requested ({source})")
    index = int(dev.split(":")[1])
    if index >= available.cuda_count:
        have = f"{available.cuda_count} CUDA device(s)" if available.cuda_count else "no CUDA device"
        raise DeviceError(f"device '{dev}' was requested ({source}) but this machine has {have}")
    return DeviceChoice(dev, f"{dev} requested ({source})")


def effective_dtype(kind: str, configured: str, bf16_supported: bool = True) -> tuple[str, str]:
    """The dtype a stage really uses, and why. CUDA keeps what is configured; MPS and CPU fall back."""
    if kind == "cuda":
        if configured == "bfloat16" and not bf16_supported:
            return "float16", "this GPU has no bfloat16 support"
        return configured, "as configured"
    if kind == "mps":
        if configured == "bfloat16":
            return "float32", "bfloat16 is unsupported on MPS"
        return configured, "as configured"
    if configured != "float32":
        return "float32", f"{configured} is slow or unsupported on CPU"
    return configured, "as configured"
