"""Name keys across Latin, Cyrillic and Armenian script, and Snowball stems."""

from __future__ import annotations

import pytest

from news.names import name_key, name_keys
from news.stems import stem, stemmed_text

SAME_NAME = [
    ("Pashinyan", "Пашинян", "Пашиняна", "Пашиняну", "Пашиняном", "Փաշինյան", "Փաշինյանը",
     "Փաշինյանի", "Փաշինյանին"),
    ("Tasmagambetov", "Тасмагамбетов", "Тасмагамбетова", "Тасмагамбетовым"),
    ("Lukashenko", "Лукашенко", "Լուկաշենկո"),
    ("Yerevan", "Ереван", "Еревана", "Ереване", "Երևան", "Երևանում", "Երևանի"),
    ("Minsk", "Минск", "Минске", "Минска", "Մինսկ", "Մինսկում"),
    ("Mirzoyan", "Мирзоян", "Мирзояна", "Միրզոյան", "Միրզոյանը"),
    ("Hovhannisyan", "Ованнисян", "Հովհաննիսյան"),
    ("Gyumri", "Гюмри", "Գյումրի"),
    ("Aliyev", "Aliev", "Алиев", "Алиева", "Ալիև", "Ալիևը"),
    ("Armenia", "Армения", "Армении", "Армению"),
    ("Savelyev", "Савельев", "Савельева", "Սավելև", "Սավելևի"),
    ("Hakobyan", "Акопян", "Акопяна", "Հակոբյան", "Հակոբյանը"),
    ("Gevorgyan", "Геворкян", "Գևորգյան"),
    ("Lavrov", "Лавров", "Лаврова", "Лавровым", "Լավրով", "Լավրովը", "Լավրովի"),
    ("Bayramov", "Байрамов", "Байрамова", "Բայրամով", "Բայրամովը"),
    ("Dilijan", "Дилижан", "Дилижане", "Դիլիջան", "Դիլիջանում"),
    ("Ijevan", "Иджеван", "Иджеване", "Իջևան", "Իջևանի", "Իջևանում"),
]  # fmt: skip


@pytest.mark.parametrize("forms", SAME_NAME, ids=lambda forms: forms[0])
def test_every_written_form_of_a_name_has_one_key(forms: tuple[str, ...]) -> None:
    assert {name_key(form) for form in forms} == {name_key(forms[0])}


def test_different_names_keep_different_keys() -> None:
    names = ["Pashinyan", "Putin", "Lavrov", "Aliyev", "Minsk", "Moscow", "Baku", "Mirzoyan",
             "Kocharyan", "Sargsyan", "Lukashenko", "Tasmagambetov", "Yerevan", "Tbilisi"]
    assert len({name_key(name) for name in names}) == len(names)


def test_name_keys_reads_every_word_of_a_text() -> None:
    assert name_keys("Премьер Пашинян прибыл в Минск") == [
        name_key("премьер"), "pashinian", name_key("прибыл"), name_key("в"), "minsk"
    ]
    assert name_key("…") == ""


@pytest.mark.parametrize(
    ("forms", "expected_same"),
    [
        (("совещание", "совещания", "совещании"), True),
        (("commission", "commissions"), True),
        (("հանձնաժողովները", "հանձնաժողովների"), True),
        (("Փաշինյանը", "Փաշինյանի"), True),
        (("բերքը", "բերքի", "բերքին", "բերքից"), True),  # Snowball alone: three stems
        (("գազ", "գազի", "գազը"), True),
        (("Կապանում", "կայուն"), False),  # Snowball alone cuts both to "կա"
        (("summit", "summary"), False),
    ],
)
def test_stems_join_inflected_forms(forms: tuple[str, ...], expected_same: bool) -> None:
    stems = {stem(form.casefold()) for form in forms}
    assert (len(stems) == 1) is expected_same


def test_stemmed_text_is_one_stem_per_token() -> None:
    assert stemmed_text("Совещания ОДКБ, 2025") == "совещан одкб 2025"
