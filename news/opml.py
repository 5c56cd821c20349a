"""OPML, the feed-list exchange format: build one from our feeds, read feeds from one.

Parsing never resolves entities or fetches anything, so a hostile file cannot expand or
reach the network."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

MAX_OPML_BYTES = 1024 * 1024


@dataclass(frozen=True)
class OpmlFeed:
    url: str
    title: str


class OpmlError(ValueError):
    """Not a readable OPML document; the message says why in a few words."""


def build_opml(feeds: Iterable[OpmlFeed], *, title: str, now: int) -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(
        datetime.fromtimestamp(now, tz=UTC)
    )
    body = etree.SubElement(root, "body")
    for feed in feeds:
        etree.SubElement(
            body,
            "outline",
            type="rss",
            text=feed.title or feed.url,
            title=feed.title or feed.url,
            xmlUrl=feed.url,
        )
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document


def parse_opml(data: bytes) -> list[OpmlFeed]:
    """Every outline with an xmlUrl, nested folders included, in document order."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError("file larger than 1 MB")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not valid XML ({str(exc)[:80]})") from None
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise OpmlError("not an OPML document")
    feeds: list[OpmlFeed] = []
    for outline in root.iter("{*}outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url:
            title = (outline.get("title") or outline.get("text") or "").strip()
            feeds.append(OpmlFeed(url=url, title=title[:200]))
    return feeds
