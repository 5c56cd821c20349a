"""What the log and the audit trail keep of what people and feeds send (issue 11): one
line per event whatever a URL holds, OPML errors quoted safely, admin actions audited
without the words typed, and the trail purged after its stated time."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CallbackContext

from bot.jobs import KEEP_AUDIT, housekeeping
from storage import audit
from storage import broadcasts as broadcast_store
from storage.db import Database
from storage.migrations import MIGRATIONS
from testkit.botkit import BotHarness, Clock
from testkit.feedserver import FeedServer
from testkit.logs import captured_log

ADMIN = 1
READER = 2


@pytest.fixture
def bot_settings() -> dict[str, Any]:
    return {"admin_ids": [ADMIN]}


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
    [reply] = await bot.send_file("/import", broken, user_id=ADMIN)  # checks nothing refused
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
