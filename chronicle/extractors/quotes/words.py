"""The words of quote attribution, read from the language data (lang/en/quotes-words.txt).

Speech verbs are the reporting verbs of the trigger lexicon (@report, @reply: one list for
events and quotes) with the verbs of speech that name no event (@speech_verb), less those
that report a thought rather than words (@not_speech_verb).
"""

from __future__ import annotations

from functools import cache

from chronicle import lang
from chronicle.extractors.actors.descriptions import STATE_ABBREVIATIONS as _STATES
from chronicle.extractors.dates.words import ABBREVIATIONS as DATE_ABBREVIATIONS
from chronicle.extractors.events.lexicon import load_lexicon

WORDS = lang.phrase_classes("quotes-words.txt")
STATE_ABBREVIATIONS = frozenset(a.rstrip(".") for a in _STATES if a.count(".") == 1)
SPEAKER_KINDS = ("person", "organization", "group", "country")  # what a speaker can be


def words(*names: str) -> frozenset[str]:
    """The entries of these classes, as a set."""
    return frozenset(w for name in names for w in WORDS.get(name, ()))


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of the verbs that attribute quoted words to a speaker."""
    lexicon = load_lexicon()
    return (lexicon.cls("report") | lexicon.cls("reply") | words("speech_verb")) \
        - words("not_speech_verb")


LABEL_VERBS = words("label_verb")
SPEECH_PHRASALS = words("speech_phrasal")  # "shot back": speech with its particle only
REPLY_VERBS = load_lexicon().cls("reply") | words("reply_verb")  # the speaker was asked
ASKING_VERBS = words("asking_verb")  # "asked him why": he replies
EXAMINED_BY = words("examined_by")  # "was cross-examined by X": X puts the questions
QUOTING_VERBS = words("quoting_verb")  # "quoted X as saying": X speaks
OFFICE_NOUNS = words("office_noun")  # "his office said": the holder speaks
ACCORDING = WORDS["according"]  # "according to X"
RELATIVES = words("relative")
INSIDE_PRONOUNS = words("inside_pronoun")  # "I said", "you say": the quote's own words
CLAUSE_OPENERS = words("clause_opener")
# The kinds of actor each pronoun speaker can stand for.
PRONOUN_KINDS = {p: tuple(k for k in SPEAKER_KINDS if p in words(f"pronoun_{k}"))
                 for p in words(*(f"pronoun_{k}" for k in SPEAKER_KINDS))}
PRONOUN_GENDERS = {p: "m" for p in WORDS["pronoun_male"]} | \
    {p: "f" for p in WORDS["pronoun_female"]}
ELISIONS = tuple(f"{w} " for w in WORDS["elision"]) + \
    tuple(f"{w}'" for w in WORDS["elision_closed"])
NAME_PARTICLES = words("name_particle")
NAME_ARTICLES = WORDS["name_article"]
QUESTION_LABELS = words("question_label")  # transcript labels of a turn's part, not its
ANSWER_LABELS = words("answer_label")  # speaker ("Q:", "A:", "HOST")
HOST_LABELS = words("host_label")
KICKER_LABELS = words("kicker_label")  # "INTERVIEW:": a heading's kicker, no speaker
LABEL_CONNECTORS = words("label_connector")  # "The Minister for Health:"
# "Gen.", "Sept.", "(D-Ariz.)": full stops that end no sentence
ABBREVIATIONS = DATE_ABBREVIATIONS | STATE_ABBREVIATIONS
