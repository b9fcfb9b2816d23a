"""The chat-model contract (the `avatar.chat` entry-point group; built-ins ``openai`` and ``embedded``).

A chat model is constructed cheaply from the operator's options; ``load`` puts weights on the device (a
remote endpoint has none) and ``unload`` drops them; ``stream`` answers a list of messages as pieces of
text as they come. A loaded model is a kept model of the residency core
(:func:`avatar.thinking.registry.chat_model`)."""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from avatar.errors import ChatError

Role = Literal["system", "user", "assistant"]
CHAT_OPTIONS = "serve.live.chat.options"  # the setting a chat model's options come from


@dataclass(frozen=True)
class Message:
    role: Role
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"role": self.role, "content": self.content}


class ChatBackend(ABC):
    """A chat model. ``options``: the operator's (``serve.live.chat.options``)."""

    name: ClassVar[str]
    package: ClassVar[str]
    extra: ClassVar[str | None] = None
    remote: ClassVar[bool] = False  # thinks elsewhere: loading holds no weights here
    default_estimate_mb: ClassVar[float] = 0.0
    # The options it takes (None: any); another is a ChatError naming it, so a typo in a settings file is
    # found when the model is made, not ignored.
    known_options: ClassVar[frozenset[str] | None] = None

    def __init__(self, device: str = "cpu", **options: Any) -> None:
        if self.known_options is not None:
            unknown = sorted(set(options) - self.known_options)
            if unknown:
                raise ChatError(
                    f"unknown option '{unknown[0]}' for the chat model {getattr(self, 'name', type(self).__name__)} "
                    f"({CHAT_OPTIONS}); it takes: {', '.join(sorted(self.known_options))}"
                )
        self.device = device
        self.options = options

    def model_id(self) -> str:
        return str(self.options.get("model") or self.name)

    def check(self) -> None:  # noqa: B027  (a model may have nothing more to check)
        """What can be checked without loading, at ``avatar serve`` start-up (the options were checked when it
        was made): that a model the operator named is there, that a key the endpoint needs is set. A
        :class:`~avatar.errors.ChatError` otherwise."""

    def load(self) -> None:  # noqa: B027  (a remote model has nothing to load)
        """Put the weights on the device; a remote model has none."""

    def unload(self) -> None:  # noqa: B027
        """Drop the weights."""

    def hold(self) -> None:  # noqa: B027  (a remote model thinks on other processors)
        """Pause generating at the next token until :meth:`release`: the processors are wanted for something
        sooner (a reply's first sentence being spoken). A model that thinks elsewhere ignores it; one that
        holds gives way for a bounded time only."""

    def release(self) -> None:  # noqa: B027
        """Go on generating after :meth:`hold`."""

    @abstractmethod
    def stream(
        self, messages: list[Message], max_tokens: int, cancelled: threading.Event | None = None
    ) -> Iterator[str]:
        """The reply to ``messages``, piece by piece; stops early once ``cancelled`` is set. Raises
        :class:`~avatar.errors.ChatError` when the model or its endpoint fails."""
