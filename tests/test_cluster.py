"""Grouping articles about the same event into stories, across feeds, and only those."""

from __future__ import annotations

import random
from dataclasses import replace

from news.cluster import Story, StoryItem, cluster_stories
from news.story_index import link_stories
from testkit.story_fixtures import (
    AIRPORT_RU,
    ALL_ITEMS,
    CSTO_ITEMS,
    EVENTS,
    EXERCISE,
    HERALD,
    HOUR,
    KAVKAZ,
    NOW,
    SUMMIT,
    SYUNIK,
    UPPER_LARS,
    WIRE,
)


def groups(stories: list[Story]) -> set[frozenset[int]]:
    return {frozenset(item.id for item in story.items) for story in stories}


def test_two_feeds_reporting_one_event_make_one_story_with_two_sources() -> None:
    stories = cluster_stories(SYUNIK)
    assert len(stories) == 1
    story = stories[0]
    assert sorted(story.sources) == sorted([HERALD, WIRE])
    assert {item.id for item in story.items} == {401, 402}


def test_unrelated_events_on_the_same_topic_stay_apart() -> None:
    stories = cluster_stories(CSTO_ITEMS)
    assert groups(stories) == {frozenset({101, 102, 103}), frozenset({201, 202})}


def test_every_fixture_event_is_one_story() -> None:
    expected = {frozenset(item.id for item in items) for items in EVENTS.values()}
    assert groups(cluster_stories(ALL_ITEMS)) == expected


def test_russian_reports_of_one_event_group_together() -> None:
    assert groups(cluster_stories([*AIRPORT_RU, *EXERCISE])) == {
        frozenset({801, 802}),
        frozenset({201, 202}),
    }


def test_story_properties() -> None:
    story = next(s for s in cluster_stories(ALL_ITEMS) if s.id == 101)
    assert [item.id for item in story.items] == [101, 102, 103]  # oldest first
    assert story.id == 101
    assert story.first_at == SUMMIT[0].published_at
    assert story.last_at == SUMMIT[2].published_at
    assert story.sources == [WIRE, HERALD, KAVKAZ]  # in the order they reported it
    assert story.lead in story.items


def test_story_lead_defaults_to_the_earliest_item() -> None:
    story = Story(items=[SUMMIT[2], SUMMIT[0]])
    assert story.lead == SUMMIT[0]
    assert story.id == 101


def test_stories_come_newest_first() -> None:
    stories = cluster_stories(ALL_ITEMS)
    latest = [story.last_at for story in stories]
    assert latest == sorted(latest, reverse=True)


def test_grouping_does_not_depend_on_input_order() -> None:
    expected = cluster_stories(ALL_ITEMS)
    shuffled = list(ALL_ITEMS)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        again = cluster_stories(shuffled)
        assert [[i.id for i in s.items] for s in again] == [
            [i.id for i in s.items] for s in expected
        ]
        assert [s.lead.id for s in again] == [s.lead.id for s in expected]


def test_the_same_words_days_apart_are_another_story() -> None:
    later = replace(SUMMIT[1], id=150, published_at=SUMMIT[0].published_at + 72 * HOUR)
    stories = cluster_stories([SUMMIT[0], later], window_hours=48)
    assert groups(stories) == {frozenset({101}), frozenset({150})}
    assert len(cluster_stories([SUMMIT[0], later], window_hours=96)) == 1


def test_nothing_in_nothing_out() -> None:
    assert cluster_stories([]) == []


def test_a_single_article_is_a_story() -> None:
    stories = cluster_stories([UPPER_LARS[0]])
    assert groups(stories) == {frozenset({301})}
    assert stories[0].sources == [HERALD]


# --- joining a known story ------------------------------------------------------------------


def joins_story(
    item: StoryItem, recent: list[StoryItem], *, window_hours: float = 48
) -> int | None:
    """The known article `item` reports the same event as, if any."""
    known = [other for other in recent if other.id != item.id]
    return link_stories([item], known, window_hours=window_hours).get(item.id)


def test_an_article_on_a_known_event_joins_it() -> None:
    pushed = [SUMMIT[0], EXERCISE[0], UPPER_LARS[0]]
    assert joins_story(SUMMIT[2], pushed) == 101
    assert joins_story(UPPER_LARS[1], pushed) == 301


def test_an_article_on_a_new_event_does_not_join() -> None:
    pushed = [SUMMIT[0], UPPER_LARS[0]]
    assert joins_story(EXERCISE[1], pushed) is None
    assert joins_story(SYUNIK[0], pushed) is None
    assert joins_story(SYUNIK[0], []) is None


def test_an_article_does_not_join_itself_or_old_news() -> None:
    assert joins_story(SUMMIT[0], [SUMMIT[0]]) is None
    old = replace(SUMMIT[0], id=9, published_at=NOW - 10 * 24 * HOUR)
    assert joins_story(SUMMIT[1], [old], window_hours=48) is None


def test_joins_story_finds_the_event_among_many() -> None:
    known = [item for item in ALL_ITEMS if item.id not in (103, 402)]
    assert joins_story(next(i for i in ALL_ITEMS if i.id == 103), known) in {101, 102}
    assert joins_story(next(i for i in ALL_ITEMS if i.id == 402), known) == 401


def test_story_items_are_plain_values() -> None:
    item = StoryItem(id=1, title="t", text="x", published_at=0, source="s", url="u")
    assert item == StoryItem(id=1, title="t", text="x", published_at=0, source="s", url="u")
    assert len({item, replace(item)}) == 1
