"""Article pages for entries whose feed text is only a teaser: fetched a few at a time,
their main text extracted off the event loop, and given up at the feed poll's deadline
(the article then keeps the feed's own text: nothing is lost, only the full page)."""

from __future__ import annotations

import asyncio
import logging

from news.charset import decode
from news.extract import extract_main_text
from news.fetch import Fetcher
from news.normalize import canonical_url
from storage.records import FeedRecord

# The poll's log: a feed's pages are part of its story there.
log = logging.getLogger("bot.ingest")

PAGE_FETCH_CONCURRENCY = 4
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


async def read_pages(
    fetcher: Fetcher,
    feed: FeedRecord,
    links: list[str | None],
    *,
    deadline: float,
    poll_deadline: float,
) -> list[str | None]:
    """Each link's page text; None where there is no link, or the page failed or was not
    in by `deadline` (loop time; `poll_deadline` is the feed poll's budget, for the log)."""
    limit = asyncio.Semaphore(PAGE_FETCH_CONCURRENCY)
    pages = [
        asyncio.create_task(_page_text(fetcher, link, feed.url, limit)) if link else None
        for link in links
    ]
    tasks = [task for task in pages if task is not None]
    if tasks:
        remaining = max(0.0, deadline - asyncio.get_running_loop().time())
        _done, late = await asyncio.wait(tasks, timeout=remaining)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        if late:
            log.warning(
                "feed %s (%s): %d of %d pages not in within the %g s poll deadline; "
                "their articles keep the feed's text",
                feed.id,
                feed.url,
                len(late),
                len(tasks),
                poll_deadline,
            )
    return [_page_result(task) for task in pages]


async def _page_text(
    fetcher: Fetcher, link: str, feed_url: str, limit: asyncio.Semaphore
) -> str | None:
    async with limit:
        result = await fetcher.fetch(canonical_url(link, feed_url), accept=PAGE_ACCEPT)
    if not result.ok:
        log.info("page %s not fetched: %s", link, result.error)
        return None
    page = decode(result.body, result.content_type).text
    text = await asyncio.to_thread(extract_main_text, page, url=result.final_url or link)
    return text or None


def _page_result(task: asyncio.Task[str | None] | None) -> str | None:
    if task is None or task.cancelled():
        return None
    error = task.exception()
    if error is not None:
        # An extraction bug on one page costs that page only; the feed text stays.
        log.warning("page text failed: %s: %s", type(error).__name__, error)
        return None
    return task.result()
