"""The HTTP client: OS trust store, proxies from the environment, timeouts; transport faults → Failure."""

from __future__ import annotations

import ssl
import stat
from pathlib import Path

import httpx

from app.core.bounds import Bound, bound_failure
from app.core.errors import ErrorCategory, Failure, FailureContext, make_failure
from app.net.body_reader import ACCEPT_ENCODING
from app.net.limits import NetworkSettings

_MAX_CA_BUNDLE_BYTES = 16 * 1024 * 1024


def build_client(settings: NetworkSettings) -> httpx.AsyncClient:
    """An AsyncClient that verifies TLS against the OS trust store and honours HTTPS_PROXY/NO_PROXY.

    Verification is never switched off: a failing certificate becomes a TLS failure with a fix.
    """
    timeout = httpx.Timeout(
        connect=settings.connect_timeout_s,
        read=settings.stall_timeout_s,
        write=settings.stall_timeout_s,
        pool=settings.connect_timeout_s,
    )
    return httpx.AsyncClient(
        verify=_ssl_context(settings.ca_bundle),
        timeout=timeout,
        trust_env=True,  # HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY
        follow_redirects=False,  # a redirect would drop or leak the Authorization header
        auth=_HeadersOnly(),
        headers={"Accept-Encoding": ACCEPT_ENCODING},  # only what body_reader inflates
    )


class _HeadersOnly(httpx.Auth):
    """Sends requests as built: each backend sets its own Bearer header.

    Without a client-wide auth, httpx turns `user:password@` in a URL into Basic auth that
    silently replaces that header. Settings refuse such URLs; this makes sure they never
    authenticate anything even if one slips through.
    """


class CABundleError(ValueError):
    """The extra CA certificates file cannot be used; the message says why and what to do."""


def _ssl_context(ca_bundle: Path | None) -> ssl.SSLContext:
    import truststore  # imported here: it is only needed once a client is built

    ctx = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca_bundle is not None:
        if problem := _not_a_bundle(ca_bundle):
            raise CABundleError(
                f"The CA bundle {ca_bundle} cannot be used: {problem}. Choose the PEM file "
                "with your company's CA certificate (ask your IT department for it)."
            )
        try:
            ctx.load_verify_locations(cafile=str(ca_bundle))
        except (OSError, ValueError) as exc:  # ssl.SSLError is an OSError
            reason = (
                "it does not exist"
                if isinstance(exc, FileNotFoundError)
                else (
                    "it holds no PEM certificate"
                    if isinstance(exc, ssl.SSLError)
                    else "it cannot be read"
                )
            )
            raise CABundleError(
                f"The CA bundle {ca_bundle} cannot be used: {reason}. Choose the PEM file "
                "with your company's CA certificate (ask your IT department for it)."
            ) from exc
    return ctx


def _not_a_bundle(path: Path) -> str | None:
    """Why `path` cannot be read as a bundle without hanging or filling memory, or None.

    A named pipe would block the read forever and a device would never end; both are refused
    before OpenSSL opens them.
    """
    try:
        info = path.stat()
    except OSError:
        return None  # missing or unreadable: OpenSSL's own error is reported below
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file" if not stat.S_ISDIR(info.st_mode) else "it is a folder"
    if info.st_size > _MAX_CA_BUNDLE_BYTES:
        return "it is larger than 16 MB, far too large for certificates"
    return None


def classify_transport_error(
    exc: Exception, ctx: FailureContext, *, got_response: bool, got_text: bool = False
) -> Failure:
    """Map an httpx/ssl exception to a Failure. Exception text never reaches the message."""
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return make_failure(ErrorCategory.TIMEOUT, ctx, timed_out_connecting=True)
    if isinstance(exc, httpx.ReadTimeout) and not got_response:
        # Connected and sent, then silence: "stopped sending" would be untrue.
        return bound_failure(Bound.FIRST_BYTE, ctx, limit=ctx.stall_timeout_s, partial=False)
    if isinstance(exc, httpx.TimeoutException):
        return make_failure(ErrorCategory.TIMEOUT, ctx, partial=got_text)
    if _is_tls_error(exc):
        return make_failure(ErrorCategory.TLS, ctx, detail=_tls_reason(exc))
    if isinstance(exc, httpx.ConnectError | httpx.ProxyError | httpx.UnsupportedProtocol):
        return make_failure(ErrorCategory.UNREACHABLE, ctx)
    # The server closed the connection: mid-reply it is an interruption; before any response
    # it is usually a stale keep-alive connection, worth one more try.
    return make_failure(
        ErrorCategory.INTERRUPTED, ctx, retryable=not got_response, partial=got_text
    )


def _is_tls_error(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or "SSL" in str(exc)


def _tls_reason(exc: BaseException) -> str | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError) and seen.verify_message:
            return str(seen.verify_message)
        seen = seen.__cause__ or seen.__context__
    return None
