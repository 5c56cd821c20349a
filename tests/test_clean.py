from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from importlib import resources

import pytest

import news.extract
from news.clean import (
    clean_text,
    html_to_text,
    is_boilerplate_line,
    line_key,
    normalize_whitespace,
)
from news.extract import extract_main_text, needs_page
from news.samples import render

HEAVY_PAGE = "yerevanherald.example/news/csto-drills-without-armenia.html"
HEAVY_TITLE = "CSTO rapid reaction force drills open in Tajikistan without Armenian officers"
HEAVY_PARAGRAPHS = [
    "Units of the CSTO's Collective Rapid Reaction Forces began a week of joint exercises",
    "about 2,000 servicemen from Russia, Kazakhstan, Kyrgyzstan and Tajikistan",
    "Colonel Vadim Orlov, said the drills would test new procedures",
    "Armenia has not taken part in CSTO exercises since 2022",
    "The real question is what structure replaces it for Armenia's own security",
]
CHROME_MARKERS = ["top of page", "bottom of page", "ad for subscribing"]


@pytest.fixture
def heavy_page() -> str:
    template = resources.files("news.samples").joinpath(HEAVY_PAGE).read_text("utf-8")
    return render("page.html", template, datetime(2026, 11, 12, 14, 5, tzinfo=UTC))


# --- html_to_text -----------------------------------------------------------------------------


def test_html_to_text_structure() -> None:
    html = (
        "<h2>Heading</h2><p>First &amp; <b>bold</b> para<br>second line</p>"
        "<ul><li>one</li><li>two</li></ul><p>Last&nbsp;para &lt;tag&gt;</p>"
    )
    assert html_to_text(html) == (
        "Heading\n\nFirst & bold para\nsecond line\n\none\ntwo\n\nLast para <tag>"
    )


def test_html_to_text_drops_scripts_styles_and_comments() -> None:
    html = (
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>var x = '<p>no</p>';</script><p>Kept<!-- hidden --> text</p>"
        "<noscript>enable js</noscript></body></html>"
    )
    assert html_to_text(html) == "Kept text"


def test_html_to_text_leaves_no_tags() -> None:
    html = "<div><p>a <span class='x'>b</span></p><table><tr><td>c</td></tr></table></div>"
    text = html_to_text(html)
    assert "<" not in text and ">" not in text
    assert text.split() == ["a", "b", "c"]


@pytest.mark.parametrize("html", ["", "   ", "\x00", "<p></p>", "<!-- only -->", "<br><hr>"])
def test_html_to_text_degenerate_input(html: str) -> None:
    assert html_to_text(html).strip("\ufffd") == ""


def test_html_to_text_plain_text_and_xml_declaration() -> None:
    assert html_to_text("Fish &amp; chips") == "Fish & chips"
    doc = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Երևան</p></body></html>'
    assert html_to_text(doc) == "Երևան"


def test_double_br_is_a_paragraph_break() -> None:
    assert html_to_text("one<br><br>two<br>three") == "one\n\ntwo\nthree"


# --- normalize_whitespace ---------------------------------------------------------------------


def test_normalize_whitespace() -> None:
    text = "  a\u00a0 b\t c\u200b\r\n\r\n\r\n\r\nd\u2028e\n \n\n  f  \ufeff"
    assert normalize_whitespace(text) == "a b c\n\nd\ne\n\nf"


def test_normalize_whitespace_keeps_single_breaks() -> None:
    assert normalize_whitespace("line one\nline two\n\npara two") == (
        "line one\nline two\n\npara two"
    )


# --- line_key ---------------------------------------------------------------------------------


def test_line_key_is_stable_and_insensitive_to_case_and_spacing() -> None:
    expected = "l1:" + hashlib.sha256(b"follow us on telegram").hexdigest()
    assert line_key("Follow us on Telegram") == expected
    assert line_key("  FOLLOW   us on\u00a0telegram ") == expected
    assert line_key("Follow us on Facebook") != expected


