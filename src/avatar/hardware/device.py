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
from avatar.errors import AvatarError
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


# Where a Linux machine's GPU driver shows itself: NVIDIA's (cards, containers given one), Jetson's, AMD's
# ROCm (torch's CUDA API on HIP), and WSL2's GPU paravirtualisation. torch sees no device without them.
GPU_DEVICE_NODES = ("/dev/nvidiactl", "/dev/nvidia[0-9]*", "/dev/nvhost-*", "/dev/nvmap", "/dev/kfd", "/dev/dxg")


def may_have_gpu() -> bool:
    """Whether torch could find a CUDA, ROCm or MPS device here. On Linux without any GPU driver's device
    node the answer is no without importing torch (seconds of CPU: a server that stops at start on a wrong
    setting, `avatar status`, said so after that import); elsewhere only torch can say."""
    if not sys.platform.startswith("linux"):
        return True
    import glob

    return any(glob.glob(pattern) for pattern in GPU_DEVICE_NODES)


def availability() -> Availability:
    """Probe CUDA and MPS through torch (imported here, lazily), where a GPU may be there at all."""
    if not may_have_gpu():
        return Availability()
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


def match_nvml_index(torch_uuid: str, nvml_uuids: list[str]) -> int | None:
    """The NVML index of the card torch calls ``torch_uuid``.

    NVML numbers cards by PCI bus and ignores ``CUDA_VISIBLE_DEVICES`` (Ray sets it for every GPU task), so
    CUDA index N is not NVML index N in general; the card's UUID is the same in both. NVML writes it as
    ``GPU-<uuid>`` (``MIG-...`` for MIG slices), torch without the prefix.
    """
    want = torch_uuid.lower().removeprefix("gpu-")
    for i, uuid in enumerate(nvml_uuids):
        if uuid.lower().split("-", 1)[-1] == want or uuid.lower() == want:
            return i
    return None


_NVML_INDEX: dict[int, int | None] = {}


def _nvml_index(cuda_index: int) -> int | None:
    """NVML's index for CUDA device ``cuda_index`` (by UUID; cached). None when it cannot be matched."""
    if cuda_index in _NVML_INDEX:
        return _NVML_INDEX[cuda_index]
    found: int | None = None
    try:
        import pynvml

        torch_uuid = str(_torch().cuda.get_device_properties(cuda_index).uuid)
        pynvml.nvmlInit()
        try:
            uuids = []
            for i in range(pynvml.nvmlDeviceGetCount()):
                raw = pynvml.nvmlDeviceGetUUID(pynvml.nvmlDeviceGetHandleByIndex(i))
                uuids.append(raw.decode() if isinstance(raw, bytes) else str(raw))
        finally:
            pynvml.nvmlShutdown()
        found = match_nvml_index(torch_uuid, uuids)
        if found is None:
            logger.warning("no NVML device has the UUID of cuda:%d (%s); using torch's figures", cuda_index, torch_uuid)
    except Exception as exc:  # NVML missing or not permitted
        logger.debug("NVML unavailable: %s", exc)
    _NVML_INDEX[cuda_index] = found
    return found


def _nvml_info(cuda_index: int) -> dict[str, Any]:
    """Free/total from NVML, so memory held by other processes counts."""
    index = _nvml_index(cuda_index)
    if index is None:
        return {}
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
            bf16=cuda_bf16_native(choice.index),
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


def cuda_bf16_native(index: int) -> bool:
    """Whether CUDA device ``index`` computes in bfloat16 natively (Ampere and later). torch's default
    also counts emulation, which is slow, so the bf16-to-fp16 rule would never fire on older cards."""
    torch = _torch()
    try:
        with torch.cuda.device(index):
            return bool(torch.cuda.is_bf16_supported(including_emulation=False))
    except TypeError:  # torch before 2.3 has no including_emulation
        major, _ = torch.cuda.get_device_capability(index)
        return bool(major >= 8)


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
    return pid_peak_mb("self")


def descendants() -> list[int]:
    """The pids of every live descendant of this process (the tools and workers a stage started)."""
    try:
        return [c.pid for c in psutil.Process().children(recursive=True)]
    except psutil.Error:
        return []


def pid_rss_mb(pid: int) -> float:
    try:
        return float(psutil.Process(pid).memory_info().rss) / MB
    except psutil.Error:
        return 0.0


