"""/search through the real bot: on the bundled samples plus a loopback feed with one story
told in English, Russian and Armenian, as a reader types it (inflected, quoted, with -words)."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest

from news.samples import SAMPLE_FEED_URLS
from testkit.botkit import BotHarness, SentMessage
from testkit.feedserver import FeedServer

# Each test runs on SQLite and on PostgreSQL (tests/conftest.py `backend`).
pytestmark = pytest.mark.usefixtures("backend")

STORIES = [
    ("https://regional.example/ru/pashinyan-minsk", "Пашиняна ждут в Минске",
     "Премьер-министра Армении Никола Пашиняна ждут на заседании в Минске, сообщили в "
     "секретариате. Пашинян пока не подтвердил поездку."),
    ("https://regional.example/hy/pashinyan-brussels", "Փաշինյանը մեկնել է Բրյուսել",
     "Վարչապետ Նիկոլ Փաշինյանը մեկնել է Բրյուսել, որտեղ կհանդիպի Եվրոպական խորհրդի "
     "նախագահին։ Փաշինյանի այցը կտևի երկու օր։"),
    ("https://regional.example/en/pashinyan-trade", "Pashinyan opens trade fair in Gyumri",
     "Prime Minister Nikol Pashinyan opened the regional trade fair in Gyumri on Friday, "
     "promising new roads to the border."),
]  # fmt: skip


def rss(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><guid>{html.escape(url)}</guid><title>{html.escape(title)}</title>"
        f"<link>{html.escape(url)}</link><description>{html.escape(body)}</description></item>"
        for url, title, body in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Regional Digest</title><link>https://regional.example/</link>{entries}"
        "</channel></rss>"
    ).encode()


@pytest.fixture
def bot_settings(feed_server: FeedServer) -> dict[str, Any]:
    """The `bot` (tests/conftest.py) reads the sample feeds and a regional one."""
    feed_server.add("/regional.xml", rss(STORIES))
    return {
        "feeds": [*SAMPLE_FEED_URLS, feed_server.url("/regional.xml")],
        "allow_private_network": True,
    }


def only(messages: list[SentMessage]) -> SentMessage:
    assert len(messages) == 1, [m.plain for m in messages]
    return messages[0]


def results(plain: str) -> list[str]:
    """The numbered results, as the reader sees them."""
    return [block for block in plain.split("\n\n") if re.match(r"\d+\. ", block)]


async def test_an_inflected_russian_word_finds_the_story(bot: BotHarness) -> None:
    # The sample says "совещание"; a reader types the genitive.
    found = results(only(await bot.send("/search совещания")).plain)
    assert found and "ОДКБ проведёт совещание" in found[0]


async def test_a_name_in_any_case_finds_every_script_own_language_first(bot: BotHarness) -> None:
    found = results(only(await bot.send("/search Пашиняна")).plain)
    assert len(found) == 4  # the three reports here and the bundled peace-treaty sample
    assert "Пашиняна ждут в Минске" in found[0] and "[" not in found[0].split("\n")[0]
    assert any("[EN] Pashinyan opens trade fair" in block for block in found[1:])
    assert any("[HY] Փաշինյանը մեկնել է Բրյուսել" in block for block in found[1:])

    found = results(only(await bot.send("/search Pashinyan")).plain)
    assert "Pashinyan opens trade fair" in found[0]
    assert any("[RU] Пашиняна ждут в Минске" in block for block in found[1:])
    assert any("[HY] Փաշինյանը" in block for block in found[1:])

    found = results(only(await bot.send("/search Փաշինյանի")).plain)
    assert "Փաշինյանը մեկնել է Բրյուսել" in found[0]


async def test_a_topic_acronym_finds_the_other_languages(bot: BotHarness) -> None:
    found = results(only(await bot.send("/search ОДКБ")).plain)
    assert "ОДКБ" in found[0]
    assert any(block.startswith(f"{i}. [EN] ") for i, block in enumerate(found, 1))


async def test_a_quoted_phrase_is_honoured(bot: BotHarness) -> None:
    reply = only(await bot.send('/search "border commission"'))
    found = results(reply.plain)
    assert found and all("border commissions" in block.split("\n")[0] for block in found[:2])
    # "EU approves resilience funding for Armenia's border communities" has both words
    # ("European Commission" in its text) but not the phrase.
    assert not any("border communities" in block for block in found)
    assert "<b>" in reply.text  # the matched words are bold in the snippets


async def test_minus_leaves_a_word_out(bot: BotHarness) -> None:
    every = results(only(await bot.send("/search border")).plain)
    assert any("commissions" in block for block in every)
    found = results(only(await bot.send("/search border -commissions")).plain)
    assert found and not any("commission" in block.casefold() for block in found)


@pytest.mark.parametrize(
    ("query", "answer"),
    [
        ("the and of", "only very common words"),
        ("-summit", "Tell me what to look for"),
        ("- … ?!", "no words to look for"),
        ('"', "no words to look for"),
    ],
)
async def test_a_query_with_nothing_to_search_is_explained(
    bot: BotHarness, query: str, answer: str
) -> None:
    assert answer in only(await bot.send(f"/search {query}")).plain


async def test_hostile_queries_get_a_clear_answer_without_bidi_overrides(
    bot: BotHarness,
) -> None:
    """Operators, unbalanced quotes, emoji and bidi marks: always an answer, never an error,
    and the echoed query carries no override that would turn the answer around."""
    for query in ("NEAR(a b)", '"unbalanced', "*", "🇦🇲🔥", "x" * 4000, "\u202eCSTO\u202c"):
        answer = only(await bot.send(f"/search {query}"))
        assert "went wrong" not in answer.plain, query
        assert "\u202e" not in answer.text, query
    assert bot.telegram.refused() == []


async def test_a_chat_that_reads_russian_only_finds_russian_articles(bot: BotHarness) -> None:
    everywhere = results(only(await bot.send("/search Pashinyan")).plain)
    assert any("[RU]" in block for block in everywhere)
    assert any("[HY]" in block for block in everywhere)

    await bot.send("/languages ru")
    found = results(only(await bot.send("/search Pashinyan")).plain)
    # The name is found across scripts, but only in the Russian articles the chat reads.
    assert found and all(block.split(". ", 1)[1].startswith("[RU] ") for block in found)
    assert any("Пашиняна ждут в Минске" in block for block in found)
    assert not any("Pashinyan opens trade fair" in block for block in found)

    # Another chat (all languages, the default) still finds every script.
    others = results(only(await bot.send("/search Pashinyan", chat_id=77, user_id=77)).plain)
    assert any("Pashinyan opens trade fair" in block for block in others)
