"""Reader commands through the real Application, handlers and SQLite, against the in-process
Bot API. Every message is checked for Telegram validity by the harness."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.local_api import SentMessage
from bot.render import plain_text
from news.models import Article
from storage import articles as article_store
from storage import chats as chat_store
from storage.db import Database
from storage.records import ChatRecord
from testkit.botkit import BotHarness

# Each test runs on SQLite and on PostgreSQL (tests/conftest.py `backend`).
pytestmark = pytest.mark.usefixtures("backend")

GROUP = -100123


def only(messages: list[SentMessage]) -> SentMessage:
    assert len(messages) == 1, [m.plain for m in messages]
    return messages[0]


async def answer(bot: BotHarness, command: str) -> str:
    """The text of the one message the bot sends back to `command`."""
    return only(await bot.send(command)).plain


async def converse(bot: BotHarness, *turns: tuple[str, ...]) -> None:
    """Each turn is a command and the phrases its one answer must contain, in order."""
    for command, *phrases in turns:
        text = await answer(bot, command)
        for phrase in phrases:
            assert phrase in text, (command, phrase, text)


async def test_start_greets_and_topic_buttons_toggle_in_place(bot: BotHarness) -> None:
    welcome = only(await bot.send("/start"))
    assert "Welcome" in welcome.plain
    labels = [b["text"] for b in welcome.buttons]
    assert any("CSTO" in label for label in labels)
    assert all(label.startswith("➕") for label in labels)

    edits = await bot.press(welcome, "CSTO")
    edited = only(edits)
    assert edited.edited and edited.message_id == welcome.message_id
    assert any(b["text"] == "✅ CSTO" for b in edited.buttons)
    assert "Subscribed to CSTO." in bot.answers()
    topics = await chat_store.subscribed_topics(bot.services.db, 1)
    assert [t.name for t in topics] == ["CSTO"]

    again = only(await bot.press(edited, "CSTO"))
    assert any(b["text"] == "➕ CSTO" for b in again.buttons)
    assert await chat_store.subscribed_topics(bot.services.db, 1) == []


async def test_deep_link_subscribes_directly(bot: BotHarness) -> None:
    reply = only(await bot.send("/start sub_CSTO"))
    assert "Subscribed to CSTO" in reply.plain
    assert [t.name for t in await chat_store.subscribed_topics(bot.services.db, 1)] == ["CSTO"]


async def test_help_lists_every_reader_command(bot: BotHarness) -> None:
    text = await answer(bot, "/help")
    for command in (
        "/start",
        "/latest",
        "/topics",
        "/topic",
        "/search",
        "/subscribe",
        "/unsubscribe",
        "/subscriptions",
        "/settings",
        "/digest",
        "/timezone",
        "/quiet",
        "/stop",
    ):
        assert command in text


async def test_latest_lists_linked_stories_and_pages_back_in_place(bot: BotHarness) -> None:
    first = only(await bot.send("/latest 3"))
    assert first.text.count("<a href=") == 3
    assert "1. " in first.plain and "3. " in first.plain and "4. " not in first.plain
    assert first.link_preview_disabled is True
    newest = await article_store.latest(bot.services.db, limit=6)
    assert newest[0].title[:30] in first.plain

    page_two = only(await bot.press(first, "Older"))
    assert page_two.edited and page_two.message_id == first.message_id
    assert "4. " in page_two.plain and newest[3].title[:30] in page_two.plain


async def test_latest_count_is_capped_and_topic_filters(bot: BotHarness) -> None:
    many = only(await bot.send("/latest 999"))
    assert many.text.count("<a href=") <= 20
    # A number too long to read asks for a lot too, not for one story.
    huge = only(await bot.send("/latest 99999999999999999999"))
    assert huge.text.count("<a href=") == many.text.count("<a href=") > 1
    csto = only(await bot.send("/latest 2 csto"))
    assert "Latest on CSTO" in csto.plain
    assert csto.text.count("<a href=") <= 2


async def test_unknown_topic_suggests_close_names(bot: BotHarness) -> None:
    reply = only(await bot.send("/topic CTSO"))
    assert "CSTO" in reply.plain and "Did you mean" in reply.plain
    latest = only(await bot.send("/latest 3 Armenai"))
    assert "Armenia" in latest.plain


async def test_topics_shows_weekly_counts_and_toggles(bot: BotHarness) -> None:
    listing = only(await bot.send("/topics"))
    assert "CSTO" in listing.plain and "stor" in listing.plain
    toggled = only(await bot.press(listing, "Armenia"))
    assert toggled.message_id == listing.message_id
    assert any(b["text"] == "✅ Armenia" for b in toggled.buttons)


async def test_topic_gives_stories_with_their_lead(bot: BotHarness) -> None:
    brief = only(await bot.send("/topic CSTO"))
    assert "What is new on CSTO" in brief.plain
    stories = await article_store.latest(
        bot.services.db, limit=5, topic_id=bot.services.topics.find("CSTO").id
    )
    assert stories, "the bundled samples must have CSTO stories"
    assert stories[0].title[:30] in brief.plain
    # Each story shows more than its title: its lead sentence from the article text.
    assert len(brief.plain) > sum(len(s.title) for s in stories)


async def test_one_event_in_two_languages_is_one_story_headed_in_the_readers_language(
    bot: BotHarness,
) -> None:
    # The bundled samples report the EU mission's new patrols in Syunik in English and in
    # Armenian, in their own words: one story, headed and quoted in the reader's language,
    # with the other report linked under it.
    [brief] = await bot.send("/topic EU")
    story = next(block for block in brief.plain.split("\n\n") if "Syunik" in block)
    assert story.split("\n")[0].startswith("1. EU monitoring mission adds patrol routes")
    assert "2 sources · EN HY" in story
    assert "HY: Kavkaz Today" in story
    assert "Սյունիք" not in brief.plain.split("Syunik")[0]  # no second story before it


async def test_search_in_the_demo_reads_inflection_and_scripts(bot: BotHarness) -> None:
    # The bundled Russian report names "Никола Пашиняна" (genitive) only.
    for query in ("Пашиняна", "Пашинян", "Pashinyan"):
        [found] = await bot.send(f"/search {query}")
        assert "мирного договора" in found.plain, query
    [tagged] = await bot.send("/search Pashinyan")
    assert "[RU]" in tagged.plain  # found across scripts, marked with its language
    [genitive] = await bot.send("/search совещания")
    assert "ОДКБ проведёт совещание" in genitive.plain


async def test_search_finds_ranked_results_with_snippets(bot: BotHarness) -> None:
    reply = only(await bot.send("/search CSTO"))
    assert "Results for" in reply.plain
    assert "<b>" in reply.text.split("\n", 1)[1]  # matched words are bold in snippets


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced',
        "CSTO NEAR summit",
        "summit*",
        "-summit",
        "AND OR NOT",
        "((((",
        "x" * 10_000,
        "🇦🇲🕊️",
        "ՀԱՊԿ",
        "שלום עולם",
        "<b>bold</b> & <i>",
        "'; DROP TABLE x;--",
        "the of and",
        "-",
        "\u200fՀԱՊԿ\u200e \u202eCSTO",
        "Pashинян",
        "«border commission",
        "summit " * 570,
        "?!… — «»",
    ],
)
async def test_hostile_search_gives_results_or_nothing_found(bot: BotHarness, query: str) -> None:
    reply = only(await bot.send(f"/search {query}"))
    answers = ("Results for", "Nothing found", "Tell me what to look for", "no words to look",
               "only very common words")  # fmt: skip
    assert any(answer in reply.plain for answer in answers), reply.plain
    assert "went wrong" not in reply.plain


async def test_search_without_words_explains(bot: BotHarness) -> None:
    assert "/search" in await answer(bot, "/search")


async def test_subscribe_unsubscribe_and_list(bot: BotHarness) -> None:
    await converse(
        bot,
        ("/subscribe csto", "Subscribed to CSTO"),
        ("/subscribe CSTO", "already follow"),
        ("/subscribe EU", "Subscribed to EU"),
        ("/subscriptions", "CSTO", "EU"),
        ("/unsubscribe CSTO", "Unsubscribed from CSTO"),
        ("/unsubscribe CSTO", "did not follow"),
        ("/subscribe Atlantis", "There is no topic"),
    )


async def test_settings_buttons_change_delivery_in_place(bot: BotHarness) -> None:
    panel = only(await bot.send("/settings"))
    assert "instant pushes" in panel.plain
    edited = only(await bot.press(panel, "Daily digest"))
    assert edited.message_id == panel.message_id
    assert "daily digest at 08:00" in edited.plain
    chat = await chat_store.get_chat(bot.services.db, 1)
    assert chat is not None and (chat.delivery_mode, chat.digest_time) == ("digest", "08:00")


async def test_an_update_reads_its_chat_row_once(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chat's language, its article languages and ensure_chat share one read; a button
    that changes the row reads it again to redraw the panel."""
    await bot.send("/start")
    panel = only(await bot.send("/settings"))
    reads: list[int] = []
    read_chat = chat_store.get_chat

    async def counted(db: Database, chat_id: int) -> ChatRecord | None:
        reads.append(chat_id)
        return await read_chat(db, chat_id)

    monkeypatch.setattr(chat_store, "get_chat", counted)
    for command in ("/latest", "/topic CSTO", "/search CSTO", "/languages", "/digest 07:30"):
        reads.clear()
        assert await bot.send(command), command
        assert reads == [1], command
    reads.clear()
    edited = only(await bot.press(panel, "Daily digest"))
    assert "daily digest at 07:30" in edited.plain
    assert reads == [1, 1]


