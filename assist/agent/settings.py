"""The agent's saved preferences (QtCore only)."""

from __future__ import annotations

from PySide6.QtCore import QSettings


class AgentSettings:
    """Display name and server address, kept between runs in the platform's settings store."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or QSettings("Assist", "agent")

    @property
    def display_name(self) -> str:
        return str(self._settings.value("display_name", "") or "")

    @display_name.setter
    def display_name(self, name: str) -> None:
        self._settings.setValue("display_name", name.strip())
        self._settings.sync()

    @property
    def org_name(self) -> str:
        """The organisation the built-in server names to customers."""
        return str(self._settings.value("org_name", "") or "")

    @org_name.setter
    def org_name(self, name: str) -> None:
        self._settings.setValue("org_name", name.strip())
        self._settings.sync()

    @property
    def server_url(self) -> str:
        """Central server to use; empty means run the embedded one."""
        return str(self._settings.value("server_url", "") or "")

    @server_url.setter
    def server_url(self, url: str) -> None:
        self._settings.setValue("server_url", url.strip())
        self._settings.sync()

    @property
    def ca_file(self) -> str:
        """The private CA the central server's certificate was verified with (with it)."""
        return str(self._settings.value("ca_file", "") or "")

    @ca_file.setter
    def ca_file(self, path: str) -> None:
        self._settings.setValue("ca_file", path.strip())
        self._settings.sync()

    @property
    def username(self) -> str:
        """The account last signed in to the central server (for "remember me")."""
        return str(self._settings.value("username", "") or "")

    @username.setter
    def username(self, name: str) -> None:
        self._settings.setValue("username", name.strip())
        self._settings.sync()
