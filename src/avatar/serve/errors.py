"""The service's errors, in avatar's one exception tree, and their OpenAI-shaped JSON.

Every error response is ``{"error": {"message", "type", "param", "code"}}``. The statuses: 400 (bad input),
401 (no or wrong key), 403 (not an admin), 404 (unknown model, voice or route), 413 (body or upload too
large), 422 (a field of the wrong type), 429 (queue full, with Retry-After), 499 (the client went
before the answer; for the log), 503 (out of memory, starting,
draining or timed out, with Retry-After). The device thread's refusals are :class:`avatar.errors.DeviceBusy`,
given their status here. Anything unexpected is a 500 with a generic message; its traceback
goes to the log only.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from avatar.errors import AvatarError, DeviceBusy, InputError, OverLimit, RunError, UnknownNameError, UsageError

logger = logging.getLogger(__name__)


class HTTPFacingError(AvatarError):
    """An error with its HTTP status and OpenAI ``type``/``code``."""

    status = 400
    type = "invalid_request_error"
    code: str | None = None

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.param = param
        if code is not None:
            self.code = code


class AuthenticationError(HTTPFacingError, UsageError):
    status = 401
    type = "authentication_error"
    code = "invalid_api_key"


class PermissionDenied(HTTPFacingError, UsageError):
    status = 403
    type = "permission_error"
    code = "admin_required"


class NotFound(HTTPFacingError, UsageError):
    status = 404
    code = "not_found"


class TooLarge(HTTPFacingError, InputError):
    status = 413
    code = "too_large"


class BodyTimeout(HTTPFacingError, InputError):
    status = 408
    code = "body_timeout"


class ClientGone(HTTPFacingError, UsageError):
    """The caller closed its connection before the answer (nginx's 499): nothing was made for it, and the
    answer reaches no one (it is written for the log)."""

    status = 499
    code = "client_closed_request"

    def __init__(self) -> None:
        super().__init__("the client closed its connection before the answer")


class Busy(HTTPFacingError, RunError):
    """The queue is full (429) or the device cannot take the work now (503); both carry Retry-After."""

    status = 429
    type = "rate_limit_error"
    code = "queue_full"

    def __init__(
        self,
        message: str,
        retry_after_s: int,
        *,
        status: int = 429,
        code: str | None = None,
        figures: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.status = status
        self.figures = figures  # what the refusal was measured from, sent with the error
        if status == 503:
            self.type = "server_error"
        self.retry_after_s = retry_after_s


def error_body(message: str, type_: str, param: str | None = None, code: str | None = None) -> dict[str, Any]:
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


def describe(exc: BaseException) -> tuple[int, dict[str, Any], dict[str, str]]:
    """(status, body, headers) for any exception."""
    if isinstance(exc, HTTPFacingError):
        retry = getattr(exc, "retry_after_s", None)
        headers = {"Retry-After": str(retry)} if retry else {}
        if isinstance(exc, AuthenticationError):
            headers["WWW-Authenticate"] = "Bearer"
        body = error_body(public_message(str(exc)), exc.type, exc.param, exc.code)
        figures = getattr(exc, "figures", None)
        if figures:
            body["error"]["figures"] = figures
        return exc.status, body, headers
    if isinstance(exc, DeviceBusy):  # the device queue refuses (429) or the device cannot take it now (503)
        status = 429 if exc.reason in ("queue_full", "quota_queued") else 503
        type_ = "rate_limit_error" if status == 429 else "server_error"
        headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else {}
        return status, error_body(public_message(str(exc)), type_, None, exc.reason), headers
    if isinstance(exc, UnknownNameError):
        return (
            404,
            error_body(
                public_message(str(exc)), "invalid_request_error", exc.kind.split()[-1], f"{_slug(exc.kind)}_not_found"
            ),
            {},
        )
    if isinstance(exc, OverLimit):
        return 400, error_body(public_message(str(exc)), "invalid_request_error", exc.param, exc.code), {}
    if isinstance(exc, UsageError):  # InputError, ConfigError, DeviceError...
        return 400, error_body(public_message(str(exc)), "invalid_request_error", None, "invalid_value"), {}
    if isinstance(exc, AvatarError):
        return 500, error_body(public_message(str(exc)), "server_error", None, "run_failed"), {}
    logger.error("unexpected %s: %s", type(exc).__name__, exc, exc_info=exc)
    return 500, error_body("internal error; the server log has the details", "server_error", None, "internal_error"), {}


def _path_pattern() -> re.Pattern[str]:
    """Absolute paths on this machine: anything under one of the top-level folders of ``/`` (read once)."""
    try:
        tops = sorted((e.name for e in os.scandir("/") if e.is_dir(follow_symlinks=False) or e.is_symlink()),
                      key=len, reverse=True)  # fmt: skip
    except OSError:
        tops = []
    tops = [t for t in tops if t not in ("v1", "studio")] or ["__none__"]
    names = "|".join(re.escape(t) for t in tops)
    return re.compile(rf"(?<![\w/.:-])(?:~|/(?:{names}))(?:/[^\s'\"`,;()]*)?")


_PATHS: re.Pattern[str] | None = None


def public_message(message: str) -> str:
    """The message with every server path replaced by its last component: a caller is told which file or
    resource, never where the server keeps it (nor, by the wording, whether a path exists)."""
    global _PATHS
    if _PATHS is None:
        _PATHS = _path_pattern()

    def short(match: re.Match[str]) -> str:
        text = match.group(0)
        path = text.rstrip(":.")
        tail = path.rstrip("/").rsplit("/", 1)[-1]
        quoted = match.start() > 0 and message[match.start() - 1] in "'\"`"
        shown = tail if tail and tail != "~" else "(a server path)"
        return (shown if quoted else f"'{shown}'") + text[len(path) :]

    return _PATHS.sub(short, message)


def _slug(kind: str) -> str:
    return kind.split()[-1].replace("-", "_")
