"""The pure parts of handlers: what a command's words ask for, and what a reader or admin
is shown, decided without Telegram or a database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.i18n import translator
from handlers.admin_stats import summary_text
from handlers.buttons import numbers_in
from handlers.channels import ChannelRequest, Target, parse_channel_request, requested_topics
from handlers.chat_settings import digest_status, quiet_status, timezone_status, unknown_zone_text
from handlers.shared import followed_text, parse_keywords, window_text
from storage.records import ChatRecord, TopicRecord
from storage.stats import Overview

EN = translator("en")
ARMENIA = TopicRecord(id=1, name="Armenia", keywords=("Armenia",), origin="file")
CSTO = TopicRecord(id=2, name="CSTO", keywords=("CSTO",), origin="file")
TOPICS = {"armenia": ARMENIA, "csto": CSTO}


PRIVATE_CHAT = ChatRecord(
    id=7,
    type="private",
    title="",
    thread_id=None,
    language="en",
    timezone=None,
    delivery_mode="instant",
    digest_time=None,
    quiet_start=None,
    quiet_end=None,
    active=True,
    created_at=0,
)


def chat(**changes: str) -> ChatRecord:
    return replace(PRIVATE_CHAT, **changes)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], None),
        (["news"], None),
        (["@ab"], None),  # too short for a Telegram username
        (
            ["@armnews", "Armenia"],
            ChannelRequest(Target("armnews", None, None), "en", False, ("Armenia",)),
        ),
        (
            ["-1001234:15", "CSTO", "LANG=RU", "quiet"],
            ChannelRequest(Target(None, -1001234, 15), "ru", True, ("CSTO",)),
        ),
        (
            ["@armnews", "silent", "Armenia,", "South", "Caucasus"],
            ChannelRequest(
                Target("armnews", None, None), "en", True, ("Armenia", "South Caucasus")
            ),
        ),
        (["@armnews"], ChannelRequest(Target("armnews", None, None), "en", False, ())),
    ],
)
def test_a_channel_request_is_read_from_the_command_words(
    words: list[str], expected: ChannelRequest | None
) -> None:
    assert parse_channel_request(words) == expected


@pytest.mark.parametrize(
    ("names", "language", "expected"),
    [
        (("armenia", "CSTO"), "en", [ARMENIA, CSTO]),
        (("Armenia",), "xx", ("I speak en, ru, hy; xx is not one of them.", "language")),
        (
            ("Armenia", "Mars"),
            "ru",
            ("There is no topic “Mars”. /topics lists them all.", "no topic Mars"),
        ),
        (
            (),
            "hy",
            (
                "Send /addchannel @name TOPIC... (or -100ID, or -100ID:THREAD for a forum "
                "topic), optionally lang=en|ru|hy and quiet.",
                "no topics",
            ),
        ),
    ],
)
def test_the_topics_of_a_channel_request_or_why_it_is_refused(
    names: tuple[str, ...], language: str, expected: object
) -> None:
    request = ChannelRequest(Target("armnews", None, None), language, False, names)
    found = requested_topics(request, lambda name: TOPICS.get(name.casefold()), EN)
    assert found == expected


@pytest.mark.parametrize(
    ("figures", "live", "expected_lines"),
    [
        (
            Overview(),
            (),
            [
                "Chats: 0 active (none), 0 inactive",
                "Subscriptions by topic: none",
                "Deliveries: 0 sent, 0 pending, 0 retrying, 0 dead",
                "Channels: 0 linked, 0 inactive",
            ],
        ),
        (
            Overview(
                chats_active=1500,
                chats_by_type={"private": 1400, "supergroup": 99, "odd": 1},
                subscriptions_by_topic={"Armenia": 12, "CSTO": 0},
                deliveries={"sent": 20, "pending": 3, "dead": 1},
                retrying=2,
            ),
            ("Telegram unreachable", "Instances: 2 live"),
            [
                "Chats: 1,500 active (odd 1, private chats 1,400, supergroups 99), 0 inactive",
                "Subscriptions by topic: Armenia 12",
                "Deliveries: 20 sent, 3 pending, 2 retrying, 1 dead",
                "Telegram unreachable",
                "Instances: 2 live",
            ],
        ),
        (
            Overview(channels_inactive=[(f"chan{i}", "kicked") for i in range(12)]),
            (),
            ["Channels: 0 linked, 12 inactive", "• chan9: kicked"],
        ),
    ],
)
def test_the_stats_summary_shows_the_figures_in_order(
    figures: Overview, live: tuple[str, ...], expected_lines: list[str]
) -> None:
    lines = summary_text(figures, EN, live).splitlines()
    assert lines[0] == "<b>newsbrief statistics</b>"
    positions = [lines.index(line) for line in expected_lines]
    assert positions == sorted(positions)
    assert len([line for line in lines if line.startswith("• ")]) == min(
        10, len(figures.channels_inactive)
    )


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (chat(), "You get instant pushes, no digest."),
        (chat(delivery_mode="digest", digest_time="07:30"), "Your daily digest comes at 07:30."),
        # Digest mode without a time is no digest: pushes come one by one.
        (chat(delivery_mode="digest"), "You get instant pushes, no digest."),
    ],
)
def test_digest_alone_says_when_the_digest_comes(record: ChatRecord, expected: str) -> None:
    first, second = digest_status(record, EN).split("\n")
    assert first == expected
    assert second.startswith("Send /digest HH:MM")


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (chat(), "Quiet hours are off."),
        (chat(quiet_start="22:00", quiet_end="07:00"), "Quiet hours: 22:00–07:00."),
    ],
)
def test_quiet_alone_says_the_quiet_hours(record: ChatRecord, expected: str) -> None:
    assert quiet_status(record, EN).split("\n")[0] == expected


@pytest.mark.parametrize(
    ("record", "zone"),
    [(chat(), "Europe/Moscow"), (chat(timezone="Asia/Yerevan"), "Asia/Yerevan")],
)
def test_timezone_alone_names_the_chat_zone_or_the_default(record: ChatRecord, zone: str) -> None:
    assert timezone_status(record, EN, "Europe/Moscow").startswith(f"Your timezone is {zone}.")


@pytest.mark.parametrize(
    ("typed", "suggestions", "expected"),
    [
        (
            "Yerevn",
            ["Asia/Yerevan"],
            "I don't know the timezone “Yerevn”. Did you mean: Asia/Yerevan?",
        ),
        (
            "<b>",
            [],
            "I don't know the timezone “&lt;b&gt;”. Use Area/City, e.g. Asia/Yerevan or "
            "Europe/Moscow.",
        ),
    ],
)
def test_an_unknown_zone_is_answered_with_suggestions_or_the_format(
    typed: str, suggestions: list[str], expected: str
) -> None:
    assert unknown_zone_text(typed, suggestions, EN) == expected


@pytest.mark.parametrize(
    ("added", "record", "expected"),
    [
        (False, chat(), "You already follow <b>CSTO</b>."),
        (
            True,
            chat(),
            "Subscribed to <b>CSTO</b>. New stories will come here as they are published.",
        ),
        (
            True,
            chat(delivery_mode="digest", digest_time="08:00"),
            "Subscribed to <b>CSTO</b>. New stories will come in your daily digest at 08:00.",
        ),
    ],
)
def test_following_a_topic_says_how_its_stories_will_come(
    added: bool, record: ChatRecord, expected: str
) -> None:
    assert followed_text(added, record, CSTO, EN) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("lt:5:5:0", [5, 5, 0]),
        ("tb:2:168", [2, 168]),
        ("tb:2:-1", [2, None]),
        ("tb:x", [None]),
        ("tb:", [None]),
        ("tb:1:２", [1, None]),  # a full-width digit is not a number we offered
    ],
)
def test_a_button_numbers_are_read_after_its_prefix(data: str, expected: list[int | None]) -> None:
    assert numbers_in(data[3:]) == expected


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(1, "1 hour"), (24, "24 hours"), (36, "36 hours"), (48, "2 days"), (168, "7 days")],
)
def test_a_window_is_in_days_when_whole_days(hours: int, expected: str) -> None:
    assert window_text(hours, EN) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gas electricity", ["gas", "electricity"]),
        ('gas "nuclear  plant"', ["gas", "nuclear plant"]),
        ("South Caucasus, Armenia,,armenia", ["South Caucasus", "Armenia", "armenia"]),
        ("gas gas", ["gas"]),
    ],
)
def test_keywords_are_commas_or_words_with_quoted_phrases_whole(
    text: str, expected: list[str]
) -> None:
    assert parse_keywords(text) == expected
