"""Progress bars for the long stages on a terminal (tqdm); under cron or a pipe, no bars: the log lines alone."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from tqdm import tqdm


def on_terminal() -> bool:
    """A person watching: stderr is a terminal that shows the stages' INFO lines (`-q` asks for warnings only)."""
    levels = [h.level for h in logging.getLogger().handlers if getattr(h, "stream", None) is sys.stderr]
    return sys.stderr.isatty() and not (levels and min(levels) > logging.INFO)


def bar(iterable: Iterable | None = None, *, desc: str, total: int | None = None, unit: str = "it") -> tqdm:
    """A bar on stderr that disappears when done (the stage's log line says what it did); inert off a terminal."""
    return tqdm(iterable, desc=desc, total=total, unit=unit, leave=False, file=sys.stderr, dynamic_ncols=True,
                disable=not on_terminal())
