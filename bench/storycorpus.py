"""A labelled corpus of trilingual news for the story-matching benchmark (bench/stories.py).

Every person, outlet and event here is invented. Events come in families of two: the same
actors in two different events a few hours to seven days apart (a summit and a document on
the same bloc; two border-commission meetings a week apart; a minister's visit and, days
later, his visit elsewhere). Those twins are the hard negatives. Each event is reported by
2-5 outlets in English, Russian and Armenian: every report picks its own headline (no two
reports of one event in one language share a headline template), lead, details, order,
dateline, byline and page chrome. Russian and Armenian reports say the same facts in their
own words, not word for word. In some events one outlet reuses a wire report's lead verbatim.

Families whose number is 2 modulo 3 are the held-out set: the matcher is never tuned on
them, and bench/stories.py reports them apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from news.cluster import StoryItem

START = 1_795_000_000  # a November morning (UTC)
HOUR = 3600
DAY = 24 * HOUR


@dataclass(frozen=True)
class Forms:
    """A name as each language writes it in the cases the templates need."""

    nom: str
    sur: str = ""  # surname, or the short form
    gen: str = ""
    dat: str = ""
    acc: str = ""
    loc: str = ""  # Russian "в Минске", Armenian "Մինսկում"
    defi: str = ""  # Armenian definite (Փաշինյանը)


def _p(en: str, ru: tuple[str, str, str], hy: tuple[str, str, str]) -> dict[str, Forms]:
    """A person: English full name; Russian (full, surname genitive, surname dative);
    Armenian (full, surname definite, surname genitive)."""
    return {
        "en": Forms(en, en.split()[-1], en.split()[-1] + "'s"),
        "ru": Forms(ru[0], ru[0].split()[-1], ru[1], ru[2]),
        "hy": Forms(hy[0], hy[0].split()[-1], hy[2], defi=hy[1]),
    }


PEOPLE = [
    _p("Aram Vardanyan", ("Арам Варданян", "Варданяна", "Варданяну"),
       ("Արամ Վարդանյան", "Վարդանյանը", "Վարդանյանի")),
    _p("Serik Zhumabayev", ("Серик Жумабаев", "Жумабаева", "Жумабаеву"),
       ("Սերիկ Ժումաբաև", "Ժումաբաևը", "Ժումաբաևի")),
    _p("Viktor Lesnichy", ("Виктор Лесничий", "Лесничего", "Лесничему"),
       ("Վիկտոր Լեսնիչի", "Լեսնիչին", "Լեսնիչիի")),
    _p("Gohar Melikyan", ("Гоар Меликян", "Меликян", "Меликян"),
       ("Գոհար Մելիքյան", "Մելիքյանը", "Մելիքյանի")),
    _p("Tigran Sahakyan", ("Тигран Саакян", "Саакяна", "Саакяну"),
       ("Տիգրան Սահակյան", "Սահակյանը", "Սահակյանի")),
    _p("Rustam Nazarov", ("Рустам Назаров", "Назарова", "Назарову"),
       ("Ռուստամ Նազարով", "Նազարովը", "Նազարովի")),
    _p("Ilya Borodin", ("Илья Бородин", "Бородина", "Бородину"),
       ("Իլյա Բորոդին", "Բորոդինը", "Բորոդինի")),
    _p("Nairi Hakobyan", ("Наири Акопян", "Акопяна", "Акопяну"),
       ("Նաիրի Հակոբյան", "Հակոբյանը", "Հակոբյանի")),
    _p("Azamat Tokayev", ("Азамат Токаев", "Токаева", "Токаеву"),
       ("Ազամատ Տոկաև", "Տոկաևը", "Տոկաևի")),
    _p("Levon Ghukasyan", ("Левон Гукасян", "Гукасяна", "Гукасяну"),
       ("Լևոն Ղուկասյան", "Ղուկասյանը", "Ղուկասյանի")),
    _p("Marat Ismailov", ("Марат Исмаилов", "Исмаилова", "Исмаилову"),
       ("Մարատ Իսմայիլով", "Իսմայիլովը", "Իսմայիլովի")),
    _p("Ani Mkrtchyan", ("Ани Мкртчян", "Мкртчян", "Мкртчян"),
       ("Անի Մկրտչյան", "Մկրտչյանը", "Մկրտչյանի")),
    _p("Dmitry Savelyev", ("Дмитрий Савельев", "Савельева", "Савельеву"),
       ("Դմիտրի Սավելև", "Սավելևը", "Սավելևի")),
    _p("Karen Harutyunyan", ("Карен Арутюнян", "Арутюняна", "Арутюняну"),
       ("Կարեն Հարությունյան", "Հարությունյանը", "Հարությունյանի")),
]  # fmt: skip


def _c(en: str, ru: tuple[str, str, str, str], hy: tuple[str, str, str]) -> dict[str, Forms]:
    """A place: Russian (nominative, genitive, accusative, "в ..." locative); Armenian
    (nominative, genitive, locative)."""
    return {
        "en": Forms(en, en, en, en, en, "in " + en),
        "ru": Forms(ru[0], ru[0], ru[1], acc=ru[2], loc=ru[3]),
        "hy": Forms(hy[0], hy[0], hy[1], loc=hy[2]),
    }


CITIES = [
    _c("Minsk", ("Минск", "Минска", "Минск", "в Минске"), ("Մինսկ", "Մինսկի", "Մինսկում")),
    _c("Astana", ("Астана", "Астаны", "Астану", "в Астане"), ("Աստանա", "Աստանայի", "Աստանայում")),
    _c("Bishkek", ("Бишкек", "Бишкека", "Бишкек", "в Бишкеке"),
       ("Բիշքեկ", "Բիշքեկի", "Բիշքեկում")),
    _c("Dushanbe", ("Душанбе", "Душанбе", "Душанбе", "в Душанбе"),
       ("Դուշանբե", "Դուշանբեի", "Դուշանբեում")),
    _c("Moscow", ("Москва", "Москвы", "Москву", "в Москве"), ("Մոսկվա", "Մոսկվայի", "Մոսկվայում")),
    _c("Tbilisi", ("Тбилиси", "Тбилиси", "Тбилиси", "в Тбилиси"),
       ("Թբիլիսի", "Թբիլիսիի", "Թբիլիսիում")),
    _c("Yerevan", ("Ереван", "Еревана", "Ереван", "в Ереване"), ("Երևան", "Երևանի", "Երևանում")),
    _c("Gyumri", ("Гюмри", "Гюмри", "Гюмри", "в Гюмри"), ("Գյումրի", "Գյումրիի", "Գյումրիում")),
    _c("Vanadzor", ("Ванадзор", "Ванадзора", "Ванадзор", "в Ванадзоре"),
       ("Վանաձոր", "Վանաձորի", "Վանաձորում")),
    _c("Kapan", ("Капан", "Капана", "Капан", "в Капане"), ("Կապան", "Կապանի", "Կապանում")),
    _c("Ijevan", ("Иджеван", "Иджевана", "Иджеван", "в Иджеване"),
       ("Իջևան", "Իջևանի", "Իջևանում")),
    _c("Goris", ("Горис", "Гориса", "Горис", "в Горисе"), ("Գորիս", "Գորիսի", "Գորիսում")),
    _c("Sochi", ("Сочи", "Сочи", "Сочи", "в Сочи"), ("Սոչի", "Սոչիի", "Սոչիում")),
    _c("Almaty", ("Алматы", "Алматы", "Алматы", "в Алматы"), ("Ալմաթի", "Ալմաթիի", "Ալմաթիում")),
]  # fmt: skip

# (English, Russian, Armenian) of each bloc.
ORGS = [("CSTO", "ОДКБ", "ՀԱՊԿ"), ("EAEU", "ЕАЭС", "ԵԱՏՄ"), ("CIS", "СНГ", "ԱՊՀ")]

MONTHS = {
    "en": ["November", "December"],
    "en_short": ["Nov", "Dec"],
    "ru": ["ноября", "декабря"],
    "hy": ["նոյեմբերի", "դեկտեմբերի"],
}

SOURCES = {
    "en": ["Caucasus Wire", "Yerevan Herald", "Regional Monitor", "South Caucasus Post",
           "Eurasia Desk"],
    "ru": ["Новости Кавказа", "Кавказ Сегодня", "Евразия Инфо", "Вестник Региона"],
    "hy": ["Արմենպրես Լուր", "Հայկական Ժամանակ", "Լուրեր Օնլայն", "Տարածաշրջան"],
}  # fmt: skip

BYLINES = {
    "en": ["By Anna Petrosyan", "By Mark Ellis", "By Sona Abrahamyan, staff reporter", ""],
    "ru": ["Автор: Ольга Смирнова", "Текст: Артем Васильев", ""],
    "hy": ["Հեղինակ՝ Լիլիթ Սարգսյան", "Մարիամ Գասպարյան", ""],
}  # fmt: skip

FOOTERS = {
    "en": ["Subscribe to our newsletter for the day's top stories.",
           "Follow us on Telegram for breaking news.", "Photo: press service.", ""],
    "ru": ["Подписывайтесь на наш канал в Telegram.", "Фото: пресс-служба.", ""],
    "hy": ["Բաժանորդագրվեք մեր Telegram ալիքին։", "Լուսանկարը՝ մամուլի ծառայության։", ""],
}  # fmt: skip


@dataclass
class Slots:
    """What an event is about; each language reads the same facts."""

    a: dict[str, Forms]
    b: dict[str, Forms]
    city: dict[str, Forms]
    org: tuple[str, str, str]
    day: int
    month: int
    n: int
    m: int

    def values(self, lang: str) -> dict[str, object]:
        index = {"en": 0, "ru": 1, "hy": 2}[lang]
        month = MONTHS[lang][self.month]
        date = {
            "en": f"{month} {self.day}",
            "ru": f"{self.day} {month}",
            "hy": f"{month} {self.day}-ին",
        }[lang]
        return {
            "A": self.a[lang], "B": self.b[lang], "C": self.city[lang],
            "org": self.org[index], "date": date, "n": self.n, "m": self.m,
            "day": self.day,
        }  # fmt: skip


@dataclass(frozen=True)
class Template:
    kind: str
    headlines: dict[str, list[str]]
    leads: dict[str, list[str]]
    details: dict[str, list[str]]


T = Template
TEMPLATES = [
    T(
        "summit",
        {
            "en": [
                "{A.sur} to skip {org} summit in {C.nom}",
                "{org} leaders gather in {C.nom} without {A.nom}",
                "No-show for {A.sur} as bloc heads meet in {C.nom}",
            ],
            "ru": [
                "{A.nom} не поедет на саммит {org} в {C.acc}",
                "Лидеры {org} соберутся {C.loc} без {A.gen}",
            ],
            "hy": [
                "{A.defi} չի մասնակցի {C.gen} {org}-ի գագաթնաժողովին",
                "{org}-ի առաջնորդները {C.loc} կհավաքվեն առանց {A.gen}",
            ],
        },
        {
            "en": [
                "{A.nom} will not attend the {org} leaders' summit that opens in {C.nom} on "
                "{date}, his office said.",
                "The heads of {org} states meet in {C.nom} on {date}, but {A.nom} has told "
                "the hosts he will stay away.",
            ],
            "ru": [
                "{A.nom} не примет участия в саммите {org}, который откроется {C.loc} "
                "{date}, сообщили в его аппарате.",
                "Саммит глав государств {org} пройдет {C.loc} {date}, однако {A.sur} туда не "
                "поедет.",
            ],
            "hy": [
                "{A.nom}ը չի մասնակցի {org}-ի գագաթնաժողովին, որը {date} կմեկնարկի "
                "{C.loc}, հայտնում են նրա աշխատակազմից։",
                "{org}-ի անդամ պետությունների ղեկավարները {date} կհանդիպեն {C.loc}, "
                "սակայն {A.defi} այնտեղ չի մեկնի։",
            ],
        },
        {
            "en": [
                "The agenda includes a joint air defence declaration and the bloc's budget.",
                "{A.sur}'s spokesperson said the decision was final.",
                "{n} delegations are expected in {C.nom}.",
            ],
            "ru": [
                "В повестке дня декларация о совместной ПВО и бюджет организации.",
                "Пресс-секретарь {A.gen} назвал решение окончательным.",
                "{C.loc} ожидают {n} делегаций.",
            ],
            "hy": [
                "Օրակարգում համատեղ հակաօդային պաշտպանության հռչակագիրն է և կազմակերպության "
                "բյուջեն։",
                "{A.gen} մամուլի քարտուղարն ասել է, որ որոշումը վերջնական է։",
                "{C.loc} սպասում են {n} պատվիրակության։",
            ],
        },
    ),
    T(
        "document",
        {
            "en": [
                "{A.sur} asks {org} to drop assistance document from agenda",
                "Aid paper pulled from {org} table at {A.sur}'s request",
                "{org} agenda loses assistance plan after objection",
            ],
            "ru": [
                "{A.nom} попросил {org} убрать с повестки документ о помощи",
                "Документ о помощи исключат из повестки {org} по просьбе {A.gen}",
            ],
            "hy": [
                "{A.defi} խնդրել է {org}-ի օրակարգից հանել օգնության փաստաթուղթը",
                "Օգնության մասին փաստաթուղթը կհանվի {org}-ի օրակարգից",
            ],
        },
        {
            "en": [
                "{A.nom} has asked the {org} to remove a document on military assistance "
                "from the agenda of its meeting in {C.nom}, officials said on {date}.",
                "At {A.nom}'s request, a draft on {org} assistance will not be discussed when "
                "the bloc meets in {C.nom}.",
            ],
            "ru": [
                "{A.nom} обратился к {org} с просьбой исключить из повестки встречи {C.loc} "
                "документ о военной помощи, сообщили {date}.",
                "По просьбе {A.gen} проект документа о помощи {org} не будут обсуждать на "
                "встрече {C.loc}.",
            ],
            "hy": [
                "{A.defi} {org}-ին խնդրել է {C.gen} հանդիպման օրակարգից հանել ռազմական "
                "օգնության մասին փաստաթուղթը, հայտնել են {date}։",
                "{A.gen} խնդրանքով {org}-ի օգնության մասին նախագիծը չի քննարկվի {C.loc}։",
            ],
        },
        {
            "en": [
                "The document set out how members would help one another after an attack.",
                "The secretariat confirmed it had received the letter.",
                "Diplomats said {n} members had backed the draft.",
            ],
            "ru": [
                "Документ описывал порядок взаимной помощи после нападения.",
                "В секретариате подтвердили получение письма.",
                "По словам дипломатов, проект поддержали {n} стран.",
            ],
            "hy": [
                "Փաստաթուղթը սահմանում էր հարձակումից հետո փոխօգնության կարգը։",
                "Քարտուղարությունը հաստատել է, որ նամակը ստացել է։",
                "Դիվանագետների խոսքով՝ նախագծին աջակցել էր {n} երկիր։",
            ],
        },
    ),
    T(
        "commission",
        {
            "en": [
                "Border commissions meet in {C.nom}, agree on {n} km",
                "{A.sur} and {B.sur} sign off another stretch of frontier",
                "Delimitation talks in {C.nom} end with {n}-kilometre deal",
            ],
            "ru": [
                "Комиссии по делимитации встретились {C.loc}",
                "{A.sur} и {B.sur} согласовали {n} км границы",
            ],
            "hy": [
                "Սահմանազատման հանձնաժողովները հանդիպել են {C.loc}",
                "{A.defi} և {B.defi} համաձայնեցրել են սահմանի {n} կմ",
            ],
        },
        {
            "en": [
                "The border commissions led by {A.nom} and {B.nom} met in {C.nom} on {date} "
                "and agreed on {n} kilometres of the line.",
                "Meeting in {C.nom} on {date}, the delimitation teams of {A.nom} and "
                "{B.nom} settled a {n}-kilometre section.",
            ],
            "ru": [
                "Комиссии по делимитации во главе с {A.sur} и {B.sur} провели заседание "
                "{C.loc} {date} и согласовали {n} километров границы.",
                "На встрече {C.loc} {date} {A.nom} и {B.nom} договорились об участке "
                "протяженностью {n} км.",
            ],
            "hy": [
                "{A.nom}ի և {B.nom}ի գլխավորած սահմանազատման հանձնաժողովները {date} "
                "հանդիպել են {C.loc} և համաձայնեցրել սահմանի {n} կիլոմետր։",
                "{C.loc} {date} կայացած հանդիպմանը կողմերը համաձայնեցրել են {n} կմ հատված։",
            ],
        },
        {
            "en": [
                "The next round is planned within {m} weeks.",
                "Experts will now map the section on the ground.",
                "Both sides called the talks constructive.",
            ],
            "ru": [
                "Следующий раунд запланирован в течение {m} недель.",
                "Эксперты нанесут участок на карту на местности.",
                "Стороны назвали переговоры конструктивными.",
            ],
            "hy": [
                "Հաջորդ փուլը նախատեսված է {m} շաբաթվա ընթացքում։",
                "Փորձագետները տեղանքում կքարտեզագրեն հատվածը։",
                "Կողմերը բանակցությունները կառուցողական են անվանել։",
            ],
        },
    ),
    T(
        "quake",
        {
            "en": [
                "Magnitude {m}.{n} quake jolts area near {C.nom}",
                "Earthquake rattles {C.nom}; no deaths reported",
                "Tremor shakes homes around {C.nom}",
            ],
            "ru": [
                "Землетрясение магнитудой {m},{n} произошло у {C.gen}",
                "Подземные толчки ощутили жители {C.gen}",
            ],
            "hy": [
                "{m},{n} մագնիտուդով երկրաշարժ {C.gen} մոտ",
                "{C.gen} բնակիչները զգացել են ստորգետնյա ցնցումներ",
            ],
        },
        {
            "en": [
                "An earthquake of magnitude {m}.{n} struck near {C.nom} early on {date}, the "
                "seismic service said.",
                "Residents of {C.nom} were woken on {date} by a magnitude {m}.{n} tremor, "
                "seismologists reported.",
            ],
            "ru": [
                "Землетрясение магнитудой {m},{n} произошло {date} вблизи {C.gen}, сообщила "
                "сейсмологическая служба.",
                "Жители {C.gen} {date} проснулись от толчков магнитудой {m},{n}.",
            ],
            "hy": [
                "{date} {C.gen} մոտ տեղի է ունեցել {m},{n} մագնիտուդով երկրաշարժ, հայտնում "
                "է սեյսմիկ ծառայությունը։",
                "{C.gen} բնակիչները {date} արթնացել են {m},{n} մագնիտուդով ցնցումներից։",
            ],
        },
        {
            "en": [
                "No casualties were reported; {m} buildings showed cracks.",
                "Schools in the area were closed for inspection.",
                "Aftershocks continued for several hours.",
            ],
            "ru": [
                "О пострадавших не сообщается, в {m} зданиях появились трещины.",
                "Школы района закрыли для проверки.",
                "Повторные толчки продолжались несколько часов.",
            ],
            "hy": [
                "Տուժածներ չկան, {m} շենքում ճաքեր են հայտնաբերվել։",
                "Տարածքի դպրոցները փակվել են ստուգման համար։",
                "Հետցնցումները շարունակվել են մի քանի ժամ։",
            ],
        },
    ),
    T(
        "visit",
        {
            "en": [
                "{A.sur} lands in {C.nom} for talks with {B.sur}",
                "{B.sur} hosts {A.sur} as energy ties top agenda",
                "Visiting {C.nom}, {A.sur} seeks new gas terms",
            ],
            "ru": [
                "{A.nom} прибыл {C.loc} на переговоры с {B.sur}",
                "{B.nom} принял {A.gen}: в центре внимания энергетика",
            ],
            "hy": [
                "{A.defi} ժամանել է {C.nom}՝ բանակցելու {B.gen} հետ",
                "{B.defi} ընդունել է {A.gen}՝ քննարկելով էներգետիկան",
            ],
        },
        {
            "en": [
                "{A.nom} arrived in {C.nom} on {date} for talks with {B.nom} on gas supplies "
                "and transit.",
                "Gas prices and transit routes are on the table as {A.nom} meets {B.nom} in "
                "{C.nom} on {date}.",
            ],
            "ru": [
                "{A.nom} {date} прибыл {C.loc}, где проведет переговоры с {B.sur} о "
                "поставках газа и транзите.",
                "Цены на газ и транзит обсудят {A.nom} и {B.nom} на встрече {C.loc} {date}.",
            ],
            "hy": [
                "{A.defi} {date} ժամանել է {C.nom}, որտեղ {B.gen} հետ կքննարկի գազի "
                "մատակարարումներն ու տարանցումը։",
                "{A.defi} և {B.defi} {date} {C.loc} կքննարկեն գազի գներն ու տարանցիկ ուղիները։",
            ],
        },
        {
            "en": [
                "The visit is {A.sur}'s first since taking office {n} months ago.",
                "A joint statement is expected on the second day.",
                "Business leaders travelled with the delegation.",
            ],
            "ru": [
                "Это первый визит {A.gen} с момента вступления в должность {n} месяцев назад.",
                "На второй день ожидается совместное заявление.",
                "В делегацию вошли представители бизнеса.",
            ],
            "hy": [
                "Սա {A.gen} առաջին այցն է պաշտոնը ստանձնելուց {n} ամիս անց։",
                "Երկրորդ օրը սպասվում է համատեղ հայտարարություն։",
                "Պատվիրակության կազմում են գործարարներ։",
            ],
        },
    ),
    T(
        "arrest",
        {
            "en": [
                "Ex-official {A.sur} detained in {C.nom}",
                "Investigators hold {A.sur} over {n} million dram contract",
                "Former deputy minister arrested on bribery charges",
            ],
            "ru": [
                "{C.loc} задержан бывший чиновник {A.nom}",
                "{A.gen} подозревают во взятке на {n} млн драмов",
            ],
            "hy": [
                "{C.loc} ձերբակալվել է նախկին պաշտոնյա {A.nom}",
                "{A.defi} կասկածվում է {n} միլիոն դրամի կաշառքի մեջ",
            ],
        },
        {
            "en": [
                "Former deputy minister {A.nom} was detained in {C.nom} on {date} on "
                "suspicion of taking a bribe over a {n} million dram contract.",
                "Anti-corruption investigators arrested {A.nom} in {C.nom} on {date}, "
                "alleging a bribe linked to a {n} million dram road deal.",
            ],
            "ru": [
                "Бывший замминистра {A.nom} задержан {C.loc} {date} по подозрению во взятке "
                "по контракту на {n} млн драмов.",
                "Антикоррупционный комитет {date} задержал {A.gen} {C.loc}: речь о взятке "
                "при заключении дорожного контракта на {n} млн драмов.",
            ],
            "hy": [
                "Նախկին փոխնախարար {A.nom}ը {date} ձերբակալվել է {C.loc}՝ {n} միլիոն դրամի "
                "պայմանագրով կաշառք ստանալու կասկածանքով։",
                "Հակակոռուպցիոն կոմիտեն {date} {C.loc} ձերբակալել է {A.gen}՝ {n} միլիոն "
                "դրամի ճանապարհային պայմանագրի գործով։",
            ],
        },
        {
            "en": [
                "His lawyer denied the charges.",
                "A court will rule on pre-trial detention within {m} days.",
                "Two other suspects were questioned.",
            ],
            "ru": [
                "Адвокат отверг обвинения.",
                "Суд решит вопрос о мере пресечения в течение {m} дней.",
                "Допрошены еще два подозреваемых.",
            ],
            "hy": [
                "Պաշտպանը մերժել է մեղադրանքները։",
                "Դատարանը {m} օրվա ընթացքում կորոշի խափանման միջոցը։",
                "Հարցաքննվել են ևս երկու կասկածյալ։",
            ],
        },
    ),
    T(
        "rally",
        {
            "en": [
                "Thousands march in {C.nom} against mining plan",
                "{C.nom} protesters demand halt to open-pit mine",
                "Rally over mine draws crowds to {C.nom} square",
            ],
            "ru": [
                "{C.loc} прошел митинг против рудника",
                "Жители {C.gen} требуют остановить добычу",
            ],
            "hy": [
                "{C.loc} հանքի դեմ հանրահավաք է անցկացվել",
                "{C.gen} բնակիչները պահանջում են դադարեցնել հանքի շահագործումը",
            ],
        },
        {
            "en": [
                "About {n} hundred people rallied in {C.nom} on {date} against plans for an "
                "open-pit mine, organiser {A.nom} said.",
                "Protesters filled the central square of {C.nom} on {date}, demanding the "
                "government scrap a mining licence, said {A.nom}, who led the march.",
            ],
            "ru": [
                "Около {n}00 человек вышли {date} на митинг {C.loc} против открытого "
                "рудника, сообщил организатор {A.nom}.",
                "Участники акции {C.loc} {date} потребовали отозвать лицензию на добычу, "
                "рассказал {A.nom}.",
            ],
            "hy": [
                "{date} {C.loc} մոտ {n}00 մարդ բողոքի ակցիա է անցկացրել բաց հանքի դեմ, "
                "հայտնել է կազմակերպիչ {A.nom}ը։",
                "{C.gen} կենտրոնական հրապարակում {date} ցուցարարները պահանջել են չեղարկել "
                "հանքարդյունահանման լիցենզիան, ասել է {A.nom}ը։",
            ],
        },
        {
            "en": [
                "Police said the rally was peaceful.",
                "The mining company said it had met every environmental standard.",
                "Organisers plan another march in {m} days.",
            ],
            "ru": [
                "Полиция сообщила, что акция прошла мирно.",
                "Компания заявила, что соблюдает экологические нормы.",
                "Организаторы планируют новую акцию через {m} дней.",
            ],
            "hy": [
                "Ոստիկանությունը հայտնել է, որ ակցիան խաղաղ է անցել։",
                "Ընկերությունը հայտարարել է, որ պահպանում է բնապահպանական նորմերը։",
                "Կազմակերպիչները {m} օր անց նոր երթ են ծրագրում։",
            ],
        },
    ),
    T(
        "rate",
        {
            "en": [
                "Central bank lifts key rate to {m}.{n}%",
                "Borrowing costs rise as regulator cites inflation",
                "{A.sur}'s board tightens policy again",
            ],
            "ru": [
                "Центробанк повысил ключевую ставку до {m},{n}%",
                "Регулятор ужесточил политику из-за инфляции",
            ],
            "hy": [
                "Կենտրոնական բանկը բարձրացրել է վերաֆինանսավորման տոկոսադրույքը",
                "Տոկոսադրույքը հասել է {m},{n}%-ի",
            ],
        },
        {
            "en": [
                "The central bank raised its key rate to {m}.{n}% on {date}, governor "
                "{A.nom} said, citing faster inflation.",
                "Citing rising prices, the board led by {A.nom} lifted the refinancing rate to "
                "{m}.{n}% on {date}.",
            ],
            "ru": [
                "Центробанк {date} повысил ключевую ставку до {m},{n}%, сообщил глава "
                "регулятора {A.nom}, сославшись на ускорение инфляции.",
                "Совет ЦБ во главе с {A.sur} {date} поднял ставку рефинансирования до "
                "{m},{n}% из-за роста цен.",
            ],
            "hy": [
                "Կենտրոնական բանկը {date} վերաֆինանսավորման տոկոսադրույքը բարձրացրել է "
                "մինչև {m},{n}%, հայտնել է նախագահ {A.nom}ը՝ պատճառաբանելով գնաճի "
                "արագացումը։",
                "Գների աճի պատճառով {A.gen} գլխավորած խորհուրդը {date} տոկոսադրույքը "
                "հասցրել է {m},{n}%-ի։",
            ],
        },
        {
            "en": [
                "Annual inflation reached {n} percent last month.",
                "Analysts had expected the move.",
                "The next board meeting is in six weeks.",
            ],
            "ru": [
                "Годовая инфляция в прошлом месяце достигла {n}%.",
                "Аналитики ожидали такого решения.",
                "Следующее заседание совета через шесть недель.",
            ],
            "hy": [
                "Անցյալ ամիս տարեկան գնաճը հասել է {n}%-ի։",
                "Վերլուծաբանները սպասում էին այս քայլին։",
                "Խորհրդի հաջորդ նիստը վեց շաբաթից է։",
            ],
        },
    ),
    T(
        "road",
        {
            "en": [
                "Snow shuts highway near {C.nom}, {n} trucks stuck",
                "Drivers stranded as mountain pass closes",
                "Road to {C.nom} blocked by snowdrifts",
            ],
            "ru": ["Трассу у {C.gen} закрыли из-за снега", "Сотни фур застряли на перевале"],
            "hy": [
                "{C.gen} մոտ ճանապարհը փակվել է ձյան պատճառով",
                "Լեռնանցքում կուտակվել են բեռնատարներ",
            ],
        },
        {
            "en": [
                "Heavy snow closed the highway near {C.nom} on {date}, leaving {n} trucks "
                "waiting, the emergencies ministry said.",
                "About {n} lorries were stuck near {C.nom} on {date} after snowdrifts "
                "blocked the pass, rescuers said.",
            ],
            "ru": [
                "Сильный снегопад {date} перекрыл трассу у {C.gen}, в очереди стоят {n} "
                "грузовиков, сообщило МЧС.",
                "Около {n} фур застряли {date} у {C.gen}: перевал занесло снегом.",
            ],
            "hy": [
                "Առատ ձյունը {date} փակել է {C.gen} մոտ մայրուղին, սպասում է {n} "
                "բեռնատար, հայտնում է ԱԻՆ-ը։",
                "{date} {C.gen} մոտ մոտ {n} բեռնատար է կուտակվել ձնակույտերի պատճառով։",
            ],
        },
        {
            "en": [
                "Snowploughs were working through the night.",
                "Drivers were advised to avoid the route for {m} days.",
                "Cars with winter tyres may pass.",
            ],
            "ru": [
                "Снегоуборочная техника работала всю ночь.",
                "Водителям советуют объезжать трассу {m} дня.",
                "Легковые машины с зимней резиной пропускают.",
            ],
            "hy": [
                "Ձնամաքրիչները աշխատել են ամբողջ գիշեր։",
                "Վարորդներին խորհուրդ է տրվում {m} օր խուսափել ճանապարհից։",
                "Ձմեռային անվադողերով մեքենաները կարող են անցնել։",
            ],
        },
    ),
    T(
        "election",
        {
            "en": [
                "{A.sur} wins {C.nom} mayoral vote with {n}%",
                "Incumbent ousted as {C.nom} picks new mayor",
                "Turnout low as {C.nom} elects {A.sur}",
            ],
            "ru": ["{A.nom} избран мэром {C.gen}", "На выборах мэра {C.gen} победил {A.sur}"],
            "hy": [
                "{A.defi} ընտրվել է {C.gen} քաղաքապետ",
                "{C.gen} քաղաքապետի ընտրություններում հաղթել է {A.nom}ը",
            ],
        },
        {
            "en": [
                "{A.nom} won the mayoral election in {C.nom} on {date} with {n}% of the "
                "vote, the electoral commission said.",
                "Voters in {C.nom} chose {A.nom} as mayor on {date}; preliminary results give "
                "him {n}%.",
            ],
            "ru": [
                "{A.nom} победил на выборах мэра {C.gen} {date}, набрав {n}% голосов, "
                "сообщил избирком.",
                "По предварительным данным, {date} жители {C.gen} отдали {A.sur} {n}% голосов.",
            ],
            "hy": [
                "{A.defi} {date} հաղթել է {C.gen} քաղաքապետի ընտրություններում՝ ստանալով "
                "ձայների {n}%-ը, հայտնում է ԿԸՀ-ն։",
                "Նախնական տվյալներով՝ {date} {C.gen} ընտրողների {n}%-ը քվեարկել է {A.gen} օգտին։",
            ],
        },
        {
            "en": [
                "Turnout was {m}0 percent.",
                "His rival conceded defeat on election night.",
                "Observers reported minor violations.",
            ],
            "ru": [
                "Явка составила {m}0%.",
                "Соперник признал поражение.",
                "Наблюдатели сообщили о незначительных нарушениях.",
            ],
            "hy": [
                "Մասնակցությունը կազմել է {m}0%։",
                "Մրցակիցն ընդունել է պարտությունը։",
                "Դիտորդները արձանագրել են աննշան խախտումներ։",
            ],
        },
    ),
]

DATELINE = {
    "en": ["{CITY}, {mon} {day} ({source}) - ", "{city} ({source}) - ", ""],
    "ru": ["{CITY}, {day} {mon_ru} — {source}. ", ""],
    "hy": ["{CITY}, {mon_hy} {day}. {source}։ ", ""],
}

# Kinds of the second event of a family: the same actors, a different event.
TWINS = {
    "summit": "document", "document": "summit", "commission": "commission",
    "quake": "quake", "visit": "visit", "arrest": "rally", "rally": "arrest",
    "rate": "visit", "road": "road", "election": "visit",
}  # fmt: skip


@dataclass
class Report:
    item: StoryItem
    language: str
    event: int


@dataclass
class Corpus:
    reports: list[Report] = field(default_factory=list)
    # Pairs of events with the same actors (hard negatives).
    twins: list[tuple[int, int]] = field(default_factory=list)
    held_out: set[int] = field(default_factory=set)  # event numbers


def _fill(text: str, slots: Slots, lang: str) -> str:
    return text.format(**slots.values(lang))


def _report(
    rng: random.Random,
    template: Template,
    slots: Slots,
    lang: str,
    headline: int,
    source: str,
    wire_lead: str | None,
) -> tuple[str, str, str]:
    """(title, body, lead) of one outlet's report."""
    title = _fill(template.headlines[lang][headline], slots, lang)
    lead = wire_lead or _fill(rng.choice(template.leads[lang]), slots, lang)
    details = [_fill(d, slots, lang) for d in template.details[lang]]
    rng.shuffle(details)
    details = details[: rng.randint(1, len(details))]
    city = slots.city[lang].nom
    dateline = rng.choice(DATELINE[lang]).format(
        CITY=city.upper(), city=city, day=slots.day, mon=MONTHS["en_short"][slots.month],
        mon_ru=MONTHS["ru"][slots.month], mon_hy=MONTHS["hy"][slots.month].upper(),
        source=source,
    )  # fmt: skip
    paragraphs = [rng.choice(BYLINES[lang]), dateline + lead, *details, rng.choice(FOOTERS[lang])]
    return title, "\n\n".join(p for p in paragraphs if p), lead


