"""The words the actor rules ask about, read once from the language data (chronicle/lang/en).

Each name here answers one question a rule asks of a word ("is it a title?", "does this noun
stand for a state?"); the data files hold the words and say how their classes differ. Where a
rule needs several classes at once, the union is made here, under the name of the question.
"""

from __future__ import annotations

from chronicle import lang


def _listed(name: str) -> dict[str, frozenset[str]]:
    """Rows `class<TAB>member, member, ...` of a data file, members possibly phrases ("prime
    minister"); a class may take several rows."""
    out: dict[str, set[str]] = {}
    for row in lang.table(name):
        members = row[1].split(",") if len(row) > 1 else []
        out.setdefault(row[0].strip(), set()).update(m.strip() for m in members if m.strip())
    return {k: frozenset(v) for k, v in out.items()}


def _months() -> frozenset[str]:
    """Month names and their abbreviations (lang/en/months.tsv)."""
    out: set[str] = set()
    for row in lang.table("months.tsv"):
        out.add(row[1].strip())
        out.update(a.strip() for a in (row[2] if len(row) > 2 else "").split(",") if a.strip())
    return frozenset(out)


def _code_points(name: str) -> dict[int, str]:
    """A `str.translate` table from rows `U+XXXX<TAB>replacement` (lang/en/<name>)."""
    return {int(row[0].strip().removeprefix("U+"), 16): row[1] for row in lang.table(name)}


# ---------------------------------------------------------------- titles and roles
_TITLES = _listed("titles.tsv")
TITLE_WORDS = _TITLES["title"]  # stand before a name as its title, stripped from it
FILLERS = _TITLES["filler"]  # skipped inside a title, never part of the role
OFFICES = _TITLES["office"]  # posts: the units of a run of title words
ANY_OFFICIAL = _TITLES["any_office"]  # "the envoy": fits an official in any office
ROLE_NOUNS = OFFICES | ANY_OFFICIAL  # titles that can stand as a name ("the Iraqi envoy")
BODY_OFFICES = _TITLES["body_office"]  # an organisation's posts ("secretary-general")
OFFICIAL_NOUNS = _TITLES["speaks_for"]  # "a NATO spokesman" speaks for NATO
AGENT_NOUNS = _TITLES["agent"]
AGENT_ENDINGS = tuple(sorted(_TITLES["agent_ending"]))
NOT_AGENTS = _TITLES["not_agent"]
NOT_ROLES = _TITLES["not_role"]
TITLE_CONNECTORS = _TITLES["connector"]
AGE_WORDS = _TITLES["age"]
ROLE_PREPOSITIONS = _TITLES["of_body"]  # "commander in Hurras al-Din"
SPEAKER_PREPOSITIONS = _TITLES["speaks_from"]  # "a spokesman in Beijing"
PORTFOLIO_WORDS = _TITLES["portfolio"]  # "Minister of Labour and Employment"
PARTY_LABELS = _TITLES["party_label"]  # "Socialist Itziar Galdeano"
PERSON_TITLES = _TITLES["person_title"]  # "MK Yael Dror" is a person whatever the tag
HONORIFICS = lang.mapping("honorifics.tsv")  # honorific -> "m" or "f"

# ---------------------------------------------------------------- organisations, states
_BODIES = lang.classes("organisations.txt")
ORG_HEADS = _BODIES["org_head"]
ORG_TAILS = _BODIES["org_tail"]
ORG_APPOSITIONS = _BODIES["org_apposition"]
GROUP_NOUNS = _BODIES["group_noun"]
KIND_NOUNS = _BODIES["kind_noun"]  # "the coalition" is a coalition
FIGHTERS = _BODIES["fighters"]
PEOPLE_NOUNS = _BODIES["people_noun"]
GROUP_SUFFIXES = _BODIES["group_suffix"]
LED_WORDS = _BODIES["led_word"]
LED_NOUNS = _BODIES["led_noun"]
STATE_NOUNS = _BODIES["state_noun"]  # "the Syrian government": the state acting
STATE_WORDS = _BODIES["state_word"]  # "the government": the country in the story

# ---------------------------------------------------------------- places
_PLACES = lang.classes("place-cues.txt")
PLACE_NOUNS = _PLACES["place_noun"]
FACILITY_NOUNS = _PLACES["facility_noun"]
DIRECTIONS = _PLACES["direction"]
NEARBY = _PLACES["nearby"]

# ---------------------------------------------------------------- how names are written
_NAMES = lang.classes("names.txt")
ARTICLES = _NAMES["article"]
HYPHEN_ARTICLES = _NAMES["hyphen_article"]  # "al-Sharaa"
KIN = _NAMES["kin"]  # "Abu Qatada", "bin Laden"
PERSON_PARTICLES = KIN | _NAMES["mother"] | _NAMES["daughter"]
NAME_OPENERS = HYPHEN_ARTICLES | KIN | _NAMES["abd"]  # never trimmed from a name's start
BARE_NAME_OPENERS = KIN | _NAMES["mother"]  # open a name the model did not tag
HYPHENED_PARTICLES = HYPHEN_ARTICLES | KIN  # continue a first name: "Khalid al-Roumi"
SPACED_PARTICLES = KIN | _NAMES["daughter"]  # ... and "Fatima bint Ahmed"
KUNYA = _NAMES["kunya"]
SURNAME_PARTICLES = _NAMES["surname_particle"]  # "van der Sluis"
ABD = _NAMES["abd"]
ABD_AL = _NAMES["abd_al"]
LEADING_ARTICLES = _NAMES["leading_article"]  # "the Taliban", "the Iraqi envoy"
NOT_ACRONYMS = _NAMES["not_acronym"]  # compared as written
GENERATIONS = _NAMES["generation"]  # "Jr.", "III": a son is not his father
ROYAL_TITLES = _NAMES["royal"]  # "King Hussein": a given or dynastic name follows
BLESSINGS = _NAMES["blessing"]  # "(PBUH)" after a name, lower case without full stops
NOT_ACTORS = frozenset(lang.phrases("not-actors.txt"))
NAME_CHARACTERS = _code_points("name-characters.tsv")
MONTHS = _months()

# ---------------------------------------------------------------- pronouns, reference
_PRONOUNS = lang.classes("pronouns.txt")
FIRST_PERSON = _PRONOUNS["first_person"]
SECOND_PERSON = _PRONOUNS["second_person"]
FEMALE_PRONOUNS = _PRONOUNS["she"]
PERSON_PRONOUNS = _PRONOUNS["he"] | FEMALE_PRONOUNS
THING_PRONOUNS = _PRONOUNS["it"]
PLURAL_PRONOUNS = _PRONOUNS["they"]
PERSON_OBJECTS = _PRONOUNS["person_object"]
PERSON_REFLEXIVES = _PRONOUNS["person_reflexive"]
REFERRING_DETS = _PRONOUNS["referring_det"]
GROUP_DETS = REFERRING_DETS | _PRONOUNS["referring_det_plural"]
REFERRING_MODIFIERS = _PRONOUNS["referring_mod"]
NAMING_CUES = lang.phrases("naming-cues.txt")  # "the group calling itself X"
ALIAS_CUES = lang.phrases("alias-cues.txt")  # regular expressions, one per cue

# ---------------------------------------------------------------- letters
_LETTERS = lang.classes("letters.txt")
SALUTATIONS = _LETTERS["salutation"]
STYLES = _LETTERS["style"]
STYLE_OWNERS = _LETTERS["style_owner"]
ADDRESS_OWNERS = _LETTERS["address_owner"]
ADDRESSEE_STYLES = _LETTERS["addressee"]
