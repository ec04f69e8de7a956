"""Regenerate the README screenshots: the real apps, in English and Japanese, under Xvfb.

    .venv/bin/python resources/screenshots/make.py

Starts a signaling server and two private X displays, runs the agent console on one and the
customer client (in front of a small demo desktop) on the other, walks them through a session
and captures each display with the same X11 grabber the product uses.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from resources.screenshots.history_seed import seed  # noqa: E402
from tests.helpers.server_process import server_process  # noqa: E402
from tests.helpers.xvfb import Display, xvfb  # noqa: E402

NAMES = {
    "en": ("Taro", "Hanako", "Acme Support"),
    "ja": ("山田 太郎", "佐藤 花子", "アクメ サポート"),
}


class Scene:
    """One app process on one display, stepped by lines on stdin/stdout."""

    def __init__(self, display: Display, role: str, *args: str) -> None:
        self.display = display
        self.proc = subprocess.Popen(
            [sys.executable, str(OUT / "scenes.py"), role, *args],
            env=display.env(
                PYTHONPATH=str(ROOT),
                XDG_CONFIG_HOME=tempfile.mkdtemp(),
                ASSIST_CA_FILE=str(CERTS / "ca.pem"),
            ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def expect(self, word: str) -> str:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            if line.startswith(word):
                return line[len(word) :].strip()
        raise RuntimeError(f"{self.proc.args[2]} ended before {word!r}")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)


def shoot(display: Display, name: str) -> None:
    import mss
    import mss.tools

    os.environ["DISPLAY"] = display.name
    with mss.MSS() as grabber:
        shot = grabber.grab(grabber.monitors[1])
        mss.tools.to_png(shot.rgb, shot.size, output=str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


CERTS = Path(tempfile.mkdtemp(prefix="assist-screenshots-"))


def tls_options() -> list[str]:
    """A throwaway CA and a certificate for localhost, so the apps show a verified server."""
    import trustme

    ca = trustme.CA()
    ca.cert_pem.write_to_path(str(CERTS / "ca.pem"))
    cert = ca.issue_cert("localhost", "127.0.0.1")
    cert.private_key_pem.write_to_path(str(CERTS / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(CERTS / "cert.pem"))
    return ["--certfile", str(CERTS / "cert.pem"), "--keyfile", str(CERTS / "key.pem")]


def run(language: str) -> None:
    agent_name, customer_name, org = NAMES[language]
    db_url = f"sqlite:///{tempfile.mkdtemp(prefix='assist-screenshots-db-')}/server.db"
    seed(db_url, language, customer_name)
    with (
        server_process(
            "--org-name", org, *tls_options(), db_url=db_url, expect_exit=None
        ) as server,
        xvfb(1440, 900) as agent_display,
        xvfb(1280, 800) as customer_display,
    ):
        url = server.url.replace("127.0.0.1", "localhost")
        agent = Scene(agent_display, "agent", url, agent_name, language)
        customer = desktop = None
        try:
            code = agent.expect("code")
            assert re.fullmatch(r"\d{9}", code)
            desktop = Scene(customer_display, "desktop", language)
            desktop.expect("desktop-ready")
            customer = Scene(customer_display, "customer", url, customer_name, language, code)
            customer.expect("join-dialog")
            shoot(customer_display, f"customer_join_{language}")
            customer.send("join")
            agent.expect("waiting")
            shoot(agent_display, f"agent_waiting_{language}")
            agent.send("admit")
            customer.expect("consent")
            shoot(customer_display, f"customer_consent_{language}")
            customer.send("allow")
            customer.expect("sharing")
            agent.expect("streaming")
            customer.expect("chatted")
            shoot(agent_display, f"agent_session_{language}")
            shoot(customer_display, f"customer_sharing_{language}")
            agent.send("guide")
            agent.expect("guided")
            shoot(agent_display, f"agent_guiding_{language}")
            shoot(customer_display, f"customer_guided_{language}")
            agent.send("request-control")
            customer.expect("control-asked")
            shoot(customer_display, f"customer_control_consent_{language}")
            customer.send("allow-control")
            customer.expect("controlled")
            agent.send("take-control")
            agent.expect("controlling")
            shoot(agent_display, f"agent_controlling_{language}")
            shoot(customer_display, f"customer_controlled_{language}")
            agent.send("customer")
            agent.expect("customer-shown")
            shoot(agent_display, f"agent_customer_{language}")
            agent.send("search")
            agent.expect("searched")
            shoot(agent_display, f"agent_search_{language}")
            agent.send("close-search")
            agent.expect("search-closed")
            server.kill()  # both apps keep the session and reconnect on their own
            agent.expect("reconnecting")
            customer.expect("reconnecting")
            shoot(agent_display, f"agent_reconnecting_{language}")
            shoot(customer_display, f"customer_reconnecting_{language}")
        finally:
            for scene in (customer, desktop):
                if scene is not None:
                    scene.close()
            agent.close()


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["en", "ja"]:
        run(lang)
