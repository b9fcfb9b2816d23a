"""Opening the device for the server: the allocator tuned, the device and dtype chosen, the residency core
opened over the one ledger (``open_residency``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from avatar.config.schema import Settings
    from avatar.hardware.choice import DeviceChoice
    from avatar.memory.residency import Residency

logger = logging.getLogger(__name__)


@dataclass
class Device:
    choice: DeviceChoice
    dtype: str
    residency: Residency

    @property
    def name(self) -> str:
        return self.choice.device


def open_device(settings: Settings) -> Device:
    from avatar.hardware import device as hw
    from avatar.hardware.choice import effective_dtype
    from avatar.memory.residency import open_residency

    hw.tune_allocator()
    import scipy.signal  # noqa: F401  (pcm's resampler: imported here, not in the first pcm request)

    choice = hw.resolve(settings.device)
    info = hw.info(choice)
    dtype, _ = effective_dtype(choice.kind, settings.dtype, info.bf16)
    return Device(choice, dtype, open_residency(settings.memory))
