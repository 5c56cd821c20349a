"""Topic briefs: the right stories, in the right order, each told once in whole sentences."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

import pytest

from news.brief import BriefEntry, build_brief, rank_stories, story_score
from news.cluster import Story, StoryItem, cluster_stories
from news.memo import Memo
from testkit.story_fixtures import ALL_ITEMS, HOUR, NOW, RATE_CUT, SUMMIT, UPPER_LARS


@pytest.fixture(scope="module")
def brief() -> list[BriefEntry]:
    return build_brief(cluster_stories(ALL_ITEMS), now=NOW)


def entry_for(brief: list[BriefEntry], story_id: int) -> BriefEntry:
    return next(entry for entry in brief if entry.story.id == story_id)


def words(sentence: str) -> set[str]:
    return {w for w in re.findall(r"\w+", sentence.casefold()) if len(w) > 3}


def test_the_brief_has_three_to_six_stories_best_first(brief: list[BriefEntry]) -> None:
    assert 3 <= len(brief) <= 6
    # Three sources, fresh: the summit leads; the old single-source rate cut is not in it.
    assert brief[0].story.id == 101
    assert brief[0].sources == 3
    assert all(entry.story.id != 501 for entry in brief)


def test_each_story_is_told_by_the_sentence_with_its_key_fact(brief: list[BriefEntry]) -> None:
    summit = " ".join(s for s, _ in entry_for(brief, 101).sentences)
    assert "March" in summit and "Minsk" in summit
    lars = " ".join(s for s, _ in entry_for(brief, 301).sentences)
    assert "Upper Lars" in lars and "closed" in lars
    drills = " ".join(s for s, _ in entry_for(brief, 201).sentences)
    assert "ended" in drills and "Tajikistan" in drills


def test_the_brief_never_says_the_same_thing_twice(brief: list[BriefEntry]) -> None:
    sentences = [s for entry in brief for s, _ in entry.sentences]
    assert len(sentences) == len(set(sentences))
    for a, b in itertools.combinations(sentences, 2):
        shared = words(a) & words(b)
        assert len(shared) < 0.5 * min(len(words(a)), len(words(b))), (a, b)
    # The summit's new date is news once, not once per outlet that reported it.
    summit = [s for s, _ in entry_for(brief, 101).sentences]
    assert sum("March" in s for s in summit) == 1


def test_sentences_are_whole_clean_and_linked_to_their_article(brief: list[BriefEntry]) -> None:
    for entry in brief:
        assert 1 <= len(entry.sentences) <= 2
        for sentence, item in entry.sentences:
            assert item in entry.story.items
            assert sentence in item.text  # quoted as written, from the linked article
            assert sentence[-1] in ".!?։"
            assert not sentence.startswith(("By ", "YEREVAN", "DUSHANBE", "TBILISI", "ГЮМРИ"))
            for chrome in ("Photo", "Subscribe", "Read more", "All rights", "Follow us", "—"):
                assert chrome not in sentence


def test_limits_are_respected() -> None:
    stories = cluster_stories(ALL_ITEMS)
    assert len(build_brief(stories, now=NOW, max_stories=3)) == 3
    single = build_brief(stories, now=NOW, sentences_per_story=1)
    assert all(len(entry.sentences) == 1 for entry in single)
    assert build_brief(stories, now=NOW, max_stories=0) == []
    assert build_brief([], now=NOW) == []


def test_min_stories_holds_even_when_the_tail_is_weak() -> None:
    # A week later every story is old; the brief still has its minimum.
    stories = cluster_stories(ALL_ITEMS)
    later = build_brief(stories, now=NOW + 7 * 24 * HOUR, min_stories=4, max_stories=6)
    assert len(later) >= 4


def test_a_story_with_nothing_quotable_is_passed_over() -> None:
    chrome_only = StoryItem(
        id=1, title="Gallery: the summit in pictures", text="Photo: Caucasus Wire\n\nBy Anna "
        "Petrosyan\n\nSubscribe to our newsletter.", published_at=NOW, source="Wire", url="u"
    )
    stories = [Story(items=[chrome_only]), *cluster_stories(SUMMIT)]
    brief = build_brief(stories, now=NOW)
    assert [entry.story.id for entry in brief] == [101]


def test_ranking_weighs_sources_size_and_recency() -> None:
    fresh_single = Story(items=[replace(RATE_CUT[0], published_at=NOW)])
    assert story_score(fresh_single, now=NOW) == pytest.approx(1.0)
    three_sources = cluster_stories(UPPER_LARS)[0]
    # Twelve hours later a story weighs half as much.
    assert story_score(three_sources, now=three_sources.last_at + 12 * HOUR) == pytest.approx(
        story_score(three_sources, now=three_sources.last_at) / 2
    )
    # More sources beat more articles from one source.
    one_source = Story(
        items=[replace(UPPER_LARS[0], id=900 + n, published_at=NOW) for n in range(3)]
    )
    many_sources = Story(items=[replace(item, published_at=NOW) for item in UPPER_LARS])
    assert story_score(many_sources, now=NOW) > story_score(one_source, now=NOW)
    ranked = [story.id for _, story in rank_stories([fresh_single, many_sources], now=NOW)]
    assert ranked == [many_sources.id, fresh_single.id]


def test_memo_keeps_the_last_values_by_key() -> None:
    memo: Memo[list[BriefEntry]] = Memo(size=2)
    calls: list[int] = []

    def brief_of(key: tuple[object, ...], items: list[StoryItem]) -> list[BriefEntry]:
        def compute() -> list[BriefEntry]:
            calls.append(1)
            return build_brief(cluster_stories(items), now=NOW)

        found = memo.get(key)
        return found if found is not None else memo.put(key, compute())

    first = brief_of(("CSTO", 1), list(ALL_ITEMS))
    assert brief_of(("CSTO", 1), list(ALL_ITEMS)) is first and len(calls) == 1
    assert memo.get(("CSTO", 1)) is first and memo.get(("CSTO", 2)) is None
    brief_of(("CSTO", 2), list(SUMMIT))
    brief_of(("EU", 1), list(SUMMIT))
    assert len(memo) == 2  # the least recently used value made room
    assert memo.get(("CSTO", 1)) is None
    brief_of(("CSTO", 1), list(ALL_ITEMS))
    assert len(calls) == 4
