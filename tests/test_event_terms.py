"""The language-independent terms of an article, and the hard cases of story matching:
one event in three languages joins; the same actors in another event, a week later or in
another city, do not."""

from __future__ import annotations

from news.cluster import StoryItem, cluster_stories
from news.eventterms import event_terms
from news.story_index import link_stories

NOW = 1_795_200_000
HOUR = 3600


def anchors(text: str) -> set[str]:
    return set(event_terms("", text, title_weight=1.0)[1])


def words(text: str) -> set[str]:
    return set(event_terms("", text, title_weight=1.0)[0])


def test_a_date_is_one_key_in_every_language() -> None:
    forms = [
        "They met on 20 November.",
        "They met on November 20.",
        "MINSK, Nov 20 (Wire) - They met.",
        "Они встретились 20 ноября.",
        "Նրանք հանդիպել են նոյեմբերի 20-ին։",
    ]
    assert all("@11-20" in anchors(text) for text in forms)
    assert "@11-27" not in anchors("Они встретились 20 ноября.")


def test_concepts_and_names_are_shared_across_scripts() -> None:
    english = "The CSTO summit in Minsk: Pashinyan will not attend."
    russian = "Саммит ОДКБ в Минске: Пашинян не примет участия."
    armenian = "ՀԱՊԿ-ի գագաթնաժողովը Մինսկում. Փաշինյանը չի մասնակցի։"
    shared_words = words(english) & words(russian) & words(armenian)
    assert "~summit" in shared_words
    # The bloc, the person and the place: who and where, the same in every script.
    shared_names = anchors(english) & anchors(russian) & anchors(armenian)
    assert {"~topic csto", "pashinian", "minsk"} <= shared_names
    assert "5.8" not in anchors("A 5,8 quake")
    assert "#5.8" in anchors("A 5,8 quake") and "#5.8" in anchors("A 5.8 quake")


def _item(item_id: int, hours: float, source: str, title: str, text: str) -> StoryItem:
    return StoryItem(
        id=item_id,
        title=title,
        text=text,
        published_at=NOW + int(hours * HOUR),
        source=source,
        url=f"https://{source}.example/{item_id}",
    )


MEETING = [
    _item(1, 0, "wire", "Border commissions agree on 12 km in Ijevan",
          "The border commissions led by Mher Grigoryan and Shahin Mustafayev met in Ijevan on "
          "November 13 and agreed on 12 kilometres of the line."),
    _item(2, 2, "ru", "Комиссии по делимитации согласовали 12 км границы",
          "Комиссии по делимитации во главе с Мгером Григоряном и Шахином Мустафаевым провели "
          "заседание в Иджеване 13 ноября и согласовали 12 километров границы."),
    _item(3, 3, "hy", "Սահմանազատման հանձնաժողովները համաձայնեցրել են 12 կմ",
          "Մհեր Գրիգորյանի և Շահին Մուստաֆաևի գլխավորած սահմանազատման հանձնաժողովները "
          "նոյեմբերի 13-ին հանդիպել են Իջևանում և համաձայնեցրել սահմանի 12 կիլոմետր։"),
]  # fmt: skip
# The same commissions a week later: another meeting, another story.
NEXT_MEETING = _item(
    4, 40, "wire", "Grigoryan and Mustafayev sign off another stretch of frontier",
    "The border commissions led by Mher Grigoryan and Shahin Mustafayev met again in Ijevan "
    "on November 20 and agreed on 12 more kilometres of the line.",
)  # fmt: skip
# The same actors on the same day in another city: another event.
ELSEWHERE = _item(
    5, 5, "ru2", "Григорян и Мустафаев встретились в Москве",
    "Мгер Григорян и Шахин Мустафаев провели заседание комиссий по делимитации в Москве "
    "и согласовали участок границы.",
)  # fmt: skip


def test_one_meeting_in_three_languages_is_one_story_and_the_next_is_another() -> None:
    items = [*MEETING, NEXT_MEETING, ELSEWHERE]
    stories = {frozenset(i.id for i in s.items) for s in cluster_stories(items)}
    assert stories == {frozenset({1, 2, 3}), frozenset({4}), frozenset({5})}
    links = link_stories(items, [])
    assert set(links) == {2, 3}
