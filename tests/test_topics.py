from __future__ import annotations

import random
from pathlib import Path

import pytest

from news.topics import Topic, TopicMatcher, TopicsFileError, load_topics

REQUIRED = [
    "Armenia", "Azerbaijan", "CSTO", "Russia", "EU", "Economy", "Georgia", "Iran", "Turkey",
    "Energy", "Karabakh",
]


@pytest.fixture(scope="module")
def bundled() -> TopicMatcher:
    return TopicMatcher(load_topics())


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.toml"
    path.write_text(text, encoding="utf-8")
    return path


# --- loading ----------------------------------------------------------------------------------


def test_bundled_topics() -> None:
    topics = {topic.name: topic for topic in load_topics()}
    for name in REQUIRED:
        assert name in topics
        assert topics[name].keywords
    assert topics["CSTO"].keywords == (
        "CSTO", "Collective Security Treaty Organization", "ОДКБ", "ՀԱՊԿ"
    )
    assert {"Армения", "Армении", "Армению", "Հայաստան", "Երևան", "Yerevan"} <= set(
        topics["Armenia"].keywords
    )


def test_load_file(tmp_path: Path) -> None:
    path = _write(tmp_path, """
[[topic]]
name = "Wine"
keywords = ["vineyard", "  Areni   wine ", "вино", "vineyard"]

[[topic]]
name = "Solo"
""")
    assert load_topics(path) == [
        Topic("Wine", ("vineyard", "Areni wine", "вино")),
        Topic("Solo", ()),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[[topic]\nname = 'x'", "invalid TOML"),
        ("[[topic]]\nname = 'x'\nkeywords = 'not a list'", "keywords"),
        ("[[topic]]\nname = ''\n", "name"),
        ("[[topic]]\nkeywords = ['a']\n", "name"),
        ("[[topic]]\nname = 'x'\nkeyword = ['a']\n", "unknown key"),
        ("[[topic]]\nname = 'x'\nkeywords = ['a', 3]\n", "keywords"),
        ("[[topic]]\nname = 'X'\n[[topic]]\nname = 'x'\n", "twice"),
        ("title = 'no topics'\n", "unknown top-level key"),
        ("", "no [[topic]]"),
        ("topic = 5\n", "no [[topic]]"),
    ],
)
def test_bad_file_raises_one_line(tmp_path: Path, text: str, problem: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(TopicsFileError) as info:
        load_topics(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    assert problem in message


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(TopicsFileError, match="cannot read"):
        load_topics(tmp_path / "absent.toml")
    latin = tmp_path / "latin.toml"
    latin.write_bytes("[[topic]]\nname = 'Café'\n".encode("latin-1"))
    with pytest.raises(TopicsFileError, match="not UTF-8"):
        load_topics(latin)


# --- matching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The CSTO council met without Armenia.", ["Armenia", "CSTO"]),
        ("Заседание ОДКБ прошло без Армении.", ["Armenia", "CSTO"]),
        ("Հայաստանը չի մասնակցի ՀԱՊԿ գագաթնաժողովին։", ["Armenia", "CSTO"]),
        ("ՀԱՊԿ-ի գագաթնաժողովը", ["CSTO"]),
        ("ՀԱՊԿ-ի նիստը Երևանում", ["Armenia", "CSTO"]),
        ("the collective security treaty organization", ["CSTO"]),
        ("Collective Security\n  Treaty   Organization", ["CSTO"]),
        ("Газ из Ирана", ["Iran", "Energy"]),
        ("EU monitors in Syunik", ["EU"]),
        ("Nothing relevant here.", []),
    ],
)
def test_match_three_scripts(bundled: TopicMatcher, text: str, expected: list[str]) -> None:
    assert bundled.match(text) == expected


def test_match_over_several_texts(bundled: TopicMatcher) -> None:
    assert bundled.match("CSTO drills", "", "Georgian ports") == ["CSTO", "Georgia"]


def test_whole_words_only() -> None:
    matcher = TopicMatcher([Topic("People", ("Armen",)), Topic("Gas", ("газ",))])
    assert matcher.match("Armenian officials") == []
    assert matcher.match("ArmenArmen") == []
    assert matcher.match("armen said") == ["People"]
    assert matcher.match("(Armen)") == ["People"]
    assert matcher.match("Armen_") == ["People"]
    assert matcher.match("газета") == []
    assert matcher.match("ГАЗ, нефть") == ["Gas"]


def test_armenian_word_boundaries() -> None:
    matcher = TopicMatcher([Topic("Yerevan", ("Երևան",))])
    assert matcher.match("Երևանում") == []
    assert matcher.match("«Երևան» օդանավակայան") == ["Yerevan"]
    # The "և" ligature and its spelled-out form are one and the same word.
    assert matcher.match("Երեւան") == ["Yerevan"]


