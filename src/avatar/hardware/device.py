"""The one module that talks to torch's device APIs and NVML. Everything else asks it."""

from __future__ import annotations

import gc
import logging
import os
import sys
from dataclasses import asdict, dataclass
from typing import Any

import psutil

from avatar.constants import ENV_DEVICE
from avatar.hardware.choice import Availability, DeviceChoice, choose_device, parse_device

logger = logging.getLogger(__name__)
MB = 1024 * 1024


@dataclass
class DeviceInfo:
    device: str
    kind: str
    name: str
    total_mb: float
    free_mb: float
    driver_version: str | None = None
    cuda_version: str | None = None
    bf16: bool = False
    unified_memory: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _torch() -> Any:
    import torch

    return torch


def availability() -> Availability:
    """Probe CUDA and MPS through torch (imported here, lazily)."""
    try:
        torch = _torch()
    except ImportError:  # pragma: no cover - torch is a dependency
        return Availability()
    cuda = torch.cuda.device_count() if torch.cuda.is_available() else 0
    mps_backend = getattr(torch.backends, "mps", None)
    mps = bool(mps_backend and mps_backend.is_available())
    return Availability(cuda_count=cuda, mps=mps)


def resolve(requested: str | None = None) -> DeviceChoice:
    """Resolve the device: an explicit request, else ``$AVATAR_DEVICE``, else the configured/auto one."""
    env = os.environ.get(ENV_DEVICE)
    if requested and requested != "auto":
        source = "option"
        spec = requested
    elif env:
        source, spec = f"{ENV_DEVICE}={env}", env
    else:
        source, spec = "default", requested or "auto"
    parse_device(spec)  # malformed strings fail before torch is imported
    choice = choose_device(spec, availability(), source)
    logger.info("device %s: %s", choice.device, choice.reason)
    return choice


def _nvml_info(index: int) -> dict[str, Any]:
    """Free/total from NVML, so memory held by other processes counts."""
    try:
        import pynvml

        pynvml.nvmlInit()
        try:
            handle = pynvml.nvmlDeviceGetHandleByIndex(index)
            mem = pynvml.nvmlDeviceGetMemoryInfo(handle)
            driver = pynvml.nvmlSystemGetDriverVersion()
            cuda = pynvml.nvmlSystemGetCudaDriverVersion()
            return {
                "total_mb": mem.total / MB,
                "free_mb": mem.free / MB,
                "driver_version": driver.decode() if isinstance(driver, bytes) else str(driver),
                "cuda_version": f"{cuda // 1000}.{(cuda % 1000) // 10}",
            }
        finally:
            pynvml.nvmlShutdown()
    except Exception as exc:  # NVML missing or not permitted: fall back to torch's view
        logger.debug("NVML unavailable: %s", exc)
        return {}


def info(choice: DeviceChoice) -> DeviceInfo:
    """Name, total and free memory of the chosen device."""
    if choice.kind == "cuda":
        torch = _torch()
        props = torch.cuda.get_device_properties(choice.index)
        free, total = torch.cuda.mem_get_info(choice.index)
        nv = _nvml_info(choice.index)
        return DeviceInfo(
            device=choice.device,
            kind="cuda",
            name=props.name,
            total_mb=nv.get("total_mb", total / MB),
            free_mb=nv.get("free_mb", free / MB),
            driver_version=nv.get("driver_version"),
            cuda_version=nv.get("cuda_version") or torch.version.cuda,
            bf16=bool(torch.cuda.is_bf16_supported()),
        )
    vm = psutil.virtual_memory()
    if choice.kind == "mps":
        return DeviceInfo(
            device="mps",
            kind="mps",
            name="Apple MPS (unified memory)",
            total_mb=vm.total / MB,
            free_mb=vm.available / MB,
            unified_memory=True,
        )
    return DeviceInfo(
        device="cpu",
        kind="cpu",
        name=_cpu_name(),
        total_mb=vm.total / MB,
        free_mb=vm.available / MB,
        bf16=False,
    )


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return f"CPU ({os.cpu_count()} cores, {sys.platform})"


# --- memory figures used by the memory manager -------------------------------------------------------


def process_rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / MB


