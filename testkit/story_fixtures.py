"""Fictional regional news for the story, brief and trending tests (and the benchmarks).

Every agency, person quote and figure here is invented. Events are reported by one to three
of the bundled sample sources, with the chrome real pages carry: datelines, bylines, photo
credits, calls to subscribe.
"""

from __future__ import annotations

from news.cluster import StoryItem

NOW = 1_800_000_000
HOUR = 3600

WIRE = "Caucasus Wire"
HERALD = "Yerevan Herald"
KAVKAZ = "Kavkaz Today"
NOVOSTI = "Новости Кавказа"


def story_item(
    item_id: int, hours_ago: float, source: str, title: str, text: str, *, url: str, now: int
) -> StoryItem:
    """A report `source` published `hours_ago` hours before `now`."""
    return StoryItem(
        id=item_id,
        title=title,
        text=text,
        published_at=now - int(hours_ago * HOUR),
        source=source,
        url=url,
    )


def _item(
    item_id: int, hours_ago: float, source: str, title: str, text: str, slug: str
) -> StoryItem:
    host = source.lower().replace(" ", "") + ".example"
    url = f"https://{host}/{slug}"
    return story_item(item_id, hours_ago, source, title, text, url=url, now=NOW)


SUMMIT = [
    _item(
        101, 5, WIRE, "CSTO postpones Minsk summit to March",
        "YEREVAN, Nov 28 (Caucasus Wire) — The Collective Security Treaty Organization has "
        "postponed its leaders' summit in Minsk, planned for December 12, to March, the "
        "alliance's secretariat said on Thursday.\n\n"
        "The secretariat gave no reason for the delay. A diplomatic source in Minsk said "
        "several delegations had asked for more time to agree on a joint declaration on air "
        "defence.\n\n"
        "Armenia, which froze its participation in the bloc in 2024, had already said its "
        "prime minister would not attend.\n\n"
        "Photo: The CSTO headquarters in Moscow.\n\n"
        "Subscribe to our newsletter for the day's top stories.",
        "csto-summit-postponed",
    ),
    _item(
        102, 4, HERALD, "CSTO leaders' summit in Minsk moved to spring",
        "By Anna Petrosyan\n\n"
        "The CSTO summit that Belarus was to host in Minsk on December 12 has been pushed "
        "back to March, the organisation's secretariat announced on Thursday.\n\n"
        "No reason was given for the postponement. Officials in Minsk said delegations needed "
        "more time to finish a declaration on joint air defence.\n\n"
        "Yerevan has not taken part in CSTO events since freezing its membership in 2024, "
        "and the foreign ministry said the new date changes nothing for Armenia.\n\n"
        "Read more: Armenia's CSTO freeze explained",
        "summit-moved",
    ),
    _item(
        103, 2, KAVKAZ, "Minsk summit of CSTO postponed until March",
        "The Collective Security Treaty Organization will hold its Minsk summit in March "
        "instead of December 12, its secretariat said. The delay gives member states more "
        "time to agree on a joint air defence declaration, a source close to the talks said. "
        "Kazakhstan and Kyrgyzstan had both asked for the postponement, according to the "
        "source.\n\n"
        "All rights reserved. Kavkaz Today 2026",
        "minsk-summit-march",
    ),
]

EXERCISE = [
    _item(
        201, 8, WIRE, "CSTO rapid reaction force wraps up drills in Tajikistan",
        "DUSHANBE, Nov 28 (Caucasus Wire) — The CSTO's Collective Rapid Reaction Force ended "
        "a week of exercises at the Harbmaidon range in Tajikistan on Thursday, with about "
        "2,500 troops from five member states taking part.\n\n"
        "The drills, called Interaction-2026, rehearsed the defence of Tajikistan's border "
        "with Afghanistan against armed groups. Russian and Tajik units used drones and "
        "attack helicopters in the final stage.\n\n"
        "Armenia did not send troops to the exercise.",
        "csto-drills-end",
    ),
    _item(
        202, 6, KAVKAZ, "Interaction-2026 exercise ends near the Afghan border",
        "The Interaction-2026 exercise of the CSTO rapid reaction force has ended at the "
        "Harbmaidon range in Tajikistan. Some 2,500 troops rehearsed repelling an armed "
        "incursion from Afghanistan, with drones and helicopters in the final phase. "
        "Observers from Armenia were absent.\n\n"
        "Photo by Kavkaz Today",
        "interaction-2026-ends",
    ),
]

UPPER_LARS = [
    _item(
        301, 10, HERALD, "Upper Lars checkpoint closed by heavy snow; hundreds of trucks stranded",
        "The Upper Lars checkpoint on the Georgian-Russian border, the only land route for "
        "Armenian freight to Russia, was closed on Thursday after heavy snowfall and an "
        "avalanche risk on the Georgian Military Road.\n\n"
        "About 1,200 trucks, many of them carrying Armenian fruit and brandy, are waiting on "
        "both sides of the border, the Armenian embassy in Tbilisi said.\n\n"
        "Georgia's transport ministry said the road would stay closed at least until "
        "Saturday.",
        "upper-lars-closed",
    ),
    _item(
        302, 9, KAVKAZ, "Heavy snow shuts Upper Lars, 1,200 trucks wait",
        "TBILISI — Georgian authorities have closed the Upper Lars crossing with Russia "
        "because of heavy snow and the risk of avalanches on the Georgian Military Road. "
        "Some 1,200 lorries are stuck on both sides of the border, many of them Armenian. "
        "The road will remain shut until at least Saturday, the transport ministry in "
        "Tbilisi said.\n\n"
        "Follow us on Telegram for live updates.",
        "snow-shuts-upper-lars",
    ),
    _item(
        303, 3, WIRE, "Armenian truckers stranded at snowbound Upper Lars ask for help",
        "Armenian drivers stranded at the Upper Lars checkpoint, closed by heavy snow since "
        "Thursday, asked the government in Yerevan for food and fuel on Friday. About 1,200 "
        "trucks are still waiting on the Georgian Military Road, and the embassy in Tbilisi "
        "said it had sent a team to the border.",
        "truckers-ask-help",
    ),
]

