"""Event rules for news of other outlets and decades: all-caps headlines, hyphenated
triggers, reported pronouns, possessives, negation and conditions, states and habits,
targets reached through absorbed events, places acting as states.

Each test writes its own short report and lists its actors (an entity per name, a mention
at each occurrence), so what is tested is the event rules, not the actor finder.
"""

from __future__ import annotations

import pytest
from event_support import real, run

from chronicle.nlp.casing import caps_line, title_line
from chronicle.records import Document
from chronicle.settings import Settings

# The rule layer alone: these tests say what the lexicon and the parse rules decide.
RULES = Settings(events="lexicon")

pytestmark = pytest.mark.model


# ---------------------------------------------------------------- how triggers are written

def test_hyphenated_triggers_are_read_whole(nlp):
    found = run(nlp, "Opposition supporters staged a sit-in outside the election commission.")
    assert [(f[0], f[1], f[5]) for f in found] == [("PROTEST", "demo", "staged a sit-in")]
    found = run(nlp, "North Korea test-fired two short-range missiles into the sea.",
                {"North Korea": "country"})
    assert real(found) == [("MOBILIZE", "weapons", ["North Korea"], [])]


@pytest.mark.parametrize("text, caps, title", [
    ("TURKEY CLOSES BORDER AFTER CLASHES.", True, False),
    ("Syrian Army Kills over 60 Terrorists in Deir Ezzor.", False, True),
    ("The United Nations Security Council said so on Monday.", False, False),
    ("NATO and the EU met in Brussels.", False, False),
])
def test_caps_and_title_case_lines_are_found_by_their_words(nlp, text, caps, title):
    sent = next(iter(nlp(text).sents))
    assert (caps_line(sent), title_line(sent)) == (caps, title)


@pytest.mark.parametrize("text, names, want", [
    ("PAKISTAN OFFERS TO MEDIATE BETWEEN IRAN AND SAUDI ARABIA",
     {"PAKISTAN": "country", "IRAN": "country", "SAUDI ARABIA": "country"},
     ("AGREE", None, ["PAKISTAN"], ["IRAN", "SAUDI ARABIA"])),  # ranker: both sides
    ("ALGERIA CUTS TIES WITH MOROCCO", {"ALGERIA": "country", "MOROCCO": "country"},
     ("SANCTION", "sever", ["ALGERIA"], ["MOROCCO"])),
    ("TWO AID WORKERS KIDNAPPED IN NORTHERN MALI", {}, ("ASSAULT", "abduct", [], [])),
])
def test_all_caps_headlines_are_parsed_in_ordinary_case(nlp, text, names, want):
    found = run(nlp, text, names)
    assert real(found) == [want]
    assert found[0][5].isupper()  # the trigger is quoted from the original text


# ---------------------------------------------------------------- who did it

@pytest.mark.parametrize("text, names, quotes, want", [
    # the subject of a reported clause is the speaker, whatever "it" last pointed at
    ("The WFP convoy reached the city. Kuwait said it would fund two field hospitals.",
     {"WFP": "organization", "Kuwait": "country"}, [], ("AGREE", None, ["Kuwait"], [])),
    # "our" in a quote is the speaker's
    ("\u201cOur aircraft will strike any gun still in place,\u201d the alliance said.",
     {"NATO": "organization"}, [("Our aircraft will strike any gun still in place", "NATO")],
     ("THREATEN", "violence", ["NATO"], [])),
    # "its" on an object is the subject's, so the target comes from "from"
    ("Ghana recalled its ambassador from Ivory Coast.",
     {"Ghana": "country", "Ivory Coast": "country"}, [],
     ("SANCTION", "withdraw", ["Ghana"], ["Ivory Coast"])),
    # the speaker is found through the verb that carries "said"
    ("Pakistan, which backs the rebels, called for a ceasefire and said it would host talks.",
     {"Pakistan": "country", "WFP": "organization"}, [], None),
    # a finite verb after "urged X to comply" is the urger's
    ("Russia urged the rebels to comply and offered to send peacekeepers.",
     {"Russia": "country"}, [], None),
    # "the support of X for Y"; a withdrawal "of" troops "from" a town
    ("The envoy reaffirmed the support of the United Nations for Mali.",
     {"United Nations": "organization", "Mali": "country"}, [],
     ("SUPPORT", None, ["United Nations"], ["Mali"])),
    ("The withdrawal of Ethiopian troops from Mekelle was completed on Friday.",
     {"Ethiopian": "country", "Mekelle": "location"}, [],
     ("RETREAT", "withdraw", ["Ethiopian"], [])),
])
def test_sources(nlp, text, names, quotes, want):
    found = real(run(nlp, text, names, quotes))
    if want is None:  # an AGREE besides the REQUEST, both by the first actor named
        first = next(iter(names))
        assert {f[0] for f in found} == {"AGREE", "REQUEST"}
        assert all(f[2] == [first] for f in found), found
    else:
        assert found == [want]


