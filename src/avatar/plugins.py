"""Plugins through entry-point groups: the one lookup behind stages (`avatar.stages`), speech backends
(`avatar.backends`), speech recognisers (`avatar.asr`) and chat models (`avatar.chat`). The built-ins
register exactly as a third-party package does; a class is imported only when its name is asked for, so the
CLI never loads a library it does not use."""

from __future__ import annotations

import functools
import logging
from importlib.metadata import EntryPoint, entry_points
from typing import Generic, TypeVar, cast

from avatar.errors import AvatarError, PluginContractError, UnknownNameError

T = TypeVar("T")
logger = logging.getLogger(__name__)
BACKENDS_GROUP = "avatar.backends"  # speech backends (avatar.backends.registry)
ASR_GROUP = "avatar.asr"  # speech recognisers (avatar.listening.registry)
CHAT_GROUP = "avatar.chat"  # chat models (avatar.thinking.registry)


class Plugins(Generic[T]):
    """The entry points of ``group``, each a subclass of ``base`` (``T``; abstract, so typed as ``type``);
    ``kind`` names them in errors."""

    def __init__(self, group: str, kind: str, base: type, hint: str) -> None:
        self.group, self.kind, self.base, self.hint = group, kind, base, hint

    @functools.cached_property
    def entry_points(self) -> dict[str, EntryPoint]:
        """Read once per process (reading them scans every installed package); the first of a name wins."""
        found: dict[str, EntryPoint] = {}
        for ep in entry_points(group=self.group):
            found.setdefault(ep.name, ep)
        return found

    def names(self) -> list[str]:
        return sorted(self.entry_points)

    def load(self, name: str) -> type[T]:
        eps = self.entry_points
        if name not in eps:
            raise UnknownNameError(self.kind, name, list(eps), hint=self.hint)
        try:
            cls = eps[name].load()
        except (ImportError, AttributeError) as exc:  # its module, or the class named in it, is not there
            raise AvatarError(f"{self.kind} '{name}' is registered but cannot be imported: {exc}") from None
        if not (isinstance(cls, type) and issubclass(cls, self.base)):
            raise AvatarError(f"entry point '{name}' in {self.group} is not an avatar {self.base.__name__} subclass")
        missing = sorted(getattr(cls, "__abstractmethods__", ()))
        if missing:  # it could not even be constructed: say which method, not Python's TypeError
            raise PluginContractError(self.kind, name, missing[0], "is missing (an abstract method of the contract)")
        # A plugin that sets no `name` or `package` gets its entry point's name and its own top-level module.
        if not cls.__dict__.get("name"):  # its own, not one inherited from the plugin class it extends
            setattr(cls, "name", name)  # noqa: B010  (the base class declares it, not ``type``)
        if not getattr(cls, "package", None):
            setattr(cls, "package", cls.__module__.split(".")[0])  # noqa: B010
        return cast("type[T]", cls)

    def declaring(self, attribute: str) -> list[str]:
        """The names whose class sets ``attribute`` (a capability such as ``supports_cloning``), sorted; one
        that cannot be imported is left out (logged)."""
        out = []
        for name in self.names():
            try:
                if getattr(self.load(name), attribute, False):
                    out.append(name)
            except AvatarError as exc:
                logger.debug("%s %s: %s", self.kind, name, exc)
        return out


@functools.cache
def _any_of(group: str) -> Plugins[object]:
    return Plugins[object](group, "plugin", object, "")


def declaring(group: str, attribute: str) -> list[str]:
    """The plugins of ``group`` whose class sets ``attribute``: a lower layer asks what is installed without
    importing the layer that defines the plugins' contract."""
    return _any_of(group).declaring(attribute)