SYUNIK = [
    _item(
        401, 7, HERALD, "Landslide blocks Syunik highway near Kajaran",
        "A landslide blocked the M2 highway in Syunik province near Kajaran early on Friday, "
        "cutting the main road between Yerevan and the Iranian border, the emergency "
        "situations ministry said.\n\n"
        "Nobody was hurt. Rescuers and road crews began clearing about 4,000 cubic metres of "
        "rock and mud, and traffic was diverted through Goris and Tatev.\n\n"
        "The ministry said the road could reopen by Saturday evening.",
        "syunik-landslide",
    ),
    _item(
        402, 5, WIRE, "Rockfall cuts Armenia's road to Iran in Syunik",
        "KAPAN, Nov 29 (Caucasus Wire) — Armenia's main road to Iran was cut on Friday when a "
        "landslide buried the M2 highway near Kajaran in Syunik province, officials said. "
        "Road crews were clearing some 4,000 cubic metres of rock; no one was injured. "
        "Lorries bound for the Agarak crossing were sent on a detour through Tatev.",
        "rockfall-syunik",
    ),
]

RATE_CUT = [
    _item(
        501, 20, HERALD, "Central Bank of Armenia cuts refinancing rate to 6.5%",
        "The Central Bank of Armenia lowered its refinancing rate by 0.25 percentage points "
        "to 6.5% on Tuesday, citing slowing inflation.\n\n"
        "Annual inflation eased to 2.9% in October, below the bank's 4% target, the board "
        "said in a statement. It was the third cut this year.\n\n"
        "Economists had expected the rate to stay unchanged.",
        "cba-rate-cut",
    ),
]

BORDER = [
    _item(
        601, 30, WIRE, "Armenia and Azerbaijan border commissions agree on rules for next section",
        "The Armenian and Azerbaijani commissions on border delimitation met on the frontier "
        "between Tavush and Gazakh on Wednesday and agreed on working rules for the next "
        "section of the line, deputy prime ministers Mher Grigoryan and Shahin Mustafayev "
        "said in matching statements. Experts will begin field work in the spring.",
        "border-commissions-rules",
    ),
    _item(
        602, 28, KAVKAZ, "Delimitation commissions of Armenia, Azerbaijan hold 14th meeting",
        "The delimitation commissions of Armenia and Azerbaijan, led by deputy prime "
        "ministers Mher Grigoryan and Shahin Mustafayev, held their fourteenth meeting on the "
        "Tavush-Gazakh stretch of the border. They approved working rules for the next "
        "section, and field work by experts starts in spring.",
        "delimitation-14th-meeting",
    ),
]

METRO = [
    _item(
        701, 15, HERALD, "Yerevan council doubles metro fare to 200 drams",
        "The Yerevan city council voted on Wednesday to raise the metro fare from 100 to 200 "
        "drams from January 1, the first increase in more than a decade. The mayor's office "
        "said the money would pay for new trains. The opposition faction voted against the "
        "rise, saying it would hit pensioners and students.",
        "metro-fare",
    ),
]

AIRPORT_RU = [
    _item(
        801, 12, KAVKAZ, "В Гюмри открыли новый терминал аэропорта «Ширак»",
        "ГЮМРИ, 28 ноября — В аэропорту «Ширак» в Гюмри открылся новый пассажирский "
        "терминал, рассчитанный на 500 тысяч пассажиров в год. Строительство обошлось в 18 "
        "млн долларов. Первые рейсы из нового терминала выполнят в Москву и Сочи.",
        "shirak-terminal",
    ),
    _item(
        802, 11, NOVOSTI, "Новый терминал аэропорта «Ширак» принял первых пассажиров",
        "Новый пассажирский терминал аэропорта «Ширак» в Гюмри принял первых пассажиров. "
        "Терминал рассчитан на 500 тысяч пассажиров в год, его строительство стоило 18 млн "
        "долларов. Первыми из нового терминала вылетели рейсы в Москву и Сочи.",
        "shirak-first-passengers",
    ),
]

HOSPITAL_HY = [
    _item(
        901, 11, HERALD, "Երևանում բացվել է նոր մանկական հիվանդանոց",
        "ԵՐԵՎԱՆ, 28 ՆՈՅԵՄԲԵՐԻ — Երևանի Դավթաշեն վարչական շրջանում բացվել է 300 մահճակալով "
        "նոր մանկական հիվանդանոց։ Շինարարությունն արժեցել է 40 միլիոն դոլար։ Հիվանդանոցը "
        "կընդունի առաջին հիվանդներին դեկտեմբերի 1-ից։",
        "children-hospital",
    ),
]

EVENTS: dict[str, list[StoryItem]] = {
    "summit": SUMMIT,
    "exercise": EXERCISE,
    "upper_lars": UPPER_LARS,
    "syunik": SYUNIK,
    "rate_cut": RATE_CUT,
    "border": BORDER,
    "metro": METRO,
    "airport_ru": AIRPORT_RU,
    "hospital_hy": HOSPITAL_HY,
}
ALL_ITEMS: list[StoryItem] = [item for items in EVENTS.values() for item in items]
CSTO_ITEMS: list[StoryItem] = SUMMIT + EXERCISE
