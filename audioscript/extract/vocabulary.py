"""The words the rules know: speech verbs, roles, gendered nouns, titles and the capitalised
words that are not names. Plain data; the patterns built from it are in :mod:`.patterns`."""

from __future__ import annotations

_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("says", "said"),
    "tell": ("tells", "told"),
    "write": ("writes", "wrote"),
    "begin": ("begins", "began"),
    "go on": ("goes on", "went on"),
    "put in": ("puts in", "put in"),
    "point out": ("points out", "pointed out"),
    "break in": ("breaks in", "broke in"),
    "call out": ("calls out", "called out"),
    "admit": ("admits", "admitted"),
    "quip": ("quips", "quipped"),
    "grin": ("grins", "grinned"),
    "shrug": ("shrugs", "shrugged"),
    "nod": ("nods", "nodded"),
    "sob": ("sobs", "sobbed"),
    "snap": ("snaps", "snapped"),
    "beg": ("begs", "begged"),
    "marvel": ("marvels", "marveled", "marvelled"),
    "fume": ("fumes", "fumed"),
    "scoff": ("scoffs", "scoffed"),
    "bristle": ("bristles", "bristled"),
    "chide": ("chides", "chided"),
    "huff": ("huffs", "huffed"),
    "gripe": ("gripes", "griped"),
    "sniff": ("sniffs", "sniffed"),
    "vow": ("vows", "vowed"),
    "brag": ("brags", "bragged"),
    "tweet": ("tweets", "tweeted"),
}
# Regular verbs that tag speech; "-s", "-ed" and "-ies"/"-ied" forms are generated.
_REGULAR_VERBS = """
    add agree answer ask acknowledge admit announce argue assent assert beam boast call caution
    chuckle claim clarify comment complain concede conclude concur confess confide continue
    counter cry declare deadpan demand drawl elaborate emphasise emphasize enquire enthuse
    exclaim explain gasp giggle groan growl grumble gush hint inquire insist interject interrupt
    joke lament laugh maintain marvel mumble murmur muse mutter note observe offer order plead
    predict promise protest recall recollect recount reflect rejoin remark remember repeat reply
    respond resume retort reveal roar scream shout shriek sigh smile snarl sneer snort stammer
    state stress stutter suggest summarise summarize urge venture wail warn whimper whisper
    wonder yell assure reassure confirm tease scold hiss bark chirp pledge testify post text
    advise recommend
""".split()  # noqa: SIM905
NO_TAG_VERBS = {"smile", "beam", "wonder", "suggest", "predict", "argue", "claim", "maintain",
                 "assert", "order", "promise", "urge", "call", "offer", "confirm", "pledge", "vow",
                 "bristle", "sniff", "huff", "post", "text", "advise", "recommend"}  # fmt: skip
"""Verbs that tag a quote ("..., she smiles") but on their own do not introduce speech."""


def _regular_forms(verb: str) -> tuple[str, str]:
    if verb.endswith("e"):
        return verb + "s", verb + "d"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ies", verb[:-1] + "ied"
    return verb + "s", verb + "ed"


def _build_speech_verbs() -> dict[str, str]:
    forms: dict[str, str] = {}
    for base, inflected in _VERB_FORMS.items():
        for form in inflected:
            forms[form] = base
    for base in _REGULAR_VERBS:
        for form in _regular_forms(base):
            forms[form] = base
    return forms


SPEECH_VERBS: dict[str, str] = _build_speech_verbs()
"""Inflected speech verb ("says", "recalled") -> base form ("say", "recall")."""


TITLE_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt", "Sgt",
    "Rev", "Det", "Supt", "Insp", "Cmdr", "Adm", "Maj", "Atty", "Amb", "Hon", "Fr", "Cpl", "Pvt",
)  # fmt: skip


