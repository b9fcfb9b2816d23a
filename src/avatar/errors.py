"""The one exception tree. The CLI turns each into a one-line message and an exit code."""

from __future__ import annotations


class AvatarError(Exception):
    """Base of every error avatar raises on purpose. ``exit_code`` is what the CLI exits with."""

    exit_code = 1


class UsageError(AvatarError):
    """Bad usage or bad input: the user can fix it by changing what they asked for (exit 2)."""

    exit_code = 2


class ConfigError(UsageError):
    """A YAML document or an override does not match its schema."""

    def __init__(self, source: str, message: str, field: str | None = None) -> None:
        self.source = source
        self.field = field
        where = f"{source}: {field}: " if field else f"{source}: "
        super().__init__(where + message)


class UnknownNameError(UsageError, KeyError):
    """A name (stage, profile, backend, voice, job) that is not known; the message lists the choices."""

    def __init__(self, kind: str, name: str, choices: list[str] | None = None, hint: str = "") -> None:
        self.kind = kind
        self.name = name
        msg = f"unknown {kind} '{name}'"
        if choices:
            msg += f"; choose one of: {', '.join(sorted(choices))}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)

    def __str__(self) -> str:  # KeyError would quote the message otherwise
        return str(self.args[0])


class InputError(UsageError):
    """Input data (text, audio, image, file) that cannot be used."""


class OverLimit(InputError):
    """Input over a limit of the caller's own (a live session's unspoken text): ``param`` names the field and
    ``code`` the limit, for the HTTP layer's error body."""

    def __init__(self, message: str, *, param: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.param = param
        self.code = code


class TextTooCostly(InputError):
    """Preparing a text (SSML, lexicon, normalisation) took more CPU time than its budget allows."""


class DeviceError(UsageError):
    """A device that was asked for is not there."""


class MissingDependencyError(AvatarError):
    """An optional package is missing; the message carries the exact install line."""

    def __init__(self, package: str, extra: str | None = None, purpose: str = "") -> None:
        line = f"pip install 'avatar[{extra}]'" if extra else f"pip install {package}"
        what = f" for {purpose}" if purpose else ""
        super().__init__(f"the package '{package}' is needed{what}; install it with: {line}")


class PluginContractError(AvatarError):
    """A plugin (a stage or a speech backend) breaks the contract of its base class: a method it must have
    is missing, or it raises NotImplementedError. One line naming the plugin and the method."""

    def __init__(self, kind: str, name: str, method: str, detail: str = "") -> None:
        self.plugin, self.method = name, method
        what = detail or "does not implement it"
        super().__init__(
            f"{kind} '{name}' breaks the plugin contract: {method}() {what}; fix or reinstall the plugin "
            "that provides it"
        )


class _OneLine(AvatarError):
    """An error whose message is always one line (a library's multi-line text is folded)."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(str(message).split()))


class AsrError(_OneLine):
    """Speech recognition (an ``avatar.asr`` plugin) could not load its model or transcribe."""


class ChatError(_OneLine):
    """A chat model (an ``avatar.chat`` plugin) could not load, or its endpoint failed or refused."""


class RunError(AvatarError):
    """A run failed after it started (exit 1)."""


class StageError(RunError):
    """A stage failed; the message names the stage."""

    def __init__(self, stage_id: str, message: str) -> None:
        self.stage_id = stage_id
        super().__init__(f"stage '{stage_id}': {message}")


class StageOutOfMemory(RunError):
    """A stage ran out of memory and every fallback of the profile was tried."""

    killed = False  # the last failure was its worker process killed by the system


class InsufficientMemoryError(RunError):
    """The plan says a stage cannot fit on its device, before anything loads."""


class DeviceBusy(RunError):
    """The server's device cannot take the work now; retry after ``retry_after_s`` seconds. ``reason`` says
    why: ``queue_full`` (the device queue is full), ``quota_queued`` (the caller holds its share of the queue),
    ``out_of_memory`` (the work ran out; memory was cleaned), ``insufficient_memory`` (the model does not fit
    even with every idle model unloaded) or ``draining`` (the server is shutting down)."""

    REASONS = ("queue_full", "quota_queued", "out_of_memory", "insufficient_memory", "draining")

    def __init__(self, message: str, retry_after_s: int, reason: str) -> None:
        if reason not in self.REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        super().__init__(message)
        self.retry_after_s = retry_after_s
        self.reason = reason


class WorkerStageError(RunError):
    """A stage failed inside its worker process; carries the exit code and whether it was out of memory."""

    def __init__(self, message: str, exit_code: int = 1, out_of_memory: bool = False) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.out_of_memory = out_of_memory


class WorkerKilled(StageError):
    """The operating system ended an isolated stage's worker process (the OOM killer's SIGKILL, typically).
    Counted as out of memory when it was SIGKILL, so the profile's fallbacks are tried."""

    def __init__(self, stage_id: str, returncode: int) -> None:
        import signal

        self.returncode = returncode
        if returncode < 0:
            try:
                name = signal.Signals(-returncode).name
            except ValueError:
                name = f"signal {-returncode}"
            what = f"the system killed its worker process ({name})"
            if -returncode == signal.SIGKILL:
                what += ", probably for lack of memory"
        else:
            what = f"its worker process exited unexpectedly with code {returncode}"
        self.out_of_memory = returncode == -signal.SIGKILL
        super().__init__(stage_id, what)


class RunCancelled(UsageError):
    """Its owner cancelled a run; it is not retried."""


class RunTimeLimit(UsageError):
    """A run went past the wall-clock limit its server allows; it is not retried."""


class DiskQuotaExceeded(UsageError):
    """A run's files reached the disk its owner may use (the server's ``serve.limits.disk_mb``); it is not
    retried, and what it wrote is removed."""