def test_a_court_in_a_city_acts_for_its_country(nlp):
    names = {"Rotterdam": "location", "Netherlands": "country",
             "Noordster Lines": "organization"}
    found = real(run(nlp, "A court in Rotterdam convicted the shipping firm Noordster Lines "
                          "of breaking the arms embargo.", names))
    assert found == [("SANCTION", "convict", ["Netherlands"], ["Noordster Lines"])]
    found = real(run(nlp, "A court convicted Pieter de Wit of smuggling arms.",
                     {"Pieter de Wit": "person"}))
    assert [f[0] for f in found] == ["COERCE"]


# ---------------------------------------------------------------- whom

@pytest.mark.parametrize("text, names, want", [
    ("Venezuela threatened to expel Guyanese diplomats.",
     {"Venezuela": "country", "Guyanese": "country"},
     ("THREATEN", "expel", ["Venezuela"], ["Guyanese"])),
    ("Pavel Zorin flew to Pale on Thursday for talks with Radomir Kostic.",
     {"Pavel Zorin": "person", "Pale": "location", "Radomir Kostic": "person"},
     ("CONSULT", "visit", ["Pavel Zorin"], ["Radomir Kostic"])),
    ("Kenji Arakawa arrived in Hanoi for a three-day visit.",
     {"Kenji Arakawa": "person", "Hanoi": "location", "Vietnam": "country"},
     ("CONSULT", "visit", ["Kenji Arakawa"], ["Vietnam"])),
    ("Kenji Arakawa spoke by telephone with Ramon Cruz.",
     {"Kenji Arakawa": "person", "Ramon Cruz": "person"},
     ("CONSULT", "phone", ["Kenji Arakawa"], ["Ramon Cruz"])),
    ("Kenji Arakawa paid a courtesy call on Le Minh Duc.",
     {"Kenji Arakawa": "person", "Le Minh Duc": "person"},
     ("CONSULT", "visit", ["Kenji Arakawa"], ["Le Minh Duc"])),
    ("Ghana reacted within hours and recalled its ambassador from Abidjan.",
     {"Ghana": "country", "Abidjan": "location", "Ivory Coast": "country"},
     ("SANCTION", "withdraw", ["Ghana"], ["Ivory Coast"])),
    ("Kenji Arakawa held talks with Nguyen Thi Hoa.",
     {"Kenji Arakawa": "person", "Nguyen Thi Hoa": "person"},
     ("CONSULT", None, ["Kenji Arakawa"], ["Nguyen Thi Hoa"])),
])
def test_targets(nlp, text, names, want):
    assert real(run(nlp, text, names)) == [want]


# ---------------------------------------------------------------- said, but not done

@pytest.mark.parametrize("text, names", [
    ("Venezuela had no intention of attacking Guyana.", {"Venezuela": "country"}),
    ("No group claimed responsibility for the bombing.", {}),
    ("Not everyone welcomed the agreement.", {}),
    ("Chile has refrained from sending troops.", {"Chile": "country"}),
    ("Analysts said Russia could attack if the talks fail.", {"Russia": "country"}),
    ("His lawyer said Pieter de Wit would appeal.", {"Pieter de Wit": "person"}),
    ("Gaviria vowed to challenge the deal in the Constitutional Court.",
     {"Gaviria": "person"}),
    ("The minister did not say whether Chile had deployed troops.", {"Chile": "country"}),
])
def test_no_real_event(nlp, text, names):
    assert real(run(nlp, text, names)) == []


def test_refraining_does_not_negate_what_follows_but(nlp):
    found = real(run(nlp, "Brazil has refrained from taking sides but offered to host talks.",
                     {"Brazil": "country"}))
    assert found == [("AGREE", None, ["Brazil"], [])]


def test_cannot_support_is_a_refusal(nlp):
    found = real(run(nlp, "Yugoslavia cannot support the proposal.", {"Yugoslavia": "country"}))
    assert found == [("REJECT", "assist", ["Yugoslavia"], [])]


