"""A judged search set: a fixed corpus of regional news in English, Russian and Armenian, and
queries with the ids of the articles that answer them.

Events are drawn with a fixed seed: a subject (a meeting, a border commission, elections, an
earthquake...), a place, a person and sometimes an organisation (CSTO / ОДКБ / ՀԱՊԿ, the EU).
Each event is reported in one to three languages, each report with its own headline and lead
from templates that put the subject, place and person in different grammatical cases
(совещание / совещания / совещании; Փաշինյան / Փաշինյանը / Փաշինյանի; Минск / Минске), plus
filler sentences full of common words. "European Commission delegation visits border
communities" stories sit beside the border commission stories, and fillers mention gas and
tariffs apart, so phrases matter.

Relevance comes from what each article is about, never from its text:
- inflected: a subject and a place, in inflected forms -> that language's reports of events
  with both;
- name: a person and a place, written in one script -> reports in every language of events
  with both (the other scripts' reports count: search is expected to cross scripts);
- concept: an organisation's acronym in one script and a place -> reports in every language;
- phrase: a quoted two-word subject and a place -> that language's reports of such events;
- exclude: a subject, a place and -person -> that language's reports without that person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SEED = 1717
EVENTS = 560
NOISE_ARTICLES = 60
LANGUAGES = ("en", "ru", "hy")

# name -> {language: forms}; English has one form; Russian nom, gen, dat, ins; Armenian nom,
# with article, gen, dat.
PEOPLE: dict[str, dict[str, tuple[str, ...]]] = {
    "Pashinyan": {"en": ("Nikol Pashinyan", "Pashinyan"),
                  "ru": ("Пашинян", "Пашиняна", "Пашиняну", "Пашиняном"),
                  "hy": ("Փաշինյան", "Փաշինյանը", "Փաշինյանի", "Փաշինյանին")},
    "Mirzoyan": {"en": ("Ararat Mirzoyan", "Mirzoyan"),
                 "ru": ("Мирзоян", "Мирзояна", "Мирзояну", "Мирзояном"),
                 "hy": ("Միրզոյան", "Միրզոյանը", "Միրզոյանի", "Միրզոյանին")},
    "Aliyev": {"en": ("Ilham Aliyev", "Aliyev"),
               "ru": ("Алиев", "Алиева", "Алиеву", "Алиевым"),
               "hy": ("Ալիև", "Ալիևը", "Ալիևի", "Ալիևին")},
    "Kocharyan": {"en": ("Robert Kocharyan", "Kocharyan"),
                  "ru": ("Кочарян", "Кочаряна", "Кочаряну", "Кочаряном"),
                  "hy": ("Քոչարյան", "Քոչարյանը", "Քոչարյանի", "Քոչարյանին")},
    "Grigoryan": {"en": ("Mher Grigoryan", "Grigoryan"),
                  "ru": ("Григорян", "Григоряна", "Григоряну", "Григоряном"),
                  "hy": ("Գրիգորյան", "Գրիգորյանը", "Գրիգորյանի", "Գրիգորյանին")},
    "Overchuk": {"en": ("Alexei Overchuk", "Overchuk"),
                 "ru": ("Оверчук", "Оверчука", "Оверчуку", "Оверчуком"),
                 "hy": ("Օվերչուկ", "Օվերչուկը", "Օվերչուկի", "Օվերչուկին")},
    "Simonyan": {"en": ("Alen Simonyan", "Simonyan"),
                 "ru": ("Симонян", "Симоняна", "Симоняну", "Симоняном"),
                 "hy": ("Սիմոնյան", "Սիմոնյանը", "Սիմոնյանի", "Սիմոնյանին")},
    "Lavrov": {"en": ("Sergei Lavrov", "Lavrov"),
               "ru": ("Лавров", "Лаврова", "Лаврову", "Лавровым"),
               "hy": ("Լավրով", "Լավրովը", "Լավրովի", "Լավրովին")},
    "Bayramov": {"en": ("Jeyhun Bayramov", "Bayramov"),
                 "ru": ("Байрамов", "Байрамова", "Байрамову", "Байрамовым"),
                 "hy": ("Բայրամով", "Բայրամովը", "Բայրամովի", "Բայրամովին")},
    "Tasmagambetov": {"en": ("Imangali Tasmagambetov", "Tasmagambetov"),
                      "ru": ("Тасмагамбетов", "Тасмагамбетова", "Тасмагамбетову",
                             "Тасмагамбетовым"),
                      "hy": ("Տասմագամբետով", "Տասմագամբետովը", "Տասմագամբետովի",
                             "Տասմագամբետովին")},
}  # fmt: skip

# name -> {language: forms}; English one form; Russian nom, loc, gen; Armenian nom, loc, gen.
PLACES: dict[str, dict[str, tuple[str, ...]]] = {
    "Gyumri": {"en": ("Gyumri",), "ru": ("Гюмри", "Гюмри", "Гюмри"),
               "hy": ("Գյումրի", "Գյումրիում", "Գյումրիի")},
    "Minsk": {"en": ("Minsk",), "ru": ("Минск", "Минске", "Минска"),
              "hy": ("Մինսկ", "Մինսկում", "Մինսկի")},
    "Yerevan": {"en": ("Yerevan",), "ru": ("Ереван", "Ереване", "Еревана"),
                "hy": ("Երևան", "Երևանում", "Երևանի")},
    "Tbilisi": {"en": ("Tbilisi",), "ru": ("Тбилиси", "Тбилиси", "Тбилиси"),
                "hy": ("Թբիլիսի", "Թբիլիսիում", "Թբիլիսիի")},
    "Astana": {"en": ("Astana",), "ru": ("Астана", "Астане", "Астаны"),
               "hy": ("Աստանա", "Աստանայում", "Աստանայի")},
    "Kapan": {"en": ("Kapan",), "ru": ("Капан", "Капане", "Капана"),
              "hy": ("Կապան", "Կապանում", "Կապանի")},
    "Goris": {"en": ("Goris",), "ru": ("Горис", "Горисе", "Гориса"),
              "hy": ("Գորիս", "Գորիսում", "Գորիսի")},
    "Sevan": {"en": ("Sevan",), "ru": ("Севан", "Севане", "Севана"),
              "hy": ("Սևան", "Սևանում", "Սևանի")},
    "Vanadzor": {"en": ("Vanadzor",), "ru": ("Ванадзор", "Ванадзоре", "Ванадзора"),
                 "hy": ("Վանաձոր", "Վանաձորում", "Վանաձորի")},
    "Bishkek": {"en": ("Bishkek",), "ru": ("Бишкек", "Бишкеке", "Бишкека"),
                "hy": ("Բիշքեկ", "Բիշքեկում", "Բիշքեկի")},
    "Ijevan": {"en": ("Ijevan",), "ru": ("Иджеван", "Иджеване", "Иджевана"),
               "hy": ("Իջևան", "Իջևանում", "Իջևանի")},
    "Gavar": {"en": ("Gavar",), "ru": ("Гавар", "Гаваре", "Гавара"),
              "hy": ("Գավառ", "Գավառում", "Գավառի")},
    "Sisian": {"en": ("Sisian",), "ru": ("Сисиан", "Сисиане", "Сисиана"),
               "hy": ("Սիսիան", "Սիսիանում", "Սիսիանի")},
    "Dilijan": {"en": ("Dilijan",), "ru": ("Дилижан", "Дилижане", "Дилижана"),
                "hy": ("Դիլիջան", "Դիլիջանում", "Դիլիջանի")},
}  # fmt: skip

# subject -> {language: forms}; English singular, plural; Russian nom, gen, loc, ins;
# Armenian nom, with article, gen, dat.
SUBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "meeting": {"en": ("meeting", "meetings"),
                "ru": ("совещание", "совещания", "совещании", "совещанием"),
                "hy": ("խորհրդակցություն", "խորհրդակցությունը", "խորհրդակցության",
                       "խորհրդակցությանը")},
    "border commission": {"en": ("border commission", "border commissions"),
                          "ru": ("пограничная комиссия", "пограничной комиссии",
                                 "пограничной комиссии", "пограничной комиссией"),
                          "hy": ("սահմանային հանձնաժողով", "սահմանային հանձնաժողովը",
                                 "սահմանային հանձնաժողովի", "սահմանային հանձնաժողովին")},
    "election": {"en": ("election", "elections"),
                 "ru": ("выборы", "выборов", "выборах", "выборами"),
                 "hy": ("ընտրություններ", "ընտրությունները", "ընտրությունների",
                        "ընտրություններին")},
    "earthquake": {"en": ("earthquake", "earthquakes"),
                   "ru": ("землетрясение", "землетрясения", "землетрясении", "землетрясением"),
                   "hy": ("երկրաշարժ", "երկրաշարժը", "երկրաշարժի", "երկրաշարժին")},
    "exercise": {"en": ("military exercise", "military exercises"),
                 "ru": ("учения", "учений", "учениях", "учениями"),
                 "hy": ("զորավարժություններ", "զորավարժությունները", "զորավարժությունների",
                        "զորավարժություններին")},
    "gas tariff": {"en": ("gas tariff", "gas tariffs"),
                   "ru": ("тариф на газ", "тарифа на газ", "тарифе на газ", "тарифом на газ"),
                   "hy": ("գազի սակագին", "գազի սակագինը", "գազի սակագնի", "գազի սակագնին")},
    "wheat harvest": {"en": ("wheat harvest", "wheat harvests"),
                      "ru": ("урожай пшеницы", "урожая пшеницы", "урожае пшеницы",
                             "урожаем пшеницы"),
                      "hy": ("ցորենի բերք", "ցորենի բերքը", "ցորենի բերքի", "ցորենի բերքին")},
    "negotiations": {"en": ("negotiation", "negotiations"),
                     "ru": ("переговоры", "переговоров", "переговорах", "переговорами"),
                     "hy": ("բանակցություններ", "բանակցությունները", "բանակցությունների",
                            "բանակցություններին")},
}  # fmt: skip
# A look-alike of the border commission stories: both words, never the phrase.
LOOKALIKE = "European Commission visit"

ORGS: dict[str, dict[str, str]] = {
    "CSTO": {"en": "CSTO", "ru": "ОДКБ", "hy": "ՀԱՊԿ"},
    "EU": {"en": "EU", "ru": "Евросоюз", "hy": "Եվրամիություն"},
}

TITLES = {
    "en": ["{P1} attends {s1} in {L0}", "{S0} in {L0}: {P1} speaks",
           "{L0} hosts {s0}, {P1} says", "{P1} on the {s0} in {L0}"],
    "ru": ["{P0} принял участие в {s2} в {L1}", "{S0} в {L1}: выступил {P0}",
           "Итоги {s1} в {L1} подвёл {P0}", "В {L1} прошло {s0} с {P3}"],
    "hy": ["{P1} մասնակցել է {L1} {s3}", "{S0} {L1}՝ {P2} մասնակցությամբ",
           "{L2} {s0}. {P1} ելույթ է ունեցել", "{P3} ներկայացրել են {s2} արդյունքները"],
}  # fmt: skip
LEADS = {
    "en": ["{P0} took part in the {s0} held in {L0} on {day}.",
           "Officials gathered in {L0} for the {s1}, {P1} told reporters.",
           "The {s1} in {L0} ended late on {day}, according to {P1}."],
    "ru": ["{P0} принял участие в {s2}, которое прошло в {L1} в {day}.",
           "По итогам {s1} в {L1} журналисты задали вопросы {P2}.",
           "Встреча с {P3} в {L1} была посвящена теме: {s0}."],
    "hy": ["{P1} մասնակցել է {L1} անցկացված {s3}։",
           "{P2} խոսքով՝ {s1} {L1} կշարունակվի։",
           "{L2} {s2} մասին լրագրողների հարցերին պատասխանել է {P1}։"],
}  # fmt: skip
ORG_LINES = {
    "en": "Representatives of the {O} were present.",
    "ru": "На встрече присутствовали представители {O}.",
    "hy": "Ներկա էին {O} ներկայացուցիչները։",
}
LOOKALIKE_TEXT = {
    "en": ("European Commission delegation visits border communities near {L0}",
           "A delegation of the European Commission met residents of border communities "
           "near {L0} on {day}; {P1} joined the visit."),
    "ru": ("Делегация Еврокомиссии посетила приграничные общины у {L2}",
           "Делегация Европейской комиссии встретилась с жителями приграничных общин у "
           "{L2}; к визиту присоединился {P0}."),
    "hy": ("Եվրահանձնաժողովի պատվիրակությունն այցելել է {L2} սահմանամերձ համայնքներ",
           "Եվրոպական հանձնաժողովի պատվիրակությունը {L1} հանդիպել է սահմանամերձ "
           "համայնքների բնակիչների հետ, այցին միացել է {P1}։"),
}  # fmt: skip
FILLERS = {
    "en": ["The government said the work would continue next week.",
           "Gas supplies were stable, and a new tariff for water was discussed.",
           "Officials from the border service and the regional commission also spoke.",
           "Residents said they hoped for more news soon.",
           "The ministry published a statement on its website on {day}.",
           "Prices in local markets did not change, traders said."],
    "ru": ["В правительстве заявили, что работа продолжится на следующей неделе.",
           "Поставки газа шли без перебоев, обсуждался и новый тариф на воду.",
           "Выступили также представители пограничной службы и областной администрации.",
           "Жители надеются на новые известия в ближайшее время.",
           "Министерство опубликовало заявление на своём сайте в {day}.",
           "Цены на местных рынках не изменились, рассказали торговцы."],
    "hy": ["Կառավարությունից հայտնել են, որ աշխատանքները կշարունակվեն հաջորդ շաբաթ։",
           "Գազի մատակարարումը կայուն էր, քննարկվել է նաև ջրի նոր սակագինը։",
           "Ելույթ են ունեցել նաև սահմանապահ ծառայության ներկայացուցիչները։",
           "Բնակիչները հույս ունեն շուտով նոր լուրեր ստանալ։",
           "Նախարարությունը հայտարարություն է հրապարակել իր կայքում։",
           "Տեղի շուկաներում գները չեն փոխվել, ասել են վաճառողները։"],
}  # fmt: skip
DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "ru": ["понедельник", "вторник", "среду", "четверг", "пятницу"],
    "hy": ["երկուշաբթի", "երեքշաբթի", "չորեքշաբթի", "հինգշաբթի", "ուրբաթ"],
}


@dataclass(frozen=True)
class Doc:
    id: int
    language: str
    title: str
    body: str
    subject: str
    place: str
    person: str
    org: str | None


@dataclass(frozen=True)
class Query:
    text: str
    language: str
    kind: str
    relevant: frozenset[int]
    held_out: bool


@dataclass
class SearchSet:
    docs: list[Doc] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)


def _slots(lang: str, subject: str, place: str, person: str, rng: random.Random) -> dict[str, str]:
    slots: dict[str, str] = {"day": rng.choice(DAYS[lang])}
    for i, form in enumerate(PEOPLE[person][lang]):
        slots[f"P{i}"] = form
    for i, form in enumerate(PLACES[place][lang]):
        slots[f"L{i}"] = form
    if subject in SUBJECTS:
        for i, form in enumerate(SUBJECTS[subject][lang]):
            slots[f"s{i}"] = form
            slots[f"S{i}"] = form[:1].upper() + form[1:]
    return slots


def _report(
    doc_id: int, lang: str, event: tuple[str, str, str, str | None], rng: random.Random
) -> Doc:
    subject, place, person, org = event
    slots = _slots(lang, subject, place, person, rng)
    if subject == LOOKALIKE:
        title, lead = (text.format(**slots) for text in LOOKALIKE_TEXT[lang])
    else:
        title = rng.choice(TITLES[lang]).format(**slots)
        lead = rng.choice(LEADS[lang]).format(**slots)
    sentences = [lead]
    if org is not None:
        sentences.append(ORG_LINES[lang].format(O=ORGS[org][lang]))
    sentences += [f.format(**slots) for f in rng.sample(FILLERS[lang], 3)]
    return Doc(doc_id, lang, title, " ".join(sentences), subject, place, person, org)


def _noise(doc_id: int, rng: random.Random) -> Doc:
    lang = rng.choice(LANGUAGES)
    place = rng.choice(list(PLACES))
    slots = _slots(lang, "", place, rng.choice(list(PEOPLE)), rng)
    title = {"en": "News from {L0}", "ru": "Новости {L2}", "hy": "{L2} լուրեր"}[lang]
    body = " ".join(f.format(**slots) for f in rng.sample(FILLERS[lang], 4))
    return Doc(doc_id, lang, title.format(**slots), body, "", place, "", None)


def build(seed: int = SEED) -> SearchSet:
    rng = random.Random(seed)
    out = SearchSet()
    subjects = [*SUBJECTS, LOOKALIKE, LOOKALIKE]
    for _ in range(EVENTS):
        org = rng.choices([None, "CSTO", "EU"], weights=[7, 2, 1])[0]
        event = (rng.choice(subjects), rng.choice(list(PLACES)), rng.choice(list(PEOPLE)), org)
        langs = [lang for lang in LANGUAGES if rng.random() < 0.55] or [rng.choice(LANGUAGES)]
        for lang in langs:
            for _ in range(2 if rng.random() < 0.15 else 1):
                out.docs.append(_report(len(out.docs) + 1, lang, event, rng))
    for _ in range(NOISE_ARTICLES):
        out.docs.append(_noise(len(out.docs) + 1, rng))
    out.queries = _queries(out.docs, random.Random(seed + 1))
    return out


def _queries(docs: list[Doc], rng: random.Random) -> list[Query]:
    queries: list[Query] = []

    def add(text: str, lang: str, kind: str, relevant: set[int]) -> None:
        if relevant and text not in {q.text for q in queries}:
            # Every third query of a kind is held out: never looked at while tuning.
            held = sum(q.kind == kind for q in queries) % 3 == 2
            queries.append(Query(text, lang, kind, frozenset(relevant), held))

    plain = [s for s in SUBJECTS if " " not in s]
    for lang in LANGUAGES:
        while sum(q.kind == "inflected" and q.language == lang for q in queries) < 9:
            subject, place = rng.choice(plain), rng.choice(list(PLACES))
            forms = SUBJECTS[subject][lang]
            # An inflected form of the subject (not the nominative), the place as it is
            # written after "in".
            text = f"{rng.choice(forms[1:])} {PLACES[place][lang][1 if lang != 'en' else 0]}"
            add(text, lang, "inflected", {d.id for d in docs if d.language == lang
                                          and d.subject == subject and d.place == place})  # fmt: skip
        while sum(q.kind == "name" and q.language == lang for q in queries) < 5:
            person, place = rng.choice(list(PEOPLE)), rng.choice(list(PLACES))
            written = PEOPLE[person][lang]
            name = written[-1] if lang == "en" else rng.choice(written[1:])
            text = f"{name} {rng.choice(PLACES[place][lang])}"
            add(text, lang, "name",
                {d.id for d in docs if d.person == person and d.place == place})  # fmt: skip
        while sum(q.kind == "concept" and q.language == lang for q in queries) < 3:
            org, place = "CSTO", rng.choice(list(PLACES))
            text = f"{ORGS[org][lang]} {PLACES[place][lang][0]}"
            add(text, lang, "concept",
                {d.id for d in docs if d.org == org and d.place == place})  # fmt: skip
        while sum(q.kind == "phrase" and q.language == lang for q in queries) < 4:
            subject = rng.choice(["border commission", "gas tariff", "wheat harvest"])
            place = rng.choice(list(PLACES))
            phrase = rng.choice(SUBJECTS[subject][lang])
            text = f'"{phrase}" {PLACES[place][lang][0]}'
            add(text, lang, "phrase", {d.id for d in docs if d.language == lang
                                       and d.subject == subject and d.place == place})  # fmt: skip
        while sum(q.kind == "exclude" and q.language == lang for q in queries) < 3:
            subject, place = rng.choice(plain), rng.choice(list(PLACES))
            person = rng.choice(list(PEOPLE))
            text = (f"{SUBJECTS[subject][lang][0]} {PLACES[place][lang][0]} "
                    f"-{PEOPLE[person][lang][-1 if lang == 'en' else 0]}")  # fmt: skip
            add(text, lang, "exclude", {d.id for d in docs if d.language == lang
                                        and d.subject == subject and d.place == place
                                        and d.person != person})  # fmt: skip
    return queries
