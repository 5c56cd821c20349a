"""How stories look in a message: the one place that turns articles into Telegram HTML."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.i18n import Translator
from bot.render import MESSAGE_LIMIT, bold, escape, italic, link, pack_blocks, shorten
from news.brief import BriefEntry
from news.cluster import StoryItem
from news.limits import MAX_SUMMARY_INPUT_CHARS, cap_text
from news.summary import lead_sentence, summarize
from storage.records import ArticleRecord, SearchHit
from storage.search import HIT_END as HIT_END_MARK
from storage.search import HIT_START as HIT_START_MARK
from storage.stories import StoryHeadline

TITLE_LIMIT = 120
SOURCE_LIMIT = 40
LEAD_LIMIT = 320
SNIPPET_LIMIT = 240
PUSH_SENTENCES = 3
PUSH_SUMMARY_LIMIT = 480
ALERT_SHOWN_LIMIT = 60
_MARKS = re.compile(f"({HIT_START_MARK}|{HIT_END_MARK})")


def story_line(
    article: ArticleRecord,
    *,
    number: int | None,
    tr: Translator,
    now: int,
    lead: bool = False,
    reach: StoryHeadline | None = None,
    tag: str = "",
) -> str:
    """One story: linked title (after `tag`, plain text, when given), then source and age
    (and, for a story several outlets report, "+2 more sources · EN RU"), optionally its
    lead sentence."""
    prefix = f"{number}. " if number is not None else ""
    prefix += f"{escape(tag)} " if tag else ""
    title = shorten(article.title, TITLE_LIMIT)
    meta = _source_and_age(article.source, article.published_at, tr=tr, now=now)
    if reach is not None and reach.sources > 1:
        meta += " · " + tr.plural(
            "+{count} more source", "+{count} more sources", reach.sources - 1
        )
        if reach.languages:
            meta += " · " + language_codes(reach.languages)
    lines = [f"{prefix}{link(article.url, title)}", italic(meta)]
    if lead:
        summary = article_summary(article, sentences=1, limit=LEAD_LIMIT)
        if summary:
            lines.append(escape(summary))
    return "\n".join(lines)


def _source_and_age(source: str, when: int, *, tr: Translator, now: int) -> str:
    """'Caucasus Wire · 2 hours ago' (plain text)."""
    return tr(
        "{source} · {age}",
        source=shorten(source or "?", SOURCE_LIMIT),
        age=tr.relative_time(when, now=now),
    )


def article_summary(article: ArticleRecord, *, sentences: int, limit: int) -> str:
    """Up to `sentences` key sentences of the article, quoted whole, within `limit`
    characters; its cut lead (or teaser) when no sentence qualifies whole."""
    # Key sentences come from the top of a story: a bounded prefix keeps this cheap.
    text = cap_text(article.body or article.teaser, MAX_SUMMARY_INPUT_CHARS)
    return _summary(text, article.title, article.teaser, sentences, limit)


# A push renders the same article once per subscribed chat: summarise it once.
@lru_cache(maxsize=512)
def _summary(text: str, title: str, teaser: str, sentences: int, limit: int) -> str:
    chosen = summarize(text, title=title, max_sentences=sentences, max_chars=limit)
    if chosen:
        return " ".join(chosen)
    return shorten(lead_sentence(text, fallback=teaser), limit)


def language_codes(languages: Sequence[str]) -> str:
    """ "EN RU": codes, not words, the same in every interface language."""
    return " ".join(code.upper() for code in languages)


def story_list(
    heading: str,
    articles: Sequence[ArticleRecord],
    *,
    tr: Translator,
    now: int,
    first_number: int = 1,
    lead: bool = False,
    reach: Sequence[StoryHeadline] | None = None,
) -> str:
    blocks = [bold(heading)]
    for index, article in enumerate(articles):
        blocks.append(
            story_line(
                article,
                number=first_number + index,
                tr=tr,
                now=now,
                lead=lead,
                reach=reach[index] if reach is not None else None,
            )
        )
    return "\n\n".join(blocks)


def search_hit(hit: SearchHit, *, number: int, tr: Translator, now: int) -> str:
    # A hit found across scripts says which language it is in: "[RU]".
    language = hit.article.language if hit.foreign else None
    tag = f"[{language.upper()}]" if language else ""
    line = story_line(hit.article, number=number, tr=tr, now=now, tag=tag)
    snippet = highlight(hit.snippet)
    return f"{line}\n{snippet}" if snippet else line


def highlight(snippet: str) -> str:
    """Escape a search snippet and bold the matched words (marked by the storage layer)."""
    plain = snippet.replace(HIT_START_MARK, "").replace(HIT_END_MARK, "")
    if len(plain) > SNIPPET_LIMIT:
        return escape(shorten(plain, SNIPPET_LIMIT))
    out: list[str] = []
    bolding = False
    for part in _MARKS.split(snippet):
        if part == HIT_START_MARK:
            if not bolding:
                out.append("<b>")
                bolding = True
        elif part == HIT_END_MARK:
            if bolding:
                out.append("</b>")
                bolding = False
        else:
            out.append(escape(" ".join(part.split("\n"))))
    if bolding:
        out.append("</b>")
    html = "".join(out).strip()
    return html.replace("<b></b>", "")


def push_message(
    article: ArticleRecord,
    topic_names: Sequence[str],
    *,
    tr: Translator,
    alerts: Sequence[str] = (),
) -> str:
    """One new story pushed to a subscriber: its topics and source, linked title, lead,
    and the reader's own alerts it matched."""
    label = " · ".join(topic_names[:3])
    source = shorten(article.source or "?", SOURCE_LIMIT)
    header = f"{bold(label)} · {italic(source)}" if label else italic(source)
    lines = [header, link(article.url, shorten(article.title, TITLE_LIMIT))]
    summary = article_summary(article, sentences=PUSH_SENTENCES, limit=PUSH_SUMMARY_LIMIT)
    if summary:
        lines += ["", escape(summary)]
    if alerts:
        shown = ", ".join(shorten(a, ALERT_SHOWN_LIMIT) for a in alerts[:3])
        lines += ["", italic(tr("Because you follow: {alerts}", alerts=shown))]
    return "\n".join(lines)


