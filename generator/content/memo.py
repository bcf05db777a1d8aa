"""Results kept between the rebuilds of one `mkdocs serve` session, so that a save re-does only what changed."""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Memo:
    """Remembers results by key from one run to the next, and forgets what a run did not ask for.

    The loader keys a parsed file by its path and bytes, and the validator keys its findings by the
    parsed entry, so an unchanged file is neither parsed nor validated again, and a deleted or
    edited file's old results are dropped when the run ends (`end_run`).
    """

    def __init__(self) -> None:
        self._last: dict = {}
        self._now: dict = {}

    def recall(self, key: Hashable, make: Callable[[], T]) -> T:
        value = self._last[key] if key in self._last else self._now[key] if key in self._now else make()
        self._now[key] = value
        return value

    def end_run(self) -> None:
        self._last, self._now = self._now, {}
