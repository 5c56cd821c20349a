"""`newsbrief fetch`: one pass over every feed, a line per feed."""

from __future__ import annotations

from bot.ingest import FeedOutcome, PollStatus
from bot.services import open_services
from bot.settings import Settings


def describe_outcome(outcome: FeedOutcome) -> str:
    name = f"[{outcome.feed_id}] {outcome.title} <{outcome.url}>"
    if outcome.status == PollStatus.ERROR:
        return f"{name}: error: {outcome.error}"
    if outcome.status == PollStatus.NOT_MODIFIED:
        return f"{name}: not modified (304), nothing new"
    parts = [f"{outcome.new} new"]
    if outcome.updated:
        parts.append(f"{outcome.updated} updated")
    if outcome.duplicates:
        parts.append(f"{outcome.duplicates} already known")
    return f"{name}: {', '.join(parts)}"


async def run_fetch(settings: Settings) -> int:
    services = await open_services(settings)
    try:
        outcomes = await services.ingestor.poll_all(only_due=False)
    finally:
        await services.close()
    if not outcomes:
        print("no feeds: set NEWSBRIEF_FEEDS or add feeds with /addfeed")
    for outcome in outcomes:
        print(describe_outcome(outcome))
    return 0