def test_an_until_clause_has_not_happened(nlp):
    found = run(nlp, "The unions will keep marching until the reform is withdrawn.")
    assert [f[0] for f in found if not f[4]] == ["THREATEN"]
    assert [f[0] for f in found if f[4]] == ["CONCEDE"]


def test_a_conditional_blow_by_its_speaker_is_a_threat(nlp):
    text = "\u201cWe could strike their bases if they cross the border,\u201d the army said."
    found = real(run(nlp, text, {"Armenia": "country"},
                     [("We could strike their bases if they cross the border", "Armenia")]))
    assert found == [("THREATEN", "violence", ["Armenia"], [])]


# ---------------------------------------------------------------- states, habits, hazards

@pytest.mark.parametrize("text, names", [
    ("Aid trucks reached the besieged city on Tuesday.", {}),
    ("Firing tear gas into a crowd of marchers is unacceptable, Amnesty said.",
     {"Amnesty": "organization"}),
    ("Hamas, which advocates armed struggle, won the vote.", {"Hamas": "organization"}),
    ("The measures bar them from entering the bloc.", {}),
    ("A worker was injured by the fire at the depot.", {}),
])
def test_states_habits_and_hazards_are_no_events(nlp, text, names):
    assert real(run(nlp, text, names)) == []


def test_sniper_fire_is_no_hazard(nlp):
    found = real(run(nlp, "A French peacekeeper was wounded by sniper fire.",
                     {"French": "country"}))
    assert [f[0] for f in found] == ["ASSAULT"]


# ---------------------------------------------------------------- one act, its content

@pytest.mark.parametrize("text, names, want", [
    ("Villamil thanked Cuba for hosting and guaranteeing the talks.",
     {"Villamil": "person", "Cuba": "country"}, ["SUPPORT"]),
    ("Serbia charged Albania with supporting the rebels.",
     {"Serbia": "country", "Albania": "country"}, ["ACCUSE"]),
    ("Poland demanded an admission by Moscow that its forces murdered the officers.",
     {"Poland": "country", "Moscow": "location"}, ["REQUEST"]),
    ("Kovacevic informed me that Yugoslavia had expelled two TASS correspondents.",
     {"Kovacevic": "person", "Yugoslavia": "country"}, ["CONSULT", "COERCE"]),
    ("Riots broke out in Dakar after the arrest of Ousmane Diallo.",
     {"Dakar": "location", "Ousmane Diallo": "person"}, ["PROTEST"]),
])
def test_content_and_background(nlp, text, names, want):
    assert [f[0] for f in real(run(nlp, text, names))] == want


@pytest.mark.model
def test_a_month_is_not_a_march_and_a_long_chronology_stays_linear():
    from chronicle.extractors import extract_document
    from chronicle.nlp import load_nlp

    text = "The council met on " + ", ".join(
        f"March {1 + i % 28}, {1990 + i % 30}" for i in range(300)) + "."
    result = extract_document(Document(id="x", text=text, source="t"), load_nlp()(text),
                              RULES)
    assert not [e for e in result.events if e.event_type in {"PROTEST", "MOBILIZE"}]
    assert len(result.timexes) == 300


def test_an_event_noun_embarked_on_is_its_subjects_event():
    from chronicle.extractors import extract_document
    from chronicle.nlp import load_nlp
    from chronicle.records import Document

    text = ("Members of the South African Port Workers Union embarked on an indefinite "
            "strike at the Durban terminal this morning.")
    result = extract_document(Document(id="d", text=text, source="t"), load_nlp()(text))
    names = {e.key: e.name for e in result.entities}
    protests = [e for e in result.events if e.event_type == "PROTEST"]
    assert protests and "South African Port Workers Union" in [names.get(k) for k in
                                                                protests[0].source]


def test_a_title_case_headline_has_its_event_unless_the_story_tells_it_again(nlp):
    alone = "Japan Deploys Fighter Jets Over Chinese Drones Near Okinawa"
    assert [e.event_type for e in _all_events(nlp, alone)] == ["MOBILIZE"]
    told = (alone + ". Japan deployed fighter jets on Tuesday after Chinese "
            "drones flew near Okinawa.")
    triggers = [e.trigger for e in _all_events(nlp, told)]
    assert "deployed" in triggers and "Deploys" not in triggers  # the story's, once


def _all_events(nlp, text: str) -> list:  # noqa: ANN001
    from chronicle.extractors import extract_document

    document = Document(id="d", text=text, source="t")
    return list(extract_document(document, nlp(text)).events)
