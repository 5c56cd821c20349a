"""A seeded topic window of regional news for the brief benchmark, with its true events.

Events come from templates modelled on testkit/story_fixtures.py (the fixtures themselves are
included too): each template has headline variants, lead variants that state the key fact
in different words, and detail sentences. An event fills the template's slots (place,
figures, people), picks its own subset of details, and is reported by 2-6 articles from
different sources, each with its own headline, lead, details, order and page chrome
(datelines, bylines, photo credits, footers). Several events of one template (two
landslides in two provinces) make the grouping hard in the way real news does. Noise
articles are one-offs mixing unrelated sentences.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from news.cluster import StoryItem
from testkit.story_fixtures import EVENTS, HOUR, NOW

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
REGULATORS = ["Public Services Regulatory Commission", "Energy Regulator", "Tariff Council",
              "Utilities Board"]
MINISTRIES = ["education", "health", "economy", "justice", "environment", "labour", "culture"]
AIRPORTS = ["Zvartnots", "Shirak"]
DESTINATIONS = ["Rome", "Vienna", "Prague", "Dubai", "Istanbul", "Warsaw", "Riga", "Athens",
                "Larnaca", "Budapest", "Milan", "Paris"]
CARRIERS = ["Ararat Air", "Sky Caucasus", "Lori Wings", "Aragats Avia"]
PARTNERS = ["India", "France", "Greece", "Cyprus", "Georgia", "Iran", "Canada", "Japan"]
AGREEMENTS = ["visa-free travel", "double taxation", "defence cooperation", "air services",
              "cultural exchange"]
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


TEMPLATES = [
    Template(
        "summit",
        (
            "{org} postpones {city} summit to {month}",
            "{org} leaders' summit in {city} moved to {month}",
            "{city} summit of {org} postponed until {month}",
            "{org} delays {city} meeting of leaders",
        ),
        (
            "The {org} has postponed its leaders' summit in {city}, planned for {day} {n}, to "
            "{month}, its secretariat said.",
            "The {org} summit that was due in {city} on {day} {n} has been pushed back to "
            "{month}, the organisation announced.",
            "Leaders of the {org} will meet in {city} in {month} instead of {day} {n}, the "
            "secretariat said.",
        ),
        (
            "No reason was given for the delay.",
            "A diplomatic source in {city} said delegations needed more time to agree on a "
            "declaration on {subject}.",
            "{person}, the secretary general, said the new date would be confirmed within {m} "
            "days.",
            "Armenia, which froze its participation in the bloc, said its delegation would not "
            "attend.",
            "Two member states had asked for the postponement, according to the source.",
            "The last summit of the {org} was held {m} months ago.",
            "Officials in {city} said preparations for the meeting would continue.",
        ),
        ("city", "person"),
    ),
    Template(
        "exercise",
        (
            "{org} drills end in {country}",
            "{org} exercise wraps up at {country} range",
            "{m},000 troops finish {org} exercise in {country}",
        ),
        (
            "The {org} ended a week of exercises in {country} on {day}, with about {m},000 "
            "troops from five member states taking part.",
            "Some {m},000 troops have completed {org} exercises at a range in {country}.",
            "A joint {org} exercise involving about {m},000 troops ended in {country}.",
        ),
        (
            "The drills rehearsed the defence of the border against armed groups.",
            "Units used drones and attack helicopters in the final stage.",
            "Armenia did not send troops to the exercise.",
            "Commander {person} said the troops had met every objective.",
            "Observers from {n} countries watched the final day.",
            "The next exercise is planned for {month}.",
        ),
        ("country", "person"),
        3,
    ),
    Template(
        "checkpoint",
        (
            "{checkpoint} checkpoint closed; {m}00 trucks stranded",
            "{reason} shuts {checkpoint} crossing, trucks wait",
            "Trucks stranded as {checkpoint} closes",
        ),
        (
            "The {checkpoint} checkpoint was closed on {day} because of {reason_lower}, leaving "
            "about {m}00 trucks waiting on both sides.",
            "Authorities closed the {checkpoint} crossing on {day} after {reason_lower}, and some "
            "{m}00 lorries are stuck at the border.",
            "About {m}00 trucks are stranded at {checkpoint}, which was shut on {day} due to "
            "{reason_lower}.",
        ),
        (
            "Many of the trucks carry fruit and brandy bound for Russia.",
            "The transport ministry said the crossing would stay closed at least until {day2}.",
            "Drivers asked the government for food and fuel.",
            "The embassy said it had sent a team to the border.",
            "Exporters warned of losses of {n} million drams a day.",
            "Traffic was diverted to the {checkpoint2} crossing.",
        ),
        ("checkpoint", "checkpoint2"),
        2,
    ),
    Template(
        "landslide",
        (
            "Landslide blocks {highway} highway near {place}",
            "Rockfall cuts {province} road near {place}",
            "{highway} closed by landslide in {province}",
        ),
        (
            "A landslide blocked the {highway} highway near {place} in {province} province on "
            "{day}, the emergency situations ministry said.",
            "The {highway} highway in {province} was cut on {day} when a landslide buried the "
            "road near {place}.",
            "Rocks and mud closed the {highway} near {place}, in {province}, on {day}.",
        ),
        (
            "Nobody was hurt.",
            "Road crews were clearing about {m},000 cubic metres of rock and mud.",
            "Traffic was diverted through {place2}.",
            "The ministry said the road could reopen by {day2} evening.",
            "Residents of {place} said the slope had been moving for weeks.",
            "Governor {person} visited the site.",
        ),
        ("place", "place2", "province", "person", "highway"),
    ),
    Template(
        "opening",
        (
            "New {building} opens in {place}",
            "{place} gets a new {building}",
            "{building_title} for {m}00 opens in {place}",
        ),
        (
            "A new {building} for {m}00 people opened in {place} on {day}, the {province} "
            "governor's office said.",
            "{place} opened a {building} with room for {m}00 people on {day}.",
            "The first visitors entered the new {building} in {place} on {day}; it can take "
            "{m}00 people.",
        ),
        (
            "Construction cost {n} million dollars.",
            "The project was financed by a government loan.",
            "Mayor {person} said the town had waited a decade for it.",
            "The old building will be turned into a museum.",
            "Work on a second building starts in {month}.",
        ),
    ),
    Template(
        "wildfire",
        (
            "Wildfire burns {m}00 hectares near {place}",
            "Firefighters battle blaze in {province}",
            "Forest fire near {place} spreads",
        ),
        (
            "A wildfire has burned about {m}00 hectares of forest near {place} in {province}, "
            "the emergency situations ministry said on {day}.",
            "Firefighters were fighting a blaze that has destroyed some {m}00 hectares near "
            "{place}.",
            "About {m}00 hectares near {place}, {province}, have burned since {day}.",
        ),
        (
            "{n}0 firefighters and two helicopters were sent to the area.",
            "No homes were damaged.",
            "Strong winds made the work harder.",
            "Officials suspect the fire started from burning grass.",
            "Residents of two villages were told to be ready to leave.",
        ),
    ),
    Template(
        "earthquake",
        (
            "Magnitude {n}.{m} earthquake shakes {province}",
            "Earthquake hits near {place}",
            "Quake of magnitude {n}.{m} felt in {place}",
        ),
        (
            "An earthquake of magnitude {n}.{m} struck near {place} in {province} on {day}, the "
            "seismic protection service said.",
            "A magnitude {n}.{m} quake shook {place} and nearby villages on {day}.",
            "Residents of {place} felt a magnitude {n}.{m} earthquake on {day}.",
        ),
        (
            "There were no reports of casualties.",
            "Cracks appeared in the walls of several old houses.",
            "The epicentre was about {m} kilometres deep.",
            "Schools in {place} were closed for inspections.",
            "It was felt as far away as {place2}.",
        ),
    ),
    Template(
        "protest",
        (
            "Residents of {place} protest against {cause}",
            "Protest in {place} over {cause}",
            "Hundreds rally in {place} against {cause}",
        ),
        (
            "About {m}00 residents of {place} protested on {day} against {cause} planned near "
            "the town.",
            "Hundreds of people rallied in {place} on {day} to oppose {cause}.",
            "Residents of {place} blocked a road on {day} in protest against {cause}.",
        ),
        (
            "They said the project would pollute the river.",
            "Police said the rally was peaceful.",
            "The local council promised to hold a public hearing.",
            "Organiser {person} said protests would continue.",
            "The company behind the project declined to comment.",
        ),
    ),
    Template(
        "fare",
        (
            "{place} raises bus fare to {m}00 drams",
            "Bus fares in {place} go up",
            "{place} council approves bus fare rise",
        ),
        (
            "The {place} council voted on {day} to raise the bus fare to {m}00 drams from "
            "{month} 1.",
            "Bus rides in {place} will cost {m}00 drams from {month}, after a council vote on "
            "{day}.",
            "{place} will charge {m}00 drams for a bus ride from {month} 1, the council decided.",
        ),
        (
            "It is the first increase in more than a decade.",
            "The mayor's office said the money would pay for new buses.",
            "The opposition voted against the rise.",
            "Pensioners and students will keep their discounts.",
        ),
    ),
    Template(
        "court",
        (
            "Former official {person} jailed for {n} years",
            "Court sentences {person} to {n} years",
            "{person} found guilty of bribery",
        ),
        (
            "A court in {city_am} sentenced former official {person} to {n} years in prison for "
            "bribery on {day}.",
            "{person}, a former official, was found guilty of taking bribes and jailed for {n} "
            "years.",
            "Former official {person} received a {n}-year sentence for bribery on {day}.",
        ),
        (
            "Prosecutors said he took {m}0 million drams from contractors.",
            "His lawyer said he would appeal.",
            "Two co-defendants received suspended sentences.",
            "The case was opened by the anti-corruption committee.",
        ),
        ("person",),
    ),
    Template(
        "tariff",
        ("Gas tariff for households to rise in {month}", "{regulator} approves higher gas price"),
        (
            "The {regulator} approved a {n} percent rise in the gas tariff for households from "
            "{month} 1.",
            "Households will pay {n} percent more for gas from {month}, the {regulator} decided "
            "on {day}.",
        ),
        (
            "The supplier had asked for twice as much.",
            "Low-income families will receive a subsidy.",
            "The opposition called the decision a blow to pensioners.",
            "The last increase was {m} years ago.",
        ),
        ("regulator",),
    ),
    Template(
        "resignation",
        ("{ministry_title} minister {person} resigns", "{person} steps down as {ministry} minister"),
        (
            "{ministry_title} minister {person} resigned on {day}, the government said.",
            "{person} has stepped down as minister of {ministry}, citing personal reasons.",
        ),
        (
            "The prime minister accepted the resignation.",
            "A deputy minister will act in the post until a successor is named.",
            "{person} had held the job for {m} years.",
            "Opposition deputies had called for the resignation for months.",
        ),
        ("person", "ministry"),
    ),
    Template(
        "flight",
        ("New flights from {airport} to {destination}", "{carrier} launches {destination} route"),
        (
            "{carrier} will fly from {airport} to {destination} {n} times a week from {month}.",
            "A new route linking {airport} with {destination} opens in {month}, {carrier} said.",
        ),
        (
            "Tickets go on sale next week.",
            "The airline expects {m}0,000 passengers a year on the route.",
            "It is the first direct connection between the two cities.",
            "The flights will use new Airbus jets.",
        ),
        ("destination", "carrier"),
    ),
    Template(
        "hail",
        ("Hail destroys orchards in {province}", "Farmers in {place} count hail losses"),
        (
            "A hailstorm damaged about {m}00 hectares of orchards and vineyards around {place} "
            "in {province} on {day}.",
            "Farmers around {place} lost much of their harvest when hail hit {m}00 hectares on "
            "{day}.",
        ),
        (
            "Apricot and grape growers were hit hardest.",
            "The agriculture ministry promised compensation.",
            "Only a few farmers had insured their crops.",
            "The storm lasted about twenty minutes.",
        ),
    ),
    Template(
        "outage",
        ("Power cut leaves {place} in the dark", "Blackout hits {place} for {n} hours"),
        (
            "Thousands of homes in {place} were left without electricity for {n} hours on {day} "
            "after a fault at a substation.",
            "A substation fault cut power to {place} for {n} hours on {day}, the grid operator "
            "said.",
        ),
        (
            "Hospitals switched to backup generators.",
            "The grid operator apologised to customers.",
            "Engineers replaced a burnt transformer.",
            "Residents complained that water pumps also stopped.",
        ),
    ),
    Template(
        "crash",
        ("Bus crash near {place} injures {n}", "{n} hurt as bus overturns near {place}"),
        (
            "A passenger bus overturned near {place} on {day}, injuring {n} people, police said.",
            "{n} people were hurt when a bus left the road near {place} on {day}.",
        ),
        (
            "Two of the injured are in serious condition.",
            "The driver told police the brakes had failed.",
            "The road was icy at the time.",
            "Investigators opened a criminal case.",
        ),
    ),
    Template(
        "museum",
        ("{place} museum reopens after renovation", "Museum in {place} opens its doors again"),
        (
            "The museum of local history in {place} reopened on {day} after a {m}-year "
            "renovation.",
            "After {m} years of repairs, {place}'s history museum welcomed visitors again on "
            "{day}.",
        ),
        (
            "The renovation was paid for by a foreign grant.",
            "Its collection includes ancient jewellery.",
            "Entry will be free for schoolchildren.",
            "Director {person} said a cafe would open in spring.",
        ),
    ),
    Template(
        "water",
        ("{place} faces water shortage", "Taps run dry in {place}"),
        (
            "Residents of {place} have had running water for only {n} hours a day since {day}, "
            "the water utility said.",
            "The water utility limited supply in {place} to {n} hours a day because of a "
            "drought.",
        ),
        (
            "The reservoir is at its lowest level in {m}0 years.",
            "Tankers deliver drinking water to the upper districts.",
            "The utility asked residents not to water gardens.",
            "A new pipeline is planned for next year.",
        ),
    ),
    Template(
        "mine",
        ("Miners strike at {place} copper mine", "{place} mine workers walk out"),
        (
            "About {m}00 workers at the copper mine near {place} went on strike on {day} "
            "demanding higher pay.",
            "Workers at the {place} copper mine stopped work on {day} over wages.",
        ),
        (
            "They want a {n}0 percent raise.",
            "The company said it was ready to talk.",
            "Production has stopped at the open pit.",
            "The mine is the town's largest employer.",
        ),
    ),
    Template(
        "treaty",
        ("Parliament ratifies agreement with {partner}", "Deputies back {partner} accord"),
        (
            "Parliament ratified an agreement on {agreement} with {partner} on {day}, with {m}0 "
            "deputies voting in favour.",
            "Deputies approved the {agreement} agreement with {partner} by {m}0 votes on {day}.",
        ),
        (
            "The agreement was signed last year.",
            "The opposition boycotted the vote.",
            "It enters into force after both sides exchange notes.",
            "The foreign minister presented the document.",
        ),
        ("partner", "agreement"),
    ),
]

# One-off local news: a subject, what it did, where; thousands of combinations, so two
# one-offs rarely tell the same thing.
_NOISE_SUBJECTS = [
    "A folk ensemble", "The town library", "A group of volunteers", "Local beekeepers",
    "A chess club", "The regional theatre", "A youth football team", "A carpet workshop",
    "The district school", "A cheese maker", "A wine cooperative", "An amateur astronomer",
    "A photography club", "The music school", "A bakery", "A hiking club",
]  # fmt: skip
_NOISE_ACTIONS = [
    "won a national award", "opened an exhibition", "received a grant", "hosted guests from abroad",
    "marked its anniversary", "launched a website", "planted an orchard", "held an open day",
    "signed a partnership", "published a calendar", "collected donations for a shelter",
    "started evening classes", "toured neighbouring villages", "restored an old building",
]  # fmt: skip
_NOISE_DETAILS = [
    "Organisers said about {m}0 people took part.",
    "The next event is planned for {month}.",
    "{person} thanked the sponsors.",
    "Entry was free.",
    "Local officials attended the ceremony.",
    "Photos were shared widely on social media.",
    "The project cost {n} million drams.",
    "Pupils from {place2} joined as well.",
]
_NOISE_TITLE_VERBS = ["in {place}", "from {place}", "of {place}"]
_CHROME_TOP = [
    "By {person}",
    "{upper}, {day} ({source}) —",
    "Photo: {source}",
]
_CHROME_BOTTOM = [
    "Subscribe to our newsletter for the day's top stories.",
    "Follow us on Telegram.",
    "All rights reserved.",
    "Read more: {title}",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# Events of one kind in one topic window: a few landslides in two days is already a lot.
EVENTS_PER_TEMPLATE = max(t.max_events for t in TEMPLATES)
# Names the fixtures' own events use, so no template event copies one (the same summit
# twice).
_FIXTURE_NAMES = {
    "summit": {"Minsk"},
    "exercise": {"Tajikistan"},
    "checkpoint": {"Upper Lars"},
    "landslide": {"Kajaran", "Syunik", "M2"},
}


@dataclass(frozen=True)
class Corpus:
    items: list[StoryItem]
    events: dict[int, str]  # item id -> its true event ("noise-…" for one-offs)


def generate(
    total: int = 500, *, seed: int = 7, now: int = NOW, window_hours: float = 48
) -> Corpus:
    """`total` articles published within `window_hours` before `now`: the fixtures, events
    of 2-6 articles from the templates (at most `max_events` of a kind), and one-off
    articles for the rest (about a third of 500)."""
    rng = random.Random(seed)
    items: list[StoryItem] = []
    events: dict[int, str] = {}
    for name, fixture_items in EVENTS.items():
        for item in fixture_items:
            items.append(replace(item, published_at=item.published_at - NOW + now))
            events[item.id] = f"fixture-{name}"
    next_id = 10_000
    number = 0
    used: dict[str, set[str]] = {key: set(values) for key, values in _FIXTURE_NAMES.items()}
    event_target = min(total, sum(t.max_events for t in TEMPLATES) * 4)
    while len(items) < event_target and number < EVENTS_PER_TEMPLATE * len(TEMPLATES):
        template = TEMPLATES[number % len(TEMPLATES)]
        number += 1
        if number > template.max_events * len(TEMPLATES):
            continue
        taken = used.setdefault(template.key, set())
        slots = _slots(rng)
        for _ in range(200):
            names = {slots[name] for name in template.identity}
            if not names & taken:
                break
            slots = _slots(rng)
        taken.update(names)
        details = rng.sample(template.details, k=min(len(template.details), rng.randint(3, 5)))
        start = now - int(rng.uniform(2, window_hours - 1) * HOUR)
        size = min(rng.randint(2, 6), event_target - len(items))
        sources = rng.sample(SOURCES, k=size)
        for source in sources:
            published = min(now, start + int(rng.uniform(0, 20) * HOUR))
            title = rng.choice(template.titles).format(**slots)
            body = [rng.choice(template.leads).format(**slots)]
            body += [d.format(**slots) for d in rng.sample(details, k=rng.randint(2, len(details)))]
            items.append(_article(rng, next_id, source, title, body, published, slots))
            events[next_id] = f"{template.key}-{number}"
            next_id += 1
    done: set[tuple[str, str]] = set()
    while len(items) < total:
        slots = _slots(rng)
        subject, action = rng.choice(_NOISE_SUBJECTS), rng.choice(_NOISE_ACTIONS)
        for _ in range(100):
            # Two one-offs doing the same thing in the same town would be one story.
            if (action, slots["place"]) not in done and (subject, slots["place"]) not in done:
                break
            subject, action = rng.choice(_NOISE_SUBJECTS), rng.choice(_NOISE_ACTIONS)
            slots = _slots(rng)
        done.update({(action, slots["place"]), (subject, slots["place"])})
        where = rng.choice(_NOISE_TITLE_VERBS).format(**slots)
        title = f"{subject} {where} {action}"
        body = [f"{subject} {where} {action} on {slots['day']}."]
        body += [d.format(**slots) for d in rng.sample(_NOISE_DETAILS, k=rng.randint(1, 3))]
        published = now - int(rng.uniform(0, window_hours) * HOUR)
        items.append(_article(rng, next_id, rng.choice(SOURCES), title, body, published, slots))
        events[next_id] = f"noise-{next_id}"
        next_id += 1
    return Corpus(items=items, events=events)


def _slots(rng: random.Random) -> dict[str, str]:
    place, place2 = rng.sample(PLACES, k=2)
    checkpoint, checkpoint2 = rng.sample(CHECKPOINTS, k=2)
    reason = rng.choice(["Heavy snow", "Fog", "Road repairs", "An avalanche risk"])
    building = rng.choice(BUILDINGS)
    return {
        "place": place,
        "place2": place2,
        "province": rng.choice(PROVINCES),
        "person": rng.choice(PEOPLE),
        "city": rng.choice(CITIES),
        "city_am": rng.choice(["Yerevan", "Gyumri", "Vanadzor"]),
        "org": rng.choice(ORGS),
        "month": rng.choice(MONTHS),
        "day": rng.choice(_DAYS),
        "day2": rng.choice(_DAYS),
        "n": str(rng.randint(2, 9)),
        "m": str(rng.randint(2, 9)),
        "country": rng.choice(COUNTRIES),
        "checkpoint": checkpoint,
        "checkpoint2": checkpoint2,
        "reason": reason,
        "reason_lower": reason.lower(),
        "highway": rng.choice(HIGHWAYS),
        "building": building,
        "building_title": building.capitalize(),
        "cause": rng.choice(CAUSES),
        "subject": rng.choice(SUBJECTS),
        "regulator": rng.choice(REGULATORS),
        "ministry": (ministry := rng.choice(MINISTRIES)),
        "ministry_title": ministry.capitalize(),
        "airport": rng.choice(AIRPORTS),
        "destination": rng.choice(DESTINATIONS),
        "carrier": rng.choice(CARRIERS),
        "partner": rng.choice(PARTNERS),
        "agreement": rng.choice(AGREEMENTS),
    }


def _article(
    rng: random.Random,
    item_id: int,
    source: str,
    title: str,
    body: list[str],
    published: int,
    slots: dict[str, str],
) -> StoryItem:
    fill = {**slots, "source": source, "upper": slots["place"].upper(), "title": title}
    lines: list[str] = []
    if rng.random() < 0.6:
        chrome = rng.choice(_CHROME_TOP).format(**fill)
        if chrome.endswith("—"):
            body = [f"{chrome} {body[0]}", *body[1:]]  # a dateline opens the lead
        else:
            lines.append(chrome)
    # Two or three sentences to a paragraph, as sites lay them out.
    paragraph: list[str] = []
    for sentence in body:
        paragraph.append(sentence)
        if len(paragraph) >= rng.randint(1, 3):
            lines.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        lines.append(" ".join(paragraph))
    if rng.random() < 0.5:
        lines.append(rng.choice(_CHROME_BOTTOM).format(**fill))
    host = source.lower().replace(" ", "") + ".example"
    return StoryItem(
        id=item_id,
        title=title,
        text="\n\n".join(lines),
        published_at=published,
        source=source,
        url=f"https://{host}/{item_id}",
    )

