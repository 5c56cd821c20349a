"""The vocabulary of the ingest benchmark's synthetic regional news (bench/ingestcorpus.py):
outlets, actors, places, officials, topics, and sentence and headline templates in English,
Russian and Armenian."""

from __future__ import annotations

import random
from collections.abc import Callable

SOURCES = [
    ("Yerevan Herald", "yerevanherald"),
    ("Caucasus Wire", "caucasuswire"),
    ("Kavkaz Today", "kavkaztoday"),
    ("Ararat Daily", "araratdaily"),
    ("Syunik Post", "syunikpost"),
    ("Lori Observer", "loriobserver"),
    ("Gyumri Times", "gyumritimes"),
    ("South Caucasus Monitor", "scmonitor"),
    ("Sevan Bulletin", "sevanbulletin"),
    ("Tavush Report", "tavushreport"),
    ("Regional Security Review", "secreview"),
    ("Eurasia Ledger", "eurasialedger"),
    ("Border Line News", "borderline"),
    ("Caspian Courier", "caspiancourier"),
    ("Black Sea Brief", "blacksea"),
    ("Zangezur Mail", "zangezurmail"),
    ("Vanadzor Voice", "vanadzor"),
    ("Dilijan Dispatch", "dilijan"),
    ("Ashtarak Chronicle", "ashtarak"),
    ("Meghri Gazette", "meghri"),
    ("Transit Economy", "transiteco"),
    ("Kura Press", "kurapress"),
    ("Aragats Radio", "aragats"),
    ("Highland Wire", "highland"),
    ("Lake Sevan Online", "sevanonline"),
]

ACTORS = [
    "Armenia",
    "Azerbaijan",
    "Russia",
    "the EU",
    "the CSTO",
    "Georgia",
    "Iran",
    "Turkey",
    "the European Union",
    "Kazakhstan",
    "Belarus",
    "the United States",
    "France",
    "India",
]
CAPITALS = ["Yerevan", "Baku", "Moscow", "Brussels", "Tbilisi", "Tehran", "Ankara", "Astana"]
PLACES = [
    "Syunik",
    "Tavush",
    "Gyumri",
    "Vanadzor",
    "Meghri",
    "Upper Lars",
    "Ijevan",
    "Goris",
    "Kapan",
    "Sevan",
    "Jermuk",
    "Dilijan",
    "Armavir",
    "Ararat valley",
    "Bagratashen",
]
OFFICIALS = [
    "Deputy Foreign Minister Anna Petrosyan",
    "Economy Minister Gevorg Papoyan",
    "central bank governor Martin Galstyan",
    "Security Council secretary Armen Grigoryan",
    "Kremlin spokesman Dmitry Peskov",
    "EU envoy Toivo Klaar",
    "a government spokeswoman",
    "Foreign Minister Ararat Mirzoyan",
    "a CSTO spokesman",
    "Defence Minister Suren Papikyan",
    "an EU monitoring mission officer",
    "a senior diplomat",
    "the deputy prime minister",
]
TOPICS = [
    "border delimitation",
    "a peace treaty draft",
    "the gas supply contract",
    "railway reopening",
    "electricity exports",
    "customs procedures",
    "visa liberalisation",
    "the national budget",
    "inflation expectations",
    "grain imports",
    "wine exports",
    "the Upper Lars checkpoint",
    "transit corridors",
    "the Metsamor nuclear plant",
    "military drills",
    "the observer mission",
    "remittance flows",
    "mining licences",
    "a road construction loan",
    "energy tariffs",
    "water sharing on the Araks",
]
VERBS = [
    "discussed",
    "signed a memorandum on",
    "postponed talks on",
    "reached agreement on",
    "traded accusations over",
    "announced a review of",
    "set up a working group on",
    "published figures on",
    "called for progress on",
    "raised concerns about",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
UNITS = [
    "million dollars",
    "billion drams",
    "percent",
    "tonnes",
    "trucks a day",
    "million cubic metres",
    "megawatt hours",
    "passengers a week",
]
CHANGES = ["rose", "fell", "edged up", "dropped sharply", "stayed flat", "nearly doubled"]
HEADLINE_VERBS = [
    "weighs",
    "rejects",
    "backs",
    "delays",
    "eyes",
    "questions",
    "signs off on",
    "resumes talks on",
    "warns over",
    "reviews",
]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


EN_SENTENCES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"{r.choice(ACTORS)} and {r.choice(ACTORS)} {r.choice(VERBS)} "
        f"{r.choice(TOPICS)} on {r.choice(DAYS)}, {r.choice(OFFICIALS)} told reporters "
        f"in {r.choice(CAPITALS)}."
    ),
    lambda r: (
        f"According to the statistics committee, {r.choice(TOPICS)} figures "
        f"{r.choice(CHANGES)} to {r.randint(2, 980)}.{r.randint(0, 9)} "
        f"{r.choice(UNITS)} in {r.choice(MONTHS)}, compared with "
        f"{r.randint(2, 980)} a year earlier."
    ),
    lambda r: (
        f"The talks in {r.choice(CAPITALS)} are the {r.randint(3, 40)}th round since "
        f"{r.randint(2019, 2025)}, and officials expect the next one in "
        f"{r.choice(MONTHS)}."
    ),
    lambda r: (
        f"Residents of {r.choice(PLACES)} said the changes had already affected "
        f"{r.choice(TOPICS)}, with local traders reporting {r.randint(5, 60)} percent "
        f"fewer customers."
    ),
    lambda r: (
        f"Analysts note that the economy of {r.choice(ACTORS)} depends heavily on "
        f"{r.choice(TOPICS)}, and that the central bank may revise its growth forecast "
        f"to {r.randint(1, 9)}.{r.randint(0, 9)} percent."
    ),
    lambda r: (
        f"{upper_first(r.choice(OFFICIALS))} said the CSTO had not responded to "
        f"requests concerning {r.choice(PLACES)} for {r.randint(2, 30)} months."
    ),
    lambda r: (
        f"The EU mission, which has patrolled near {r.choice(PLACES)} since "
        f"{r.randint(2021, 2024)}, recorded {r.randint(3, 400)} patrols last quarter."
    ),
    lambda r: (
        f"Russian and Armenian delegations met for {r.randint(2, 9)} hours, and a "
        f"joint statement on {r.choice(TOPICS)} is expected by {r.choice(DAYS)}."
    ),
    lambda r: (
        f"Opposition lawmakers in {r.choice(CAPITALS)} demanded that the government "
        f"publish the text on {r.choice(TOPICS)} before {r.choice(MONTHS)} "
        f"{r.randint(1, 28)}."
    ),
    lambda r: (
        f"Azerbaijan's foreign ministry said {r.choice(TOPICS)} would be discussed "
        f'"in good faith", while {r.choice(OFFICIALS)} called the proposal '
        f"<em>premature</em>."
    ),
    lambda r: (
        f"Trade between {r.choice(ACTORS)} and {r.choice(ACTORS)} reached "
        f"{r.randint(100, 9000)} {r.choice(UNITS)} over {r.randint(2, 11)} months, "
        f"customs data show."
    ),
    lambda r: (
        f"In {r.choice(PLACES)}, {r.randint(12, 4000)} people signed a petition about "
        f"{r.choice(TOPICS)}, organisers said on {r.choice(DAYS)}."
    ),
]

