"""avatar: talking-avatar content on the hardware people own, one model at a time."""

from avatar.errors import AvatarError

__version__ = "0.1.0"

__all__ = ["AvatarError", "__version__"]
