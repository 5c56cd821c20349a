"""Search in English, Russian and Armenian on a real SQLite file: inflected forms, phrases,
exclusions, names and concepts across scripts, the language filter, and the stemmed index of
a database made before it existed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from news.models import Article
from news.searchquery import parse_query
from storage import articles as article_store
from storage import migrations
from storage import search as search_store
from storage.db import Database
from testkit.articles import NOW, make_article

CSTO = ["CSTO", "Collective Security Treaty Organization", "ОДКБ", "ՀԱՊԿ"]

CORPUS = [
    # (key, language, title, body)
    ("ru-meeting", "ru", "Совещание ОДКБ в Минске",
     "Пашинян не приехал на совещание министров обороны. Совещание прошло без Армении."),
    ("ru-pm", "ru", "Пашиняну позвонил Лукашенко",
     "Премьер-министр Армении Никол Пашинян обсудил с президентом Беларуси поставки."),
    ("en-pm", "en", "Pashinyan skips CSTO summit",
     "Prime Minister Nikol Pashinyan said Armenia would not attend the CSTO summit in Minsk."),
    ("en-border", "en", "Border commissions meet again",
     "The border commissions of Armenia and Azerbaijan met to discuss delimitation."),
    ("en-commission", "en", "European Commission visits border communities",
     "The European Commission sent a mission to border communities near Jermuk."),
    ("en-commission-singular", "en", "The border commission has a new chair",
     "A new chair was named for the border commission on Monday."),
    ("hy-pm", "hy", "Փաշինյանը չի մասնակցի ՀԱՊԿ գագաթնաժողովին",
     "Վարչապետ Փաշինյանը հայտարարել է, որ Հայաստանը չի մասնակցի Մինսկի հանդիպմանը։"),
    ("en-lars", "en", "Upper Lars reopens", "Trucks crossed the Georgian border again."),
    ("en-weather", "en", "Snow in Gyumri", "Heavy snow closed the road to Gyumri on Monday."),
]  # fmt: skip


def corpus_article(key: str, language: str, title: str, body: str) -> Article:
    return make_article(
        title,
        url=f"https://news.example/{key}",
        body=body,
        language=language,
        content_key=f"v1:c:{key}",
    )


@pytest.fixture
async def db(database_target: str) -> Database:
    database = await Database(database_target).open()
    await article_store.store_articles(
        database,
        feed_id=None,
        source="News",
        fetched_at=NOW,
        topic_ids={},
        articles=[corpus_article(*row) for row in CORPUS],
    )
    yield database
    await database.close()


def keys_of(hits: list[search_store.SearchHit]) -> list[str]:
    return [hit.article.url.rsplit("/", 1)[1] for hit in hits]


async def search(db: Database, text: str, **options: object) -> list[str]:
    return keys_of(await search_store.search(db, text, concepts=[CSTO], **options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("совещания", "ru-meeting"),  # genitive; the article says "совещание"
        ("совещании министров", "ru-meeting"),
        ("Пашиняна", "ru-pm"),
        ("Փաշինյանի", "hy-pm"),
        ("commission", "en-commission-singular"),
    ],
)
async def test_inflected_forms_find_the_article(db: Database, query: str, expected: str) -> None:
    assert expected in await search(db, query)


async def test_the_written_form_ranks_above_other_forms(db: Database) -> None:
    found = await search(db, "commissions")
    assert found[0] == "en-border"  # "commissions" as typed
    assert "en-commission-singular" in found  # "commission", by its stem, after it


async def test_a_quoted_phrase_is_a_phrase_in_any_inflection(db: Database) -> None:
    found = await search(db, '"border commission"')
    assert set(found) == {"en-commission-singular", "en-border"}
    assert found[0] == "en-commission-singular"  # the phrase as written first
    assert "en-commission" not in found  # "European Commission ... border communities"
    # Typographic and unbalanced quotes read the same way.
    assert await search(db, "«border commission»") == found
    assert await search(db, '"border commission') == found


async def test_minus_excludes_every_form_of_a_word(db: Database) -> None:
    assert "en-border" in await search(db, "border")
    found = await search(db, "border -commission")
    assert found == ["en-lars"]
    found = await search(db, 'Armenia -"border commissions"')
    assert found[0] == "en-pm" and "en-border" not in found


async def test_a_name_finds_its_other_scripts_after_its_own(db: Database) -> None:
    hits = await search_store.search(db, "Pashinyan", concepts=[CSTO])
    found = keys_of(hits)
    assert found[0] == "en-pm" and not hits[0].foreign
    assert {"ru-meeting", "ru-pm", "hy-pm"} <= set(found)
    assert all(hit.foreign for hit in hits[1:])
    assert set(keys_of(await search_store.search(db, "пашинян"))) >= {"en-pm", "hy-pm"}


async def test_a_concept_finds_its_other_scripts(db: Database) -> None:
    found = await search(db, "ОДКБ")
    assert found[0] == "ru-meeting"
    assert {"en-pm", "hy-pm"} <= set(found)
    # Without the topic concept, the acronyms of other languages never meet.
    assert keys_of(await search_store.search(db, "ОДКБ")) == ["ru-meeting"]


async def test_the_language_filter_keeps_only_those_languages(db: Database) -> None:
    assert set(await search(db, "Pashinyan", languages={"ru"})) == {"ru-meeting", "ru-pm"}
    assert await search(db, "Pashinyan", languages={"en"}) == ["en-pm"]
    assert await search(db, "Pashinyan", languages=()) == []


async def test_snippets_mark_the_matched_forms(db: Database) -> None:
    hits = await search_store.search(db, "совещания")
    assert f"{search_store.HIT_START}Совещание{search_store.HIT_END}" in hits[0].snippet


@pytest.mark.parametrize(
    "query",
    ['"', '""', "-", "- -", "-- x", '-"', "\u200f\u202e", "the and of", "x" * 4000,
     "Pashинян", "NEAR(a b)", "{title body}: a", "names: pashinian", "*", "^a", "a AND"],
)  # fmt: skip
async def test_hostile_queries_are_answered(db: Database, query: str) -> None:
    assert isinstance(await search_store.search(db, query, concepts=[CSTO]), list)


async def test_term_briefs_match_inflected_forms(db: Database) -> None:
    found = await article_store.matching_window(db, "совещания", since=NOW - 10, limit=5)
    assert [a.url.rsplit("/", 1)[1] for a in found] == ["ru-meeting"]


async def test_an_older_database_gets_its_stems_at_start(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    step = next(
        i for i, (text, _) in enumerate(migrations.MIGRATIONS) if text.startswith("stemmed")
    )
    shipped = migrations.MIGRATIONS
    migrations.MIGRATIONS = shipped[:step]
    try:
        await (await Database(path).open()).close()
    finally:
        migrations.MIGRATIONS = shipped
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO articles (url, url_key, content_key, title, body, published_at, "
            "fetched_at, language) VALUES ('https://x.example/1', 'u1', 'c1', "
            "'Совещание в Ереване', 'Пашинян прибыл.', ?, ?, 'ru')",
            (NOW, NOW),
        )
    database = await Database(path).open()
    try:
        assert await search_store.search(database, "совещания") == []
        assert await search_store.index_backlog(database) == 1
        assert await search(database, "совещания") == ["1"]
        assert await search_store.index_backlog(database) == 0
    finally:
        await database.close()


async def test_name_keys_stored_before_the_new_folding_are_made_again(tmp_path: Path) -> None:
    # A database indexed when "Hakobyan" keyed as "akobian" and "Акопян" as "akopian": the
    # step that changed the folding indexes its articles again, so they meet.
    path = tmp_path / "keys.db"
    shipped = migrations.MIGRATIONS
    # Everything before the step that changed the folding (later steps may follow it).
    step = next(i for i, (text, _) in enumerate(shipped) if text.startswith("the article lang"))
    migrations.MIGRATIONS = shipped[:step]
    try:
        database = await Database(path).open()
        with sqlite3.connect(path) as conn:
            conn.execute(
                "INSERT INTO articles (url, url_key, content_key, title, body, published_at, "
                "fetched_at, language) VALUES ('https://x.example/1', 'u1', 'c1', "
                "'Hakobyan visits Ijevan', 'Minister Hakobyan opened a school.', ?, ?, 'en')",
                (NOW, NOW),
            )
        assert await search_store.index_backlog(database) == 1
        await database.close()
    finally:
        migrations.MIGRATIONS = shipped
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE article_stems SET names = 'akobian idzhevan akobian' WHERE rowid = 1")
        conn.execute("DELETE FROM name_scripts")
        conn.execute("INSERT INTO name_scripts VALUES ('akobian', 'en'), ('idzhevan', 'en')")
    database = await Database(path).open()
    try:
        assert await search_store.index_backlog(database) == 1
        assert await search(database, "Акопяна") == ["1"]
    finally:
        await database.close()


def test_parsing_reads_phrases_exclusions_and_common_words() -> None:
    query = parse_query('Pashinyan "border  commissions" -summit -"European Commission" -')
    assert [t.words for t in query.required] == [("pashinyan",), ("border", "commissions")]
    assert [t.words for t in query.excluded] == [("summit",), ("european", "commission")]
    assert query.language == "en"
    assert parse_query("the of and").only_common
    assert parse_query("\u200fПашиняна\u200e").required[0].words == ("пашиняна",)
    assert parse_query("Пашиняна").language == "ru"
    assert parse_query("-summit").empty and not parse_query("-summit").only_common
    long = parse_query("слово " * 1000)
    assert len(long.required) == 1