RU_ACTORS = ["Армения", "Азербайджан", "Россия", "ОДКБ", "Евросоюз", "Грузия", "Иран"]
RU_TOPICS = [
    "делимитации границы",
    "поставках газа",
    "экономике региона",
    "бюджете",
    "инфляции",
    "транзитных коридорах",
    "товарообороте",
    "экспорте коньяка",
    "работе пункта пропуска Верхний Ларс",
    "учениях ОДКБ",
]
RU_SENTENCES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"{r.choice(RU_ACTORS)} и {r.choice(RU_ACTORS)} обсудили вопрос о "
        f"{r.choice(RU_TOPICS)}, сообщили в Ереване в {r.choice(['понедельник', 'среду', 'пятницу'])}."
    ),
    lambda r: (
        f"По данным статистического комитета, показатель вырос на "
        f"{r.randint(1, 40)},{r.randint(0, 9)} процента за {r.randint(2, 11)} месяцев."
    ),
    lambda r: (
        f"Представитель Кремля заявил, что Москва готова продолжить переговоры о "
        f"{r.choice(RU_TOPICS)} «в ближайшие недели»."
    ),
    lambda r: (
        f"Жители города {r.choice(['Гюмри', 'Ванадзор', 'Капан', 'Горис', 'Мегри'])} "
        f"говорят, что цены за {r.randint(2, 12)} месяцев выросли на "
        f"{r.randint(3, 30)} процентов."
    ),
    lambda r: (
        f"Центробанк Армении сохранил ставку на уровне {r.randint(6, 12)},"
        f"{r.randint(0, 75)} процента, отметив замедление инфляции."
    ),
]
HY_SENTENCES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"Հայաստանը և Ադրբեջանը {r.randint(3, 30)}-րդ անգամ քննարկել են սահմանների "
        f"սահմանազատման հարցը, հայտնել են Երևանում։"
    ),
    lambda r: (
        f"Կենտրոնական բանկը վերանայել է տնտեսության աճի կանխատեսումը՝ "
        f"{r.randint(3, 9)},{r.randint(0, 9)} տոկոս։"
    ),
    lambda r: (
        f"ՀԱՊԿ-ի ներկայացուցիչը {r.randint(2, 20)} ամիս շարունակ չի արձագանքել Հայաստանի դիմումին։"
    ),
    lambda r: (
        f"Եվրամիությունը {r.randint(2, 90)} միլիոն եվրո կհատկացնի "
        f"{r.choice(['Սյունիքի', 'Տավուշի', 'Լոռու', 'Շիրակի'])} ճանապարհների համար։"
    ),
    lambda r: (
        f"Ռուսաստանի հետ առևտուրը {r.randint(2, 11)} ամսում աճել է "
        f"{r.randint(3, 40)} տոկոսով, նշում են փորձագետները։"
    ),
]
EN_HEADLINES: list[Callable[[random.Random], str]] = [
    lambda r: (
        f"{upper_first(r.choice(ACTORS).removeprefix('the '))} "
        f"{r.choice(HEADLINE_VERBS)} {r.choice(TOPICS)}"
    ),
    lambda r: (
        f"{r.choice(PLACES)}: {r.choice(TOPICS)} {r.choice(['in focus', 'stalls', 'moves ahead'])}"
    ),
    lambda r: (
        f"{r.choice(['Economy', 'Inflation', 'Exports', 'Budget'])} "
        f"{r.choice(CHANGES)} as {r.choice(ACTORS)} {r.choice(HEADLINE_VERBS)} "
        f"{r.choice(TOPICS)}"
    ),
]
RU_HEADLINES = [
    "Ереван и Баку обсудили",
    "ОДКБ ответила Армении о",
    "Москва заявила о",
    "Евросоюз выделит средства на",
    "Экономика Армении: данные о",
]
HY_HEADLINES = [
    "Հայաստանը քննարկում է",
    "ՀԱՊԿ-ը լռում է",
    "Եվրամիությունը աջակցում է",
    "Տնտեսության աճը և",
]
