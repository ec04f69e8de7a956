"""TLS for the server, and the rule for when plain ``ws://`` is acceptable."""

from __future__ import annotations

import ipaddress
import ssl
from pathlib import Path


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


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the only places plain ws:// may go."""
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
