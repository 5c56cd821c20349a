"""Admin commands through the real Application: refused to others (logged and audited),
and each doing its job for admins."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from handlers.commands import ADMIN_COMMANDS
from news.opml import OpmlFeed, build_opml, parse_opml
from storage import audit
from storage import broadcasts as broadcast_store
from storage import feeds as feed_store
from testkit.botkit import BotHarness
from testkit.feedserver import FeedServer
from testkit.readers import add_readers

# Each test runs on SQLite and on PostgreSQL (tests/conftest.py `backend`).
pytestmark = pytest.mark.usefixtures("backend")

ADMIN = 1
READER = 2
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Syunik Daily</title>
<link>http://127.0.0.1/</link>
<item><guid>s1</guid><title>Road to Kapan reopens</title><link>http://127.0.0.1/s1</link>
<description>The road to Kapan reopened on Friday after repairs that took two months, the
regional administration said, and buses resumed their normal schedule.</description></item>
<item><guid>s2</guid><title>Copper output rises</title><link>http://127.0.0.1/s2</link>
<description>Copper output at the Kajaran mine rose by six percent in the third quarter, the
company said, citing new equipment and a mild autumn.</description></item>
</channel></rss>"""


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"admin_ids": [ADMIN], "allow_private_network": True}


def text_of(messages: list) -> str:
    return "\n".join(m.plain for m in messages)


@pytest.mark.parametrize("command", [c.name for c in ADMIN_COMMANDS])
async def test_every_admin_command_is_refused_to_readers(bot: BotHarness, command: str) -> None:
    [reply] = await bot.send(f"/{command} 1 https://example.org/x", user_id=READER)
    assert reply.plain == "This command is for admins."
    [entry] = await audit.recent(bot.services.db, limit=1)
    assert (entry.user_id, entry.command, entry.result) == (
        READER,
        command,
        "refused: not an admin",
    )


async def test_admin_menu_lists_admin_commands_only_for_admins(tmp_path: Path) -> None:
    harness = await BotHarness.start(tmp_path, feeds=[], admin_ids=[ADMIN])
    try:
        scopes = {
            key: [c["command"] for c in cmds] for key, cmds in harness.telegram.commands.items()
        }
        admin_menus = [cmds for key, cmds in scopes.items() if f'"chat_id": {ADMIN}' in key]
        default_menus = [cmds for key, cmds in scopes.items() if '"default"' in key]
        assert admin_menus and all("stats" in cmds for cmds in admin_menus)
        assert default_menus and all("stats" not in cmds for cmds in default_menus)
    finally:
        await harness.stop()


async def test_stats_gives_figures_feed_health_and_a_png_chart(bot: BotHarness) -> None:
    await bot.send("/subscribe CSTO", user_id=10)
    await bot.send("/subscribe CSTO", user_id=11)
    sent = await bot.send("/stats", user_id=ADMIN)
    text = text_of(sent)
    assert "Chats: 2 active (private chats 2)" in text
    assert "CSTO 2" in text
    assert "Yerevan Herald" in text and "ok" in text
    photos = [m for m in sent if m.kind == "photo"]
    assert len(photos) == 1 and photos[0].file_bytes is not None
    assert photos[0].file_bytes.startswith(b"\x89PNG\r\n\x1a\n")


async def test_stats_names_chat_kinds_in_the_admins_language(bot: BotHarness) -> None:
    await bot.send("/subscribe CSTO", user_id=10)
    await bot.send("/language ru", user_id=ADMIN)
    text = text_of(await bot.send("/stats", user_id=ADMIN))
    assert "Чаты: активных 2 (личные 2)" in text
    assert "private" not in text


async def test_addfeed_checks_before_saving(bot: BotHarness, feed_server: FeedServer) -> None:
    feed_server.add("/rss.xml", RSS)
    feed_server.add(
        "/page.html", b"<!doctype html><html><body>Hi</body></html>", content_type="text/html"
    )
    added = text_of(await bot.send(f"/addfeed {feed_server.url('/rss.xml')}", user_id=ADMIN))
    assert "Syunik Daily" in added and "2 items" in added
    html = text_of(await bot.send(f"/addfeed {feed_server.url('/page.html')}", user_id=ADMIN))
    assert html.startswith("Not added:") and "not a feed" in html
    down = text_of(await bot.send("/addfeed http://127.0.0.1:9/feed.xml", user_id=ADMIN))
    assert down.startswith("Not added:")
    urls = [f.url for f in await feed_store.list_feeds(bot.services.db)]
    assert feed_server.url("/rss.xml") in urls and feed_server.url("/page.html") not in urls
    again = text_of(await bot.send(f"/addfeed {feed_server.url('/rss.xml')}", user_id=ADMIN))
    assert "already here" in again