def build(seed: int = 13, families: int = 42) -> Corpus:
    """The corpus: `families` pairs of events (same actors, different events)."""
    rng = random.Random(seed)
    corpus = Corpus()
    next_id = 1
    event = 0
    for family in range(families):
        kind = TEMPLATES[family % len(TEMPLATES)].kind
        # Families of one kind never share their main actor or place: that would make
        # two events that only a date tells apart, which no reader could either.
        a = PEOPLE[family % len(PEOPLE)]
        b = PEOPLE[(family + 7) % len(PEOPLE)]
        org = ORGS[family % len(ORGS)]
        # Families of one kind (every tenth) start at least three days apart, beyond the
        # story window: two "document" events of one bloc in one day would be one story.
        base = START + (family // 10) * 5 * DAY + rng.randint(0, 48) * HOUR
        # The same people in the same kind of event meet again days later (two border
        # meetings, two visits); a different kind of event may be the same day.
        same_kind = TWINS[kind] == kind and kind not in ("quake", "road")
        twin_gap = rng.choice([50, 80, 120, 160] if same_kind else [6, 14, 30, 50, 80]) * HOUR
        first_city = CITIES[family * 5 % len(CITIES)]
        for member in range(2):
            this_kind = kind if member == 0 else TWINS[kind]
            template = next(t for t in TEMPLATES if t.kind == this_kind)
            # The same kind of event in the same place within three days would be one
            # story told again (an aftershock, a second day of talks): twins of one kind
            # happen elsewhere, or later.
            same_place = member == 0 or (
                (this_kind != kind or twin_gap >= 72 * HOUR) and rng.random() < 0.5
            )
            city = (
                first_city if same_place else rng.choice([c for c in CITIES if c is not first_city])
            )
            published = base + member * twin_gap
            when = published + 6 * HOUR  # the event's day as reporters give it
            day = 1 + (when - START) // DAY % 28
            month = int((when - START) // DAY >= 25)
            slots = Slots(a, b, city, org, int(day), month, rng.randint(2, 9), rng.randint(2, 8))
            if family % 3 == 2:
                corpus.held_out.add(event)
            count = rng.choice([2, 2, 3, 3, 3, 4, 4, 5])
            languages = [rng.choice(["en", "ru", "hy"]) for _ in range(count)]
            if len(set(languages)) == 1 and count > 2:
                languages[-1] = {"en": "ru", "ru": "hy", "hy": "en"}[languages[0]]
            used_headlines: dict[str, list[int]] = {}
            used_sources: dict[str, list[str]] = {}
            wire_lead: str | None = None
            reuse_wire = rng.random() < 0.3
            for number, lang in enumerate(languages):
                free = [
                    i for i in range(len(template.headlines[lang]))
                    if i not in used_headlines.get(lang, [])
                ]  # fmt: skip
                sources = [s for s in SOURCES[lang] if s not in used_sources.get(lang, [])]
                if not free or not sources:
                    continue
                headline = rng.choice(free)
                source = rng.choice(sources)
                used_headlines.setdefault(lang, []).append(headline)
                used_sources.setdefault(lang, []).append(source)
                reuse = wire_lead if (reuse_wire and lang == "en" and number > 0) else None
                title, body, lead = _report(rng, template, slots, lang, headline, source, reuse)
                if lang == "en" and wire_lead is None:
                    wire_lead = lead
                slug = f"{this_kind}-{event}-{number}"
                host = "".join(ch for ch in source.lower() if ch.isascii() and ch.isalnum())
                corpus.reports.append(
                    Report(
                        StoryItem(
                            id=next_id,
                            title=title,
                            text=body,
                            published_at=published
                            + rng.randint(0, 14) * HOUR
                            + rng.randint(0, 59) * 60,
                            source=source,
                            url=f"https://{host or 'news'}.example/{slug}",
                        ),
                        lang,
                        event,
                    )
                )
                next_id += 1
            event += 1
        corpus.twins.append((event - 2, event - 1))
    return corpus
