"""Readers' own alerts: parsing, literal matching, and the real bot pushing exactly the
stories that mention the phrase (articles arriving over loopback HTTP)."""

from __future__ import annotations

import pytest

from news.alerts import MAX_ALERTS_PER_CHAT, AlertMatcher, AlertProblem, parse_alert
from storage import alerts as alert_store
from testkit.newsroom import Newsroom

# Each test runs on SQLite and on PostgreSQL (tests/conftest.py `backend`).
pytestmark = pytest.mark.usefixtures("backend")

GROUP = -100555



def test_a_phrase_keeps_its_words_together_and_commas_separate_alternatives() -> None:
    assert parse_alert("Upper  Lars").alternatives == ("Upper Lars",)
    assert parse_alert("Upper Lars, Верхний Ларс").alternatives == ("Upper Lars", "Верхний Ларс")
    assert parse_alert('"Armenia, Azerbaijan" , peace').alternatives == (
        "Armenia, Azerbaijan",
        "peace",
    )
    assert parse_alert("upper lars, UPPER LARS").alternatives == ("upper lars",)
    # A bidi override is invisible and would turn every line showing the alert around.
    assert parse_alert("\u202eUpper\u200f Lars").alternatives == ("Upper Lars",)
    assert (
        parse_alert('"Armenia, Azerbaijan", peace').key
        == parse_alert('"ARMENIA, azerbaijan",   Peace').key
    )
    for text, reason in [
        ("", "empty"),
        (' "" , ', "empty"),
        ("!!! ...", "no_words"),
        ("Lars, ???", "no_words"),
        ("x" * 101, "too_long"),
        ("the", "too_common"),
        ("Upper Lars, и", "too_common"),
        ("of the", "too_common"),
        ("7", "too_common"),
        ("\u202e\u200f", "empty"),
    ]:
        with pytest.raises(AlertProblem) as problem:
            parse_alert(text)
        assert problem.value.reason == reason


def test_matching_is_literal_whole_words_any_script() -> None:
    matcher = AlertMatcher(
        [(1, "Upper Lars"), (2, "Верхний Ларс"), (3, "a.b*c"), (4, "upper lars"), (5, "ՀԱՊԿ")]
    )
    assert matcher.match("Queues at UPPER LARS ease") == [1, 4]
    assert matcher.match("Lars Upper", "Upperlars crossing") == []
    assert matcher.match("На КПП Верхний Ларс очередь") == [2]
    assert matcher.match("abbc a.b*c") == [3] and matcher.match("aXbbc") == []
    assert matcher.match("ՀԱՊԿ-ի գագաթնաժողով") == [5]
    # A pathological regular expression is only ever literal text.
    assert AlertMatcher([(6, "(a+)+$")]).match("a" * 5000 + "!") == []


async def alerts_of(newsroom: Newsroom, chat_id: int) -> list[str]:
    db = newsroom.bot.services.db
    return [a.phrase for a in await alert_store.chat_alerts(db, chat_id)]


STORIES = {
    "u1": (
        "Queues at Upper Lars ease after the snow",
        "Trucks moved again through the Kazbegi checkpoint on Tuesday as ploughs cleared "
        "the Darial gorge road; drivers said the wait fell from two days to six hours.",
    ),
    "u2": (
        "Lars Upper valley holds its festival",
        "Winemakers from Vayots Dzor poured their new vintage at Areni on Saturday, and "
        "dancers from Yeghegnadzor closed the fair with a torch procession.",
    ),
    "u3": (
        "Upperlars brand opens a shop",
        "A clothing label from Gyumri opened its first store on Abovyan street, selling "
        "wool coats woven in Shirak villages and leather bags from Vanadzor.",
    ),
    "u4": (
        "Верхний Ларс снова открыт для грузовиков",
        "Пограничники Грузии в среду сняли ограничения для фур на КПП, а водители из "
        "Еревана сообщили, что очередь у Степанцминды рассосалась за сутки.",
    ),
    "u5": (
        "Armenia and Georgia sign an UPPER LARS customs deal",
        "Finance ministers Vahe Hovhannisyan and Lasha Khutsishvili signed a protocol in "
        "Tbilisi on joint electronic declarations for freight crossing into Russia.",
    ),
    "u6": (
        "Weather: snow in the mountains",
        "Forecasters at Hydromet expect heavy snowfall above 1,800 metres in Lori and "
        "Tavush from Thursday night, with frost in Ararat valley orchards.",
    ),
}