async def test_pause_resume_remove_and_feeds(bot: BotHarness) -> None:
    assert "paused" in text_of(await bot.send("/pausefeed 1", user_id=ADMIN))
    assert "⏸" in text_of(await bot.send("/feeds", user_id=ADMIN))
    assert "resumed" in text_of(await bot.send("/resumefeed 1", user_id=ADMIN))
    assert "There is no feed 99" in text_of(await bot.send("/removefeed 99", user_id=ADMIN))
    assert "number" in text_of(await bot.send("/removefeed x", user_id=ADMIN))
    assert "Removed feed 1" in text_of(await bot.send("/removefeed 1", user_id=ADMIN))
    assert await feed_store.get_feed(bot.services.db, 1) is None


async def test_fetchnow_reports_each_feed(bot: BotHarness) -> None:
    text = text_of(await bot.send("/fetchnow", user_id=ADMIN))
    assert "Polled 3 feeds" in text and "not modified" in text


async def test_addtopic_takes_effect_and_retags_the_week(bot: BotHarness) -> None:
    reply = text_of(await bot.send('/addtopic Nuclear Metsamor "nuclear plant"', user_id=ADMIN))
    assert "Topic Nuclear saved with 2 keywords" in reply
    brief = text_of(await bot.send("/topic Nuclear"))
    assert "Metsamor" in brief
    removed = text_of(await bot.send("/removetopic Nuclear", user_id=ADMIN))
    assert "removed" in removed
    assert "There is no topic" in text_of(await bot.send("/topic Nuclear"))


async def test_broadcast_preview_cancel_and_send_through_the_outbox(bot: BotHarness) -> None:
    await add_readers(bot.services, range(100, 400))
    [preview] = await bot.send("/broadcast The site moves to <new> address & more", user_id=ADMIN)
    assert "Broadcast to 300 chats" in preview.plain
    assert "<new> address & more" in preview.plain
    [cancelled] = await bot.press(preview, "Cancel", user_id=ADMIN)
    assert "nothing was sent" in cancelled.plain
    assert await bot.drain() == []

    [preview] = await bot.send("/broadcast Maintenance tonight at 23:00", user_id=ADMIN)
    [started] = await bot.press(preview, "Send", user_id=ADMIN)
    assert "Sending: 0 of 300" in started.plain
    await bot.press_data(started, "bc:send:2", user_id=ADMIN)  # a second press sends nothing
    sent = await bot.drain()
    assert len(sent) == 300 and {m.chat_id for m in sent} == set(range(100, 400))
    assert all(m.plain == "Maintenance tonight at 23:00" for m in sent)
    assert bot.pacing.now - 1000 >= 299 / bot.services.settings.send_rate - 0.01  # paced
    progress = await broadcast_store.progress(bot.services.db, 2)
    assert progress.finished and progress.sent == 300


async def test_broadcast_progress_edits_the_admin_message(bot: BotHarness) -> None:
    await add_readers(bot.services, range(500, 520))
    await bot.send("/start", user_id=ADMIN)
    [preview] = await bot.send("/broadcast Hello readers", user_id=ADMIN)
    await bot.press(preview, "Send", user_id=ADMIN)
    await bot.drain()
    await bot.app.bot_data.jobs.start()
    try:
        job = bot.app.bot_data.jobs.get_jobs_by_name("broadcast-1")[0]
        await job.run(bot.app)
    finally:
        await bot.app.bot_data.jobs.stop()
    final = bot.telegram.messages[(ADMIN, preview.message_id)]
    assert "Broadcast done: 21 of 21 sent" in final.plain


async def test_opml_export_then_import_round_trip(bot: BotHarness) -> None:
    [exported] = await bot.send("/export", user_id=ADMIN)
    assert exported.kind == "document" and exported.file_bytes is not None
    feeds = parse_opml(exported.file_bytes)
    assert {f.url for f in feeds} == {f.url for f in await feed_store.list_feeds(bot.services.db)}

    extra = build_opml(
        [
            *feeds,
            OpmlFeed("https://newsite.example/rss", "New site"),
            OpmlFeed("javascript:alert(1)", "Bad"),
        ],
        title="mine",
        now=0,
    )
    report = text_of(await bot.send_file("/import", extra, user_id=ADMIN, file_name="feeds.opml"))
    assert "Added: 1" in report and "Already known: 3" in report and "Invalid: 1" in report
    assert await feed_store.get_feed_by_url(bot.services.db, "https://newsite.example/rss")


async def test_import_refuses_hostile_files(bot: BotHarness) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;">]><opml><body><outline xmlUrl="&b;"/></body></opml>'
    )
    report = text_of(await bot.send_file("/import", bomb, user_id=ADMIN))
    assert "aaaaaaaaaa" not in report
    assert not await feed_store.get_feed_by_url(bot.services.db, "aaaaaaaaaa" * 6)


async def test_audit_lists_admin_actions_newest_first_and_pages(bot: BotHarness) -> None:
    for number in range(12):
        await bot.send(f"/pausefeed {number % 3 + 1}", user_id=ADMIN)
    await bot.send("/stats", user_id=READER)
    [page] = await bot.send("/audit", user_id=ADMIN)
    lines = page.plain.splitlines()
    assert "/stats" in lines[2] and "refused" in page.plain
    older = await bot.press(page, "Older", user_id=ADMIN)
    assert older and older[0].message_id == page.message_id
