"""The incremental index that links new articles to the stories of recent ones."""

from __future__ import annotations

from dataclasses import replace

from news.cluster import StoryItem
from news.story_index import StoryIndex, link_stories
from testkit.story_fixtures import (
    ALL_ITEMS,
    EXERCISE,
    HOUR,
    METRO,
    NOW,
    SUMMIT,
    SYUNIK,
    UPPER_LARS,
)


def temporary(item: StoryItem, number: int) -> StoryItem:
    """The article as the ingest sees it before it is stored: no id yet."""
    return replace(item, id=-number)


def test_new_articles_join_each_other_in_one_batch() -> None:
    batch = [temporary(SUMMIT[0], 1), temporary(SUMMIT[1], 2), temporary(SYUNIK[0], 3)]
    # The later report of the summit joins the earlier one; the landslide is news.
    assert link_stories(batch, []) == {-2: -1}


def test_kept_articles_count_under_their_final_ids() -> None:
    index = StoryIndex()
    index.add([METRO[0], UPPER_LARS[0]])
    assert index.link([temporary(SUMMIT[0], 1)], keep=True) == {}
    index.rename(-1, 101)
    assert 101 in index and -1 not in index
    assert index.link([temporary(SUMMIT[2], 2)]) == {-2: 101}
    assert index.link([temporary(UPPER_LARS[1], 3)]) == {-3: 301}
    # Without keep, the new articles are let go.
    assert -2 not in index and -3 not in index and len(index) == 3


def test_removed_and_old_articles_are_no_longer_matched() -> None:
    index = StoryIndex()
    index.add([SUMMIT[0], EXERCISE[0]])
    index.remove([101])
    assert index.link([temporary(SUMMIT[1], 1)]) == {}
    index.forget_before(NOW)  # everything in the fixtures is older
    assert len(index) == 0
    assert index.link([temporary(EXERCISE[1], 2)]) == {}


def test_the_window_is_counted_from_the_new_article() -> None:
    index = StoryIndex(window_hours=48)
    index.add([SUMMIT[0]])
    late = replace(SUMMIT[1], id=-1, published_at=SUMMIT[0].published_at + 72 * HOUR)
    assert index.link([late]) == {}


def test_past_capacity_the_oldest_articles_go() -> None:
    index = StoryIndex(capacity=5)
    index.add(ALL_ITEMS)
    assert len(index) == 5
    newest = sorted(ALL_ITEMS, key=lambda item: item.published_at)[-5:]
    assert all(item.id in index for item in newest)


def test_the_index_links_as_a_fresh_computation_does() -> None:
    # Built up article by article, as the bot does over many polls, the index finds the
    # same stories as linking everything at once.
    ordered = sorted(ALL_ITEMS, key=lambda item: (item.published_at, item.id))
    index = StoryIndex()
    step_by_step: dict[int, int] = {}
    for item in ordered:
        step_by_step.update(index.link([item], keep=True))
    at_once = link_stories(ordered, [])
    assert step_by_step == at_once
    assert at_once[102] == 101 and at_once[103] in {101, 102} and at_once[402] == 401