def rss(*guids: str) -> bytes:
    entries = "".join(
        f"<item><guid>{guid}</guid><title>{STORIES[guid][0]}</title>"
        f"<link>http://127.0.0.1/story/{guid}</link>"
        f"<description>{STORIES[guid][1]}</description></item>"
        for guid in guids
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>http://127.0.0.1/</link>{entries}</channel></rss>"
    ).encode()


async def test_an_alert_brings_exactly_the_matching_stories(room: Newsroom) -> None:
    [saved] = await room.bot.send("/alert Upper Lars, Верхний Ларс", user_id=11)
    assert "Alert saved" in saved.plain
    await room.follow(11, "Armenia")
    room.server.add("/feed.xml", rss("u1", "u2", "u3"))
    await room.bot.ingest()
    await room.bot.drain()
    room.server.add("/feed.xml", rss("u4", "u5", "u6", "u1", "u2", "u3"))
    await room.bot.ingest()
    await room.bot.drain()
    pushes = room.pushes(11)
    titles = [p.plain.split("\n")[1] for p in pushes]
    assert titles == [STORIES[guid][0] for guid in ("u1", "u4", "u5")]
    assert all("Because you follow: Upper Lars, Верхний Ларс" in p.plain for p in pushes)
    assert pushes[2].plain.startswith("Armenia · ")  # topic and alert: one push, both shown
    assert room.pushes(12) == []


async def test_bad_alerts_get_one_line_and_store_nothing(room: Newsroom) -> None:
    answers = {
        "/alert": "Send /alert WORDS",
        '/alert ""': "Send /alert WORDS",
        "/alert !!! ,,, ...": "not only punctuation",
        "/alert " + "word " * 25: "at most 100 characters",
        # A stop word alone would push nearly every story.
        "/alert the": "only very common words",
        "/alert и, a": "only very common words",
    }
    for command, wanted in answers.items():
        [answer] = await room.bot.send(command, user_id=21)
        assert wanted in answer.plain and "\n" not in answer.plain
    assert await alerts_of(room, 21) == []
    for number in range(MAX_ALERTS_PER_CHAT):
        await room.bot.send(f"/alert place{number}", user_id=21)
    [full] = await room.bot.send("/alert Gyumri market", user_id=21)
    assert "You have 20 alerts already" in full.plain
    [again] = await room.bot.send("/alert PLACE3", user_id=21)
    assert "already have the alert" in again.plain
    assert len(await alerts_of(room, 21)) == MAX_ALERTS_PER_CHAT


async def test_alerts_are_listed_removed_shown_in_settings_and_deleted_by_stop(
    room: Newsroom,
) -> None:
    await room.bot.send("/alert Upper Lars", user_id=31)
    await room.bot.send('/alert "Metsamor plant"', user_id=31)
    [listing] = await room.bot.send("/alerts", user_id=31)
    assert "Upper Lars" in listing.plain and len(listing.buttons) == 2
    [subscriptions] = await room.bot.send("/subscriptions", user_id=31)
    assert "Your alerts:" in subscriptions.plain and "Metsamor plant" in subscriptions.plain
    [settings] = await room.bot.send("/settings", user_id=31)
    assert "Alerts: Upper Lars; Metsamor plant" in settings.plain

    await room.bot.press(listing, "Upper Lars", user_id=31)
    assert await alerts_of(room, 31) == ["Metsamor plant"]
    assert "Upper Lars" not in room.bot.telegram.messages[(31, listing.message_id)].plain
    [gone] = await room.bot.send("/unalert metsamor PLANT", user_id=31)
    assert "Alert removed" in gone.plain and await alerts_of(room, 31) == []
    [none] = await room.bot.send("/unalert Metsamor plant", user_id=31)
    assert "You have no alert" in none.plain

    await room.bot.send("/alert Upper Lars", user_id=31)
    [confirm] = await room.bot.send("/stop", user_id=31)
    await room.bot.press(confirm, "Yes", user_id=31)
    assert await alerts_of(room, 31) == []
    await room.publish(("s1", "Upper Lars closed again"))
    await room.bot.drain()
    assert room.pushes(31) == []


