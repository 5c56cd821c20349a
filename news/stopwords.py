"""Stop words for English, Russian and Armenian, casefolded.

Beyond grammar words the lists hold what every news story says ("said", "according",
weekdays, months): words that tie unrelated stories together and never make a term trend.
"""

from __future__ import annotations

# Kept as whitespace-separated text: a few hundred words read and review better this way.
_ENGLISH = """
a about above across after afterwards again against ago all almost alone along already also
although always am among amongst an and another any anybody anyone anything anyway anywhere
are around as at away back be became because become becomes becoming been before beforehand
behind being below beside besides between beyond both but by can cannot could couldn did didn
do does doesn doing don done down during each either else elsewhere enough even ever every
everybody everyone everything everywhere except few first for former formerly from further
get gets getting given gives go goes going gone got had has hasn have haven having he her here
hereafter hereby herein hers herself him himself his how however i if in including indeed
instead into is isn it its itself just last later latter least less let like likely made make
makes making many may me meanwhile might mine more moreover most mostly much must my myself
namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off
often on once one only onto or other others otherwise our ours ourselves out over own per
perhaps put rather re really said same say saying says see seem seemed seeming seems several
she should since so some somehow someone something sometime sometimes somewhere soon still
such than that the their theirs them themselves then thence there thereafter thereby therefore
therein these they this those though through throughout thus to together too toward towards
under unless until up upon us use used using very via was wasn we well were weren what
whatever when whence whenever where whereas whereby wherever whether which while whither who
whoever whole whom whose why will with within without won would wouldn yet you your yours
yourself yourselves

according added adding asked announced told tells telling reported reports reporting stated
statement noted noting confirmed confirming claimed explained commented urged warned called
quoted cited spokesman spokeswoman spokesperson officials official sources source
news report press agency read also two three four five six seven eight nine ten hundred
thousand million billion percent year years yearly month months week weeks day days today
yesterday tomorrow tonight morning afternoon evening night hour hours minute minutes time
times recent recently new latest earlier early late current currently including include
includes included part parts way ways number numbers lot lots kind thing things people
monday tuesday wednesday thursday friday saturday sunday
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
mr mrs ms dr st pm am et al vs etc eg ie
"""

_RUSSIAN = """
а без более больше будем будет будете будешь буду будут будто бы был была были было быть в
вам вами вас весь во вот все всё всего всей всем всеми всех всю вы где да даже два две для до
другой другие других его ее её ей ему если есть еще ещё же за здесь и из или им ими их к
как какая какие какой каких ко когда кого кое который которая которое которые которого которой
котором которую которым которыми которых кто куда ли лишь между меня мне много может могут
можно мой моя мы на над надо нам нами нас наш наша наше наши не него нее неё ней нельзя нет
ни нибудь никогда ним ними них ничего но ну о об однако он она они оно опять от перед по под
пока после потом потому почему почти при про раз разве с сам сама сами само свое своё своей
свои своим своих свой себе себя сейчас со совсем так также такие такой там тебя тем теперь
то тогда того тоже той только том тот тут ты у уж уже хоть хотя чего чей чем через что чтоб
чтобы чуть эта эти этим этих это этого этой этом этот эту я

заявил заявила заявили заявляет заявление сообщил сообщила сообщили сообщает сообщается
отметил отметила отметили отмечает подчеркнул подчеркнула добавил добавила рассказал
рассказала сказал сказала сказали говорит говорится пояснил пояснила уточнил уточнила
передает передаёт пишет словам слова данным источник источники агентство агентства
также ранее позже вчера сегодня завтра сейчас теперь году года год годы лет месяц месяца
неделе недели день дня дней час часа часов минут время является являются являлся стал
стала стали станет будучи около более менее среди против вместе кроме вокруг поэтому
именно весьма очень ряд ряда пор число числе частности том числе вновь снова свою свою
понедельник вторник среда среду четверг пятница пятницу суббота субботу воскресенье
января февраля марта апреля мая июня июля августа сентября октября ноября декабря
январе феврале марте апреле мае июне июле августе сентябре октябре ноябре декабре
г гг т е д п тыс млн млрд руб долл
"""

_ARMENIAN = """
և եւ ու էլ է են եմ ես ենք եք էր էին էի էինք էիր էիք եղել եղավ եղան եղել լինել լինի կլինի
լինելու լինում կա կան կար կային չէ չի չեն չեմ չէր չէին ոչ այո այդ այս այն այսպես այնպես
այդպես այստեղ այնտեղ այժմ հիմա արդեն դեռ դեռևս դեռեւս նույնպես նաև նաեւ իսկ բայց սակայն
կամ թե որ ով ովքեր ինչ ինչու ինչպես երբ որտեղ որքան քանի որը որի որին որից որով որում
որոնք որոնց ում նա նրա նրան նրանից նրանք նրանց իմ ինձ դու քո քեզ մենք մեր մեզ դուք ձեր
ձեզ իր իրեն իրենց իրենք ինքը ինքն սա դա սրա դրա սրանք դրանք դրանց սրանց այսօր երեկ վաղը
համար մասին հետ վրա տակ մեջ միջև առաջ հետո կողմից կողմ պես նման մինչև մինչեւ մինչ դեպի
առանց շուրջ ըստ ի հանուն փոխարեն բացի շնորհիվ պատճառով չնայած եթե ապա ուստի որպեսզի թեև
թեեւ միայն շատ քիչ ավելի առավել պակաս բոլոր ամեն ամբողջ յուրաքանչյուր որևէ որեւէ ուրիշ
այլ մյուս նույն մեկ երկու երեք չորս հինգ առաջին երկրորդ երրորդ կարող պետք պիտի
հենց այնքան այսքան ցանկացած որոշ մի անգամ նույնիսկ կրկին նորից ևս եւս վերջին ընթացքում
ժամանակ արդյունքում հետևաբար հետեւաբար հատկապես իհարկե գրեթե մոտ մոտավորապես միշտ
երբեք հաճախ երբեմն ահա ունի ունեն ունեցել ունենալ անել արել արեց անում գալ գնալ տալ
տվել ստանալ

ասել ասաց ասել նշել նշեց նշել նշում հայտնել հայտնեց հայտնում հավելել հավելեց տեղեկացնում
տեղեկացրել տեղեկացրեց հաղորդում հաղորդել հաղորդեց հայտարարել հայտարարեց հայտարարությամբ
այսպիսով մասնավորապես օրինակ տարի տարվա տարում օր օրը օրեր ժամը ժամ րոպե շաբաթ ամիս
ամսվա լուրեր լրատվական գործակալություն աղբյուր աղբյուրը
երկուշաբթի երեքշաբթի չորեքշաբթի հինգշաբթի ուրբաթ շաբաթ կիրակի
հունվարի փետրվարի մարտի ապրիլի մայիսի հունիսի հուլիսի օգոստոսի սեպտեմբերի հոկտեմբերի
նոյեմբերի դեկտեմբերի հունվար փետրվար մարտ ապրիլ մայիս հունիս հուլիս օգոստոս սեպտեմբեր
հոկտեմբեր նոյեմբեր դեկտեմբեր
թ թթ ը ն ին ից ով ում ներ եր ի ու ց
"""

ENGLISH: frozenset[str] = frozenset(_ENGLISH.split())
RUSSIAN: frozenset[str] = frozenset(_RUSSIAN.split())
ARMENIAN: frozenset[str] = frozenset(_ARMENIAN.split())
# The scripts do not overlap, so one set serves text in any of the three languages.
ALL: frozenset[str] = ENGLISH | RUSSIAN | ARMENIAN