ROLES = """
    actor actress star director filmmaker moviemaker producer writer screenwriter songwriter
    singer musician composer rapper drummer guitarist dancer comedian novelist poet playwright
    author editor critic reporter journalist photographer designer artist painter sculptor chef
    host anchor coach player captain athlete scientist researcher professor teacher student
    doctor physician surgeon nurse lawyer attorney judge prosecutor officer official
    spokesperson spokeswoman spokesman expert veteran founder owner executive president
    chairman chairwoman manager engineer developer programmer farmer worker instructor mother
    father mom dad mum son daughter wife husband woman man boy girl sister brother aunt uncle
    grandmother grandfather friend colleague partner neighbor neighbour postdoc senator
    governor mayor minister economist analyst historian politician psychologist psychiatrist
    therapist activist organizer investigator detective councilman councilwoman councillor
    councilor commissioner chancellor secretary inspector sergeant constable superintendent
    chief headteacher headmaster headmistress principal pastor reverend bishop rabbi imam priest
    vicar resident villager volunteer teenager pensioner retiree shopkeeper commuter passenger
    witness customer parent candidate campaigner protester homeowner landlord landlady tenant
    employee staffer representative ambassador diplomat sheriff deputy firefighter paramedic
    pilot driver freshman sophomore junior senior lawmaker legislator councilmember trustee
    superintendent dean provost speaker chair chairperson congressman congresswoman assemblyman
    assemblywoman assemblymember alderman alderwoman selectman magistrate coroner treasurer clerk
    comptroller solicitor barrister premier lieutenant colonel general admiral commander marshal
    corporal justice rector registrar curator archivist librarian coordinator administrator
    warden ranger granddaughter grandson niece nephew cousin stepmother stepfather stepdaughter
    stepson girlfriend boyfriend fiancee fiancée fiance fiancé widow widower grandma grandpa
    islander parishioner shopper trader stallholder supporter member leader organiser organizer
    skipper deckhand rower boxer trainer cox coxswain supervisor foreman forewoman operator
    technician mechanic cashier fisherman plumber janitor caretaker soldier midwife waiter
    waitress bartender moderator conductor
    rescuer hiker climber swimmer fighter promoter referee tester millwright dockworker
    longshoreman picketer negotiator mediator planner builder architect lecturer tutor pupil
    graduate patient caregiver carer nun monk
""".split()  # noqa: SIM905
# Organisations that speak in statements: "the company said", "the council said in a statement".
ORG_ROLES = """
    company firm agency department ministry government council committee board university
    hospital school district airline authority office administration campaign union club team
    league museum charity organization organisation group network studio label police alliance
    association service coalition federation trust foundation society institute corporation
    commission partnership bank
""".split()  # noqa: SIM905
DOCUMENTS = {"statement", "release", "letter", "email", "memo", "notice", "announcement", "filing"}
"""What speaks on someone's behalf: "..., the statement said" (who issued it speaks)."""
ORG_ROLES += sorted(DOCUMENTS)
ROLES += ORG_ROLES


