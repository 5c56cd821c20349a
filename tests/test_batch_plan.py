"""The duplicate plan and story links of a batch, decided before any SQL (storage/batch_plan.py)."""

from __future__ import annotations

import pytest

from news.models import Article
from storage.batch_plan import (
    Action,
    Step,
    Stored,
    StoredGuid,
    inserted_ids,
    plan_batch,
    same_as_ids,
    stories_to_look_up,
    story_links,
)

NEW, EDITED, UNCHANGED, DUPLICATE = Action.NEW, Action.EDITED, Action.UNCHANGED, Action.DUPLICATE
FIRST_ID = 100
# What the database holds: article 7 under guid g7 (title "Talks", body "Day one."), URL
# u7 and content c7; article 8 under URL u8 only; article 9 under content c9 only.
STORED = Stored(
    by_guid={"g7": StoredGuid(7, "Talks", "Day one.")},
    by_url={"u7": 7, "u8": 8},
    by_content={"c7": 7, "c9": 9},
)


def article(
    guid: str | None, url: str, content: str, *, title: str = "Talks", body: str = "Day one."
) -> Article:
    """An article with these dedupe keys (the keys themselves, unhashed, name the story)."""
    return Article(
        guid=guid,
        url=f"https://a.example/{url}",
        title=title,
        author=None,
        published_at=0,
        teaser="",
        body=body,
        language="en",
        guid_key=guid,
        url_key=url,
        content_key=content,
    )


@pytest.mark.parametrize(
    ("batch", "expected"),
    [
        pytest.param(
            [article("g1", "u1", "c1"), article(None, "u2", "c2")],
            [(NEW, 100), (NEW, 101)],
            id="news gets ids in batch order",
        ),
        pytest.param(
            [article("g7", "u-other", "c-other")],
            [(UNCHANGED, 7)],
            id="known guid, same title and text: only its fingerprint",
        ),
        pytest.param(
            [article("g7", "u7", "c7", body="Day one, revised.")],
            [(EDITED, 7)],
            id="known guid, new text: edited in place",
        ),
        pytest.param(
            [article("g7", "u7", "c7", title="Talks in Geneva")],
            [(EDITED, 7)],
            id="known guid, new title: edited in place",
        ),
        pytest.param(
            [article("g-new", "u8", "c-new")],
            [(DUPLICATE, 8)],
            id="new guid, stored URL: the stored article",
        ),
        pytest.param(
            [article(None, "u-new", "c9")],
            [(DUPLICATE, 9)],
            id="stored text under another URL: the stored article",
        ),
        pytest.param(
            [article(None, "u8", "c9")],
            [(DUPLICATE, 8)],
            id="URL and text stored as two articles: the URL's wins",
        ),
        pytest.param(
            [article("g1", "u1", "c1"), article("g1", "u2", "c2")],
            [(NEW, 100), (DUPLICATE, 100)],
            id="a guid twice in the batch: stored once",
        ),
        pytest.param(
            [article("g1", "u1", "c1"), article("g2", "u1", "c2")],
            [(NEW, 100), (DUPLICATE, 100)],
            id="a URL twice in the batch: stored once",
        ),
        pytest.param(
            [article(None, "u1", "c1"), article(None, "u2", "c1"), article(None, "u3", "c3")],
            [(NEW, 100), (DUPLICATE, 100), (NEW, 101)],
            id="same text twice in the batch: no id spent on the repeat",
        ),
        pytest.param(
            [article("g7", "u7", "c7", body="New."), article("g7", "u7", "c7")],
            [(EDITED, 7), (UNCHANGED, 7)],
            id="a known guid twice: each compared with what is stored",
        ),
        pytest.param(
            [article("g1", "u7", "c1")],
            [(DUPLICATE, 7)],
            id="new guid under a URL stored with another guid: not inserted",
        ),
    ],
)
def test_plan_decides_each_article(
    batch: list[Article], expected: list[tuple[Action, int]]
) -> None:
    steps = plan_batch(batch, STORED, first_id=FIRST_ID)
    assert steps == [Step(action, article_id) for action, article_id in expected]


def test_inserted_and_same_as_split_the_plan_by_batch_index() -> None:
    steps = [Step(NEW, 100), Step(DUPLICATE, 8), Step(EDITED, 7), Step(NEW, 101)]
    assert inserted_ids(steps) == {0: 100, 3: 101}
    assert same_as_ids(steps) == {1: 8, 2: 7}


# Stored articles 7 and 8 belong to the story that article 5 opened; 9 opened its own.
ROOTS = {7: 5, 8: 5, 9: 9}


@pytest.mark.parametrize(
    ("inserted", "same_as", "joins_stored", "joins_batch", "expected"),
    [
        pytest.param({0: 100}, {}, {}, {}, {}, id="news opens its own story"),
        pytest.param({0: 100}, {}, {0: 7}, {}, {100: 5}, id="joins a stored article's story root"),
        pytest.param({0: 100}, {}, {0: 9}, {}, {100: 9}, id="joins a story of one article"),
        pytest.param(
            {0: 100, 1: 101},
            {},
            {},
            {1: 0},
            {101: 100},
            id="joins an earlier new article of the batch",
        ),
        pytest.param(
            {0: 100, 1: 101, 2: 102},
            {},
            {0: 8},
            {1: 0, 2: 1},
            {100: 5, 101: 5, 102: 5},
            id="a chain through the batch reaches the stored story",
        ),
        pytest.param(
            {1: 101},
            {0: 7},
            {},
            {1: 0},
            {101: 5},
            id="joins a batch article that was a stored one after all",
        ),
        pytest.param(
            {0: 100, 2: 102},
            {1: 100},
            {},
            {2: 1},
            {102: 100},
            id="joins a batch duplicate of a new article: that article's story",
        ),
        pytest.param({0: 100}, {}, {0: 42}, {}, {}, id="a stored article gone meanwhile: news"),
        pytest.param(
            {0: 100, 1: 101},
            {},
            {},
            {0: 1, 1: 0},
            {},
            id="a cycle of links ends as news",
        ),
    ],
)
def test_story_links(
    inserted: dict[int, int],
    same_as: dict[int, int],
    joins_stored: dict[int, int],
    joins_batch: dict[int, int],
    expected: dict[int, int],
) -> None:
    assert story_links(inserted, same_as, joins_stored, joins_batch, ROOTS) == expected


def test_only_stored_articles_are_looked_up_for_their_story() -> None:
    inserted = {0: 100, 2: 102}
    assert stories_to_look_up(inserted, {1: 100, 3: 9}, {0: 7, 2: 7}) == [7, 9]
