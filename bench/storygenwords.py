"""The words of the brief benchmark's topic window (bench/storygen.py): sources, places,
people and the other slot values; one-off local news; page chrome; the Template shape."""

from __future__ import annotations

from dataclasses import dataclass

SOURCES = [
    "Caucasus Wire", "Yerevan Herald", "Kavkaz Today", "Armenian Daily", "South Caucasus Post",
    "Ararat News", "Lori Courier", "Syunik Today", "Tbilisi Observer", "Region Monitor",
]  # fmt: skip
PLACES = [
    "Kajaran", "Dilijan", "Vanadzor", "Gyumri", "Goris", "Sisian", "Ijevan", "Jermuk", "Meghri",
    "Kapan", "Sevan", "Ashtarak", "Artashat", "Yeghegnadzor", "Berd", "Noyemberyan",
    "Stepanavan", "Spitak", "Gavar", "Martuni", "Vayk", "Alaverdi", "Tashir", "Hrazdan",
    "Charentsavan", "Abovyan", "Masis", "Armavir", "Talin", "Aparan", "Areni", "Vardenis",
    "Chambarak", "Tsaghkadzor", "Byurakan", "Garni", "Echmiadzin", "Metsamor", "Akhtala",
    "Tumanyan", "Odzun", "Koghb", "Ayrum", "Shatin", "Getap", "Malishka", "Tatev", "Tegh",
    "Khndzoresk", "Angeghakot", "Kornidzor", "Goght", "Yeghvard", "Nor Hachn", "Arzni", "Jrvezh",
]  # fmt: skip
PROVINCES = [
    "Syunik", "Tavush", "Lori", "Shirak", "Gegharkunik", "Vayots Dzor", "Ararat", "Aragatsotn",
    "Kotayk", "Armavir",
]  # fmt: skip
PEOPLE = [
    "Armen Harutyunyan", "Lilit Grigoryan", "Davit Sargsyan", "Gohar Avetisyan",
    "Tigran Mkrtchyan", "Narine Hovhannisyan", "Aram Petrosyan", "Ani Karapetyan",
    "Levon Gasparyan", "Mariam Vardanyan", "Hayk Manukyan", "Sona Khachatryan",
    "Gevorg Danielyan", "Anahit Simonyan", "Karen Abrahamyan", "Lusine Melkonyan",
    "Ruben Stepanyan", "Nune Baghdasaryan", "Artur Ghazaryan", "Elen Torosyan",
]  # fmt: skip
CITIES = ["Minsk", "Astana", "Bishkek", "Dushanbe", "Moscow", "Tbilisi", "Almaty", "Sochi"]
ORGS = ["CSTO", "EAEU", "CIS"]
COUNTRIES = ["Tajikistan", "Kyrgyzstan", "Kazakhstan", "Belarus", "Uzbekistan", "Russia"]
MONTHS = ["February", "March", "April", "May", "June", "September"]
CHECKPOINTS = ["Upper Lars", "Bagratashen", "Margara", "Bavra", "Gogavan", "Agarak"]
HIGHWAYS = ["M2", "M4", "M6", "M8", "M10", "M12", "H10", "H26"]
BUILDINGS = ["school", "hospital", "sports centre", "library", "kindergarten", "clinic"]
CAUSES = ["a landfill", "a gold mine", "a new tariff", "a quarry", "a hotel project"]
REGULATORS = [
    "Public Services Regulatory Commission",
    "Energy Regulator",
    "Tariff Council",
    "Utilities Board",
]
MINISTRIES = ["education", "health", "economy", "justice", "environment", "labour", "culture"]
AIRPORTS = ["Zvartnots", "Shirak"]
DESTINATIONS = [
    "Rome",
    "Vienna",
    "Prague",
    "Dubai",
    "Istanbul",
    "Warsaw",
    "Riga",
    "Athens",
    "Larnaca",
    "Budapest",
    "Milan",
    "Paris",
]
CARRIERS = ["Ararat Air", "Sky Caucasus", "Lori Wings", "Aragats Avia"]
PARTNERS = ["India", "France", "Greece", "Cyprus", "Georgia", "Iran", "Canada", "Japan"]
AGREEMENTS = [
    "visa-free travel",
    "double taxation",
    "defence cooperation",
    "air services",
    "cultural exchange",
]
SUBJECTS = ["air defence", "border security", "peacekeeping", "cyber security", "logistics"]


@dataclass(frozen=True)
class Template:
    key: str
    titles: tuple[str, ...]
    leads: tuple[str, ...]
    details: tuple[str, ...]
    # Slots whose values no other event of this kind shares: two landslides on one day are
    # in two places, on two roads, in two provinces.
    identity: tuple[str, ...] = ("place", "place2", "province", "person")
    max_events: int = 4


# One-off local news: a subject, what it did, where; thousands of combinations, so two
# one-offs rarely tell the same thing.
NOISE_SUBJECTS = [
    "A folk ensemble", "The town library", "A group of volunteers", "Local beekeepers",
    "A chess club", "The regional theatre", "A youth football team", "A carpet workshop",
    "The district school", "A cheese maker", "A wine cooperative", "An amateur astronomer",
    "A photography club", "The music school", "A bakery", "A hiking club",
]  # fmt: skip
NOISE_ACTIONS = [
    "won a national award", "opened an exhibition", "received a grant", "hosted guests from abroad",
    "marked its anniversary", "launched a website", "planted an orchard", "held an open day",
    "signed a partnership", "published a calendar", "collected donations for a shelter",
    "started evening classes", "toured neighbouring villages", "restored an old building",
]  # fmt: skip
NOISE_DETAILS = [
    "Organisers said about {m}0 people took part.",
    "The next event is planned for {month}.",
    "{person} thanked the sponsors.",
    "Entry was free.",
    "Local officials attended the ceremony.",
    "Photos were shared widely on social media.",
    "The project cost {n} million drams.",
    "Pupils from {place2} joined as well.",
]
NOISE_TITLE_VERBS = ["in {place}", "from {place}", "of {place}"]
CHROME_TOP = [
    "By {person}",
    "{upper}, {day} ({source}) —",
    "Photo: {source}",
]
CHROME_BOTTOM = [
    "Subscribe to our newsletter for the day's top stories.",
    "Follow us on Telegram.",
    "All rights reserved.",
    "Read more: {title}",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
