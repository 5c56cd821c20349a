"""Expensive content (issue 11 item 6): what a hostile page or entry costs now.

Run from the repository root:

    .venv/bin/python -m bench.expensive

1. `news.extract.extract_main_text` on a 10 MB page of `<b>x</b>` (CPU seconds, and the
   growth of peak RSS); it reads a 1 MB prefix (`news.limits.MAX_HTML_CHARS`).
2. `news.summary.summarize` on a 3 MB article body, as `bot.views` calls it (on a
   12,000-character prefix) and on the whole text (CPU seconds).
3. Through the real Application (testkit/botkit.py's set-up, on a SQLite file in a temporary
   directory): one feed entry of 3 MB, polled from loopback, then `/latest`; a 5 ms ticker
   runs on the event loop meanwhile and the longest gap between its ticks is printed: that
   is how long every other reader would have waited. Also the stored body's length.

Timings are process CPU or wall-clock on a shared machine: run it on an idle one.
Targets: extraction <= 3 s CPU; the longest event-loop gap during `/latest` <= 100 ms.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from bench.common import peak_rss_mb
from news.extract import extract_main_text
from news.limits import MAX_SUMMARY_INPUT_CHARS, cap_text
from news.summary import summarize
from storage import articles as article_store
from testkit.botkit import BotHarness
from testkit.feedserver import FeedServer

SENTENCE = "The commission met again on Tuesday and agreed on the next steps. "


def extraction() -> float:
    page = "<html><body>" + "<b>x</b>" * (10_000_000 // 8) + "</body></html>"
    before = peak_rss_mb()
    start = time.process_time()
    extract_main_text(page)
    seconds = time.process_time() - start
    print(f"extract 10 MB <b>x</b> page: {seconds:.2f} s CPU, peak RSS +{peak_rss_mb() - before:.0f} MB")
    return seconds


def summaries() -> None:
    body = (SENTENCE * 20 + "\n\n") * 2200
    for label, text in (
        ("prefix", cap_text(body, MAX_SUMMARY_INPUT_CHARS)),
        ("whole 3 MB", body),
    ):
        start = time.process_time()
        summarize(text, title="Border commission meets again", max_sentences=1, max_chars=320)
        print(f"summary of {label}: {time.process_time() - start:.3f} s CPU")


async def latest_through_the_bot() -> float:
    paragraph = "<p>" + SENTENCE * 20 + "</p>"
    body = paragraph * (3_000_000 // len(paragraph))
    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        base = server.url("")
        server.add(
            "/long.xml",
            (
                '<?xml version="1.0"?><rss version="2.0" '
                'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
                f"<title>Long Reads</title><link>{base}/</link><item><guid>long-1</guid>"
                f"<title>Border commission meets again</title><link>{base}/long-1</link>"
                f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
                "</channel></rss>"
            ).encode(),
        )
        harness = await BotHarness.start(
            Path(tmp), feeds=[server.url("/long.xml")], allow_private_network=True
        )
        try:
            start = time.perf_counter()
            await harness.ingest()
            print(f"poll of the 3 MB entry: {time.perf_counter() - start:.2f} s wall")
            [article] = await article_store.latest(harness.services.db, limit=1)
            print(f"stored body: {len(article.body):,} characters")
            gaps: list[float] = []
            stop = asyncio.Event()

            async def ticker() -> None:
                last = time.perf_counter()
                while not stop.is_set():
                    await asyncio.sleep(0.005)
                    now = time.perf_counter()
                    gaps.append(now - last)
                    last = now

            ticking = asyncio.create_task(ticker())
            start = time.perf_counter()
            await harness.send("/latest")
            took = time.perf_counter() - start
            stop.set()
            await ticking
            longest = max(gaps, default=0.0)
            print(f"/latest: {took * 1000:.0f} ms; longest event-loop gap {longest * 1000:.0f} ms")
            return longest
        finally:
            await harness.stop()


def main() -> int:
    seconds = extraction()
    summaries()
    gap = asyncio.run(latest_through_the_bot())
    print(f"target extraction <= 3 s CPU: {'ok' if seconds <= 3 else 'MISS'}")
    print(f"target event-loop gap <= 100 ms: {'ok' if gap <= 0.1 else 'MISS'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