async def test_digest_timezone_and_quiet_are_stored_and_shown(bot: BotHarness) -> None:
    await converse(
        bot,
        ("/digest 7:30", "07:30"),
        ("/digest 25:00", "HH:MM"),
        ("/timezone yerevan", "Asia/Yerevan"),
        ("/timezone Asia/Yervan", "Did you mean", "Asia/Yerevan"),
        ("/quiet 22:00-07:00", "22:00–07:00"),
        ("/quiet late", "HH:MM-HH:MM"),
    )
    chat = await chat_store.get_chat(bot.services.db, 1)
    assert chat is not None
    assert (chat.digest_time, chat.timezone, chat.quiet_start, chat.quiet_end) == (
        "07:30",
        "Asia/Yerevan",
        "22:00",
        "07:00",
    )
    await converse(
        bot,
        ("/settings", "07:30", "Asia/Yerevan", "22:00–07:00"),
        ("/digest off", "Digest off"),
        ("/quiet off", "Quiet hours off"),
    )


async def test_stop_asks_first_then_deletes(bot: BotHarness) -> None:
    await bot.send("/subscribe CSTO")
    question = only(await bot.send("/stop"))
    cancelled = only(await bot.press(question, "Cancel"))
    assert "nothing was changed" in cancelled.plain
    assert await chat_store.get_chat(bot.services.db, 1) is not None

    question = only(await bot.send("/stop"))
    done = only(await bot.press(question, "Yes"))
    assert "deleted" in done.plain
    assert await chat_store.get_chat(bot.services.db, 1) is None
    assert await chat_store.subscribed_topics(bot.services.db, 1) == []