def reset_process_peak() -> bool:
    """Reset the kernel's peak-RSS counter (Linux: write 5 to clear_refs). False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def process_peak_mb() -> float | None:
    """Peak RSS since the last reset (Linux VmHWM); None where the kernel does not report it."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def free_mb(choice: DeviceChoice) -> float:
    """Memory a new load can use: device free plus torch's reserved-but-unused cache (CUDA)."""
    if choice.kind == "cuda":
        nv = _nvml_info(choice.index)
        torch = _torch()
        if nv:
            free = nv["free_mb"]
        else:
            free = torch.cuda.mem_get_info(choice.index)[0] / MB
        reserved = torch.cuda.memory_reserved(choice.index) / MB
        allocated = torch.cuda.memory_allocated(choice.index) / MB
        return float(free + max(0.0, reserved - allocated))
    return float(psutil.virtual_memory().available) / MB


def total_mb(choice: DeviceChoice) -> float:
    if choice.kind == "cuda":
        return float(_torch().cuda.mem_get_info(choice.index)[1]) / MB
    return float(psutil.virtual_memory().total) / MB


def used_mb(choice: DeviceChoice) -> float:
    """Memory this process holds on the device (allocated tensors on CUDA/MPS, RSS on CPU)."""
    if choice.kind == "cuda":
        return float(_torch().cuda.memory_allocated(choice.index)) / MB
    if choice.kind == "mps" and "torch" in sys.modules:
        torch = sys.modules["torch"]
        return float(torch.mps.current_allocated_memory()) / MB
    return process_rss_mb()


def reserved_mb(choice: DeviceChoice) -> float:
    if choice.kind == "cuda":
        return float(_torch().cuda.memory_reserved(choice.index)) / MB
    if choice.kind == "mps" and "torch" in sys.modules:
        return float(sys.modules["torch"].mps.driver_allocated_memory()) / MB
    return 0.0


def reset_peak(choice: DeviceChoice) -> None:
    reset_process_peak()
    if choice.kind == "cuda":
        _torch().cuda.reset_peak_memory_stats(choice.index)


def peak_mb(choice: DeviceChoice) -> float | None:
    """Peak since :func:`reset_peak`: torch's peak on CUDA, process peak RSS elsewhere."""
    if choice.kind == "cuda":
        return float(_torch().cuda.max_memory_allocated(choice.index)) / MB
    return process_peak_mb()


def empty_caches(choice: DeviceChoice) -> None:
    """Collect garbage first, then empty the allocator cache, then synchronise. The order matters:
    emptying the cache before the collector runs leaves the blocks of unreachable tensors reserved."""
    gc.collect()
    torch = sys.modules.get("torch")
    if torch is None:
        return
    if choice.kind == "cuda":
        torch.cuda.synchronize(choice.index)
        torch.cuda.empty_cache()
        torch.cuda.ipc_collect()
        torch.cuda.synchronize(choice.index)
    elif choice.kind == "mps":
        torch.mps.synchronize()
        torch.mps.empty_cache()
    else:
        _trim_malloc()


_ALLOCATOR_TUNED = False
M_ARENA_MAX = -8  # glibc mallopt parameter


def tune_allocator(max_arenas: int = 2) -> None:
    """Cap glibc's malloc arenas (Linux). With torch imported, every onnxruntime/OpenMP worker thread
    otherwise gets an arena of its own, and freed chunks scattered over them keep RSS growing with the
    length of a script (measured: +220 MB over 1,500 words with piper; flat with 2 arenas). The same as
    MALLOC_ARENA_MAX=2, applied before model threads start."""
    global _ALLOCATOR_TUNED
    if _ALLOCATOR_TUNED or not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    _ALLOCATOR_TUNED = True
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, max_arenas)
    except (OSError, AttributeError):
        pass


def _trim_malloc() -> None:
    """Give freed heap pages back to the OS (glibc), so RSS reflects what is really held."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def is_oom(exc: BaseException) -> bool:
    """True for out-of-memory errors of any device."""
    if isinstance(exc, MemoryError):
        return True
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(exc, getattr(torch, "OutOfMemoryError", ())):
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and ("out of memory" in text or "mps backend out of memory" in text)
