"""Word lists the recogniser's rules lean on, kept apart so they can be read and extended.

Each list exists because a gazetteer alone over-matches: GeoNames has a place called almost
every capitalised English word ("Police", "Of", "March"), many surnames ("Kerry", "Hassan")
and organisation words ("Amnesty").
"""
from __future__ import annotations

import re

#: Capitalised words that are place names somewhere but almost never one in news prose.
STOPWORDS = frozenset("""
a an the and or but if of in on at to by for from with as is was are be it its this that these
those he she they we you i his her their our my me him them who whom which what when where why how
not no yes all any some each every both either neither more most many much few other such same
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
mr mrs ms dr sir lord lady president prime minister secretary general colonel major captain
king queen prince princess pope sheikh imam chief director spokesman spokeswoman officials official
police army navy air force forces military government state states ministry parliament congress
senate council court union party front coalition alliance group groups agency office department
university college school hospital church mosque museum centre center bank company news post times
reuters associated press bbc cnn new old north south east west northern southern eastern western
central upper lower great little greater christmas easter new year eve day week month year
national international islamic democratic republican republic united nations federal foreign
interior defense defence security human rights observatory amnesty watch red cross crescent
said says say told also just however meanwhile there here after before since during while although
victory independence freedom liberty unity peace hope justice paradise eden concord harmony
mission phoenix sunny pleasant fairview
god allah jesus christ mary st saint san santa al el
arab arabs kurd kurds kurdish sunni sunnis shia shiite shi'ite muslim muslims christian christians
jewish jews druze alawite yazidi turkmen progress prices
one two three four five six seven eight nine ten first second third last next still even only
none nothing something everything everyone someone anyone well yet now then thus so too very
man woman men women people family home house street road lane area section part time way
""".split())

#: Titles before a person's name: "President Assad", "Secretary of State John Kerry".
PERSON_TITLES = frozenset("""
mr mrs ms dr sir president minister secretary general gen colonel col major maj captain capt
lieutenant lt sergeant sgt senator sen governor gov mayor king queen prince princess pope sheikh
imam chief spokesman spokeswoman commander judge justice ambassador envoy chancellor emir
bishop archbishop cardinal father rev professor prof director leader
""".split())

#: First words of Arabic names through an article ("X al-Y") that name a feast or a group,
#: never a place the gazetteer lacks: "Eid al-Fitr", "Ansar al Sharia", "Jaish al-Fatah"; not
#: "Abu" or "Umm", which open persons' names and villages' alike ("Umm al-Hosh").
NON_PLACE_HEADS = frozenset("eid ansar jaish jabhat liwa harakat ahrar kataib saraya asaib hayat".split())

#: Capitalised words that, following a place name, make the whole thing an organisation or
#: a person, not a place: "Washington Post", "Amnesty International", "Aleppo Media Centre".
ORG_TAILS = frozenset("""
post times journal herald tribune news telegraph guardian observer daily gazette international
university college institute school hospital bank company corporation corp inc ltd group airlines
airways party front army brigade brigades forces force police council ministry committee
commission foundation fund society association federation league club fc united city's
observatory agency media centre center network radio television tv press council organization
organisation office court government administration authority movement order initiative
declaration accord accords agreement treaty protocol convention summit talks process
department police sheriff fire public board commission commissioners jail courthouse embassy
chamber museum hospital library mayor governor president attorney coroner secretary minister
highway transportation health education municipal community regional superior circuit
""".split())

#: Of ORG_TAILS, the newspaper words: "Washington Post", "Suffolk Times" name no place, even
#: after a country or large city (which the dev sets do annotate in "Jamaica Cancer Society").
NEWSPAPER_TAILS = frozenset("post times journal herald tribune news telegraph guardian observer daily gazette".split())

#: Of ORG_TAILS, the words after which the place is still annotated as a place: "Texas
#: Department of Transportation", "Dublin City Council", "Pakistan Army" name the place they serve,
#: so the head stays a toponym. The rest ("Washington Post", "Amnesty International") veto it.
PLACE_MODIFIED = frozenset("""
department police sheriff fire public board commission commissioners jail courthouse embassy
chamber museum hospital library mayor governor president attorney coroner secretary minister
highway transportation health education municipal community regional superior circuit army
council ministry government city university college school high district court
""".split())

#: Capitalised words after a name that make it a place of that kind: kept inside the span.
FEATURE_TAILS = frozenset("""
province governorate district county parish township borough municipality prefecture oblast
region state city town village camp quarter
neighbourhood neighborhood air base airport island islands river valley mountains mountain
lake sea gulf bay strait peninsula desert plain plains oasis border crossing square
""".split())

#: Spatial cues before a name ("north of Manbij"); the longest matching cue is recorded.
SPATIAL_CUES = (
    "north of", "south of", "east of", "west of", "northeast of", "northwest of", "southeast of",
    "southwest of", "outside", "near", "in", "into", "at", "from", "to", "towards", "toward",
    "around", "across", "inside", "the town of", "the city of", "the village of", "the district of",
    "the province of", "the region of", "the outskirts of", "outskirts of", "the suburb of",
)