async def test_group_settings_need_a_group_admin(bot: BotHarness) -> None:
    bot.telegram.members[(GROUP, 7)] = "member"
    bot.telegram.members[(GROUP, 8)] = "administrator"
    refused = only(
        await bot.send("/subscribe CSTO", user_id=7, chat_id=GROUP, chat_type="supergroup")
    )
    assert "administrators" in refused.plain
    assert await chat_store.subscribed_topics(bot.services.db, GROUP) == []
    allowed = only(
        await bot.send("/subscribe CSTO", user_id=8, chat_id=GROUP, chat_type="supergroup")
    )
    assert "Subscribed" in allowed.plain
    # Reading is for everyone.
    assert only(await bot.send("/latest", user_id=7, chat_id=GROUP, chat_type="supergroup"))


async def test_commands_for_other_bots_are_ignored(bot: BotHarness) -> None:
    assert await bot.send("/latest@some_other_bot", chat_id=GROUP, chat_type="supergroup") == []
    mine = await bot.send("/latest@newsbrief_bot 2", chat_id=GROUP, chat_type="supergroup")
    assert only(mine).text.count("<a href=") == 2


async def test_unknown_command_gets_a_hint(bot: BotHarness) -> None:
    reply = only(await bot.send("/frobnicate now"))
    assert "/help" in reply.plain and "/frobnicate" in reply.plain
    assert len(reply.plain.splitlines()) == 1


async def test_forum_topic_replies_stay_in_their_thread(bot: BotHarness) -> None:
    reply = only(await bot.send("/latest 1", chat_id=GROUP, chat_type="supergroup", thread_id=77))
    assert reply.thread_id == 77


async def test_feed_markup_is_never_trusted(tmp_path: Path) -> None:
    harness = await BotHarness.start(tmp_path, feeds=[])
    try:
        evil = Article(
            guid="evil",
            url='https://x.example/a?q="><script>',
            title="<b>Breaking</b> & <script>x",
            author=None,
            published_at=int(harness.services.now()),
            teaser="<i>teaser</i>",
            body="Body with <tags> & ampersands. " * 200,
            language="en",
            guid_key="k1",
            url_key="u1",
            content_key="c1",
            topics=[],
        )
        await article_store.store_articles(
            harness.services.db,
            feed_id=None,
            source="<Evil>",
            fetched_at=evil.published_at,
            articles=[evil],
            topic_ids={},
        )
        reply = only(await harness.send("/latest"))
        assert "<b>Breaking</b> & <script>x" in reply.plain
        found = only(await harness.send("/search ampersands"))
        assert "ampersands" in plain_text(found.text)
    finally:
        await harness.stop()


async def test_settings_persist_across_restarts(tmp_path: Path) -> None:
    first = await BotHarness.start(tmp_path, feeds=[])
    await first.send("/subscribe CSTO")
    await first.send("/timezone Europe/Moscow")
    await first.stop()
    second = await BotHarness.start(tmp_path, feeds=[])
    try:
        panel = only(await second.send("/settings")).plain
        assert "Europe/Moscow" in panel and "CSTO" in panel
    finally:
        await second.stop()


async def test_reader_menu_is_set(bot: BotHarness) -> None:
    menus = list(bot.telegram.commands.values())
    assert menus and {"latest", "search", "topic"} <= {c["command"] for c in menus[0]}
