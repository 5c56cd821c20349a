"""The reader-command benchmark's articles: seeded English news of 1-2 KB mixing common
words (Zipf-weighted) and topic keywords, built in a helper process a batch at a time."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from news.dedupe import content_key, guid_key, url_key
from news.models import Article
from news.normalize import canonical_url, make_teaser
from news.topics import Topic, TopicMatcher, load_topics

SEED = 20240917
DAY = 24 * 3600
YEAR = 365 * DAY

# A word planted in a handful of articles only, for the "rare word" search.
RARE_WORD = "Khndzoresk"
RARE_EVERY = 20_000  # one article in 20,000 mentions it (5 of 100,000)

# Share of articles that mention a topic (a regional newsroom: Armenia in most stories).
TOPIC_SHARE = {
    "Armenia": 0.45,
    "Azerbaijan": 0.20,
    "Russia": 0.18,
    "Economy": 0.15,
    "Border": 0.12,
    "Karabakh": 0.10,
    "EU": 0.08,
    "Georgia": 0.08,
    "Energy": 0.08,
    "Iran": 0.07,
    "Turkey": 0.07,
    "CSTO": 0.05,
}

SOURCES = [
    ("Yerevan Herald", "yerevanherald.example"),
    ("Caucasus Wire", "caucasuswire.example"),
    ("Kavkaz Today", "kavkaztoday.example"),
    ("South Caucasus Review", "screview.example"),
]

# Common news English; words that are topic keywords are filtered out at start, so topics
# are tagged only where a topic phrase was put on purpose.
FILLER_TEXT = """
the the the the of of of to to to and and and a a a in in in on on for for with with
said says that is was were be been has have had will would could should may might it its
this these those they their them he his she her we our you not no but or as at by from
about after before over under between during against into than more most less least also
only just still even very much many some any each every other another such same new old
first last next year years month months week weeks day days today yesterday tomorrow
government minister ministry president prime parliament deputy official officials
spokesperson statement talks meeting meetings summit visit delegation agreement deal
treaty negotiations negotiation peace process proposal draft document sides side parties
party opposition coalition vote votes election elections campaign law bill reform reforms
court judge ruling case investigation police security military troops defence defense
army soldiers forces exercise exercises drills commander general region regional province
city town village villages residents people population citizens community communities
local national international foreign affairs diplomatic diplomat diplomats ambassador
embassy relations cooperation partnership partner partners support aid assistance
humanitarian refugees displaced families children schools school hospital health
company companies business businesses market markets prices price costs cost rate rates
percent million billion thousand hundred figures data report reports survey study
analysts analyst experts expert according sources source reported reporting news media
journalists press conference interview television radio online website public private
road roads highway railway bridge construction project projects plan plans programme
water weather winter summer spring autumn snow rain farmers harvest agriculture tourism
tourists hotel culture museum festival music film church monastery history historical
university students science technology digital internet mobile network cyber
announced announce confirmed denied warned urged called asked told added noted stressed
expected planned agreed rejected signed approved discussed reviewed launched opened
closed held hold holds continue continued continues remain remained remains begin began
end ended ending start started return returned move moved moving meet met meets
important major key main senior former current recent latest early late long short high
low large small big little strong weak clear full final further possible necessary
because while although however since until when where which who whom whose what why how
there here then now again already yet soon ago later once twice around across along
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
June July August September October November December morning evening night week
talks talks issue issues question questions problem problems situation crisis tension
tensions incident incidents shooting ceasefire violation violations checkpoint checkpoints
corridor route routes transit trade-off connectivity infrastructure logistics freight
trucks cargo queue queues customs lorry drivers wait waiting hours minutes
"""

SYLLABLES_TEXT = (
    "ar ba ka ra va ta na ma sa da ga ha za vo lo mo no ko ro to po so zo el an en in on un "
    "ik ek ak ov ev yan ian ush ash esh ots ats its ert ard ord urg"
)

WORDS_PER_SENTENCE = (7, 22)
STREAM_WORDS = 2_000_000
SENTENCES_PER_PARAGRAPH = (2, 6)


# --- the archive --------------------------------------------------------------------------------


@dataclass
class Vocabulary:
    stream: list[str]  # words drawn once (Zipf-weighted); sentences are slices of it
    phrases: dict[str, list[str]]  # topic name -> English keyword phrases


def build_vocabulary(rng: random.Random, topics: list[Topic], matcher: TopicMatcher) -> Vocabulary:
    """Common words (Zipf-weighted) plus a long tail of made-up place and family names."""
    # In order of first appearance, which is roughly how common they are.
    common = [w for w in dict.fromkeys(FILLER_TEXT.split()) if not matcher.match(w)]
    syllables = SYLLABLES_TEXT.split()
    tail: list[str] = []
    seen = set(common)
    while len(tail) < 4_000:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen and not matcher.match(word):
            seen.add(word)
            tail.append(word.capitalize() if rng.random() < 0.5 else word)
    words = common + tail
    weights = [1.0 / (rank + 8) ** 0.95 for rank in range(len(words))]
    total = 0.0
    cum: list[float] = []
    for weight in weights:
        total += weight
        cum.append(total)
    phrases: dict[str, list[str]] = {}
    for topic in topics:
        english = [k for k in (topic.name, *topic.keywords) if k.isascii()]
        phrases[topic.name] = english or [topic.name]
    missing = set(TOPIC_SHARE) - set(phrases)
    if missing:
        raise SystemExit(f"setup: bundled topics lack {sorted(missing)}")
    return Vocabulary(rng.choices(words, cum_weights=cum, k=STREAM_WORDS), phrases)


def sentence(rng: random.Random, vocab: Vocabulary, extra: list[str]) -> str:
    low, high = WORDS_PER_SENTENCE
    count = low + int(rng.random() * (high - low + 1))
    start = int(rng.random() * (len(vocab.stream) - count))
    words = vocab.stream[start : start + count]
    for phrase in extra:
        words.insert(rng.randrange(len(words) + 1), phrase)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_article(rng: random.Random, vocab: Vocabulary, index: int, now: int) -> Article:
    topics = [name for name, share in TOPIC_SHARE.items() if rng.random() < share]
    mentions: list[str] = []
    for name in topics:
        mentions += [rng.choice(vocab.phrases[name]) for _ in range(rng.randint(1, 4))]
    if index % RARE_EVERY == 7:
        mentions.append(RARE_WORD)
    rng.shuffle(mentions)
    title_extra = [rng.choice(vocab.phrases[topics[0]])] if topics else []
    title = sentence(rng, vocab, title_extra)[:-1]
    title = " ".join(title.split()[:12])
    target = rng.randint(1_000, 2_000)
    paragraphs: list[str] = []
    length = 0
    while length < target:
        sentences = []
        for _ in range(rng.randint(*SENTENCES_PER_PARAGRAPH)):
            extra = [mentions.pop()] if mentions and rng.random() < 0.6 else []
            sentences.append(sentence(rng, vocab, extra))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    if mentions:
        paragraphs.append(sentence(rng, vocab, mentions))
    body = "\n\n".join(paragraphs)
    published = now - int(rng.random() * YEAR)
    name, host = SOURCES[index % len(SOURCES)]
    day = datetime.fromtimestamp(published, UTC).strftime("%Y/%m/%d")
    slug = "-".join(w.lower() for w in title.split()[:6] if w.isalnum())
    url = f"https://{host}/news/{day}/{slug}-{index}"
    return Article(
        guid=url,
        url=url,
        title=title,
        author=None if rng.random() < 0.3 else f"{name} staff",
        published_at=published,
        teaser=make_teaser(body),
        body=body,
        language="en",
        guid_key=guid_key(f"https://{host}/rss.xml", url),
        url_key=url_key(canonical_url(url)),
        content_key=content_key(title, body),
    )


# Articles are built in a helper process, a few batches ahead, while the previous batch is
# stored: building is pure Python and storing mostly waits on aiosqlite round trips.
_builder: tuple[Vocabulary, TopicMatcher] | None = None


def start_builder(seed: int) -> None:
    global _builder
    topics = load_topics()  # the bundled topics, as open_services loads them
    matcher = TopicMatcher(topics)
    _builder = (build_vocabulary(random.Random(seed), topics, matcher), matcher)


def build_batch(seed: int, start: int, count: int, now: int) -> tuple[list[Article], float]:
    """Articles start..start+count, tagged by the real matcher; the same for the same seed."""
    assert _builder is not None
    began = time.perf_counter()
    vocab, matcher = _builder
    rng = random.Random(f"{seed}:{start}")
    batch = []
    for index in range(start, start + count):
        article = make_article(rng, vocab, index, now)
        # The real tagger, as the ingestor calls it.
        article.topics = matcher.match(article.title, article.body or article.teaser)
        batch.append(article)
    return batch, time.perf_counter() - began
