"""The event templates of the brief benchmark's topic window (bench/storygen.py)."""

from __future__ import annotations

from bench.storygenwords import Template

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