def pid_peak_mb(pid: int | str) -> float | None:
    """A process's own peak RSS since it started or was reset (Linux VmHWM), or None where unreadable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return float(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def reaped_children_peak_mb() -> float:
    """The largest peak RSS of any child this process has waited for (getrusage; never reset)."""
    try:
        import resource

        value = float(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    except (ImportError, OSError):
        return 0.0
    return value / MB if sys.platform == "darwin" else value / 1024  # bytes on macOS, KiB on Linux


class GpuProcesses:
    """Per-process GPU memory from NVML, for measuring a stage's child processes on CUDA. Keeps NVML open
    while a stage is measured; every method degrades to 0 where NVML is missing."""

    def __init__(self, cuda_index: int) -> None:
        self._handle: Any = None
        self._nvml: Any = None
        index = _nvml_index(cuda_index)
        if index is None:
            return
        try:
            import pynvml

            pynvml.nvmlInit()
            self._nvml = pynvml
            self._handle = pynvml.nvmlDeviceGetHandleByIndex(index)
        except Exception as exc:
            logger.debug("NVML per-process figures unavailable: %s", exc)

    def used_mb(self, pids: list[int]) -> float:
        """GPU memory held by ``pids`` (their CUDA contexts included)."""
        if self._handle is None or not pids:
            return 0.0
        wanted = set(pids)
        total = 0.0
        seen: set[int] = set()
        for query in ("nvmlDeviceGetComputeRunningProcesses", "nvmlDeviceGetGraphicsRunningProcesses"):
            try:
                procs = getattr(self._nvml, query)(self._handle)
            except Exception:
                continue
            for proc in procs:
                used = getattr(proc, "usedGpuMemory", None)
                if proc.pid in wanted and proc.pid not in seen and used:
                    seen.add(proc.pid)
                    total += float(used) / MB
        return total

    def close(self) -> None:
        if self._nvml is not None:
            try:
                self._nvml.nvmlShutdown()
            except Exception:
                pass
            self._nvml = self._handle = None


def children_mb(choice: DeviceChoice, gpu: GpuProcesses | None = None) -> float:
    """Memory the stage's child processes hold on the device: their RSS (CPU, MPS), NVML's per-process
    figure (CUDA)."""
    pids = descendants()
    if not pids:
        return 0.0
    if choice.kind == "cuda":
        if gpu is not None:
            return gpu.used_mb(pids)
        probe = GpuProcesses(choice.index)
        try:
            return probe.used_mb(pids)
        finally:
            probe.close()
    return sum(pid_rss_mb(pid) for pid in pids)


def _cuda_ready() -> Any:
    """torch, if this process has initialised CUDA; else None. The parent of isolated stages never does,
    so measuring it must not create a CUDA context either."""
    torch = sys.modules.get("torch")
    if torch is None or not torch.cuda.is_initialized():
        return None
    return torch


def free_mb(choice: DeviceChoice) -> float:
    """Memory a new load can use: device free plus torch's reserved-but-unused cache (CUDA). On Apple's
    unified memory, system RAM available, capped by what Metal recommends for one process."""
    if choice.kind == "cuda":
        nv = _nvml_info(choice.index)
        torch = _torch()
        if nv:
            free = nv["free_mb"]
        else:
            free = torch.cuda.mem_get_info(choice.index)[0] / MB
        if torch.cuda.is_initialized():
            reserved = torch.cuda.memory_reserved(choice.index) / MB
            allocated = torch.cuda.memory_allocated(choice.index) / MB
            free += max(0.0, reserved - allocated)
        return float(free)
    available = float(psutil.virtual_memory().available) / MB
    if choice.kind == "mps":
        torch = sys.modules.get("torch")
        recommended = getattr(getattr(torch, "mps", None), "recommended_max_memory", None)
        if recommended is not None:
            try:
                cap = (recommended() - torch.mps.driver_allocated_memory()) / MB  # type: ignore[union-attr]
                available = min(available, max(0.0, float(cap)))
            except Exception as exc:  # an older torch, or Metal not initialised
                logger.debug("torch.mps.recommended_max_memory unavailable: %s", exc)
    return available


def total_mb(choice: DeviceChoice) -> float:
    if choice.kind == "cuda":
        nv = _nvml_info(choice.index)
        if nv:
            return float(nv["total_mb"])
        return float(_torch().cuda.mem_get_info(choice.index)[1]) / MB
    return float(psutil.virtual_memory().total) / MB


def self_used_mb(choice: DeviceChoice) -> float:
    """Memory this process itself holds on the device: allocated tensors on CUDA, RSS elsewhere (Apple's
    GPU allocations live in the same unified memory)."""
    if choice.kind == "cuda":
        torch = _cuda_ready()
        return float(torch.cuda.memory_allocated(choice.index)) / MB if torch is not None else 0.0
    return process_rss_mb()


def used_mb(choice: DeviceChoice) -> float:
    """Memory this process and its children hold on the device (the whole process tree)."""
    return self_used_mb(choice) + children_mb(choice)


def reserved_mb(choice: DeviceChoice) -> float:
    if choice.kind == "cuda":
        torch = _cuda_ready()
        return float(torch.cuda.memory_reserved(choice.index)) / MB if torch is not None else 0.0
    if choice.kind == "mps" and "torch" in sys.modules:
        return float(sys.modules["torch"].mps.driver_allocated_memory()) / MB
    return 0.0


def reset_peak(choice: DeviceChoice) -> None:
    reset_process_peak()
    if choice.kind == "cuda" and (torch := _cuda_ready()) is not None:
        torch.cuda.reset_peak_memory_stats(choice.index)


def self_peak_mb(choice: DeviceChoice) -> float | None:
    """This process's peak since :func:`reset_peak`: torch's on CUDA, the kernel's peak RSS (VmHWM) on
    Linux; None where there is no exact figure (macOS), and the caller samples instead."""
    if choice.kind == "cuda":
        torch = _cuda_ready()
        return float(torch.cuda.max_memory_allocated(choice.index)) / MB if torch is not None else 0.0
    return process_peak_mb()


def empty_caches(choice: DeviceChoice) -> None:
    """Collect garbage first, then empty the allocator cache, then synchronise. The order matters:
    emptying the cache before the collector runs leaves the blocks of unreachable tensors reserved."""
    gc.collect()
    if choice.kind not in ("cuda", "mps"):
        trim_heap()  # the CPU's: whether torch was ever imported or not (piper's stage never imports it)
        return
    torch = sys.modules.get("torch")
    if torch is None:
        return
    if choice.kind == "cuda":
        if not torch.cuda.is_initialized():
            return  # nothing of ours on the card; synchronising would create a CUDA context
        torch.cuda.synchronize(choice.index)
        # cuBLAS keeps a workspace per thread and stream it ran on (32 MiB each on an H200), allocated through
        # torch's allocator and counted as in use: a model run on its own thread left one after its unload
        clear_workspaces = getattr(torch._C, "_cuda_clearCublasWorkspaces", None)
        if clear_workspaces is not None:
            clear_workspaces()
        torch.cuda.empty_cache()
        torch.cuda.ipc_collect()
        torch.cuda.synchronize(choice.index)
    else:
        torch.mps.synchronize()
        torch.mps.empty_cache()


_ALLOCATOR_TUNED = False
M_ARENA_MAX = -8  # glibc mallopt parameter


def tune_allocator(max_arenas: int = 2) -> None:
    """Cap glibc's malloc arenas (Linux). With torch imported, every onnxruntime/OpenMP worker thread
    otherwise gets an arena of its own, and freed chunks scattered over them keep RSS growing with the
    length of a script (measured: +220 MB over 1,500 words with piper; flat with 2 arenas). The same as
    MALLOC_ARENA_MAX=2 for the threads that first allocate after it (the arenas glibc made before stay in
    use), so a process calls it before it starts threads."""
    global _ALLOCATOR_TUNED
    if _ALLOCATOR_TUNED or not sys.platform.startswith("linux") or "MALLOC_ARENA_MAX" in os.environ:
        return
    _ALLOCATOR_TUNED = True
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, max_arenas)
    except (OSError, AttributeError):
        pass


def trim_heap() -> None:
    """Give freed heap pages back to the OS (glibc's malloc_trim), so RSS reflects what is really held. A
    long-lived process calls it now and then: freed chunks in the middle of its heaps stay resident otherwise
    (a live conversation's server: 30-64 MB after five minutes)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


# Out-of-memory messages of libraries whose exceptions are not MemoryError or torch.OutOfMemoryError:
# onnxruntime raises RuntimeException (an Exception, not a RuntimeError) with "Failed to allocate memory",
# cuBLAS/cuDNN report their workspace allocation failures by status name, C++ code std::bad_alloc.
OOM_MARKERS = (
    "out of memory",
    "failed to allocate memory",
    "cublas_status_alloc_failed",
    "cudnn_status_alloc_failed",
    "cufft_alloc_failed",
    "std::bad_alloc",
    "cannot allocate memory",
)


def is_oom(exc: BaseException) -> bool:
    """True for out-of-memory errors of any device or library."""
    if isinstance(exc, MemoryError) or getattr(exc, "out_of_memory", False):
        return True
    if isinstance(exc, AvatarError):  # our own messages ("ran out of memory") are not new failures
        return False
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(exc, getattr(torch, "OutOfMemoryError", ())):
        return True
    if not isinstance(exc, Exception):
        return False
    text = str(exc).lower()
    return any(marker in text for marker in OOM_MARKERS)
