"""Issue 11 attacks on the bot side, each performed through the real Application: forged
button data, odd numbers, a reader flooding the bot and oversized articles (log injection,
hostile OPML and the audit trail: tests/test_audit_and_logs.py)."""

from __future__ import annotations

import asyncio
import io
import threading
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackQueryHandler

import bot.briefing as briefing_module
import bot.views as views_module
from bot.ratelimit import RateLimiter, Verdict
from news.limits import MAX_BODY_CHARS
from storage import articles as article_store
from storage import broadcasts as broadcast_store
from testkit.botkit import BotHarness
from testkit.feedserver import FeedServer

ADMIN = 1
READER = 2
EXPIRED = "This button has expired. Send the command again."
FAILED = "Sorry, something went wrong"


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"admin_ids": [ADMIN]}


@pytest.fixture
def briefs_made(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every window a brief is computed from (the real computation runs)."""
    sizes: list[int] = []
    real = briefing_module.brief_of

    def counted(articles, **options):  # type: ignore[no-untyped-def]
        sizes.append(len(articles))
        return real(articles, **options)

    monkeypatch.setattr(briefing_module, "brief_of", counted)
    return sizes


def text_of(messages: list) -> str:  # type: ignore[type-arg]
    return "\n".join(m.plain for m in messages)


# --- strict numbers ---------------------------------------------------------------------


async def test_numbers_other_than_ascii_digits_never_raise(
    bot: BotHarness, log_lines: io.StringIO
) -> None:
    for command in ("/latest ²", "/latest ٣", "/latest 5²"):
        replies = await bot.send(command)
        assert replies and FAILED not in text_of(replies), command
    [removed] = await bot.send("/removefeed ²", user_id=ADMIN)
    assert removed.plain == "Give the feed's number from /feeds, e.g. /removefeed 2."
    [paused] = await bot.send("/pausefeed ٣", user_id=ADMIN)
    assert paused.plain == "Give the feed's number from /feeds, e.g. /pausefeed 2."
    assert "error while handling" not in log_lines.getvalue()


@pytest.mark.parametrize(
    "data",
    ["lt:²:5:0", "lt:5:5", "lt:-1:5:0", "tb:1:²", "tb:²:72", "tb:1:1_0", "tg:²", "au:²"],
)
async def test_forged_button_numbers_get_a_short_answer(
    bot: BotHarness, log_lines: io.StringIO, data: str
) -> None:
    [latest] = await bot.send("/latest 2", user_id=ADMIN)
    assert await bot.press_data(latest, data, user_id=ADMIN) == []
    answer = bot.answers()[-1]
    assert FAILED not in answer
    assert "error while handling" not in log_lines.getvalue()


async def test_forged_broadcast_numbers_are_refused_and_logged(
    bot: BotHarness, log_lines: io.StringIO
) -> None:
    [preview] = await bot.send("/broadcast Site maintenance tonight", user_id=ADMIN)
    for data in ("bc:send:²", "bc:send:1 ", "bc:launch:1"):
        assert await bot.press_data(preview, data, user_id=ADMIN) == []
        assert bot.answers()[-1] == EXPIRED
    assert log_lines.getvalue().count("refused button data") == 3
    assert (await broadcast_store.get(bot.services.db, 1)).status == "draft"  # type: ignore[union-attr]


# --- only what the buttons offered ---------------------------------------------------------


async def test_brief_buttons_accept_only_the_offered_windows(
    bot: BotHarness, briefs_made: list[int], log_lines: io.StringIO
) -> None:
    [brief] = await bot.send("/topic Armenia")
    assert len(briefs_made) == 1
    csto = bot.services.topics.find("Armenia")
    assert csto is not None
    for hours in (5, 71, 720, 0):
        assert await bot.press_data(brief, f"tb:{csto.id}:{hours}") == []
        assert bot.answers()[-1] == EXPIRED
    assert len(briefs_made) == 1  # nothing was computed for the forged windows
    assert log_lines.getvalue().count("not an offered window") == 4
    [week] = await bot.press(brief, "7 days")
    assert week.message_id == brief.message_id and len(briefs_made) == 2


async def test_trending_buttons_accept_only_shown_terms(
    bot: BotHarness, briefs_made: list[int], log_lines: io.StringIO
) -> None:
    [latest] = await bot.send("/latest 1")
    for term in ("CSTO", "anything at all", "x" * 60):
        assert await bot.press_data(latest, f"tt:{term}") == []
        assert bot.answers()[-1] == EXPIRED
    assert briefs_made == []
    assert log_lines.getvalue().count("not a trending term") == 3


async def test_every_button_prefix_reaches_one_handler(bot: BotHarness) -> None:
    # A button whose data another feature's prefix also matches would open the wrong thing
    # (a language toggle answered as an alert removal).
    prefixes = [
        handler.pattern.pattern.lstrip("^")
        for group in bot.app.handlers.values()
        for handler in group
        if isinstance(handler, CallbackQueryHandler) and handler.pattern is not None
    ]
    assert len(prefixes) >= 10
    for prefix in prefixes:
        assert [other for other in prefixes if other.startswith(prefix)] == [prefix]


async def test_odd_windows_do_not_push_standard_briefs_out_of_the_cache(
    bot: BotHarness, briefs_made: list[int]
) -> None:
    first = text_of(await bot.send("/topic Armenia"))
    assert len(briefs_made) == 1
    cache_size = bot.services.briefing._cache.size
    for hours in range(1, cache_size + 10):
        await bot.send(f"/topic Armenia {hours + 100}h", user_id=3)
    made = len(briefs_made)
    assert made == cache_size + 10
    assert text_of(await bot.send("/topic Armenia")) == first
    assert len(briefs_made) == made  # the standard brief was still kept


# --- one reader cannot hog the bot ----------------------------------------------------------


async def test_a_flooding_reader_is_told_once_and_others_are_served(tmp_path: Path) -> None:
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0])
    harness = await BotHarness.start(tmp_path, admin_ids=[ADMIN], rate_limit=limiter)
    try:
        await harness.ingest()
        answered = 0
        refusals = 0
        for hours in range(1, 41):
            replies = await harness.send(f"/topic Armenia {hours}h", user_id=READER)
            if any("too fast" in m.plain for m in replies):
                refusals += 1
            elif replies:
                answered += 1
        assert refusals == 1  # one polite answer, not one per dropped request
        assert 0 < answered < 25  # a burst of 60 tokens, 3 a brief
        # Another reader is answered at once; so is an admin, who is not limited.
        assert "Latest stories" in text_of(await harness.send("/latest", user_id=3))
        for _ in range(30):
            assert await harness.send("/topic Armenia 5h", user_id=ADMIN)
        # The flooding reader's buttons are dropped too, silently.
        [latest] = await harness.send("/latest 1", user_id=4)
        assert await harness.press(latest, "Older", user_id=READER) == []
        # After a pause the reader is served again.
        now[0] += 10
        assert "Latest stories" in text_of(await harness.send("/latest", user_id=READER))
    finally:
        await harness.stop()


# --- expensive content ------------------------------------------------------------------------


def _huge_feed(base: str) -> bytes:
    sentence = "The commission met again on Tuesday and agreed on the next steps. "
    paragraph = "<p>" + sentence * 20 + "</p>"
    body = paragraph * (3_000_000 // len(paragraph))
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Long Reads</title><link>{base}/</link>"
        f"<item><guid>long-1</guid><title>Border commission meets again</title>"
        f"<link>{base}/long-1</link><description>Short teaser.</description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        "</channel></rss>"
    ).encode()


async def test_a_huge_entry_is_stored_capped_and_summarised_off_the_event_loop(
    tmp_path: Path,
    feed_server: FeedServer,
    monkeypatch: pytest.MonkeyPatch,
    log_lines: io.StringIO,
) -> None:
    feed_server.add("/long.xml", _huge_feed(feed_server.url("")))
    harness = await BotHarness.start(
        tmp_path, feeds=[feed_server.url("/long.xml")], allow_private_network=True
    )
    try:
        await harness.ingest()
        [article] = await article_store.latest(harness.services.db, limit=1)
        assert 0.5 * MAX_BODY_CHARS < len(article.body) <= MAX_BODY_CHARS
        assert article.body.endswith("next steps.")
        assert f"characters of text, {len(article.body)} kept" in log_lines.getvalue()

        # The summary waits in its thread until another reader has been answered: were it
        # computed on the event loop, that reader could not be.
        started, release = threading.Event(), threading.Event()
        real = views_module.summarize

        def held(*args, **kwargs):  # type: ignore[no-untyped-def]
            started.set()
            release.wait(timeout=10)
            return real(*args, **kwargs)

        monkeypatch.setattr(views_module, "summarize", held)
        views_module._summary.cache_clear()
        latest = asyncio.create_task(harness.send("/latest", user_id=5))
        assert await asyncio.to_thread(started.wait, 30)
        helped = await harness.send("/help", user_id=6)
        assert "What I can do" in text_of(helped)
        assert not latest.done()  # /help was answered while the summary was being made
        release.set()
        [reply] = [m for m in await latest if m.chat_id == 5]
        assert "Border commission meets again" in reply.plain
        assert "The commission met again on Tuesday" in reply.plain
    finally:
        release.set()
        await harness.stop()


def test_the_rate_limiter_forgets_the_least_recently_seen_reader_first() -> None:
    limiter = RateLimiter(rate=0.0, burst=2.0, clock=lambda: 0.0, max_users=2)
    for user in (1, 2):
        assert limiter.take(user, 2.0) is Verdict.ALLOWED  # both buckets spent
    assert limiter.take(1, 1.0) is Verdict.REFUSED_FIRST  # reader 1 seen again: kept
    assert limiter.take(3, 1.0) is Verdict.ALLOWED  # a third reader: reader 2 is forgotten
    assert limiter.take(1, 1.0) is Verdict.REFUSED  # reader 1's spent bucket is still there
    assert limiter.take(2, 1.0) is Verdict.ALLOWED  # reader 2 starts full again


async def test_a_forged_slash_and_blanks_costs_one_token_and_no_error(tmp_path: Path) -> None:
    """Telegram trims message text; a forged "/" followed by blanks must not break the
    rate limit's command lookup (the person would be told something went wrong)."""
    harness = await BotHarness.start(tmp_path, rate_limit=RateLimiter())
    try:
        replies = await harness.send("/   ", user_id=READER)
        assert not any("went wrong" in m.plain for m in replies)
        assert "No stories yet" in text_of(await harness.send("/latest", user_id=READER))
    finally:
        await harness.stop()
