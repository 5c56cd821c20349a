"""Sentences, datelines, leads and extractive summaries in English, Russian and Armenian."""

from __future__ import annotations

import pytest

from news.summary import lead_sentence, split_sentences, strip_dateline, summarize
from testkit.story_fixtures import ALL_ITEMS, SUMMIT

# --- split_sentences ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        pytest.param(
            "Mr. Pashinyan met Gen. Harutyunyan in the U.S. capital on Nov. 28. "
            "The talks lasted 3.5 hours, and J. R. Harutyunyan called them useful. "
            "Inflation was 2.9% in October, St. Petersburg officials said.",
            [
                "Mr. Pashinyan met Gen. Harutyunyan in the U.S. capital on Nov. 28.",
                "The talks lasted 3.5 hours, and J. R. Harutyunyan called them useful.",
                "Inflation was 2.9% in October, St. Petersburg officials said.",
            ],
            id="english-abbreviations-initials-and-decimals",
        ),
        pytest.param(
            '"We will not attend," the minister said. "Why now?" he asked. '
            '"The summit is postponed." Officials in Minsk declined to comment.',
            [
                '"We will not attend," the minister said.',
                '"Why now?" he asked.',
                '"The summit is postponed."',
                "Officials in Minsk declined to comment.",
            ],
            id="quotes-end-one-only-when-the-next-starts",
        ),
        pytest.param(
            "Премьер-министр Н. Пашинян встретился с В. В. Путиным. "
            "Инфляция составила 3,5 %, т. е. меньше прогноза. "
            "В 2024 г. Армения заморозила участие в ОДКБ. "
            "Он сказал: «Мы не поедем». Саммит перенесли на март.",
            [
                "Премьер-министр Н. Пашинян встретился с В. В. Путиным.",
                "Инфляция составила 3,5 %, т. е. меньше прогноза.",
                "В 2024 г. Армения заморозила участие в ОДКБ.",
                "Он сказал: «Мы не поедем».",
                "Саммит перенесли на март.",
            ],
            id="russian-initials-abbreviations-and-guillemets",
        ),
        pytest.param(
            "Հայաստանը սառեցրել է իր մասնակցությունը ՀԱՊԿ-ին։ "
            "Վարչապետը 2024 թ. հայտարարեց, որ երկիրը չի մասնակցի գագաթնաժողովին։ "
            "Ինչո՞ւ է հետաձգվել հանդիպումը։ Նա ասաց՝ «Մենք չենք գնա»։",
            [
                "Հայաստանը սառեցրել է իր մասնակցությունը ՀԱՊԿ-ին։",
                "Վարչապետը 2024 թ. հայտարարեց, որ երկիրը չի մասնակցի գագաթնաժողովին։",
                "Ինչո՞ւ է հետաձգվել հանդիպումը։",
                "Նա ասաց՝ «Մենք չենք գնա»։",
            ],
            id="armenian-full-stop-but-not-inner-marks",
        ),
        pytest.param(
            "Հայաստանը սառեցրել է մասնակցությունը: Վարչապետը հայտարարեց դա երեկ:",
            [
                "Հայաստանը սառեցրել է մասնակցությունը:",
                "Վարչապետը հայտարարեց դա երեկ:",
            ],
            id="armenian-typed-with-a-colon-for-full-stop",
        ),
        pytest.param(
            "He said: Armenia will not attend.",
            ["He said: Armenia will not attend."],
            id="a-colon-in-english-ends-nothing",
        ),
        pytest.param(
            "Border talks resume\n\n  The commissions   met on Wednesday.  \nThey agreed.",
            [
                "Border talks resume",
                "The commissions met on Wednesday.",
                "They agreed.",
            ],
            id="lines-end-sentences-whitespace-folded",
        ),
    ],
)
def test_sentences_end_where_a_reader_ends_them(text: str, sentences: list[str]) -> None:
    assert split_sentences(text) == sentences


def test_empty_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


# --- strip_dateline ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("YEREVAN, Nov 28 (Caucasus Wire) — The summit was held.", "The summit was held."),
        ("MOSCOW (Reuters) - Talks ended.", "Talks ended."),
        ("YEREVAN — The council met.", "The council met."),
        ("TBILISI, Tuesday (Kavkaz Today) — The road is shut.", "The road is shut."),
        ("Yerevan, Nov. 28 (Caucasus Wire) — The council met.", "The council met."),
        ("ЕРЕВАН, 28 ноября — Саммит перенесли.", "Саммит перенесли."),
        ("ԵՐԵՎԱՆ, 28 ՆՈՅԵՄԲԵՐԻ, ԱՐՄԵՆՊՐԵՍ: Վարչապետը մեկնեց։", "Վարչապետը մեկնեց։"),
        ("YEREVAN, Nov 28 (Caucasus Wire) —", ""),
    ],
)
def test_datelines_are_stripped(sentence: str, expected: str) -> None:
    assert strip_dateline(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Armenia (a CSTO member) — froze its participation.",
        "The minister, speaking on 28 November — said nothing.",
        "Armenia, which joined in 1992 — and froze in 2024 — stays out.",
        "The CSTO postponed its summit.",
    ],
)
def test_sentences_without_datelines_are_kept(sentence: str) -> None:
    assert strip_dateline(sentence) == sentence


