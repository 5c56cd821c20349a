"""The /stats chart: deliveries and new chats per day, as PNG bytes.

Built on matplotlib's object API (no pyplot global state), so it can render in a worker
thread off the event loop."""

from __future__ import annotations

import io
from datetime import UTC, datetime


def render_daily_chart(
    day_starts: list[int], delivered: list[int], joined: list[int], *, titles: tuple[str, str, str]
) -> bytes:
    """Two bar series over the same days; `titles` are (chart, deliveries, new chats),
    already translated by the caller."""
    # Imported here: matplotlib is large, and a bot whose admins never ask for /stats
    # should not carry it in memory (nor its objects in every garbage collection).
    from matplotlib.figure import Figure

    days = [datetime.fromtimestamp(d, tz=UTC) for d in day_starts]
    figure = Figure(figsize=(8, 5), dpi=100)
    top, bottom = figure.subplots(2, 1, sharex=True)
    figure.suptitle(titles[0])
    top.bar(days, delivered, color="#2b6cb0", width=0.8)
    top.set_ylabel(titles[1])
    bottom.bar(days, joined, color="#dd6b20", width=0.8)
    bottom.set_ylabel(titles[2])
    for axis in (top, bottom):
        axis.grid(axis="y", alpha=0.3)
        axis.set_ylim(bottom=0)
    figure.autofmt_xdate()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
