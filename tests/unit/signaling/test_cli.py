"""Which command a command line means: none means serve; option values stay values."""

from __future__ import annotations

from signaling.cli import parse


def test_no_command_means_serve() -> None:
    args = parse(["--port", "0"])
    assert (args.command, args.port) == ("serve", 0)
    assert parse([]).command == "serve"


def test_an_option_value_named_like_a_command_stays_a_value() -> None:
    args = parse(["--port", "0", "--org-name", "reports"])
    assert (args.command, args.org_name) == ("serve", "reports")


def test_global_options_go_before_or_after_the_command() -> None:
    before = parse(["--db", "sqlite:///x.db", "--log-format=json", "users", "list"])
    assert (before.command, before.action, before.db, before.log_format) == (
        "users",
        "list",
        "sqlite:///x.db",
        "json",
    )
    after = parse(["serve", "--db", "sqlite:///y.db", "--log-level", "DEBUG"])
    assert (after.db, after.log_level) == ("sqlite:///y.db", "DEBUG")