def test_keywords_are_literal_not_regex() -> None:
    matcher = TopicMatcher([
        Topic("Dots", ("a.b",)),
        Topic("Plus", ("C++",)),
        Topic("Star", ("x*",)),
        Topic("Group", ("(EU)",)),
        Topic("Bracket", ("[a-z]",)),
    ])
    assert matcher.match("axb") == []
    assert matcher.match("a.b") == ["Dots"]
    assert matcher.match("I write C++ daily") == ["Plus"]
    assert matcher.match("C or c") == []
    assert matcher.match("xxxx") == []
    assert matcher.match("x* marks") == ["Star"]
    assert matcher.match("EU") == []
    assert matcher.match("the (EU) said") == ["Group"]
    assert matcher.match("q") == []
    assert matcher.match("[a-z]") == ["Bracket"]


def test_name_is_a_keyword_and_case_is_ignored() -> None:
    matcher = TopicMatcher([Topic("Karabakh", ()), Topic("ОДКБ", ("odkb",))])
    assert matcher.match("KARABAKH") == ["Karabakh"]
    assert matcher.match("одкб") == ["ОДКБ"]
    assert matcher.match("ODKB") == ["ОДКБ"]


def test_overlapping_keywords_of_different_topics() -> None:
    matcher = TopicMatcher([
        Topic("EU", ("EU",)),
        Topic("Mission", ("EU monitoring mission",)),
        Topic("Monitoring", ("monitoring",)),
        Topic("Wire", ("Caucasus Wire",)),
        Topic("South", ("South Caucasus",)),
    ])
    assert matcher.match("The EU monitoring mission patrols.") == ["EU", "Mission", "Monitoring"]
    assert matcher.match("South Caucasus Wire") == ["Wire", "South"]


def test_topics_returned_in_topic_order() -> None:
    matcher = TopicMatcher([Topic("B", ("beta",)), Topic("A", ("alpha",))])
    assert matcher.match("alpha beta") == ["B", "A"]


def test_empty_matcher() -> None:
    assert TopicMatcher([]).match("anything at all") == []


FILLER_WORDS = (
    "the", "of", "and", "in", "to", "a", "government", "said", "on", "minister", "talks",
    "border", "region", "officials", "Armenian", "Yerevan", "CSTO", "ОДКБ", "Армении",
    "Հայաստանում", "trade", "gas", "Баку", "Georgia",
)


def test_many_articles_against_every_topic_are_all_tagged() -> None:
    # How fast this goes is a figure for bench/, not a test: a loaded machine would make
    # any bound here flaky.
    rng = random.Random(7)
    words = FILLER_WORDS
    articles = [
        (" ".join(rng.choices(words, k=8)), " ".join(rng.choices(words, k=400)))
        for _ in range(5000)
    ]
    matcher = TopicMatcher(
        [*load_topics(), *(Topic(f"Extra {i}", (f"keyword{i}", f"ключ{i}")) for i in range(9))]
    )
    tagged = sum(bool(matcher.match(title, body)) for title, body in articles)
    assert tagged == 5000


# --- stemmed keywords -------------------------------------------------------------------------


def test_stem_is_opt_in_per_keyword_or_per_topic(tmp_path: Path) -> None:
    path = _write(tmp_path, """
[[topic]]
name = "Meetings"
keywords = [
    "саммит", { text = "совещание", stem = true }, { text = "border commission", stem = true },
]

[[topic]]
name = "EU"
stem = true
keywords = ["Евросоюз", "ЕС", { text = "Брюссель", stem = false }]
""")  # fmt: skip
    meetings, eu = load_topics(path)
    assert meetings.keywords == ("саммит", "совещание", "border commission")
    assert meetings.stemmed == ("совещание", "border commission")
    assert eu.stemmed == ("Евросоюз", "ЕС")
    matcher = TopicMatcher([meetings, eu])
    assert matcher.match("Итоги совещания в Ереване") == ["Meetings"]
    assert matcher.match("Two border commissions met") == ["Meetings"]
    assert matcher.match("Итоги саммита") == []  # a plain string stays literal
    assert matcher.match("Делегация Евросоюза") == ["EU"]
    assert matcher.match("Встреча в Брюсселе") == []
    # Short words and acronyms stay literal even in a stemmed topic: "ЕС" is not "есть".
    assert matcher.match("Решение есть") == []
    assert matcher.match("Решение ЕС") == ["EU"]


@pytest.mark.parametrize(
    "keywords",
    ["[{ text = 'a', stem = 'yes' }]", "[{ stem = true }]", "[{ text = 'a', regex = true }]",
     "[{ text = '   ' }]", "[3]"],
)  # fmt: skip
def test_bad_keyword_tables_are_refused(tmp_path: Path, keywords: str) -> None:
    path = _write(tmp_path, f"[[topic]]\nname = 'x'\nkeywords = {keywords}\n")
    with pytest.raises(TopicsFileError, match="keywords"):
        load_topics(path)


def test_bundled_stemmed_keywords_find_unlisted_forms(bundled: TopicMatcher) -> None:
    assert "EU" in bundled.match("Переговоры с Евросоюзом продолжатся")
    assert "Economy" in bundled.match("Рост инфляцией не сопровождался")
    assert "Russia" in bundled.match("Делегация прибыла в Москву из Кремля")
