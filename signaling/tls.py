"""TLS for the server (the rule for when plain ``ws://`` is acceptable is the protocol's:
``signaling.envelope.is_loopback``)."""

from __future__ import annotations

import ssl
from pathlib import Path

from signaling.envelope import is_loopback

__all__ = ["TlsConfigError", "is_loopback", "server_context"]


class TlsConfigError(Exception):
    """The certificate or key cannot be used; the message says which file and why."""


def server_context(certfile: str, keyfile: str) -> ssl.SSLContext:
    for label, path in (("certificate", certfile), ("key", keyfile)):
        file = Path(path)
        if not file.is_file():
            raise TlsConfigError(f"The TLS {label} file {path} does not exist.")
        try:
            file.open("rb").close()
        except OSError as exc:
            raise TlsConfigError(f"The TLS {label} file {path} cannot be read: {exc}") from None
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(certfile, keyfile)
    except (ssl.SSLError, ValueError) as exc:
        raise TlsConfigError(
            f"The certificate {certfile} and key {keyfile} cannot be used together: {exc}"
        ) from None
    return context