async def test_in_groups_only_admins_set_alerts(room: Newsroom) -> None:
    room.bot.telegram.members[(GROUP, 7)] = "member"
    room.bot.telegram.members[(GROUP, 8)] = "administrator"
    [refused] = await room.bot.send(
        "/alert Upper Lars", user_id=7, chat_id=GROUP, chat_type="supergroup"
    )
    assert "Only the group's administrators" in refused.plain
    assert await alerts_of(room, GROUP) == []
    await room.bot.send("/alert Upper Lars", user_id=8, chat_id=GROUP, chat_type="supergroup")
    await room.publish(("g1", "Upper Lars: trucks wait for hours"))
    await room.bot.drain()
    [push] = room.pushes(GROUP)
    assert "Because you follow: Upper Lars" in push.plain


async def test_one_push_per_story_for_an_alert_only_reader(room: Newsroom) -> None:
    """Two reports of one event (another title, another URL, other words for the same facts)
    that match only the reader's alert: the second joins the first's story, not pushed."""
    await room.bot.send("/alert Upper Lars", user_id=41)
    first = (
        "v1",
        "Avalanche shuts Upper Lars to trucks",
        "Georgian border guards closed the Upper Lars crossing to trucks on Monday after an "
        "avalanche near Kazbegi buried the road, stranding about 400 Armenian lorries.",
    )
    second = (
        "v2",
        "Upper Lars closed after avalanche near Kazbegi",
        "An avalanche near Kazbegi buried the road on Monday and Georgian border guards shut "
        "the Upper Lars crossing to trucks, leaving some 400 Armenian lorries stranded.",
    )

    def rss_of(*items: tuple[str, str, str]) -> bytes:
        entries = "".join(
            f"<item><guid>{guid}</guid><title>{title}</title>"
            f"<link>http://127.0.0.1/story/{guid}</link>"
            f"<description>{text}</description></item>"
            for guid, title, text in items
        )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>http://127.0.0.1/</link>{entries}</channel></rss>"
        ).encode()

    room.server.add("/feed.xml", rss_of(first))
    await room.bot.ingest()
    await room.bot.drain()
    room.server.add("/feed.xml", rss_of(second, first))
    await room.bot.ingest()
    await room.bot.drain()
    stored = await room.bot.services.db.fetch_all("SELECT title FROM articles ORDER BY id")
    assert [row[0] for row in stored] == [first[1], second[1]]  # both stored ...
    assert [p.plain.split("\n")[1] for p in room.pushes(41)] == [first[1]]  # ... one pushed


async def test_twenty_longest_alerts_still_fit_settings_subscriptions_and_alerts(
    room: Newsroom,
) -> None:
    """Twenty alerts of 100 characters that Telegram counts double (mathematical letters,
    emoji), with every topic followed: /settings, /subscriptions and /alerts each answer in
    one message that Telegram accepts."""
    for topic in ("CSTO", "Armenia", "Azerbaijan", "Economy", "Energy", "Georgia"):
        await room.follow(61, topic)
    for i in range(MAX_ALERTS_PER_CHAT):
        phrase = (
            chr(0x1D400 + i)
            + chr(0x1D41A + i)
            + "".join(chr(0x1F600 + (i + j) % 60) for j in range(98))
        )
        [saved] = await room.bot.send(f"/alert {phrase}", user_id=61)
        assert saved.plain.startswith("Alert saved"), saved.plain
    for command in ("/settings", "/subscriptions", "/alerts"):
        [answer] = await room.bot.send(command, user_id=61)
        assert "went wrong" not in answer.plain, command
        assert chr(0x1D400 + MAX_ALERTS_PER_CHAT - 1) in answer.plain, command
    assert room.bot.telegram.refused() == []


async def test_an_alert_of_common_words_saved_earlier_can_still_be_removed(
    room: Newsroom,
) -> None:
    """Alerts like "the" were accepted before they were refused; /unalert still removes one."""
    await room.bot.send("/start", user_id=71)
    phrase = parse_alert("the", refuse_common=False)
    await alert_store.add_alert(
        room.bot.services.db, 71, phrase.text, phrase.key, limit=MAX_ALERTS_PER_CHAT, now=0
    )
    [removed] = await room.bot.send("/unalert the", user_id=71)
    assert removed.plain == "Alert removed: the."
    assert await alerts_of(room, 71) == []
