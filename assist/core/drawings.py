"""The agent's drawings as shown on a screen: each until cleared, or until its fade time is
up. Pure (the caller passes the time); the customer's overlay and the agent's view each keep
one, with their own timer."""

from __future__ import annotations

from collections.abc import Iterator

from assist.core import guidance as g


class Drawings:
    """Shapes by id, each with the time it goes (None: until cleared). Iterates over ids."""

    def __init__(self) -> None:
        self._shown: dict[str, tuple[g.Shape, float | None]] = {}

    def add(self, shape: g.Shape, now: float) -> None:
        """Show ``shape`` (replacing one with its id) from ``now`` for its fade time."""
        self._shown[shape.id] = (shape, now + shape.fade if shape.fade else None)

    def erase(self, shape_id: str = "") -> None:
        """Remove the drawing ``shape_id``, or all of them when it is empty."""
        if shape_id:
            self._shown.pop(shape_id, None)
        else:
            self._shown.clear()

    def expire(self, now: float) -> bool:
        """Remove what has faded by ``now``; True when anything went."""
        gone = [
            key for key, (_, until) in self._shown.items() if until is not None and until <= now
        ]
        for key in gone:
            del self._shown[key]
        return bool(gone)

    @property
    def fading(self) -> bool:
        """Whether any drawing has a time to go (then a timer should call expire)."""
        return any(until is not None for _, until in self._shown.values())

    def items(self) -> Iterator[tuple[g.Shape, float | None]]:
        """Each shape with the time it goes, in the order they were drawn."""
        return iter(list(self._shown.values()))

    def shapes(self) -> list[g.Shape]:
        return [shape for shape, _ in self._shown.values()]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._shown))

    def __len__(self) -> int:
        return len(self._shown)
