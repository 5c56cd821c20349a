"""A small least-recently-used memo for briefs, keyed by what they were computed from.

Grouping a topic's window into stories takes tens of milliseconds; a reader pressing
/topic twice, or a hundred readers after one push, should not pay it again. Callers key a
value by what it was computed from (bot.briefing: the topic, the window's start and a
version of its articles), so a new or edited article makes a new key and a stale brief is
never served. Single-threaded use (the bot's event loop); no locking.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Memo(Generic[V]):
    """The last `size` values computed, by key."""

    def __init__(self, size: int = 64) -> None:
        if size < 1:
            raise ValueError("a memo needs room for at least one value")
        self.size = size
        self._values: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable) -> V | None:
        """The value kept under `key`, or None."""
        if key not in self._values:
            return None
        self._values.move_to_end(key)
        return self._values[key]

    def put(self, key: Hashable, value: V) -> V:
        self._values[key] = value
        self._values.move_to_end(key)
        if len(self._values) > self.size:
            self._values.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._values)
