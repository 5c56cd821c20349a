"""The names of the story corpus (bench/storycorpus.py): invented people, cities, blocs,
outlets, bylines and page chrome, each in English, Russian and Armenian, in the cases the
templates need; and the slots an event fills in."""

from __future__ import annotations

from dataclasses import dataclass


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