# --- lead_sentence -----------------------------------------------------------------------


def test_lead_sentence_skips_dateline_and_byline() -> None:
    text = (
        "By Anna Petrosyan\n\nYEREVAN, Nov 28 (Caucasus Wire) — The CSTO postponed its Minsk "
        "summit to March. Officials gave no reason."
    )
    assert lead_sentence(text) == "The CSTO postponed its Minsk summit to March."


def test_lead_sentence_falls_back_and_cuts_long_ones_at_a_word() -> None:
    assert lead_sentence("", fallback="The council met on Wednesday evening.") == (
        "The council met on Wednesday evening."
    )
    long = "The commission " + "met again and again " * 30 + "on Wednesday."
    lead = lead_sentence(long, max_chars=80)
    assert len(lead) <= 81 and lead.endswith("…")
    assert long.startswith(lead[:-1])


# --- summarize ---------------------------------------------------------------------------

ARTICLE = (
    "By Anna Petrosyan\n\n"
    "YEREVAN, Nov 28 (Caucasus Wire) — The Yerevan city council voted on Wednesday to raise "
    "the metro fare from 100 to 200 drams from January 1.\n\n"
    "Photo: A metro train at Republic Square station.\n\n"
    "It is the first increase in more than a decade, and the mayor's office said the money "
    "would pay for six new trains. The opposition faction voted against the rise, saying it "
    "would hit pensioners and students. Pensioners will keep their free passes, the council "
    "added. The metro carried 18 million passengers last year, slightly fewer than before "
    "the pandemic. Yerevan opened its metro in 1981, and the network has ten stations. "
    "Ok.\n\n"
    "Subscribe to our newsletter for the day's top stories."
)


def test_summarize_is_lead_biased_and_skips_the_dateline() -> None:
    summary = summarize(ARTICLE, title="Yerevan council doubles metro fare to 200 drams")
    assert summary[0] == (
        "The Yerevan city council voted on Wednesday to raise the metro fare from 100 to 200 "
        "drams from January 1."
    )


def test_summarize_quotes_whole_sentences_in_text_order() -> None:
    summary = summarize(ARTICLE, title="Yerevan council doubles metro fare to 200 drams")
    assert 1 <= len(summary) <= 3
    sentences = [strip_dateline(s) for s in split_sentences(ARTICLE)]
    positions = [sentences.index(s) for s in summary]  # each one whole, as written
    assert positions == sorted(positions)


def test_summarize_never_quotes_chrome_or_fragments() -> None:
    summary = " ".join(summarize(ARTICLE, max_sentences=3, max_chars=2000))
    for chrome in ("By Anna", "YEREVAN", "Caucasus Wire", "Photo", "Subscribe", "Ok."):
        assert chrome not in summary


def test_summarize_respects_its_limits() -> None:
    assert len(summarize(ARTICLE, max_sentences=1)) == 1
    summary = summarize(ARTICLE, max_chars=200)
    assert len(" ".join(summary)) <= 200 and summary
    assert summarize(ARTICLE, max_sentences=0) == []
    # No sentence fits: nothing rather than half a sentence.
    assert summarize(ARTICLE, max_chars=20) == []


def test_summarize_does_not_repeat_itself() -> None:
    lead = "The Yerevan city council voted on Wednesday to raise the metro fare to 200 drams."
    text = f"{lead} {lead} The opposition voted against the rise, citing pensioners."
    summary = summarize(text, max_sentences=3)
    assert summary.count(lead) == 1
    assert len(summary) == 2


def test_summarize_russian_and_armenian() -> None:
    for item in ALL_ITEMS:
        if item.id in (801, 901):
            summary = summarize(item.text, title=item.title, max_sentences=2)
            assert len(summary) == 2
            assert not summary[0].startswith(("ГЮМРИ", "ԵՐԵՎԱՆ"))
            assert all(s in item.text for s in summary)
    armenian = next(item for item in ALL_ITEMS if item.id == 901)
    assert summarize(armenian.text)[0].endswith("։")


def test_summarize_picks_the_key_fact_from_wire_copy() -> None:
    wire = SUMMIT[0]
    summary = summarize(wire.text, title=wire.title, max_sentences=2)
    assert "March" in summary[0] and "postponed" in summary[0]


def test_summarize_empty_or_chrome_only_text() -> None:
    assert summarize("") == []
    assert summarize("By Anna Petrosyan\n\nSubscribe to our newsletter.") == []


def test_summarize_does_not_quote_half_a_quotation() -> None:
    text = (
        "Հայաստանը չի մասնակցի ՀԱՊԿ գագաթնաժողովին, հայտնել են ԱԳՆ-ից։ "
        "«Մեր դիրքորոշումը չի փոխվել։ Մենք չենք մասնակցում ՀԱՊԿ-ի աշխատանքներին», — ասել է "
        "խոսնակը։ Գագաթնաժողովը կկայանա Մինսկում դեկտեմբերին։"
    )
    for sentence in summarize(text, max_sentences=3):
        assert sentence.count("«") == sentence.count("»")
