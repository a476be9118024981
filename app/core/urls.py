"""Endpoint URLs: what a user may type for a server, turned into the root the API paths hang off."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from app.core.i18n import translate

_ENDPOINT_SUFFIXES = ("/chat/completions", "/completions", "/models")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Cloudflare's own OpenAI-compatible roots, direct or through AI Gateway.
_WORKERS_AI_OPENAI_PATH = re.compile(r"/accounts/[^/]+/ai/v1$|/workers-ai/v1$")


def normalize_base_url(url: str) -> str:
    """Accept `host:port`, `http://host:port`, `.../v1`, `.../v1/chat/completions`; give the /v1 root.

    A bare server address gets `/v1` appended; any other path (e.g. Workers AI's `/ai/v1`) is kept.
    Never raises: what cannot be read is returned trimmed, for url_problem to explain.
    """
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 address
        return url
    path = parts.path.rstrip("/")
    for suffix in _ENDPOINT_SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    if not path:
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def url_problem(url: str) -> str | None:
    """Why `url` cannot be an API root, as a clause ("it has no server name"); None when it can.

    The clause never repeats the URL: it may hold a password.
    """
    if any(ch.isspace() for ch in url):
        return translate("Urls", "it contains spaces")
    if _CONTROL.search(url):
        return translate("Urls", "it contains control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        return translate("Urls", "it is not a valid web address")
    if "@" in parts.netloc:
        # httpx would send user:password as Basic auth in place of the API token, and the
        # address (password included) would appear in every message: refuse it outright.
        return translate(
            "Urls",
            "it contains a user name or password (the part before @); remove it, and enter "
            "a key as the API token instead",
        )
    try:
        port = parts.port  # raises ValueError for "host:abc" or a port above 65535
    except ValueError:
        port = 0
    if port == 0:
        return translate("Urls", "its port number is not valid (use 1 to 65535)")
    if parts.scheme not in ("http", "https"):
        return translate("Urls", "it must start with http:// or https://")
    if not parts.hostname:
        return translate("Urls", "it has no server name or IP address")
    if not parts.hostname.isascii():
        # httpx cannot encode every such name (IDNA) and would fail on the first request.
        return translate("Urls", "its server name is not plain ASCII (use its xn-- form)")
    return None


def shown_url(url: str) -> str:
    """`url` as it may appear in a message or label: any user name or password left out."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url if "@" not in url else url.rsplit("@", 1)[-1]
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def host_of(url: str) -> str:
    """The server name (and port) of a URL for messages: never a user name or password."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return ""
    return netloc.rsplit("@", 1)[-1]


def is_workers_ai_url(url: str) -> bool:
    """Whether an OpenAI-compatible root is Cloudflare's (its errors are Cloudflare's too)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower()
    on_cloudflare = host == "cloudflare.com" or host.endswith(".cloudflare.com")
    return on_cloudflare or bool(_WORKERS_AI_OPENAI_PATH.search(parts.path.rstrip("/")))
