"""``openai``: any OpenAI-compatible chat endpoint (OpenAI, vLLM, llama.cpp's server, Ollama, `transformers
serve`), streamed through the official ``openai`` client. Options (the operator's): ``base_url``, ``model``,
``api_key_env`` (the name of the environment variable holding the key; the key itself is never in a
settings file), ``timeout_s``, ``temperature``."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

from avatar.config.option_values import number_option
from avatar.errors import ChatError, MissingDependencyError
from avatar.thinking.base import CHAT_OPTIONS, ChatBackend, Message

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 60.0


class OpenAIChat(ChatBackend):
    name: ClassVar[str] = "openai"
    package: ClassVar[str] = "openai"
    extra: ClassVar[str | None] = "conversation"
    remote: ClassVar[bool] = True
    known_options: ClassVar[frozenset[str] | None] = frozenset(
        {"base_url", "model", "api_key_env", "timeout_s", "temperature"}
    )

    def __init__(self, device: str = "cpu", **options: Any) -> None:
        super().__init__(device, **options)
        for required in ("base_url", "model"):
            if not options.get(required):
                raise ChatError(f"the openai chat model needs {CHAT_OPTIONS}.{required}")
        self._timeout = number_option(options, "timeout_s", DEFAULT_TIMEOUT_S, 0.1, 3600, ChatError, CHAT_OPTIONS)
        self._temperature = number_option(options, "temperature", None, 0, 2, ChatError, CHAT_OPTIONS)
        self._client: Any = None

    def _key(self) -> str:
        env = self.options.get("api_key_env")
        if not env:
            return "none"  # a local endpoint without keys; the client insists on some value
        key = os.environ.get(str(env))
        if not key:
            raise ChatError(f"the chat endpoint's key is not set: the environment variable {env} is empty")
        return key

    def check(self) -> None:
        self._key()

    def load(self) -> None:
        try:
            from openai import OpenAI
        except ImportError:
            raise MissingDependencyError("openai", "conversation", "an OpenAI-compatible chat endpoint") from None
        timeout = float(self._timeout)
        self._client = OpenAI(base_url=str(self.options["base_url"]), api_key=self._key(), timeout=timeout,
                              max_retries=0)  # fmt: skip

    def unload(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def stream(
        self, messages: list[Message], max_tokens: int, cancelled: threading.Event | None = None
    ) -> Iterator[str]:
        if self._client is None:
            self.load()
        import openai

        extra: dict[str, Any] = {}
        if self._temperature is not None:
            extra["temperature"] = float(self._temperature)
        where = self.options["base_url"]
        try:
            response = self._client.chat.completions.create(
                model=str(self.options["model"]),
                messages=[m.as_dict() for m in messages],
                max_tokens=max_tokens,
                stream=True,
                **extra,
            )
            try:
                for chunk in response:
                    if cancelled is not None and cancelled.is_set():
                        break
                    for choice in chunk.choices or ():
                        piece = getattr(choice.delta, "content", None)
                        if piece:
                            yield piece
            finally:
                response.close()
        except openai.APIStatusError as exc:
            raise ChatError(f"the chat endpoint {where} answered {exc.status_code}: {exc.message}") from None
        except openai.APIError as exc:  # connection, timeout, a broken stream
            raise ChatError(f"the chat endpoint {where} failed: {exc}") from None
