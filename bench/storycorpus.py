"""A labelled corpus of trilingual news for the story-matching benchmark (bench/stories.py).

Every person, outlet and event here is invented. Events come in families of two: the same
actors in two different events a few hours to seven days apart (a summit and a document on
the same bloc; two border-commission meetings a week apart; a minister's visit and, days
later, his visit elsewhere). Those twins are the hard negatives. Each event is reported by
2-5 outlets in English, Russian and Armenian: every report picks its own headline (no two
reports of one event in one language share a headline template), lead, details, order,
dateline, byline and page chrome. Russian and Armenian reports say the same facts in their
own words, not word for word. In some events one outlet reuses a wire report's lead verbatim.

Families whose number is 2 modulo 3 are the held-out set: the matcher is never tuned on
them, and bench/stories.py reports them apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.storydiplomacy import DIPLOMACY
from bench.storyincidents import INCIDENTS
from bench.storynames import (
    BYLINES,
    CITIES,
    FOOTERS,
    MONTHS,
    ORGS,
    PEOPLE,
    SOURCES,
    Forms,
    Slots,
    Template,
)
from news.cluster import StoryItem

START = 1_795_000_000  # a November morning (UTC)
HOUR = 3600
DAY = 24 * HOUR

# The kinds in the order the families take them.
KINDS = (
    "summit",
    "document",
    "commission",
    "quake",
    "visit",
    "arrest",
    "rally",
    "rate",
    "road",
    "election",
)
TEMPLATES = sorted([*DIPLOMACY, *INCIDENTS], key=lambda template: KINDS.index(template.kind))


DATELINE = {
    "en": ["{CITY}, {mon} {day} ({source}) - ", "{city} ({source}) - ", ""],
    "ru": ["{CITY}, {day} {mon_ru} — {source}. ", ""],
    "hy": ["{CITY}, {mon_hy} {day}. {source}։ ", ""],
}

# Kinds of the second event of a family: the same actors, a different event.
TWINS = {
    "summit": "document", "document": "summit", "commission": "commission",
    "quake": "quake", "visit": "visit", "arrest": "rally", "rally": "arrest",
    "rate": "visit", "road": "road", "election": "visit",
}  # fmt: skip


@dataclass
class Report:
    item: StoryItem
    language: str
    event: int


@dataclass
class Corpus:
    reports: list[Report] = field(default_factory=list)
    # Pairs of events with the same actors (hard negatives).
    twins: list[tuple[int, int]] = field(default_factory=list)
    held_out: set[int] = field(default_factory=set)  # event numbers


def _fill(text: str, slots: Slots, lang: str) -> str:
    return text.format(**slots.values(lang))


def _report(
    rng: random.Random,
    template: Template,
    slots: Slots,
    lang: str,
    headline: int,
    source: str,
    wire_lead: str | None,
) -> tuple[str, str, str]:
    """(title, body, lead) of one outlet's report."""
    title = _fill(template.headlines[lang][headline], slots, lang)
    lead = wire_lead or _fill(rng.choice(template.leads[lang]), slots, lang)
    details = [_fill(d, slots, lang) for d in template.details[lang]]
    rng.shuffle(details)
    details = details[: rng.randint(1, len(details))]
    city = slots.city[lang].nom
    dateline = rng.choice(DATELINE[lang]).format(
        CITY=city.upper(), city=city, day=slots.day, mon=MONTHS["en_short"][slots.month],
        mon_ru=MONTHS["ru"][slots.month], mon_hy=MONTHS["hy"][slots.month].upper(),
        source=source,
    )  # fmt: skip
    paragraphs = [rng.choice(BYLINES[lang]), dateline + lead, *details, rng.choice(FOOTERS[lang])]
    return title, "\n\n".join(p for p in paragraphs if p), lead


@dataclass(frozen=True)
class _Family:
    """Two events with the same actors: the first of `kind`, the second of its twin kind,
    `twin_gap` seconds later."""

    kind: str
    a: dict[str, Forms]
    b: dict[str, Forms]
    org: tuple[str, str, str]
    base: int
    twin_gap: int
    first_city: dict[str, Forms]


