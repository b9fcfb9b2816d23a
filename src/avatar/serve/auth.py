"""Authentication as FastAPI dependencies: ``Authorization: Bearer KEY`` -> the :class:`Caller`.

With no key configured, the server binds loopback addresses only (the CLI refuses anything else) and every
request is the local user ``local``, an admin.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from avatar.serve.context import Caller, ServerContext, context
from avatar.serve.errors import AuthenticationError, PermissionDenied

LOCAL_USER = "local"


def bearer_key(request: Request) -> str | None:
    """The key of an ``Authorization: Bearer KEY`` header, or None."""
    scheme, _, key = request.headers.get("authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" and key.strip() else None


def bearer_key_of(scope: Any) -> str | None:
    """The same, from an ASGI scope's raw headers (the request middleware, before any route runs)."""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, key = value.decode("latin-1").partition(" ")
            return key.strip() if scheme.lower() == "bearer" and key.strip() else None
    return None


def caller(request: Request, ctx: Annotated[ServerContext, Depends(context)]) -> Caller:
    if ctx.keyless():
        who = Caller(LOCAL_USER, admin=True)
    else:
        key = bearer_key(request)
        if key is None:
            raise AuthenticationError("missing API key; send the header 'Authorization: Bearer KEY'")
        record = ctx.keys.check(key)
        if record is None:
            raise AuthenticationError("invalid API key")
        who = Caller(record.user, record.admin, record.id)
    request.scope.setdefault("state", {})["user"] = who.user
    return who


def admin(who: Annotated[Caller, Depends(caller)]) -> Caller:
    if not who.admin:
        raise PermissionDenied(f"user '{who.user}' is not an admin; this needs a key made with --admin")
    return who


CallerDep = Annotated[Caller, Depends(caller)]
AdminDep = Annotated[Caller, Depends(admin)]
ContextDep = Annotated[ServerContext, Depends(context)]
