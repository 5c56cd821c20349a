"""Trending terms: what rose in the last day against the week before, in any script."""

from __future__ import annotations

from news.trending import TrendingTerm, trending_terms

# The week before: the CSTO and Pashinyan are always in the news; Syunik barely.
BASELINE = [
    "The CSTO secretariat in Moscow said the alliance would review its budget.",
    "Prime Minister Nikol Pashinyan met the CSTO secretary general in Moscow.",
    "Armenia froze its participation in the CSTO, the foreign ministry repeated.",
    "The government in Yerevan approved new rules for taxis.",
    "The Central Bank of Armenia kept its rate unchanged.",
    "The CSTO held a meeting of defence ministers.",
    "A new school opened in Gyumri, officials said.",
] * 6 + ["Farmers in Syunik complained about the price of fertiliser."]

# The last day: a landslide in Syunik, the Upper Lars closure, and the same CSTO share.
RECENT = [
    "YEREVAN, Nov 28 (Caucasus Wire) — A landslide blocked the main road in Syunik near Kajaran.",
    "Rescuers cleared rock from the Syunik highway; traffic was diverted through Goris.",
    "Syunik governor said the road to Iran would reopen by Saturday.",
    "Syunik schools stayed closed after the landslide, the ministry said.",
    "The Upper Lars checkpoint was closed by heavy snow. Trucks are waiting at Upper Lars.",
    "About 1,200 trucks are stranded at Upper Lars, the embassy said.",
    "Drivers at Upper Lars asked for food and fuel.",
    "The CSTO secretariat said the summit date would be announced later.",
    "However, the weather improved on Friday. The roads were cleared.",
    "By Anna Petrosyan\n\nThe government in Yerevan approved the budget.",
]


def terms_of(result: list[TrendingTerm]) -> list[str]:
    return [t.term for t in result]


def test_a_term_that_rose_trends_and_a_steady_one_does_not() -> None:
    result = trending_terms(RECENT, BASELINE)
    names = terms_of(result)
    assert "Syunik" in names
    assert "CSTO" not in names
    syunik = next(t for t in result if t.term == "Syunik")
    assert syunik.recent_count == 4  # texts that mention it, not mentions
    assert syunik.baseline_count == 1
    assert syunik.score > 0


def test_two_word_names_are_kept_whole() -> None:
    names = terms_of(trending_terms(RECENT, BASELINE))
    assert "Upper Lars" in names
    assert "Lars" not in names and "Upper" not in names


def test_rising_best_first_within_limits() -> None:
    result = trending_terms(RECENT, BASELINE, top=3)
    assert len(result) == 3
    assert [t.score for t in result] == sorted((t.score for t in result), reverse=True)
    assert all(t.recent_count >= 3 for t in trending_terms(RECENT, BASELINE))
    assert all(t.recent_count >= 4 for t in trending_terms(RECENT, BASELINE, min_count=4))


def test_stop_words_sentence_starts_and_chrome_never_trend() -> None:
    folded = {t.term.casefold() for t in trending_terms(RECENT, BASELINE, top=50, min_count=1)}
    assert not folded & {"the", "however", "said", "about", "friday", "caucasus wire"}
    assert "anna petrosyan" not in folded  # a byline, not news


def test_russian_names_in_any_case_count_together() -> None:
    recent = [
        "Верхний Ларс закрыли из-за снегопада.",
        "На Верхнем Ларсе скопились грузовики.",
        "Водители на Верхнем Ларсе просят помощи.",
        "Пункт Верхний Ларс откроют в субботу.",
    ]
    baseline = ["Премьер-министр Никол Пашинян провел заседание правительства."] * 10
    result = trending_terms(recent, baseline)
    lars = [t for t in result if "Ларс" in t.term]
    assert len(lars) == 1
    assert lars[0].recent_count == 4
    assert lars[0].term in {"Верхний Ларс", "Верхнем Ларсе"}


def test_armenian_names_with_case_endings_count_together() -> None:
    recent = [
        "Սյունիքում փլուզում է տեղի ունեցել։",
        "Սյունիքի ճանապարհը փակ է։",
        "Սյունիքում դպրոցները փակ են։",
        "Կառավարությունը օգնություն կուղարկի Սյունիք։",
    ]
    baseline = ["Երևանում բացվել է նոր դպրոց։"] * 10
    result = trending_terms(recent, baseline)
    syunik = [t for t in result if t.term.startswith("Սյունիք")]
    assert len(syunik) == 1 and syunik[0].recent_count == 4


def test_names_in_their_display_case() -> None:
    recent = ["Talks with Nikol Pashinyan went well."] * 3 + [
        "Nikol Pashinyan flew to Brussels."
    ] * 2
    result = trending_terms(recent, ["The CSTO met."] * 5)
    assert "Nikol Pashinyan" in terms_of(result)


def test_without_a_baseline_or_recent_texts() -> None:
    assert trending_terms([], BASELINE) == []
    result = trending_terms(RECENT, [])
    assert "Syunik" in terms_of(result)