def _family(rng: random.Random, family: int) -> _Family:
    kind = TEMPLATES[family % len(TEMPLATES)].kind
    # Families of one kind never share their main actor or place: that would make
    # two events that only a date tells apart, which no reader could either.
    a = PEOPLE[family % len(PEOPLE)]
    b = PEOPLE[(family + 7) % len(PEOPLE)]
    org = ORGS[family % len(ORGS)]
    # Families of one kind (every tenth) start at least three days apart, beyond the
    # story window: two "document" events of one bloc in one day would be one story.
    base = START + (family // 10) * 5 * DAY + rng.randint(0, 48) * HOUR
    # The same people in the same kind of event meet again days later (two border
    # meetings, two visits); a different kind of event may be the same day.
    same_kind = TWINS[kind] == kind and kind not in ("quake", "road")
    twin_gap = rng.choice([50, 80, 120, 160] if same_kind else [6, 14, 30, 50, 80]) * HOUR
    first_city = CITIES[family * 5 % len(CITIES)]
    return _Family(kind, a, b, org, base, twin_gap, first_city)


def _event(rng: random.Random, f: _Family, member: int) -> tuple[str, Slots, int]:
    """The kind, slots and publication time of the family's first or second event."""
    this_kind = f.kind if member == 0 else TWINS[f.kind]
    # The same kind of event in the same place within three days would be one
    # story told again (an aftershock, a second day of talks): twins of one kind
    # happen elsewhere, or later.
    same_place = member == 0 or (
        (this_kind != f.kind or f.twin_gap >= 72 * HOUR) and rng.random() < 0.5
    )
    city = f.first_city if same_place else rng.choice([c for c in CITIES if c is not f.first_city])
    published = f.base + member * f.twin_gap
    when = published + 6 * HOUR  # the event's day as reporters give it
    day = 1 + (when - START) // DAY % 28
    month = int((when - START) // DAY >= 25)
    slots = Slots(f.a, f.b, city, f.org, int(day), month, rng.randint(2, 9), rng.randint(2, 8))
    return this_kind, slots, published


def _languages(rng: random.Random) -> list[str]:
    """The languages of an event's 2-5 reports, never all one when there are more than two."""
    count = rng.choice([2, 2, 3, 3, 3, 4, 4, 5])
    languages = [rng.choice(["en", "ru", "hy"]) for _ in range(count)]
    if len(set(languages)) == 1 and count > 2:
        languages[-1] = {"en": "ru", "ru": "hy", "hy": "en"}[languages[0]]
    return languages


def _reports(
    rng: random.Random, kind: str, slots: Slots, published: int, event: int, next_id: int
) -> list[Report]:
    """One event's reports, ids from `next_id` on: each outlet its own headline."""
    template = next(t for t in TEMPLATES if t.kind == kind)
    languages = _languages(rng)
    used_headlines: dict[str, list[int]] = {}
    used_sources: dict[str, list[str]] = {}
    wire_lead: str | None = None
    reuse_wire = rng.random() < 0.3
    reports: list[Report] = []
    for number, lang in enumerate(languages):
        free = [
            i for i in range(len(template.headlines[lang]))
            if i not in used_headlines.get(lang, [])
        ]  # fmt: skip
        sources = [s for s in SOURCES[lang] if s not in used_sources.get(lang, [])]
        if not free or not sources:
            continue
        headline = rng.choice(free)
        source = rng.choice(sources)
        used_headlines.setdefault(lang, []).append(headline)
        used_sources.setdefault(lang, []).append(source)
        reuse = wire_lead if (reuse_wire and lang == "en" and number > 0) else None
        title, body, lead = _report(rng, template, slots, lang, headline, source, reuse)
        if lang == "en" and wire_lead is None:
            wire_lead = lead
        slug = f"{kind}-{event}-{number}"
        host = "".join(ch for ch in source.lower() if ch.isascii() and ch.isalnum())
        item = StoryItem(
            id=next_id + len(reports),
            title=title,
            text=body,
            published_at=published + rng.randint(0, 14) * HOUR + rng.randint(0, 59) * 60,
            source=source,
            url=f"https://{host or 'news'}.example/{slug}",
        )
        reports.append(Report(item, lang, event))
    return reports


def build(seed: int = 13, families: int = 42) -> Corpus:
    """The corpus: `families` pairs of events (same actors, different events)."""
    rng = random.Random(seed)
    corpus = Corpus()
    event = 0
    for family in range(families):
        f = _family(rng, family)
        for member in range(2):
            kind, slots, published = _event(rng, f, member)
            if family % 3 == 2:
                corpus.held_out.add(event)
            next_id = len(corpus.reports) + 1
            corpus.reports += _reports(rng, kind, slots, published, event, next_id)
            event += 1
        corpus.twins.append((event - 2, event - 1))
    return corpus
