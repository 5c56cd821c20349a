"""The topics in force: loaded from the database, matched against articles, found by name."""

from __future__ import annotations

import difflib

from news.topics import Topic, TopicMatcher
from storage import topics as topic_store
from storage.db import Database
from storage.records import TopicRecord


class TopicCatalog:
    def __init__(self) -> None:
        self._topics: list[TopicRecord] = []
        self._matcher = TopicMatcher([])

    async def reload(self, db: Database) -> None:
        self._topics = await topic_store.list_topics(db)
        self._matcher = TopicMatcher(Topic(t.name, t.keywords, t.stemmed) for t in self._topics)

    @property
    def topics(self) -> list[TopicRecord]:
        return list(self._topics)

    @property
    def spec(self) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
        """The topics as plain data (name, keywords, stemmed keywords), for matching in
        another process."""
        return tuple((t.name, tuple(t.keywords), tuple(t.stemmed)) for t in self._topics)

    @property
    def ids_by_name(self) -> dict[str, int]:
        return {topic.name: topic.id for topic in self._topics}

    def match(self, *texts: str) -> list[str]:
        return self._matcher.match(*texts)

    def find(self, name: str) -> TopicRecord | None:
        wanted = name.strip().casefold()
        for topic in self._topics:
            if topic.name.casefold() == wanted:
                return topic
        return None

    def by_id(self, topic_id: int) -> TopicRecord | None:
        return next((t for t in self._topics if t.id == topic_id), None)

    def closest(self, name: str, *, limit: int = 3) -> list[str]:
        """Topic names a person probably meant, for 'did you mean' answers."""
        names = {topic.name.casefold(): topic.name for topic in self._topics}
        wanted = name.strip().casefold()[:100]
        guesses = difflib.get_close_matches(wanted, list(names), n=limit, cutoff=0.5)
        prefix = [key for key in names if wanted and (key.startswith(wanted) or wanted in key)]
        ordered = list(dict.fromkeys([*guesses, *prefix]))[:limit]
        return [names[key] for key in ordered]
