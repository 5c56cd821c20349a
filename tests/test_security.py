"""Issue 11 attacks on the bot side, each performed through the real Application: forged
button data, odd numbers, a reader flooding the bot, oversized articles, log injection,
hostile OPML and what the audit trail keeps."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import CallbackContext, CallbackQueryHandler

import bot.briefing as briefing_module
import bot.views as views_module
from bot.jobs import KEEP_AUDIT, housekeeping
from bot.logs import RedactingFormatter
from bot.ratelimit import RateLimiter
from news.limits import MAX_BODY_CHARS
from storage import articles as article_store
from storage import audit
from storage import broadcasts as broadcast_store
from storage.db import Database
from storage.migrations import MIGRATIONS
from testkit.botkit import BotHarness, Clock
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


@contextmanager
def captured_log(*, as_json: bool) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter([], as_json=as_json))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged while the test runs, formatted as `newsbrief run` writes it."""
    with captured_log(as_json=False) as stream:
        yield stream


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


# --- log injection ----------------------------------------------------------------------------


@pytest.mark.parametrize("as_json", [False, True])
async def test_an_item_url_with_a_newline_is_one_log_line(
    tmp_path: Path, feed_server: FeedServer, as_json: bool
) -> None:
    base = feed_server.url("")
    fake = "2026-01-01 00:00:00,000 ERROR bot.admin: admin 1 removed every feed"
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Inject",
        "items": [
            {"id": "i1", "url": f"{base}/missing\n{fake}", "title": "Teaser only",
             "summary": "Read more…"}
        ],
    }
    feed_server.add(
        "/inject.json", json.dumps(feed).encode(), content_type="application/feed+json"
    )
    harness = await BotHarness.start(
        tmp_path, feeds=[feed_server.url("/inject.json")], allow_private_network=True
    )
    try:
        with captured_log(as_json=as_json) as log:
            await harness.ingest()
    finally:
        await harness.stop()
    lines = log.getvalue().splitlines()
    [page_line] = [line for line in lines if "not fetched" in line]
    if as_json:
        assert all(json.loads(line) for line in lines)
        assert f"\n{fake}" in json.loads(page_line)["message"]
        return
    assert "\\n2026-01-01" in page_line
    assert not any(line.startswith("2026-01-01 00:00:00,000") for line in lines)
    event = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} [A-Z]+ ")
    assert all(event.match(line) or line.startswith("    ") for line in lines), lines


# --- OPML errors --------------------------------------------------------------------------


async def test_an_opml_error_quoting_markup_reaches_the_admin(
    bot: BotHarness, log_lines: io.StringIO
) -> None:
    broken = b'<?xml version="1.0"?><opml><body><outline text="a<b" xmlUrl="x"/></body></opml>'
    file_id = bot.telegram.add_file(broken)
    payload = bot.updates.message(
        "/import",
        user_id=ADMIN,
        document={"file_id": file_id, "file_unique_id": "z", "file_size": len(broken)},
    )
    before = len(bot.telegram.sent)
    await bot.app.process_update(Update.de_json(payload, bot.app.bot))
    assert not bot.telegram.refused()
    [reply] = bot.telegram.sent[before:]
    assert reply.plain.startswith("Not imported: not valid XML") and "'<'" in reply.plain
    assert "OPML import refused: not valid XML" in log_lines.getvalue()


# --- the audit trail -----------------------------------------------------------------------


async def test_refused_admin_buttons_are_logged_and_audited(
    bot: BotHarness, log_lines: io.StringIO
) -> None:
    [preview] = await bot.send("/broadcast Hello readers", user_id=ADMIN)
    [page] = await bot.send("/audit", user_id=ADMIN)
    assert await bot.press(preview, "Send", user_id=READER) == []
    assert await bot.press_data(page, "au:10", user_id=READER) == []
    assert bot.answers()[-2:] == ["This command is for admins."] * 2
    entries = await audit.recent(bot.services.db, limit=2)
    assert [(e.user_id, e.command, e.result) for e in entries] == [
        (READER, "audit", "refused: not an admin"),
        (READER, "broadcast", "refused: not an admin"),
    ]
    assert log_lines.getvalue().count(f"user {READER} pressed admin button") == 2
    assert (await broadcast_store.get(bot.services.db, 1)).status == "draft"  # type: ignore[union-attr]


async def test_broadcast_send_and_cancel_are_audited_without_the_text(bot: BotHarness) -> None:
    [first] = await bot.send("/broadcast Private words for everyone", user_id=ADMIN)
    await bot.press(first, "Cancel", user_id=ADMIN)
    [second] = await bot.send("/broadcast Second message", user_id=ADMIN)
    await bot.press(second, "Send", user_id=ADMIN)
    entries = await audit.recent(bot.services.db, limit=10)
    actions = [(e.command, e.arguments, e.result) for e in reversed(entries)]
    assert actions[1] == ("broadcast", "cancel 1", "cancelled")
    assert actions[3][:2] == ("broadcast", "send 2")
    assert actions[3][2].startswith("sending to ")
    assert actions[0][1] == "[26 characters]"
    assert not any("Private" in e.arguments or "Second" in e.arguments for e in entries)


async def test_stop_keeps_a_refused_attempt_without_what_was_typed(
    tmp_path: Path,
) -> None:
    clock = Clock()
    harness = await BotHarness.start(tmp_path, admin_ids=[ADMIN], clock=clock)
    try:
        await harness.send("/broadcast my phone is 555-0100", user_id=READER)
        [confirm] = await harness.send("/stop", user_id=READER)
        await harness.press(confirm, "Yes", user_id=READER)
        [entry] = await audit.recent(harness.services.db, limit=5)
        assert (entry.user_id, entry.command, entry.arguments) == (
            READER,
            "broadcast",
            "[20 characters]",
        )
        # The daily job purges the trail after its stated time.
        clock.now += KEEP_AUDIT + 60
        await harness.send("/stats", user_id=READER)
        await housekeeping(CallbackContext(harness.app))
        [kept] = await audit.recent(harness.services.db, limit=5)
        assert kept.command == "stats"
    finally:
        await harness.stop()


async def test_the_upgrade_masks_free_text_already_in_the_audit_trail(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = await Database(path).open()
    try:
        await audit.record(
            db, user_id=ADMIN, command="broadcast", arguments="Secret plans", result="draft 1",
            now=1,
        )
        await audit.record(
            db, user_id=READER, command="stats", arguments="my words",
            result="refused: not an admin", now=2,
        )
        await audit.record(
            db, user_id=ADMIN, command="addfeed", arguments="https://x.example/rss",
            result="added", now=3,
        )
    finally:
        await db.close()
    # The step as a database written before it meets it (found by what it says it does,
    # as its number may change).
    [sql] = [sql for about, sql in MIGRATIONS if about.startswith("the audit trail keeps no")]
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(sql)
        rows = conn.execute("SELECT command, arguments FROM admin_audit ORDER BY at").fetchall()
    assert rows == [
        ("broadcast", "[12 characters]"),
        ("stats", "[8 characters]"),
        ("addfeed", "https://x.example/rss"),
    ]