# --- is_boilerplate_line ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Top of page", "Bottom of page", "↑ Back to top", "Skip to main content",
        "Ad for subscribing to the Yerevan Herald Morning Briefing",
        "ADVERTISEMENT", "Advertisement", "Subscribe to our newsletter",
        "Share on Facebook", "Share on X", "Share on Telegram",
        "Facebook Twitter Telegram", "Read more", "Read more »", "Read more…",
        "Related articles", "All rights reserved.", "© 2026 Yerevan Herald. All rights reserved.",
        "This website uses cookies to improve your experience.",
        "We use cookies. By continuing to use the site you agree.", "Follow us on Telegram",
        "Print", "Comments (3)", "Comments: 12", "Photo: The empty seat at a session.",
        "Tags: CSTO Armenia",
        "Реклама", "РЕКЛАМА", "Подписывайтесь на наш канал в Telegram", "Читайте также",
        "Читайте также: ОДКБ проведёт учения", "Комментарии (5)", "Фото: пресс-служба",
        "Все права защищены", "Поделиться",
        "Գովազդ", "Կարդացեք նաև", "Հետևեք մեզ Telegram-ում", "Բոլոր իրավունքները պաշտպանված են",
        "Լուսանկարը՝ ԱԳՆ", "———", "• • •",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "The ministry rejected the advertisement campaign as misleading, officials said on "
        "Thursday, and ordered the agency to withdraw it from billboards across Yerevan.",
        "Read more carefully, the treaty leaves the question of enclaves open.",
        "Officials said they would print new ballots before the vote.",
        "The photo showed troops crossing the river at dawn.",
        "Subscribers to the state newspaper fell by a third last year.",
        "Armenia froze its participation in the CSTO in 2024.",
        "ОДКБ проведёт учения в Таджикистане.",
        "Հայաստանը սառեցրել է իր մասնակցությունը ՀԱՊԿ-ին։",
        "Share prices in Yerevan rose after the central bank's announcement.",
        "",
    ],
)
def test_real_sentences_are_not_boilerplate(line: str) -> None:
    assert not is_boilerplate_line(line)


def test_long_line_that_opens_like_a_label_is_prose() -> None:
    line = "Follow us on " + "the long road of negotiations, " * 8 + "the minister said."
    assert not is_boilerplate_line(line)


# --- clean_text -------------------------------------------------------------------------------


def test_clean_text_removes_chrome_and_keeps_paragraphs() -> None:
    text = "\n".join([
        "Border talks resume",
        "By Anna Petrosyan",
        "12 November 2026 14:05",
        "",
        "The commissions met on Wednesday.",
        "Advertisement",
        "They agreed on a new section.",
        "",
        "Share on Facebook",
        "Residents were relieved.",
        "",
        "Got a tip? Write to tips@herald.example",
    ])
    learned = {line_key("got a tip?  write to tips@herald.example")}
    cleaned = clean_text(text, title="Border Talks Resume!", learned_boilerplate=learned)
    assert cleaned == (
        "The commissions met on Wednesday.\nThey agreed on a new section.\n\n"
        "Residents were relieved."
    )


@pytest.mark.parametrize(
    "line",
    [
        "By Anna Petrosyan", "By Anna Petrosyan and Davit Hakobyan",
        "By Anna Petrosyan, Yerevan Herald", "Автор: Ирина Соколова",
        "12 November 2026 14:05", "November 12, 2026", "2026-11-12 14:05 UTC",
        "Published: 12.11.2026, 14:05", "12 ноября 2026, 14:05", "12 նոյեմբերի 2026թ.",
        "By Anna Petrosyan | 12 November 2026",
    ],
)
def test_bylines_and_datelines_are_dropped(line: str) -> None:
    assert clean_text(f"{line}\n\nStory text.", title="") == "Story text."


@pytest.mark.parametrize(
    "line",
    [
        "By Thursday, Yerevan had agreed to the terms.",
        "By the end of 2026 the line should be described in full.",
        "In 2022 the drills were cancelled.",
    ],
)
def test_sentences_like_bylines_or_dates_are_kept(line: str) -> None:
    assert clean_text(line, title="") == line


