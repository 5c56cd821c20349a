"""Story corpus templates for incidents and the economy: earthquakes, arrests, rallies, rate
decisions, roads. Each has headlines, leads and details in English, Russian and Armenian."""

from __future__ import annotations

from bench.storynames import Template

T = Template
INCIDENTS = [
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
]
