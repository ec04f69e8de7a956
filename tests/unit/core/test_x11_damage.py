"""Damaged rectangles become grabs: clipped to the shared screen, on even edges, merged."""

from __future__ import annotations

from assist.core.x11_damage import clip, merge


def test_rectangles_are_clipped_to_the_screen_in_its_own_coordinates() -> None:
    # A second monitor at x=1920; damage on the first one and across the edge.
    rects = [(100, 100, 50, 50), (1900, 10, 100, 20), (1921, 1079, 5, 5)]
    assert clip(rects, 1920, 0, 1920, 1080) == [(0, 10, 80, 20), (0, 1078, 6, 2)]


def test_odd_edges_widen_to_even_ones() -> None:
    assert clip([(3, 5, 4, 3)], 0, 0, 100, 100) == [(2, 4, 6, 4)]
    assert clip([(97, 97, 9, 9)], 0, 0, 100, 100) == [(96, 96, 4, 4)]


def test_many_rectangles_become_their_bounding_box() -> None:
    few = [(0, 0, 2, 2), (10, 10, 2, 2), (0, 0, 2, 2)]
    assert merge(few) == [(0, 0, 2, 2), (10, 10, 2, 2)]
    many = [(i * 10, i * 4, 2, 2) for i in range(9)]
    assert merge(many) == [(0, 0, 82, 34)]
