"""The screen benchmark times every change until a picture showed it (or a later one), not
only the changes that got a picture of their own."""

from __future__ import annotations

from benchmarks.screen.timing import delivered_ms, every_change_ms, unshown

MS = 1_000_000


def test_a_skipped_change_is_timed_until_a_later_picture_shows_it() -> None:
    stamps = {1: 0, 2: 16 * MS, 3: 33 * MS, 4: 50 * MS}
    frames = [(1, 30 * MS), (3, 70 * MS), (None, 80 * MS)]  # 2 and 4 never painted alone
    assert every_change_ms(stamps, frames, 0, 40 * MS) == [30.0, 54.0, 37.0]
    assert sorted(delivered_ms(stamps, frames)) == [30.0, 37.0]  # what the old figure saw
    assert unshown(stamps, frames, 0, 60 * MS) == 1  # change 4: no later picture yet


def test_an_older_picture_painted_late_does_not_count_as_showing_a_newer_change() -> None:
    stamps = {5: 0, 6: 10 * MS}
    frames = [(6, 40 * MS), (5, 45 * MS)]
    assert every_change_ms(stamps, frames, 0, 20 * MS) == [40.0, 30.0]
