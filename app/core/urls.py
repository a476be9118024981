"""Endpoint URLs: what a user may type for a server, turned into the root the API paths hang off."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

_ENDPOINT_SUFFIXES = ("/chat/completions", "/completions", "/models")


def normalize_base_url(url: str) -> str:
    """Accept `host:port`, `http://host:port`, `.../v1`, `.../v1/chat/completions`; give the /v1 root.

    A bare server address gets `/v1` appended; any other path (e.g. Workers AI's `/ai/v1`) is kept.
    """
    url = url.strip()
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    for suffix in _ENDPOINT_SUFFIXES:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    if not path:
        path = "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def url_problem(url: str) -> str | None:
    """Why `url` cannot be an API root, as a clause ("it has no server name"); None when it can."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError for "host:abc" or a port above 65535
    except ValueError:
        port = 0
    if port == 0:
        return "its port number is not valid"
    if parts.scheme not in ("http", "https"):
        return "it must start with http:// or https://"
    if not parts.hostname:
        return "it has no server name or IP address"
    if any(ch.isspace() for ch in url):
        return "it contains spaces"
    return None