def channel_post(article: ArticleRecord, *, tr: Translator) -> str:
    """A story posted to a channel: headline, summary, source and a link to read it all;
    nothing that only makes sense in a private chat with the bot."""
    lines = [bold(shorten(article.title, TITLE_LIMIT))]
    summary = article_summary(article, sentences=PUSH_SENTENCES, limit=PUSH_SUMMARY_LIMIT)
    if summary:
        lines += ["", escape(summary)]
    source = shorten(article.source or "?", SOURCE_LIMIT)
    more = tr("Read more")
    lines += ["", f"{italic(source)} · {link(article.url, more)}"]
    return "\n".join(lines)


def brief_message(
    heading: str,
    subheading: str,
    entries: Sequence[BriefEntry],
    *,
    tr: Translator,
    now: int,
    limit: int = MESSAGE_LIMIT,
) -> str:
    """A brief in one message: each story's linked headline, its key sentences each linked
    to the article it comes from, and how many sources report it. Stories that would not
    fit are left out, never cut."""
    blocks: list[tuple[str, list[None]]] = [(f"{bold(heading)}\n{italic(subheading)}", [])]
    for number, entry in enumerate(entries, start=1):
        lead = _headline_item(entry)
        title = f"{number}. <b>{link(lead.url, shorten(lead.title, TITLE_LIMIT))}</b>"
        quoted = _quoted(entry)
        sources = (
            entry.story.sources[0]
            if entry.sources == 1
            else tr.plural("{count} source", "{count} sources", entry.sources)
        )
        if entry.sources > 1 and entry.story.languages:
            sources += " · " + language_codes(entry.story.languages)
        meta = _source_and_age(sources, entry.story.last_at, tr=tr, now=now)
        others = _other_languages(entry)
        extra = f"\n{others}" if others else ""
        blocks.append((f"{title}\n{quoted}{extra}\n{italic(meta)}", [None]))
    return pack_blocks(blocks, limit=limit)[0][0]


def _headline_item(entry: BriefEntry) -> StoryItem:
    """The report whose headline stands over the story: the lead, unless the story is quoted
    in another language (the reader's), when it is the first quoted report, so the headline
    and the quotes under it read in one language."""
    lead = entry.story.lead
    quoted = [item for _, item in entry.sentences]
    if not quoted or any(item.language == lead.language for item in quoted):
        return lead
    return quoted[0]


def _quoted(entry: BriefEntry) -> str:
    """The entry's sentences, each run from one article followed by a link to it."""
    runs: list[tuple[list[str], StoryItem]] = []
    for sentence, item in entry.sentences:
        if runs and runs[-1][1].id == item.id:
            runs[-1][0].append(sentence)
        else:
            runs.append(([sentence], item))
    return " ".join(
        f"{escape(' '.join(sentences))} ({_source_link(item)})" for sentences, item in runs
    )


def _other_languages(entry: BriefEntry) -> str:
    """Links to the story's reports in languages none of its quotes is in ("EN: Yerevan
    Regional, Eurasia Wire"), so a reader quoted in Russian can open the English reports."""
    quoted = {item.language for _, item in entry.sentences}
    by_language: dict[str, list[StoryItem]] = {}
    for item in entry.story.items:
        if item.language and item.language not in quoted:
            by_language.setdefault(item.language, []).append(item)
    lines = [
        f"{language_codes([code])}: " + ", ".join(_source_link(item) for item in items[:3])
        for code in entry.story.languages
        if (items := by_language.get(code))
    ]
    return " · ".join(lines)


def _source_link(item: StoryItem) -> str:
    return link(item.url, shorten(item.source or "?", SOURCE_LIMIT))


def digest_messages(
    stories: Sequence[tuple[int, ArticleRecord, Sequence[str]]],
    *,
    tr: Translator,
    now: int,
    timezone: str,
    limit: int = MESSAGE_LIMIT,
) -> list[tuple[str, list[int]]]:
    """The stories grouped by topic, packed into as few messages as fit; each message comes
    with the delivery ids it carries, so each can be marked sent on its own."""
    groups: dict[str, list[tuple[int, ArticleRecord]]] = {}
    for delivery_id, article, topics in stories:
        key = topics[0] if topics else ""
        groups.setdefault(key, []).append((delivery_id, article))
    count = len(stories)
    header = (
        bold(tr.plural("Your digest: {count} new story", "Your digest: {count} new stories", count))
        + "\n"
        + italic(tr.date_time(now, timezone=timezone))
    )
    blocks: list[tuple[str, list[int]]] = [(header, [])]
    for name in sorted(groups, key=lambda n: (n == "", n.casefold())):
        title = escape(name) if name else escape(tr("Other stories"))
        first = True
        for delivery_id, article in groups[name]:
            line = story_line(article, number=None, tr=tr, now=now)
            blocks.append((f"<b>{title}</b>\n{line}" if first else line, [delivery_id]))
            first = False
    return pack_blocks(blocks, limit=limit)