#: Cues that make an unknown capitalised name a toponym: "in Hazawneh", "near Khazir".
#: Narrower than SPATIAL_CUES: "from"/"to"/"at" precede too many non-places.
UNKNOWN_NAME_CUES = (
    "north of", "south of", "east of", "west of", "northeast of", "northwest of", "southeast of",
    "southwest of", "outside", "near", "the town of", "the city of", "the village of",
    "the district of", "the province of", "the region of", "the outskirts of", "outskirts of",
    "the suburb of", "the neighbourhood of", "the neighborhood of",
)

#: Container words: "the Wahda neighbourhood of Mosul" -> Mosul, precision "container".
#: Parts of a town: "the Palestine district" (of Mosul) is no country (geo.resolve).
QUARTER_WORDS = frozenset("neighbourhood neighborhood district quarter suburb".split())
CONTAINER_WORDS = QUARTER_WORDS | {"camp", "area", "village"}

#: Between a name and the area holding it in a defining clause: "is a town in", ", a village in the",
#: "is a city in and the county seat of".
DEFINING = re.compile(r"(?:,? (?:is|was) |, )(?:an?|the) (?:[\w-]+ ){0,6}(?:in|of) (?:the )?", re.IGNORECASE)

#: The head nouns of a clause that defines a place: "Aurora is a town in", "Santiago is a fourth class
#: municipality in the province of", "a census-designated place (CDP) in" (not "Denise, a nurse who lives in").
SETTLEMENT_WORDS = frozenset("""
city town village hamlet municipality community settlement commune suburb neighbourhood neighborhood district
borough township parish locality place census-designated cdp port seat capital barangay
""".split())


def calls_it_a_settlement(clause: str) -> bool:
    """Does a defining clause call its name a settlement ("is a town in"), not a person ("a nurse who lives in")?"""
    return not SETTLEMENT_WORDS.isdisjoint(re.findall(r"[a-z-]+", clause.lower()))


#: Abbreviated first words of place names, written with a full stop: "St. Louis", "Ste. Marie",
#: "Mt. Vernon", "Ft. Worth", "Pt. Pleasant".
NAME_ABBREVIATIONS = frozenset("st ste mt ft pt".split())

#: Direction words that may stand before a place without making it part of another name.
DIRECTIONS = frozenset("north south east west northern southern eastern western central northeast northwest "
                       "southeast southwest northeastern northwestern southeastern southwestern upper lower greater".split())

