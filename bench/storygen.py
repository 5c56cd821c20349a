"""A seeded topic window of regional news for the brief benchmark, with its true events.

Events come from templates modelled on testkit/story_fixtures.py (the fixtures themselves are
included too): each template has headline variants, lead variants that state the key fact
in different words, and detail sentences. An event fills the template's slots (place,
figures, people), picks its own subset of details, and is reported by 2-6 articles from
different sources, each with its own headline, lead, details, order and page chrome
(datelines, bylines, photo credits, footers). Several events of one template (two
landslides in two provinces) make the grouping hard in the way real news does. Noise
articles are one-offs mixing unrelated sentences.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from bench.storygentemplates import TEMPLATES
from bench.storygenwords import (
    AGREEMENTS,
    AIRPORTS,
    BUILDINGS,
    CARRIERS,
    CAUSES,
    CHECKPOINTS,
    CHROME_BOTTOM,
    CHROME_TOP,
    CITIES,
    COUNTRIES,
    DAYS,
    DESTINATIONS,
    HIGHWAYS,
    MINISTRIES,
    MONTHS,
    NOISE_ACTIONS,
    NOISE_DETAILS,
    NOISE_SUBJECTS,
    NOISE_TITLE_VERBS,
    ORGS,
    PARTNERS,
    PEOPLE,
    PLACES,
    PROVINCES,
    REGULATORS,
    SOURCES,
    SUBJECTS,
    Template,
)
from news.cluster import StoryItem
from testkit.story_fixtures import EVENTS, HOUR, NOW

# Events of one kind in one topic window: a few landslides in two days is already a lot.
EVENTS_PER_TEMPLATE = max(t.max_events for t in TEMPLATES)
# Names the fixtures' own events use, so no template event copies one (the same summit
# twice).
_FIXTURE_NAMES = {
    "summit": {"Minsk"},
    "exercise": {"Tajikistan"},
    "checkpoint": {"Upper Lars"},
    "landslide": {"Kajaran", "Syunik", "M2"},
}


@dataclass(frozen=True)
class Corpus:
    items: list[StoryItem]
    events: dict[int, str]  # item id -> its true event ("noise-…" for one-offs)


def generate(
    total: int = 500, *, seed: int = 7, now: int = NOW, window_hours: float = 48
) -> Corpus:
    """`total` articles published within `window_hours` before `now`: the fixtures, events
    of 2-6 articles from the templates (at most `max_events` of a kind), and one-off
    articles for the rest (about a third of 500)."""
    rng = random.Random(seed)
    corpus = Corpus(items=[], events={})
    for name, fixture_items in EVENTS.items():
        for item in fixture_items:
            corpus.items.append(replace(item, published_at=item.published_at - NOW + now))
            corpus.events[item.id] = f"fixture-{name}"
    next_id = _template_events(rng, corpus, total, now=now, window_hours=window_hours)
    _one_offs(rng, corpus, total, next_id, now=now, window_hours=window_hours)
    return corpus


def _identity_slots(rng: random.Random, template: Template, taken: set[str]) -> dict[str, str]:
    """Slots whose identity names no earlier event of the template used (200 tries)."""
    slots = _slots(rng)
    for _ in range(200):
        names = {slots[name] for name in template.identity}
        if not names & taken:
            break
        slots = _slots(rng)
    taken.update(names)
    return slots


def _template_events(
    rng: random.Random, corpus: Corpus, total: int, *, now: int, window_hours: float
) -> int:
    """Events of 2-6 articles from the templates, up to `total`; the next free item id."""
    items, events = corpus.items, corpus.events
    next_id = 10_000
    number = 0
    used: dict[str, set[str]] = {key: set(values) for key, values in _FIXTURE_NAMES.items()}
    event_target = min(total, sum(t.max_events for t in TEMPLATES) * 4)
    while len(items) < event_target and number < EVENTS_PER_TEMPLATE * len(TEMPLATES):
        template = TEMPLATES[number % len(TEMPLATES)]
        number += 1
        if number > template.max_events * len(TEMPLATES):
            continue
        slots = _identity_slots(rng, template, used.setdefault(template.key, set()))
        details = rng.sample(template.details, k=min(len(template.details), rng.randint(3, 5)))
        start = now - int(rng.uniform(2, window_hours - 1) * HOUR)
        size = min(rng.randint(2, 6), event_target - len(items))
        sources = rng.sample(SOURCES, k=size)
        for source in sources:
            published = min(now, start + int(rng.uniform(0, 20) * HOUR))
            title = rng.choice(template.titles).format(**slots)
            body = [rng.choice(template.leads).format(**slots)]
            body += [d.format(**slots) for d in rng.sample(details, k=rng.randint(2, len(details)))]
            items.append(_article(rng, next_id, source, title, body, published, slots))
            events[next_id] = f"{template.key}-{number}"
            next_id += 1
    return next_id


def _one_offs(
    rng: random.Random,
    corpus: Corpus,
    total: int,
    next_id: int,
    *,
    now: int,
    window_hours: float,
) -> None:
    """One-off local news up to `total` articles, no two telling the same thing."""
    done: set[tuple[str, str]] = set()
    while len(corpus.items) < total:
        slots = _slots(rng)
        subject, action = rng.choice(NOISE_SUBJECTS), rng.choice(NOISE_ACTIONS)
        for _ in range(100):
            # Two one-offs doing the same thing in the same town would be one story.
            if (action, slots["place"]) not in done and (subject, slots["place"]) not in done:
                break
            subject, action = rng.choice(NOISE_SUBJECTS), rng.choice(NOISE_ACTIONS)
            slots = _slots(rng)
        done.update({(action, slots["place"]), (subject, slots["place"])})
        where = rng.choice(NOISE_TITLE_VERBS).format(**slots)
        title = f"{subject} {where} {action}"
        body = [f"{subject} {where} {action} on {slots['day']}."]
        body += [d.format(**slots) for d in rng.sample(NOISE_DETAILS, k=rng.randint(1, 3))]
        published = now - int(rng.uniform(0, window_hours) * HOUR)
        source = rng.choice(SOURCES)
        corpus.items.append(_article(rng, next_id, source, title, body, published, slots))
        corpus.events[next_id] = f"noise-{next_id}"
        next_id += 1


def _slots(rng: random.Random) -> dict[str, str]:
    place, place2 = rng.sample(PLACES, k=2)
    checkpoint, checkpoint2 = rng.sample(CHECKPOINTS, k=2)
    reason = rng.choice(["Heavy snow", "Fog", "Road repairs", "An avalanche risk"])
    building = rng.choice(BUILDINGS)
    return {
        "place": place,
        "place2": place2,
        "province": rng.choice(PROVINCES),
        "person": rng.choice(PEOPLE),
        "city": rng.choice(CITIES),
        "city_am": rng.choice(["Yerevan", "Gyumri", "Vanadzor"]),
        "org": rng.choice(ORGS),
        "month": rng.choice(MONTHS),
        "day": rng.choice(DAYS),
        "day2": rng.choice(DAYS),
        "n": str(rng.randint(2, 9)),
        "m": str(rng.randint(2, 9)),
        "country": rng.choice(COUNTRIES),
        "checkpoint": checkpoint,
        "checkpoint2": checkpoint2,
        "reason": reason,
        "reason_lower": reason.lower(),
        "highway": rng.choice(HIGHWAYS),
        "building": building,
        "building_title": building.capitalize(),
        "cause": rng.choice(CAUSES),
        "subject": rng.choice(SUBJECTS),
        "regulator": rng.choice(REGULATORS),
        "ministry": (ministry := rng.choice(MINISTRIES)),
        "ministry_title": ministry.capitalize(),
        "airport": rng.choice(AIRPORTS),
        "destination": rng.choice(DESTINATIONS),
        "carrier": rng.choice(CARRIERS),
        "partner": rng.choice(PARTNERS),
        "agreement": rng.choice(AGREEMENTS),
    }


def _article(
    rng: random.Random,
    item_id: int,
    source: str,
    title: str,
    body: list[str],
    published: int,
    slots: dict[str, str],
) -> StoryItem:
    fill = {**slots, "source": source, "upper": slots["place"].upper(), "title": title}
    lines: list[str] = []
    if rng.random() < 0.6:
        chrome = rng.choice(CHROME_TOP).format(**fill)
        if chrome.endswith("—"):
            body = [f"{chrome} {body[0]}", *body[1:]]  # a dateline opens the lead
        else:
            lines.append(chrome)
    # Two or three sentences to a paragraph, as sites lay them out.
    paragraph: list[str] = []
    for sentence in body:
        paragraph.append(sentence)
        if len(paragraph) >= rng.randint(1, 3):
            lines.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    if rng.random() < 0.5:
        lines.append(rng.choice(CHROME_BOTTOM).format(**fill))
    host = source.lower().replace(" ", "") + ".example"
    return StoryItem(
        id=item_id,
        title=title,
        text="\n\n".join(lines),
        published_at=published,
        source=source,
        url=f"https://{host}/{item_id}",
    )
