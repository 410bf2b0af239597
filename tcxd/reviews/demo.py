"""Demo data of this app, added to the demo city by ``seed_demo``."""

from __future__ import annotations

from collections.abc import Callable


def build(*, seed: int, progress: Callable[[str], None]) -> None:
    """Nothing yet."""
