"""Articles for bench/summary_quality.py, each with the two-sentence summary an editor wrote.

All fictional. The texts carry what pages carry (datelines, bylines, captions, calls to
subscribe), some open with an anecdote rather than the news, and three are in Russian or
Armenian. The references were written from the articles as an editor would brief a reader,
before any summary was computed: the key fact first, then the most useful detail.
"""

from __future__ import annotations

from dataclasses import dataclass

from testkit.story_fixtures import SUMMIT


@dataclass(frozen=True)
class Article:
    title: str
    text: str
    reference: tuple[str, str]


ARTICLES = [
    Article(
        SUMMIT[0].title,
        SUMMIT[0].text,
        (
            "The CSTO has postponed its December 12 leaders' summit in Minsk to March.",
            "Delegations reportedly need more time to agree on a joint air defence declaration.",
        ),
    ),
    Article(
        "Upper Lars checkpoint closed by heavy snow",
        "By Anna Petrosyan\n\n"
        "The Upper Lars checkpoint on the Georgian-Russian border, the only land route for "
        "Armenian freight to Russia, was closed on Thursday after heavy snowfall and an "
        "avalanche risk on the Georgian Military Road.\n\n"
        "About 1,200 trucks, many of them carrying Armenian fruit and brandy, are waiting on "
        "both sides of the border, the Armenian embassy in Tbilisi said.\n\n"
        "Georgia's transport ministry said the road would stay closed at least until Saturday. "
        "Drivers complained that they had not been warned. Exporters estimate their losses at "
        "200 million drams a day.",
        (
            "Heavy snow closed the Upper Lars checkpoint, Armenia's only land route for freight "
            "to Russia, on Thursday.",
            "About 1,200 trucks are waiting and the road will stay closed at least until "
            "Saturday.",
        ),
    ),
    Article(
        "Landslide blocks Syunik highway near Kajaran",
        "A landslide blocked the M2 highway in Syunik province near Kajaran early on Friday, "
        "cutting the main road between Yerevan and the Iranian border, the emergency "
        "situations ministry said.\n\n"
        "Nobody was hurt. Rescuers and road crews began clearing about 4,000 cubic metres of "
        "rock and mud, and traffic was diverted through Goris and Tatev.\n\n"
        "Residents said the slope above the road had been moving for weeks. The ministry said "
        "the road could reopen by Saturday evening.\n\n"
        "Follow us on Telegram.",
        (
            "A landslide blocked the M2 highway near Kajaran in Syunik on Friday, cutting "
            "Armenia's main road to Iran.",
            "Nobody was hurt, traffic was diverted, and the road could reopen by Saturday "
            "evening.",
        ),
    ),
    Article(
        "Central Bank of Armenia cuts refinancing rate to 6.5%",
        "The Central Bank of Armenia lowered its refinancing rate by 0.25 percentage points to "
        "6.5% on Tuesday, citing slowing inflation.\n\n"
        "Annual inflation eased to 2.9% in October, below the bank's 4% target, the board said "
        "in a statement. It was the third cut this year.\n\n"
        "Economists had expected the rate to stay unchanged. The dram barely moved against the "
        "dollar after the announcement. The board meets next in December.",
        (
            "The Central Bank of Armenia cut its refinancing rate by 0.25 points to 6.5%, "
            "citing slowing inflation.",
            "Annual inflation fell to 2.9% in October, below the 4% target; it was the third cut "
            "this year.",
        ),
    ),
    Article(
        "Yerevan council doubles metro fare to 200 drams",
        "By Davit Hakobyan | 27 November 2026\n\n"
        "The Yerevan city council voted on Wednesday to raise the metro fare from 100 to 200 "
        "drams from January 1, the first increase in more than a decade.\n\n"
        "The mayor's office said the extra money would pay for six new trains and repairs at "
        "four stations. The opposition faction voted against the rise, saying it would hit "
        "pensioners and students.\n\n"
        "Pensioners will keep their free passes, the council said. The metro carried 18 "
        "million passengers last year.\n\n"
        "Read more: How Yerevan's metro was built",
        (
            "Yerevan's council voted to double the metro fare to 200 drams from January 1, the "
            "first rise in over a decade.",
            "The money will pay for new trains and station repairs; the opposition voted "
            "against.",
        ),
    ),
    Article(
        "Shop owners in Gyumri count losses after flood",
        "When Ashot Grigoryan opened his hardware shop in Gyumri at dawn on Tuesday, the water "
        "was up to his knees.\n\n"
        "\"Everything on the lower shelves is gone,\" he said, standing among soaked boxes.\n\n"
        "A burst main flooded about 40 shops and cellars in the centre of Gyumri overnight, the "
        "city's water utility said, and it cut supply to 12,000 homes for most of the day. The "
        "utility blamed a pipe laid in the 1970s and promised to compensate owners. The mayor "
        "said the whole section of the main would be replaced next year.\n\n"
        "Photo: Flooded street in Gyumri (Yerevan Herald)",
        (
            "A burst water main flooded about 40 shops and cellars in central Gyumri overnight "
            "and cut supply to 12,000 homes.",
            "The utility blamed a pipe from the 1970s and promised compensation to owners.",
        ),
    ),
    Article(
        "Armenia and Azerbaijan border commissions agree on rules for next section",
        "TAVUSH, Nov 27 (Caucasus Wire) — The Armenian and Azerbaijani commissions on border "
        "delimitation met on the frontier between Tavush and Gazakh on Wednesday and agreed on "
        "working rules for the next section of the line.\n\n"
        "The meeting, the fourteenth, was led by deputy prime ministers Mher Grigoryan and "
        "Shahin Mustafayev, who issued matching statements. Experts will begin field work in "
        "the spring. Residents of border villages have asked to be consulted before any new "
        "markers are placed.",
        (
            "Armenian and Azerbaijani border commissions agreed on working rules for the next "
            "section of the frontier at their fourteenth meeting.",
            "Experts will start field work in the spring.",
        ),
    ),
    Article(
        "Wildfire near Dilijan burns 300 hectares",
        "A wildfire has burned about 300 hectares of forest in Dilijan National Park since "
        "Sunday, the emergency situations ministry said on Tuesday.\n\n"
        "About 150 firefighters and two helicopters were fighting the blaze, which strong winds "
        "pushed up a steep slope overnight. No homes have been damaged, but residents of two "
        "villages were told to be ready to leave.\n\n"
        "Officials suspect the fire started when dry grass was burned on a nearby field. "
        "Burning grass is banned in summer.\n\n"
        "All rights reserved.",
        (
            "A wildfire has burned about 300 hectares of forest in Dilijan National Park since "
            "Sunday.",
            "About 150 firefighters and two helicopters are fighting it; two villages were told "
            "to be ready to leave.",
        ),
    ),
    Article(
        "New flights link Shirak airport with Vienna",
        "Ararat Air will fly from Gyumri's Shirak airport to Vienna twice a week from March, "
        "the airline said on Monday, the first direct link between the two cities.\n\n"
        "Tickets go on sale next week at prices starting from 45,000 drams. The airline expects "
        "about 20,000 passengers a year on the route.\n\n"
        "Shirak airport handled 180,000 passengers last year, most of them on flights to Russia. "
        "The airport's director said talks with two more European airlines were under way.",
        (
            "Ararat Air will fly twice a week between Gyumri's Shirak airport and Vienna from "
            "March, the first direct link.",
            "Tickets go on sale next week, and the airline expects about 20,000 passengers a "
            "year.",
        ),
    ),
    Article(
        "Court jails former deputy minister for bribery",
        "YEREVAN — A court in Yerevan sentenced former deputy transport minister Karen "
        "Abrahamyan to seven years in prison on Friday for taking bribes from road "
        "contractors.\n\n"
        "Prosecutors said he took 90 million drams in 2021 and 2022 in exchange for contracts "
        "to repair highways in Lori and Tavush. Two contractors received suspended sentences.\n\n"
        "His lawyer said he would appeal. The case was opened by the Anti-Corruption Committee "
        "two years ago.\n\n"
        "Copyright © 2026 Caucasus Wire",
        (
            "A Yerevan court jailed former deputy transport minister Karen Abrahamyan for seven "
            "years for taking bribes from road contractors.",
            "Prosecutors said he took 90 million drams for highway repair contracts; he will "
            "appeal.",
        ),
    ),
    Article(
        "Miners strike at Kapan copper mine",
        "Kapan — About 600 workers at the copper mine near Kapan went on strike on Monday, "
        "demanding a 30% pay rise and better safety equipment.\n\n"
        "Production at the open pit stopped in the morning, the union said. The company said it "
        "was ready to talk but called the demand unrealistic while copper prices are low.\n\n"
        "The mine is the town's largest employer. A similar strike in 2023 ended after four "
        "days with a 10% raise.",
        (
            "About 600 workers at the Kapan copper mine went on strike on Monday, demanding a "
            "30% pay rise and better safety gear.",
            "Production stopped; the company says it will talk but calls the demand unrealistic.",
        ),
    ),
    Article(
        "Lake Sevan water level falls to a ten-year low",
        "Lake Sevan's water level has fallen to its lowest point in ten years after a dry "
        "summer and heavy irrigation releases, the environment ministry said on Thursday.\n\n"
        "The level dropped by 22 centimetres since April, to 1,900.3 metres above sea level. "
        "The ministry said it would ask the government to cut the amount of water released "
        "for farms next year.\n\n"
        "Farmers in the Ararat valley depend on the releases. Environmental groups have warned "
        "for years that the lake's recovery is at risk.\n\n"
        "Share on Facebook",
        (
            "Lake Sevan's water level has fallen to a ten-year low, down 22 centimetres since "
            "April after a dry summer and irrigation releases.",
            "The ministry will ask the government to cut water releases for farms next year.",
        ),
    ),
    Article(
        "Earthquake of magnitude 4.1 shakes Vanadzor",
        "An earthquake of magnitude 4.1 struck near Vanadzor in Lori province at 03:12 on "
        "Wednesday, the seismic protection service said.\n\n"
        "There were no reports of casualties. Cracks appeared in the walls of several old "
        "houses, and schools in Vanadzor were closed for the day for inspections.\n\n"
        "The epicentre was about 10 kilometres deep. The tremor was felt in Tbilisi.",
        (
            "A magnitude 4.1 earthquake struck near Vanadzor in Lori province early on "
            "Wednesday, with no casualties reported.",
            "Some old houses cracked and Vanadzor's schools closed for inspections.",
        ),
    ),
    Article(
        "ОДКБ перенесла саммит в Минске на март",
        "МОСКВА, 28 ноября — Саммит Организации Договора о коллективной безопасности, который "
        "должен был пройти в Минске 12 декабря, перенесен на март, сообщил секретариат "
        "организации.\n\n"
        "Причину переноса не назвали. По словам источника, делегациям нужно больше времени, "
        "чтобы согласовать декларацию о совместной противовоздушной обороне.\n\n"
        "Армения, заморозившая участие в ОДКБ, ранее заявила, что ее премьер-министр не "
        "поедет на встречу.\n\n"
        "Фото: пресс-служба ОДКБ",
        (
            "Саммит ОДКБ в Минске перенесен с 12 декабря на март.",
            "Делегациям нужно больше времени, чтобы согласовать декларацию о противовоздушной "
            "обороне.",
        ),
    ),
    Article(
        "В Гюмри открыли новый терминал аэропорта «Ширак»",
        "ГЮМРИ, 28 ноября — В аэропорту «Ширак» в Гюмри открылся новый пассажирский "
        "терминал, рассчитанный на 500 тысяч пассажиров в год.\n\n"
        "Строительство обошлось в 18 млн долларов и заняло два года. Первые рейсы из нового "
        "терминала выполнят в Москву и Сочи.\n\n"
        "Старое здание аэропорта, построенное в 1961 г., отреставрируют и превратят в музей "
        "авиации. Подписывайтесь на наш канал в Telegram.",
        (
            "В аэропорту «Ширак» в Гюмри открылся новый терминал на 500 тысяч пассажиров в год.",
            "Строительство стоило 18 млн долларов, первые рейсы выполнят в Москву и Сочи.",
        ),
    ),
    Article(
        "Երևանում բացվել է նոր մանկական հիվանդանոց",
        "ԵՐԵՎԱՆ, 28 ՆՈՅԵՄԲԵՐԻ — Երևանի Դավթաշեն վարչական շրջանում բացվել է 300 մահճակալով "
        "նոր մանկական հիվանդանոց։\n\n"
        "Շինարարությունն արժեցել է 40 միլիոն դոլար և տևել է երեք տարի։ Հիվանդանոցը "
        "կընդունի առաջին հիվանդներին դեկտեմբերի 1-ից։\n\n"
        "Առողջապահության նախարարը նշեց, որ հին հիվանդանոցի շենքը կվերանորոգվի։\n\n"
        "Լուսանկարը՝ Առողջապահության նախարարություն",
        (
            "Երևանի Դավթաշենում բացվել է 300 մահճակալով նոր մանկական հիվանդանոց։",
            "Այն արժեցել է 40 միլիոն դոլար և առաջին հիվանդներին կընդունի դեկտեմբերի 1-ից։",
        ),
    ),
    Article(
        "Ջերմուկում ջրի մատակարարումը սահմանափակվել է",
        "Ջերմուկի բնակիչները երեք օր է՝ ջուր են ստանում օրական միայն վեց ժամ։ Ջրմուղ "
        "ընկերությունը սահմանափակել է մատակարարումը երաշտի պատճառով։\n\n"
        "Ջրամբարում ջրի մակարդակը վերջին քսան տարվա ամենացածրն է։ Բարձրադիր թաղամասեր "
        "խմելու ջուրը հասցվում է ավտոցիստեռններով։ Ընկերությունը բնակիչներին խնդրել է "
        "չջրել այգիները։",
        (
            "Երաշտի պատճառով Ջերմուկում ջուրը մատակարարվում է օրական միայն վեց ժամ։",
            "Ջրամբարի մակարդակը քսան տարվա ամենացածրն է, բարձրադիր թաղամասեր ջուրը հասցվում է "
            "ավտոցիստեռններով։",
        ),
    ),
]
