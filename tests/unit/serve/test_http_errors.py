"""The HTTP edge gives the device thread's refusals (:class:`avatar.errors.DeviceBusy`) their status: the
queue's refusals are 429, the device's 503, each with Retry-After and its reason as the OpenAI ``code``."""

from __future__ import annotations

import pytest

from avatar.errors import DeviceBusy
from avatar.serve.errors import describe


@pytest.mark.parametrize(
    ("reason", "status", "type_"),
    [
        ("queue_full", 429, "rate_limit_error"),
        ("quota_queued", 429, "rate_limit_error"),
        ("out_of_memory", 503, "server_error"),
        ("insufficient_memory", 503, "server_error"),
        ("draining", 503, "server_error"),
    ],
)
def test_a_device_refusal_has_its_status_code_and_retry_after(reason: str, status: int, type_: str) -> None:
    got, body, headers = describe(DeviceBusy("not now", 7, reason))
    assert got == status and headers == {"Retry-After": "7"}
    assert body == {"error": {"message": "not now", "type": type_, "param": None, "code": reason}}


def test_an_unknown_reason_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        DeviceBusy("not now", 7, "tired")
