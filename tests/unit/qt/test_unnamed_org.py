"""Where the server names no organisation, the customer's windows name none either: the
warning against scams never puts the app's own name where the organisation belongs."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from assist.customer.consent_dialog import ConsentDialog
from assist.customer.control_dialog import ControlConsentDialog
from assist.customer.join_dialog import JoinDialog
from assist.customer.report_dialog import ReportDialog
from assist.customer.share_bar import ShareBar
from signaling.protocol import ShareState


def texts(*labels: str) -> str:
    return " ".join(labels)


def test_no_organisation_is_named_when_none_is_configured(qtbot: QtBot) -> None:
    consent = ConsentDialog("Taro", "", [])
    control = ControlConsentDialog("Taro", "")
    report = ReportDialog("")
    join = JoinDialog("ws://127.0.0.1:8765")
    bar = ShareBar("Taro", "")
    for widget in (consent, control, report, join, bar):
        qtbot.addWidget(widget)
    join.set_waiting("Taro", "")
    bar.set_state(ShareState.SHARING)
    shown = texts(
        consent.who_label.text(),
        consent.warning_label.text(),
        control.who_label.text(),
        join.status_label.text(),
        bar.label.text(),
    )
    assert "Assist" not in shown and "()" not in shown and " from <b></b>" not in shown
    assert "Continue only if you asked for this help yourself" in consent.warning_label.text()
    assert consent.who_label.text() == "<b>Taro</b> asks to view your screen."
    assert bar.label.text() == "Sharing your screen with Taro"
    assert join.status_label.text() == "Waiting for Taro to let you in…"


def test_a_configured_organisation_is_named(qtbot: QtBot) -> None:
    consent = ConsentDialog("Taro", "Acme Support", [])
    qtbot.addWidget(consent)
    assert "contacted Acme Support yourself" in consent.warning_label.text()
    assert "from <b>Acme Support</b>" in consent.who_label.text()
