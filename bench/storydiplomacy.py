"""Story corpus templates for diplomatic events: summits, documents, border commissions,
visits, elections. Each has headlines, leads and details in English, Russian and Armenian."""

from __future__ import annotations

from bench.storynames import Template

T = Template
DIPLOMACY = [
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
