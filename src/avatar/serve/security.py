"""What the browser is told, and what it must prove: trusted Host, same origin, security headers.

:class:`BrowserBoundary` is the outermost ASGI middleware. Before anything else runs it refuses:

- a ``Host`` the server does not answer to (DNS rebinding: ``attacker.example`` resolving to 127.0.0.1).
  Bound to loopback, the server answers its loopback names only; bound elsewhere, any host unless
  ``serve.allowed_hosts`` lists them (the names a TLS proxy forwards);
- an ``Origin`` other than the server's own (the origin its Host names) or one in ``serve.allowed_origins``;
- a browser request that ``Sec-Fetch-Site`` marks as cross-site, except a plain navigation (a link);
- keyless, a state-changing request (not GET/HEAD/OPTIONS) without a same-origin signal that a cross-site form or
  ``no-cors`` fetch cannot forge: ``Sec-Fetch-Site: same-origin``, the server's own ``Origin``, an
  ``Authorization`` header, or an ``X-Requested-With`` header. Browsers let a page on another site send
  none of these without a CORS preflight, which this server never grants.

Every response carries a strict Content-Security-Policy (self only, no inline script), ``nosniff``,
``Referrer-Policy: no-referrer`` (signed links are in URLs), ``X-Frame-Options: DENY`` and
``Cross-Origin-Resource-Policy: same-origin``.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Callable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from avatar.serve.errors import error_body

logger = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def split_host(value: str) -> str:
    """The host name of a ``Host`` header value, lowercased, without the port (IPv6 without brackets)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class HostPolicy:
    """Which Host headers and Origins the server answers, from where it is bound and its settings."""

    def __init__(self, bound: str, allowed_hosts: list[str], allowed_origins: list[str]) -> None:
        self.any_host = "*" in allowed_hosts or (not allowed_hosts and not is_loopback(bound))
        names = {split_host(h) for h in allowed_hosts if h != "*"}
        if is_loopback(bound):
            names |= LOOPBACK_NAMES | {split_host(bound)}
        self.hosts = frozenset(names)
        self.origins = frozenset(o.rstrip("/").lower() for o in allowed_origins)

    def host_ok(self, host: str) -> bool:
        return self.any_host or split_host(host) in self.hosts

    def origin_ok(self, origin: str, host: str) -> bool:
        """The server's own origin (scheme aside: a TLS proxy may stand in front) or a configured one."""
        if origin.rstrip("/").lower() in self.origins:
            return True
        parts = urlsplit(origin)
        return bool(parts.scheme in ("http", "https") and parts.netloc and parts.netloc.lower() == host.lower())


class BrowserBoundary:
    """The outermost middleware: refuses what the module docstring lists, and adds the headers."""

    def __init__(self, app: ASGIApp, policy: HostPolicy, keyless: Callable[[], bool] = lambda: True) -> None:
        self.app = app
        self.policy = policy
        # With keys, a request without Authorization is refused by authentication (401) anyway, and a browser
        # page on another site cannot send the header; keyless, this check is what stands in for it.
        self.keyless = keyless

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self.refusal(scope.get("method", "GET"), headers)
        if refusal is not None:
            status, message, code = refusal
            logger.info("refused %s %s: %s (origin=%s, host=%s)", scope.get("method"), scope.get("path"), code,
                        headers.get("origin", "-"), headers.get("host", "-")[:80])  # fmt: skip
            await _send_refusal(send, status, message, code)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)

    def refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str, str] | None:
        host = headers.get("host", "")
        if not self.policy.host_ok(host):
            return (
                400,
                f"this server does not answer to the host '{split_host(host)[:80]}'; its operator can allow it "
                "with serve.allowed_hosts",
                "host_not_allowed",
            )
        origin = headers.get("origin")
        if origin is not None and not self.policy.origin_ok(origin, host):
            return (
                403,
                "requests from another web site are refused; use the studio on this server, or an API client",
                "cross_origin",
            )
        site = headers.get("sec-fetch-site")
        navigation = method in ("GET", "HEAD") and headers.get("sec-fetch-mode") == "navigate"
        if site is not None and site not in ("same-origin", "none") and not navigation:
            return 403, "requests from another web site are refused", "cross_site"
        if method not in SAFE_METHODS and self.keyless():
            signal = (
                site == "same-origin"
                or origin is not None
                or "authorization" in headers
                or "x-requested-with" in headers
            )
            if not signal:
                return (
                    403,
                    f"a {method} request must show it is not a cross-site form: send an 'Authorization' header "
                    "(with no keys configured, any value) or 'X-Requested-With: avatar'",
                    "same_origin_required",
                )
        return None


async def _send_refusal(send: Send, status: int, message: str, code: str) -> None:
    body = json.dumps(error_body(message, "invalid_request_error", None, code)).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
