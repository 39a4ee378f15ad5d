"""Event rules on parses built by hand: no model, so each test pins one rule to one parse.

Every sentence below is given as the small English model parses it (word, lemma, coarse
and fine tag, dependency, head index, entity label), so a failure points at the rule, not
at the parser. The actors are listed by hand, as event_support.hand_actors does for the
model tests.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from event_support import hand_actors
from spacy.lang.en import English
from spacy.tokens import Doc

from chronicle.extractors.events.arguments import subjects
from chronicle.extractors.events.candidate import Cand
from chronicle.extractors.events.find import EventContext, find_events
from chronicle.extractors.events.lexicon import load_lexicon
from chronicle.extractors.events.scope import scope
from chronicle.records import Document, Event, Quote
from chronicle.settings import Settings

# The rule layer alone: these tests say what the lexicon and the parse rules decide.
RULES = Settings(events="lexicon")

VOCAB = English().vocab  # lexical attributes (lower case, like_num) without a model
NO_SPACE_BEFORE = {".", ",", "'s", "-"}


def parse(table: str) -> Doc:
    """A Doc from lines `word lemma POS TAG dep head [ENT]`, heads as token indices."""
    rows = [line.split() for line in table.strip().splitlines()]
    words = [r[0] for r in rows]
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE and words[i] != "-"
              for i in range(len(words))]
    labels = [r[6] if len(r) > 6 else "" for r in rows]
    ents = [("I-" if i and labels[i - 1] == lab else "B-") + lab if lab else "O"
            for i, lab in enumerate(labels)]
    return Doc(VOCAB, words=words, spaces=spaces, lemmas=[r[1] for r in rows],
               pos=[r[2] for r in rows], tags=[r[3] for r in rows],
               deps=[r[4] for r in rows], heads=[int(r[5]) for r in rows], ents=ents)


def events(doc: Doc, names: dict[str, str], quotes: Sequence[tuple[str, str]] = ()
           ) -> list[Event]:
    actors = hand_actors(doc, names)
    key = {e.name: e.key for e in actors.entities}
    records = [Quote(f"q{i}", "d", key[who], words, doc.text.index(words),
                     doc.text.index(words) + len(words), "said")
               for i, (words, who) in enumerate(quotes)]
    return find_events(doc, Document(id="d", text=doc.text, source="test"),
                       EventContext(actors, quotes=records, settings=RULES))


def summary(found: list[Event], names: dict[str, str]) -> list[tuple]:
    """(type, mode, sources, targets, negated, hypothetical) with names for keys."""
    name = {f"d#{n}": nm for n, nm in enumerate(names, 1)}
    return [(e.event_type, e.mode, [name.get(k, k) for k in e.source],
             [name.get(k, k) for k in e.target], e.negated, e.hypothetical) for e in found]


def token(doc: Doc, word: str):  # noqa: ANN201
    return next(t for t in doc if t.text == word)


# ---------------------------------------------------------------- absorption

VOWED = """
Hamas     Hamas     PROPN NNP nsubj 1 ORG
vowed     vow       VERB  VBD ROOT  1
to        to        PART  TO  aux   3
escalate  escalate  VERB  VB  xcomp 1
attacks   attack    NOUN  NNS dobj  3
.         .         PUNCT .   punct 1
"""


def test_a_trigger_in_a_vow_is_its_content_and_makes_it_a_threat():
    names = {"Hamas": "group"}
    found = events(parse(VOWED), names)
    assert summary(found, names) == [("THREATEN", "violence", ["Hamas"], [], False, False)]
    assert "hostile complement" in found[0].reason  # the attacks are absorbed, not coded
    assert found[0].trigger == "vowed"


# ---------------------------------------------------------------- modality

NOT_MEET = """
Russia   Russia   PROPN NNP nsubj 3 GPE
did      do       AUX   VBD aux   3
not      not      PART  RB  neg   3
meet     meet     VERB  VB  ROOT  3
Ukraine  Ukraine  PROPN NNP dobj  3 GPE
.        .        PUNCT .   punct 3
"""


def test_negation_on_the_clause_negates_the_event():
    names = {"Russia": "country", "Ukraine": "country"}
    doc = parse(NOT_MEET)
    assert summary(events(doc, names), names) == [
        ("CONSULT", None, ["Russia"], ["Ukraine"], True, False)]
    lex = load_lexicon()
    meet = token(doc, "meet")
    cand = Cand.found(meet, "v", lex.lookup("meet", "v")[0])
    scope(cand, lex)
    assert cand.modality.negated and not cand.modality.hypothetical


SAID_WOULD = """
Iran      Iran      PROPN NNP  nsubj 1 GPE
said      say       VERB  VBD  ROOT  1
it        it        PRON  PRP  nsubj 4
would     would     AUX   MD   aux   4
withdraw  withdraw  VERB  VB   ccomp 1
its       its       PRON  PRP$ poss  6
troops    troop     NOUN  NNS  dobj  4
.         .         PUNCT .    punct 1
"""

WOULD = """
Iran      Iran      PROPN NNP  nsubj 2 GPE
would     would     AUX   MD   aux   2
withdraw  withdraw  VERB  VB   ROOT  2
its       its       PRON  PRP$ poss  4
troops    troop     NOUN  NNS  dobj  2
.         .         PUNCT .    punct 2
"""


def test_a_reported_would_is_a_future_and_the_speaker_its_source():
    names = {"Iran": "country"}
    found = events(parse(SAID_WOULD), names)
    # a future withdrawal, announced by the one who would withdraw, is an offer
    assert summary(found, names) == [("AGREE", None, ["Iran"], [], False, False)]
    assert "future RETREAT" in found[0].reason and "speaker as source" in found[0].reason


def test_a_would_no_one_reports_is_a_condition():
    names = {"Iran": "country"}
    # read as the same offer, but hypothetical: "would ..." in the writer's own words
    assert summary(events(parse(WOULD), names), names) == [
        ("AGREE", None, ["Iran"], [], False, True)]


REFRAINED = """
Syria      Syria      PROPN NNP nsubj 1 GPE
refrained  refrain    VERB  VBD ROOT  1
from       from       ADP   IN  prep  1
attacking  attack     VERB  VBG pcomp 2
Israel     Israel     PROPN NNP dobj  3 GPE
.          .          PUNCT .   punct 1
"""


def test_refraining_from_an_act_negates_it():
    names = {"Syria": "country", "Israel": "country"}
    found = events(parse(REFRAINED), names)
    assert summary(found, names) == [("ASSAULT", None, ["Syria"], ["Israel"], True, False)]
    assert "under 'refrained'" in found[0].reason


IF_STRUCK = """
Iran    Iran    PROPN NNP   nsubj 2 GPE
could   could   AUX   MD    aux   2
attack  attack  VERB  VB    ROOT  2
Israel  Israel  PROPN NNP   dobj  2 GPE
if      if      SCONJ IN    mark  6
Israel  Israel  PROPN NNP   nsubj 6 GPE
struck  strike  VERB  VBD   advcl 2
.       .       PUNCT .     punct 2
"""


def test_an_act_under_if_is_hypothetical_and_the_condition_no_event():
    names = {"Iran": "country", "Israel": "country"}
    found = summary(events(parse(IF_STRUCK), names), names)
    assert ("ASSAULT", None, ["Iran"], ["Israel"], False, True) in found
    assert all(f[5] for f in found)  # "if Israel struck" is no attack that happened


MUST = """
Jordan    Jordan    PROPN NNP nsubj 1 GPE
said      say       VERB  VBD ROOT  1
Israel    Israel    PROPN NNP nsubj 4 GPE
must      must      AUX   MD  aux   4
withdraw  withdraw  VERB  VB  ccomp 1
.         .         PUNCT .   punct 1
"""


def test_what_a_speaker_says_another_must_do_is_a_demand_of_them():
    names = {"Jordan": "country", "Israel": "country"}
    found = events(parse(MUST), names)
    assert summary(found, names) == [("REQUEST", "yield", ["Jordan"], ["Israel"], False, False)]
    assert "'RETREAT' demanded" in found[0].reason


# ---------------------------------------------------------------- who did it

PASSIVE = """
Israel     Israel     PROPN NNP nsubjpass 2 GPE
was        be         AUX   VBD auxpass   2
attacked   attack     VERB  VBN ROOT      2
by         by         ADP   IN  agent     2
Hezbollah  Hezbollah  PROPN NNP pobj      3 ORG
.          .          PUNCT .   punct     2
"""


def test_a_passive_by_agent_is_the_source_and_its_subject_the_target():
    names = {"Israel": "country", "Hezbollah": "group"}
    assert summary(events(parse(PASSIVE), names), names) == [
        ("ASSAULT", None, ["Hezbollah"], ["Israel"], False, False)]


PERSUADED = """
Qatar      Qatar      PROPN NNP nsubj 1 GPE
persuaded  persuade   VERB  VBD ROOT  1
Hamas      Hamas      PROPN NNP dobj  1 ORG
to         to         PART  TO  aux   4
release    release    VERB  VB  xcomp 1
the        the        DET   DT  det   6
hostages   hostage    NOUN  NNS dobj  4
.          .          PUNCT .   punct 1
"""


def test_the_object_of_a_control_verb_is_the_doer_of_its_infinitive():
    names = {"Qatar": "country", "Hamas": "group"}
    doc = parse(PERSUADED)
    assert [t.text for t in subjects(token(doc, "release"), load_lexicon())] == ["Hamas"]
    assert summary(events(doc, names), names) == [
        ("RETREAT", "release", ["Hamas"], [], False, False)]


URGED = """
Egypt     Egypt     PROPN NNP nsubj 1 GPE
urged     urge      VERB  VBD ROOT  1
Hamas     Hamas     PROPN NNP dobj  1 ORG
to        to        PART  TO  aux   4
release   release   VERB  VB  xcomp 1
the       the       DET   DT  det   6
hostages  hostage   NOUN  NNS dobj  4
.         .         PUNCT .   punct 1
"""


def test_urging_someone_to_act_is_one_request_of_them():
    names = {"Egypt": "country", "Hamas": "group"}
    doc = parse(URGED)
    assert [t.text for t in subjects(token(doc, "release"), load_lexicon())] == ["Hamas"]
    # the release is what is urged, absorbed into the request: one event, not two
    assert summary(events(doc, names), names) == [
        ("REQUEST", "yield", ["Egypt"], ["Hamas"], False, False)]


WE_WILL = """
We         we        PRON  PRP nsubj 2
will       will      AUX   MD  aux   2
release    release   VERB  VB  ROOT  2
the        the       DET   DT  det   4
prisoners  prisoner  NOUN  NNS dobj  2
.          .         PUNCT .   punct 2
"""


def test_we_in_a_quote_is_its_speaker():
    names = {"Hamas": "group"}
    quoted = [("We will release the prisoners", "Hamas")]
    assert summary(events(parse(WE_WILL), names, quoted), names) == [
        ("AGREE", None, ["Hamas"], [], False, False)]  # a promise to release, by Hamas


RAID = """
Israel  Israel  PROPN NNP poss     2 GPE
's      's      PART  POS case     0
raid    raid    NOUN  NN  nsubj    5
on      on      ADP   IN  prep     2
Hamas   Hamas   PROPN NNP pobj     3 ORG
lasted  last    VERB  VBD ROOT     5
two     two     NUM   CD  nummod   7 TIME
hours   hour    NOUN  NNS npadvmod 5 TIME
.       .       PUNCT .   punct    5
"""


def test_the_possessor_of_an_event_noun_is_its_source():
    names = {"Israel": "country", "Hamas": "group"}
    found = events(parse(RAID), names)
    assert summary(found, names) == [("ASSAULT", None, ["Israel"], ["Hamas"], False, False)]
    assert "source 'Israel' (poss)" in found[0].reason


TALKS = """
The    the   DET   DT  det   1
talks  talk  NOUN  NNS nsubj 2
ended  end   VERB  VBD ROOT  2
.      .     PUNCT .   punct 2
"""


def test_an_event_noun_with_no_actor_is_dropped():
    assert events(parse(TALKS), {}) == []


SIT_IN = """
Solidarity  Solidarity  PROPN NNP nsubj    1 ORG
staged      stag        VERB  VBD ROOT     1
a           a           DET   DT  det      5
sit         sit         NOUN  NN  compound 5
-           -           PUNCT HYPH punct   5
in          in          NOUN  NN  dobj     1
.           .           PUNCT .   punct    1
"""


def test_a_light_verb_carries_its_noun_and_gives_it_a_doer():
    names = {"Solidarity": "organization"}
    found = events(parse(SIT_IN), names)
    assert summary(found, names) == [("PROTEST", "demo", ["Solidarity"], [], False, False)]
    assert found[0].trigger == "staged a sit-in"  # the hyphenated noun read whole


MET = """
Putin    Putin    PROPN NNP nsubj 3 PERSON
and      and      CCONJ CC  cc    0
Erdogan  Erdogan  PROPN NNP conj  0 PERSON
met      meet     VERB  VBD ROOT  3
in       in       ADP   IN  prep  3
Sochi    Sochi    PROPN NNP pobj  4 GPE
.        .        PUNCT .   punct 3
"""


def test_two_subjects_of_a_meeting_are_each_others_party_and_the_place_no_party():
    names = {"Putin": "person", "Erdogan": "person", "Sochi": "location"}
    found = events(parse(MET), names)
    assert summary(found, names) == [
        ("CONSULT", None, ["Putin", "Erdogan"], ["Putin", "Erdogan"], False, False)]
    assert "joint act" in found[0].reason
    assert found[0].location is not None and found[0].location.name == "Sochi"


BOMBED = """
Russia    Russia    PROPN NNP nsubj 1 GPE
bombed    bomb      VERB  VBD ROOT  1
a         a         DET   DT  det   3
hospital  hospital  NOUN  NN  dobj  1
in        in        ADP   IN  prep  1
Aleppo    Aleppo    PROPN NNP pobj  4 GPE
.         .         PUNCT .   punct 1
"""


def test_a_place_reached_through_in_is_where_not_whom():
    names = {"Russia": "country", "Aleppo": "location"}
    found = events(parse(BOMBED), names)
    assert summary(found, names) == [("ASSAULT", "explosives", ["Russia"], [], False, False)]
    assert found[0].location is not None and found[0].location.country == "Syria"


@pytest.mark.parametrize("table, word", [(VOWED, "vowed"), (RAID, "raid"), (MET, "met")])
def test_hand_built_parses_are_single_sentences(table, word):
    doc = parse(table)
    assert len(list(doc.sents)) == 1 and token(doc, word).sent.start == 0
