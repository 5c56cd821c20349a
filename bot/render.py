"""Telegram HTML: escaping, limits counted as Telegram counts them, splitting, and checking.

Feed content is never trusted as markup: it is escaped here and only our own tags are added.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import TypeVar

MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
ALERT_LIMIT = 200
ELLIPSIS = "…"
T = TypeVar("T")

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)
_SENTENCE_END = re.compile(r"[.!?։…](?=\s)")


def utf16_len(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{escape(label)}</a>'


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


def italic(text: str) -> str:
    return f"<i>{escape(text)}</i>"


def shorten(text: str, limit: int) -> str:
    """Cut plain text to `limit` UTF-16 units, at a sentence end if one is near, else at a
    word boundary, adding an ellipsis."""
    text = " ".join(text.split())
    if utf16_len(text) <= limit:
        return text
    budget = limit - 1
    cut = text
    while utf16_len(cut) > budget:
        cut = cut[: max(1, len(cut) - max(1, (utf16_len(cut) - budget) // 2))]
    sentence_ends = [m.end() for m in _SENTENCE_END.finditer(cut + " ")]
    if sentence_ends and sentence_ends[-1] >= len(cut) * 0.6:
        return cut[: sentence_ends[-1]].rstrip()
    space = cut.rfind(" ")
    if space >= len(cut) * 0.5:
        cut = cut[:space]
    return cut.rstrip(" ,;:-—") + ELLIPSIS


def plain_text(markup: str) -> str:
    """What the reader sees of a Telegram HTML message: tags gone, entities decoded."""
    parser = _TelegramHTMLParser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.text)


def plain_text_with_links(markup: str) -> str:
    """Plain text with link targets kept, as `label (url)`: the console's rendering."""
    parser = _TelegramHTMLParser(keep_links=True)
    parser.feed(markup)
    parser.close()
    return "".join(parser.text)


def html_problems(markup: str) -> list[str]:
    """Why Telegram would refuse this HTML message (empty when it would accept it)."""
    parser = _TelegramHTMLParser()
    try:
        parser.feed(markup)
        parser.close()
    except ValueError as exc:  # raised by our parser for bad entities
        return [str(exc)]
    problems = list(parser.problems)
    if parser.stack:
        problems.append(f"unclosed tags: {parser.stack}")
    text = "".join(parser.text)
    if not text.strip():
        problems.append("message text is empty")
    if utf16_len(text) > MESSAGE_LIMIT:
        problems.append(f"message is too long ({utf16_len(text)} > {MESSAGE_LIMIT})")
    return problems


def join_blocks(
    blocks: Iterable[str], *, limit: int = MESSAGE_LIMIT, sep: str = "\n\n"
) -> list[str]:
    """Pack HTML blocks (each valid on its own and within the limit) into as few messages as
    fit; a block is never split, so no tag is ever cut in half."""
    return [text for text, _ in pack_blocks(((b, ()) for b in blocks), limit=limit, sep=sep)]


def pack_blocks(
    blocks: Iterable[tuple[str, Iterable[T]]], *, limit: int = MESSAGE_LIMIT, sep: str = "\n\n"
) -> list[tuple[str, list[T]]]:
    """Like join_blocks, keeping with each message the items its blocks carry (e.g. the
    deliveries a digest message settles). Length counts the text the reader sees."""
    messages: list[tuple[str, list[T]]] = []
    text = ""
    items: list[T] = []
    for block, block_items in blocks:
        candidate = f"{text}{sep}{block}" if text else block
        if text and utf16_len(plain_text(candidate)) > limit:
            messages.append((text, items))
            text, items = block, list(block_items)
        else:
            text, items = candidate, items + list(block_items)
    if text:
        messages.append((text, items))
    return messages


class _TelegramHTMLParser(HTMLParser):
    def __init__(self, *, keep_links: bool = False) -> None:
        super().__init__(convert_charrefs=False)
        self.keep_links = keep_links
        self.text: list[str] = []
        self.stack: list[str] = []
        self.problems: list[str] = []
        self._href: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"unsupported tag <{tag}>")
            return
        inside_code = any(t in {"code", "pre"} for t in self.stack)
        code_in_pre = tag == "code" and bool(self.stack) and self.stack[-1] == "pre"
        if inside_code and not code_in_pre:
            self.problems.append("nothing may nest inside pre or code")
        if tag == "blockquote" and "blockquote" in self.stack:
            self.problems.append("blockquotes do not nest")
        if tag == "a":
            href = dict(attrs).get("href")
            if not href:
                self.problems.append("link without href")
            self._href.append(href)
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"unsupported end tag </{tag}>")
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unexpected end tag </{tag}>")
            return
        self.stack.pop()
        if tag == "a":
            href = self._href.pop()
            if self.keep_links and href:
                self.text.append(f" ({href})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.problems.append(f"self-closing tag <{tag}/>")

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data or "&" in data:
            self.problems.append("unescaped <, > or &")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot"}:
            self.problems.append(f"unsupported entity &{name};")
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.problems.append("comments are not allowed")

    def handle_decl(self, decl: str) -> None:
        self.problems.append("declarations are not allowed")

    def handle_pi(self, data: str) -> None:
        self.problems.append("processing instructions are not allowed")

    def unknown_decl(self, data: str) -> None:
        self.problems.append("CDATA is not allowed")