FEMALE_WORDS = {
    "actress", "mother", "mom", "mum", "daughter", "wife", "woman", "girl", "sister", "aunt",
    "grandmother", "queen", "princess", "lady", "mrs", "ms", "miss", "madam", "spokeswoman",
    "chairwoman", "businesswoman", "congresswoman", "heroine", "niece", "girlfriend", "bride",
    "waitress", "hostess", "stepmother", "granddaughter", "diva", "ballerina", "widow",
    "grandma", "fiancee", "fiancée", "stepdaughter",
}  # fmt: skip
MALE_WORDS = {
    "actor", "father", "dad", "son", "husband", "man", "boy", "brother", "uncle",
    "grandfather", "king", "prince", "gentleman", "mr", "sir", "spokesman", "chairman",
    "businessman", "congressman", "hero", "nephew", "boyfriend", "groom", "waiter", "host",
    "stepfather", "grandson", "lord", "widower", "grandpa", "fiance", "fiancé", "stepson",
}  # fmt: skip
NOT_NAME_WORDS = {
    "The", "A", "An", "I", "It", "In", "On", "At", "But", "And", "Or", "So", "If", "When",
    "While", "As", "After", "Before", "Since", "Then", "This", "That", "These", "Those",
    "There", "Here", "He", "She", "They", "We", "You", "His", "Her", "Their", "Our", "My",
    "Your", "Its", "What", "Who", "Why", "How", "Where", "Which", "Yes", "No", "Not", "Oh",
    "Well", "Also", "Still", "Now", "For", "From", "With", "Without", "Of", "To", "By", "Be",
    "Is", "Was", "Are", "Were", "Do", "Did", "Does", "Just", "Even", "Only", "Every", "Each",
    "All", "Some", "Any", "Many", "Most", "More", "Much", "One", "Two", "Three", "First",
    "Last", "Next", "New", "Both", "According", "Despite", "During", "Although", "Though",
    "Because", "Until", "Unless", "Once", "Like", "Maybe", "Perhaps", "Sometimes", "Look",
    "Instead", "Meanwhile", "However", "Moreover", "Yet", "Mr", "Mrs", "Ms", "Dr", "Prof",
    "Sir", "Dame", "Lord", "Lady", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "God", "Oscar", "Oscars",
    "Academy", "Awards", "Festival", "University", "Institute", "School", "College", "Center",
    "Centre", "Hospital", "Hotel", "Company", "Studios", "Pictures", "Magazine", "Times",
    "News", "Post", "Journal", "Department", "Museum", "Society", "Foundation", "Association",
    "Council", "Committee", "Club", "Theater", "Theatre", "Street", "Avenue", "Road", "Park",
    "Island", "City", "County", "State", "States", "River", "Lake", "Mountain", "Valley",
    "Beach", "Bay", "Prize", "Award", "Nobel", "Golden", "Globe", "Globes", "Cannes",
    "Competition", "Palme", "US", "U.S.", "UK", "Instagram", "Zoom", "Netflix", "Google",
    "Twitter", "Facebook", "YouTube", "Wired", "Science", "Nature", "Correction", "Photo",
    "Image", "Credit", "Courtesy", "Getty", "Images", "Ole",
}  # fmt: skip
ORG_WORDS = {
    "University", "Institute", "School", "College", "Center", "Centre", "Hospital", "Hotel",
    "Company", "Studios", "Pictures", "Magazine", "Times", "News", "Journal", "Department",
    "Museum", "Society", "Foundation", "Association", "Council", "Committee", "Club",
    "Theater", "Theatre", "Street", "Avenue", "Road", "Park", "Island", "City", "County",
    "State", "States", "River", "Lake", "Valley", "Beach", "Bay", "Prize", "Award", "Awards",
    "Festival", "Academy", "Laboratory", "Lab", "Labs", "Agency", "Bureau", "Ministry",
    "Court", "Party", "Church", "Records", "Entertainment", "Productions", "Films", "Network",
    "Group", "Inc", "Ltd", "Corp", "Genomics", "Medicine", "Research", "Sciences", "Biology",
    "Transactions", "Opry", "Junction", "Borough", "Station", "Heights", "Village", "Township",
    "Harbor", "Harbour", "Airport", "Plaza", "Courier", "Gazette", "Herald", "Tribune",
    "Chronicle", "Observer", "Telegraph", "Radio", "Television", "Weekly", "Register",
    "Inquirer", "Sentinel", "Examiner", "Bulletin", "Dispatch", "Courthouse", "Stadium", "Arena",
    "Library", "Gallery", "Authority", "Commission", "Services", "Railway", "Transit", "Senate",
    "Congress", "Parliament", "Assembly", "Police", "Army", "Navy", "League", "Cup",
    "Championship", "Olympics", "Port", "Fort", "Mount", "Gap", "Peak", "Falls", "Coast",
    "Creek", "Cove", "Ridge", "Springs", "Canyon", "Hollow", "Press", "Analytics", "Partners",
    "Foods", "Logistics", "Capital", "Holdings", "Industries", "Technologies", "Systems",
    "Markets", "Motors", "Airlines", "Media", "Pharmacy", "Books", "Bakery", "Brewery", "Diner",
    "Tavern", "Inn", "Farms", "Ranch", "Path", "Trail", "Weather", "Guild", "Makers",
    "Ballroom", "Pavilion", "Auditorium", "Lounge", "Pub", "Cafe", "Café", "Market", "Mall",
    "Square", "Terrace", "Gardens", "Studio", "Gym", "Clinic", "Shelter", "Cathedral", "Chapel",
    "Temple", "Mosque", "Synagogue", "Trust", "Alliance", "Coalition", "Federation", "Fund",
    "Union", "Board", "Commissioners", "Office", "Collective", "Cooperative", "Initiative",
}  # fmt: skip
"""Words that make a run of capitalised words a place or an organisation ("Port Aldridge",
"Pike Gap", "Meridian Press", "Halvard Capital Partners"), not a person."""

#: abbreviations a number follows ("No. 6", "Vol. 2", "pp. 10-12"): their stop ends nothing
NUMBER_ABBREVIATIONS = {"no", "nos", "vol", "fig", "p", "pp"}

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "sgt", "vs", "etc", "no", "vol", "fig", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "mt", "ft",
    "approx", "dept", "univ", "ave", "blvd", "e.g", "i.e", "cllr",
    *(title.lower() for title in TITLE_ABBREVIATIONS),
}  # fmt: skip

# Words that go on a name after initials ("The U.S. Army said no.", "U.S. Sen. Ana Ruiz"):
# the initials' stop does not end the sentence there.
AFTER_INITIALS = {
    "Army", "Navy", "Air", "Marine", "Marines", "Coast", "Senate", "Congress", "House",
    "Supreme", "Court", "Department", "Embassy", "Open", "Forest", "Census", "Postal",
    "Treasury", "Attorney", "Ambassador", "Senator", "Representative", "Rep", "Sen", "District",
    "Geological", "Capitol", "Government", "Federal", "Secretary", "President", "Customs",
    "Border", "Immigration", "Olympic", "National", "Bureau", "Agency", "Office", "Consulate",
    "Mission", "Command", "Forces", "Military", "Parliament", "Ministry",
}  # fmt: skip

# "Cllr" (a British councillor) is written without a full stop, so it is not among the
# abbreviations a name may open on.
HONORIFICS = {"Miss", "Sir", "Dame", "Lord", "Lady", "Cllr", *TITLE_ABBREVIATIONS}
