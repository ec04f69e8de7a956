"""Which command a command line means: none means serve; option values stay values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from signaling.cli import ConfigError, load_categories, main, parse, serve_config


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


def test_the_teams_categories_come_from_a_file_and_a_bad_file_is_named(tmp_path: Path) -> None:
    good = tmp_path / "categories.txt"
    good.write_text("# 2026 list\nカメラの問題\n\n  Printer problem  \n", encoding="utf-8")
    config = serve_config(parse(["--port", "0", "--categories", str(good)]))
    assert config.categories == ["カメラの問題", "Printer problem"]

    cases = {
        "empty.txt": ("# nothing\n\n", "names no category"),
        "twice.txt": ("Billing\nBilling\n", "Billing is listed twice"),
        "long.txt": ("x" * 81 + "\n", "over 80 characters"),
        "many.txt": ("".join(f"c{i}\n" for i in range(51)), "51 categories, at most 50"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            load_categories(str(tmp_path / name))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(ConfigError, match="Cannot read"):
        load_categories(str(tmp_path / "latin1.txt"))
    with pytest.raises(ConfigError, match="Cannot read"):
        load_categories(str(tmp_path / "missing.txt"))


def test_a_bad_categories_file_stops_the_server_at_start(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "twice.txt").write_text("Billing\nBilling\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path}/server.db"
    assert main(["--db", db, "--port", "0", "--categories", str(tmp_path / "twice.txt")]) == 2
    assert "Billing is listed twice" in capsys.readouterr().err


def help_text(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as done:
        parse(argv)
    assert done.value.code == 0
    return capsys.readouterr().out


#: What ``assist-signaling --help`` offers, each with a line saying what it is for.
COMMANDS = [
    "serve",
    "setup",
    "users",
    "db",
    "reports",
    "find-customer",
    "export-customer",
    "delete-customer",
    "purge-history",
]


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["--db", "sqlite:///x.db", "--help"]])
def test_help_lists_the_commands(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(argv, capsys)
    for command in COMMANDS:
        assert re.search(rf"^ +{command} +\w", text, re.MULTILINE), f"{command}:\n{text}"
    assert "--certfile" not in text  # serve's own options are in serve --help
    assert "assist-signaling COMMAND --help" in text


@pytest.mark.parametrize("argv", [["serve", "--help"], ["--port", "0", "--help"]])
def test_serve_help_keeps_the_servers_options(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    text = help_text(argv, capsys)
    assert text.startswith("usage: assist-signaling serve")
    assert "--port PORT" in text and "--certfile" in text


def test_each_user_action_reads_as_a_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(["users", "--help"], capsys)
    assert re.search(r"passwd +set a new password for an account", text)
    assert not re.search(r"(disable|enable|passwd) an account", text)


def test_no_help_shows_markup(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse prints descriptions as they are: ``this`` would show its backticks."""
    pages = [[], ["serve"], ["setup"], ["db"], ["db", "upgrade"], ["reports"]]
    pages += [["reports", "list"], ["users"], ["find-customer"], ["export-customer"]]
    pages += [["users", action] for action in ("add", "list", "disable", "enable", "passwd")]
    pages += [["delete-customer"], ["purge-history"]]
    for page in pages:
        text = help_text([*page, "--help"], capsys)
        assert "``" not in text, f"{page}:\n{text}"
