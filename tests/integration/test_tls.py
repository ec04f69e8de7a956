"""TLS: the server on wss:// with a test CA, clients that verify it, and the configurations
the server and the clients refuse rather than run insecurely."""

from __future__ import annotations

import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import trustme

from assist.core import events as ev
from assist.core import signaling_client
from assist.core.agent import AgentClient, Password
from assist.core.errors import AssistError, ClientErrorCode
from assist.core.signaling_client import SignalingClient, connection_options
from signaling import protocol as p
from tests.helpers.accounts import PASSWORD
from tests.helpers.server_process import ROOT, ServerProcess
from tests.helpers.waits import scaled


@dataclass(frozen=True)
class Pki:
    ca_pem: Path
    cert: Path
    key: Path
    other_key: Path  # a key that belongs to a different certificate


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    folder = tmp_path_factory.mktemp("pki")
    ca = trustme.CA()
    server_cert = ca.issue_cert("127.0.0.1", "localhost")
    other = ca.issue_cert("localhost")
    pki = Pki(folder / "ca.pem", folder / "cert.pem", folder / "key.pem", folder / "other.pem")
    ca.cert_pem.write_to_path(str(pki.ca_pem))
    server_cert.private_key_pem.write_to_path(str(pki.key))
    for blob in server_cert.cert_chain_pems:
        blob.write_to_path(str(pki.cert), append=True)
    other.private_key_pem.write_to_path(str(pki.other_key))
    return pki


@pytest.fixture
def tls_server(pki: Pki) -> Iterator[ServerProcess]:
    process = ServerProcess("--certfile", str(pki.cert), "--keyfile", str(pki.key))
    try:
        yield process
    finally:
        code = process.terminate()
    assert code == 0, f"server exited with {code}:\n{process.output}"


def agent(url: str, context: ssl.SSLContext | None) -> tuple[AgentClient, list[ev.Event]]:
    events: list[ev.Event] = []
    return AgentClient(url, Password("ann", PASSWORD), events.append, context), events


async def test_an_agent_signs_in_over_wss(tls_server: ServerProcess, pki: Pki) -> None:
    assert tls_server.scheme == "wss"
    assert f"listening on wss://127.0.0.1:{tls_server.port}" in tls_server.output
    client, _ = agent(tls_server.url, ssl.create_default_context(cafile=str(pki.ca_pem)))
    try:
        await client.connect()
        assert client.account is not None and client.account.username == "ann"
        session = await client.new_session()
        assert len(session.code) == 9
    finally:
        await client.close()


async def test_an_untrusted_certificate_is_named_as_such(tls_server: ServerProcess) -> None:
    client, _ = agent(tls_server.url, None)  # the system CAs do not know the test CA
    with pytest.raises(AssistError) as caught:
        await client.connect()
    assert caught.value.code is ClientErrorCode.CERTIFICATE_INVALID
    assert "certificate" in caught.value.detail


async def test_plain_ws_to_a_tls_server_fails_cleanly(tls_server: ServerProcess) -> None:
    client, _ = agent(tls_server.url.replace("wss://", "ws://"), None)
    with pytest.raises(AssistError) as caught:
        await client.connect()
    assert caught.value.code is ClientErrorCode.SERVER_UNREACHABLE


# ---------------------------------------------------------- client-side rules


@pytest.mark.parametrize(
    "url",
    ["ws://192.0.2.1:1", "ws://10.0.0.5:8765", "ws://example.com/", "ws://[2001:db8::1]:1",
     "ws://127.0.0.1.example.com:1"],
)  # fmt: skip
async def test_plain_ws_off_this_machine_is_refused_without_connecting(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(AssistError) as caught:
        connection_options(url, None)
    assert caught.value.code is ClientErrorCode.INSECURE_CONNECTION

    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"connected to {url}")

    monkeypatch.setattr(signaling_client, "connect", no_network)
    client = SignalingClient(url, lambda message: None, lambda error: None)
    with pytest.raises(AssistError) as caught:
        await client.connect(p.Login(username="ann", password=PASSWORD))
    assert caught.value.code is ClientErrorCode.INSECURE_CONNECTION


@pytest.mark.parametrize("url", ["ws://127.0.0.1:8765", "ws://localhost:1", "ws://[::1]:1"])
def test_plain_ws_to_this_machine_is_allowed_and_never_proxied(url: str) -> None:
    assert connection_options(url, None) == {"proxy": None}


def test_wss_verifies_with_the_given_or_the_system_cas(pki: Pki) -> None:
    context = ssl.create_default_context(cafile=str(pki.ca_pem))
    assert connection_options("wss://192.0.2.1:443", context) == {"ssl": context}
    default = connection_options("wss://192.0.2.1:443", None)["ssl"]
    assert default.verify_mode is ssl.CERT_REQUIRED and default.check_hostname


def test_other_schemes_are_refused() -> None:
    with pytest.raises(AssistError) as caught:
        connection_options("http://127.0.0.1:8765", None)
    assert caught.value.code is ClientErrorCode.SERVER_UNREACHABLE


# ---------------------------------------------------------- server refusals


def serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "signaling.cli", "--db", f"sqlite:///{tmp_path}/s.db",
         "serve", "--port", "0", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=scaled(30), check=False,
    )  # fmt: skip


def test_a_missing_certificate_is_refused(tmp_path: Path, pki: Pki) -> None:
    missing = tmp_path / "nowhere.pem"
    done = serve(tmp_path, "--certfile", str(missing), "--keyfile", str(pki.key))
    assert done.returncode == 2
    assert str(missing) in done.stderr and "does not exist" in done.stderr


def test_a_missing_key_is_refused(tmp_path: Path, pki: Pki) -> None:
    missing = tmp_path / "nokey.pem"
    done = serve(tmp_path, "--certfile", str(pki.cert), "--keyfile", str(missing))
    assert done.returncode == 2
    assert str(missing) in done.stderr


def test_a_garbage_certificate_is_refused(tmp_path: Path, pki: Pki) -> None:
    garbage = tmp_path / "garbage.pem"
    garbage.write_text(
        "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n"
    )
    done = serve(tmp_path, "--certfile", str(garbage), "--keyfile", str(pki.key))
    assert done.returncode == 2
    assert str(garbage) in done.stderr


def test_a_key_of_another_certificate_is_refused(tmp_path: Path, pki: Pki) -> None:
    done = serve(tmp_path, "--certfile", str(pki.cert), "--keyfile", str(pki.other_key))
    assert done.returncode == 2
    assert str(pki.cert) in done.stderr and str(pki.other_key) in done.stderr
    assert "cannot be used together" in done.stderr


@pytest.mark.parametrize("given", ["--certfile", "--keyfile"])
def test_half_a_tls_configuration_is_refused(tmp_path: Path, pki: Pki, given: str) -> None:
    done = serve(tmp_path, given, str(pki.cert if given == "--certfile" else pki.key))
    assert done.returncode == 2
    assert "--certfile" in done.stderr and "--keyfile" in done.stderr


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "::"])
def test_plain_ws_on_the_network_is_refused(tmp_path: Path, host: str) -> None:
    done = serve(tmp_path, "--host", host)
    assert done.returncode == 2
    assert "--certfile" in done.stderr and host in done.stderr
    assert "listening" not in done.stderr