#: Months and weekdays: after a name they start a date ("Syria July 11"), not a longer name.
CALENDAR_WORDS = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
""".split())

#: Words that open a sentence before a place, capitalised only by position: "Near Bangor, ...",
#: "Around Manbij ...", "Outside Aleppo ...".
SENTENCE_OPENERS = frozenset("near around outside inside across towards toward into from north south east west "
                             "northeast northwest southeast southwest beyond between along throughout".split())

#: Verbs that follow a person's name, not a place's: "Kerry said", "Hassan told", "Keith recalled".
#: Before one of them a country, state or large city is still a government ("Turkey said").
PERSON_VERBS = frozenset("said says told added adds declined denied warned urged wrote asked announced "
                         "stated explained insisted confirmed argued tweeted recalled recalls continued "
                         "laughed laughs admitted acknowledged noted replied responded".split())

#: Of PERSON_VERBS, the speech verbs that also come before the speaker in quoted news:
#: "... a club,” said Keith, who". After the quote the speaker is a person (or a government).
SPEECH_VERBS = frozenset("said says told added adds explained continued recalled noted replied wrote".split())

#: Lower-case particles inside a person's name: after a first name or title the capitalised
#: word that follows is a surname ("Mike de Kock", "Philippe de Marigny", "Ursula von der Leyen").
NAME_PARTICLES = frozenset("de da di do dos das du del della der den van von ter le la".split())

#: Seats of power that news uses for the government inside them ("The White House declined",
#: "White House aides"). The dev sets annotate them only as the building a person is at, in,
#: goes to or comes from, so they are places only after such a preposition ("at the White House").
#: Each is in its country's capital, which is where the dev sets put it ("at the White House" is in
#: Washington): the resolver looks the capital up by this name.
SEATS_OF_POWER = {"white house": "Washington", "kremlin": "Moscow", "pentagon": "Washington", "elysee": "Paris",
                  "elysee palace": "Paris", "blue house": "Seoul", "downing street": "London",
                  "zhongnanhai": "Beijing"}  # folded (gazetteer.normalise.fold)
LOCATIVE_PREPOSITIONS = frozenset("at in from to into inside outside near around toward towards".split())

#: Nouns that, after a name, make it the name of a weapon or vehicle: "Apache helicopters",
#: "Tomahawk missiles", "Black Hawk helicopter" (a place before them would be a demonym's job).
WEAPON_NOUNS = frozenset("""
helicopter helicopters gunship gunships missile missiles rocket rockets jet jets fighter fighters
drone drones rifle rifles tank tanks launcher launchers aircraft warplane warplanes bomber bombers
""".split())

#: Gazetteer names that in news are named things, never places: climate phenomena
#: ("El Niño" is a village in GeoNames, but "a strong El Niño" is the Pacific warming).
NAMED_THINGS = frozenset(("el nino", "la nina"))  # folded


#: Words that, after a place, name the area it heads rather than the place itself ("Laurel
#: County"): when the whole phrase is not in the gazetteer, the resolver looks up the head.
ADMIN_TAILS = frozenset("province governorate district county parish township borough municipality "
                        "prefecture oblast region state".split())
#: Words after a name that make it the state or province governed ("Quebec Health Minister",
#: "Ontario Premier", "Kirkuk Governor"), not its namesake city. Not "government": "Aleppo
#: government positions" are troops in the city.
GOVERNMENT_WORDS = frozenset("premier minister ministry governor legislature parliament cabinet".split())

#: Tails after which the head name's places join the candidates even when the whole name is
#: indexed: GeoNames' districts are not all districts news names, so a "Karak District" the index
#: holds in Pakistan must not hide the Jordanian Karak an article about Amman means. Not
#: "county": the index has every US county, and the towns of a county's head name ("Butler")
#: would only lend false support to far-off namesakes of its neighbours.
DISTRICT_TAILS = frozenset({"district"})

#: Abbreviations written anywhere in running text, and the place they stand for.
COUNTRY_ABBREVIATIONS = {
    "U.S.": "United States", "US": "United States", "USA": "United States", "U.S.A.": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "EU": "Europe", "E.U.": "Europe",
    "UAE": "United Arab Emirates", "U.A.E.": "United Arab Emirates", "DPRK": "North Korea",
    "ROK": "South Korea", "PRC": "China", "DRC": "Democratic Republic of the Congo",
}

#: US state abbreviations in news (AP) style. They are also ordinary words or name parts
#: ("Mass.", "Wash.", "Miss."), so they count only after a comma or a party letter:
#: "Kansas City, Kan.", "D-S.C.".
STATE_ABBREVIATIONS = {
    "Ala.": "Alabama", "Ariz.": "Arizona", "Ark.": "Arkansas", "Calif.": "California",
    "Colo.": "Colorado", "Conn.": "Connecticut", "Del.": "Delaware", "D.C.": "District of Columbia",
    "Fla.": "Florida", "Ga.": "Georgia", "Ill.": "Illinois", "Ind.": "Indiana", "Kan.": "Kansas",
    "Kans.": "Kansas", "Ky.": "Kentucky", "La.": "Louisiana", "Md.": "Maryland",
    "Mass.": "Massachusetts", "Mich.": "Michigan", "Minn.": "Minnesota", "Miss.": "Mississippi",
    "Mo.": "Missouri", "Mont.": "Montana", "Neb.": "Nebraska", "Nebr.": "Nebraska", "Nev.": "Nevada",
    "N.H.": "New Hampshire", "N.J.": "New Jersey", "N.M.": "New Mexico", "N.Y.": "New York",
    "N.C.": "North Carolina", "N.D.": "North Dakota", "Okla.": "Oklahoma", "Ore.": "Oregon",
    "Pa.": "Pennsylvania", "R.I.": "Rhode Island", "S.C.": "South Carolina", "S.D.": "South Dakota",
    "Tenn.": "Tennessee", "Tex.": "Texas", "Vt.": "Vermont", "Va.": "Virginia", "Wash.": "Washington",
    "W.Va.": "West Virginia", "Wis.": "Wisconsin", "Wyo.": "Wyoming",
}

#: Armed groups, parties, companies and media that GeoNames also lists as alternate names of
#: towns ("Hamas" is an alternate name of Hamm, Germany; "Google" one of Topeka; "Taliban" one
#: of a Turkish village). They resolve only to a place whose own name they are, never through
#: an alternate name alone. Written for the project from the actors of the seed corpus and the
#: names news most often gives a group or company; extend it as errors show up.
ORGANISATIONS = frozenset(name.strip() for name in """
hamas, hezbollah, hizbollah, taliban, houthi, houthis, daesh, daish, isis, isil, islamic state, nusra, nusra front,
al qaeda, al qaida, qaeda, al shabaab, shabaab, boko haram, peshmerga, ypg, pkk, sdf, hashd, hashid shaabi,
hashd al shaabi, popular mobilisation forces, ahrar al sham, jaish al islam, tahrir al sham, hayat tahrir al sham,
badr, asaib ahl al haq, kataib hezbollah, wagner, fatah, amal, baath, likud, muslim brotherhood, ennahda, dawa,
sadrists, mahdi army, free syrian army, fsa,
google, apple, amazon, microsoft, facebook, twitter, meta, samsung, nissan, shell, aramco, gazprom, rosneft, exxon,
exxonmobil, chevron, boeing, airbus, reuters, bloomberg, nokia, toyota, honda, total, totalenergies, bp, lukoil
""".split(",") if name.strip())