def test_headline_only_dropped_as_first_line() -> None:
    title = "CSTO drills open"
    assert clean_text("CSTO drills open\n\nBody.", title=title) == "Body."
    text = "Body first.\n\nCSTO drills open"
    assert clean_text(text, title=title) == text


def test_clean_text_without_title() -> None:
    assert clean_text("One.\n\nTwo.", title="") == "One.\n\nTwo."


# --- extract ----------------------------------------------------------------------------------


def test_heavy_sample_page_loses_its_chrome(heavy_page: str) -> None:
    text = clean_text(
        extract_main_text(heavy_page, url="https://yerevanherald.example/news/x.html"),
        title=HEAVY_TITLE,
    )
    folded = text.casefold()
    for marker in CHROME_MARKERS:
        assert marker not in folded
    for paragraph in HEAVY_PARAGRAPHS:
        assert paragraph in text
    assert not text.startswith(HEAVY_TITLE)


def test_heavy_sample_page_chrome_goes_even_without_trafilatura(
    heavy_page: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(news.extract.trafilatura, "extract", lambda *a, **k: None)
    raw = extract_main_text(heavy_page)
    assert "Share on Facebook" in raw  # trafilatura's baseline read the page, chrome and all
    text = clean_text(raw, title=HEAVY_TITLE)
    folded = text.casefold()
    for marker in CHROME_MARKERS:
        assert marker not in folded
    for paragraph in HEAVY_PARAGRAPHS:
        assert paragraph in text


def test_extract_survives_trafilatura_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(news.extract.trafilatura, "extract", boom)
    story = "The commission published the final count after a long night of tallying votes."
    html = f"<html><head><title>x</title></head><body><p>{story}  Turnout fell.</p></body></html>"
    assert extract_main_text(html) == f"{story} Turnout fell."


def test_a_page_that_is_only_a_date_and_byline_gives_nothing() -> None:
    # Nothing but who and when: the caller then uses the feed's own text.
    html = (
        "<html><body><article><h1>Summit</h1><p>By Anna Petrosyan</p>"
        "<p>5 December 2026, 14:20</p></article></body></html>"
    )
    assert extract_main_text(html) == ""


@pytest.mark.parametrize("html", ["", "   ", "not html at all", "<html></html>"])
def test_extract_degenerate_pages(html: str) -> None:
    assert isinstance(extract_main_text(html), str)


@pytest.mark.parametrize(
    ("summary", "content", "expected"),
    [
        ("A short teaser.", "", True),
        ("", "", True),
        ("x" * 600, "", False),
        ("x" * 600 + " and so on...", "", True),
        ("x" * 600 + " and so on…", "", True),
        ("x" * 600 + " [\u2026]", "", True),
        ("x" * 600 + " Read more", "", True),
        ("Short summary.", "A short but complete story.", False),
        ("Short.", "y" * 800, False),
        ("Short.", "y" * 800 + " Continue reading", True),
        ("Короткий анонс. Читать далее", "", True),
    ],
)
def test_needs_page(summary: str, content: str, expected: bool) -> None:
    assert needs_page(summary, content) is expected


def test_feed_tables_read_as_rows_of_cells() -> None:
    html = (
        "<p>Results:</p><table><caption>Final count</caption>\n<tr>\n  <th>Party</th>\n"
        "  <th>Votes</th>\n</tr>\n<tr><td>Civil Contract</td><td>687,251</td><td></td></tr>"
        "</table><p>Turnout fell.</p>"
    )
    assert html_to_text(html) == (
        "Results:\n\nFinal count\nParty | Votes\nCivil Contract | 687,251\n\nTurnout fell."
    )


def test_layout_table_cells_are_blocks_not_cells() -> None:
    html = "<table><tr><td>Most read<p>One</p></td><td><p>The story itself.</p></td></tr></table>"
    assert "|" not in html_to_text(html)


@pytest.mark.parametrize(
    "row", ["2024 | 1900,41", "08:00 | 1 240 | 85", "Jan–Sep 2026 | 1,037", "Евро | 452,91 | −0,88"]
)
def test_table_rows_of_figures_are_not_datelines(row: str) -> None:
    assert clean_text(f"Story text here.\n{row}", title="") == f"Story text here.\n{row}"
