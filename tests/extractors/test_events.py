"""PLOVER events from short reports: types, sources and targets through the parse,
modality (negation, conditions, questions, future), quotes, dates and places.

Each test builds its own sentence and its own actors (an entity per listed name, a mention
at each occurrence), so the tests exercise the event rules, not the actor finder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from event_support import hand_actors

from chronicle.extractors.dates.find import Dating
from chronicle.extractors.events.find import EventContext, find_events
from chronicle.records import Document, Event, Quote, Role, Timex
from chronicle.settings import Settings

# The rule layer alone: these tests say what the lexicon and the parse rules decide.
RULES = Settings(events="lexicon")

pytestmark = pytest.mark.model


@dataclass
class Known:
    """What the other stages would have found besides the actors: quotes (words,
    speaker's name), dates, and the roles of listed actors."""

    quotes: list[tuple[str, str]] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)


class Run:
    """The events of one text, with entity keys turned back into names for asserts."""

    def __init__(self, nlp, text: str, names: dict[str, str] | None = None,  # noqa: ANN001
                 known: Known | None = None) -> None:
        known = known or Known()
        doc = nlp(text)
        actors = hand_actors(doc, names or {}, known.roles)
        self.name = {e.key: e.name for e in actors.entities}
        key = {e.name: e.key for e in actors.entities}
        quote_records = []
        for i, (words, speaker) in enumerate(known.quotes):
            start = text.index(words)
            quote_records.append(Quote(f"q{i}", "d", key[speaker], words, start,
                                       start + len(words), "said"))
        self.events = find_events(doc, Document(id="d", text=text, source="test"),
                                  EventContext(actors, Dating(tuple(known.timexes)),
                                               quote_records, RULES))
        self.real = [e for e in self.events if not (e.negated or e.hypothetical)]

    def names(self, keys: tuple[str, ...]) -> list[str]:
        return [self.name.get(k, k) for k in keys]

    def only(self) -> Event:
        assert len(self.real) == 1, [(e.event_type, e.trigger) for e in self.events]
        return self.real[0]

    def summary(self) -> tuple[str, str | None, list[str], list[str]]:
        ev = self.only()
        return ev.event_type, ev.mode, self.names(ev.source), self.names(ev.target)


# ---------------------------------------------------------------- one report per type

@pytest.mark.parametrize("text, names, want", [
    ("Peru promised to send medical teams to Bolivia.", {"Peru": "country"},
     ("AGREE", None, ["Peru"], [])),
    ("President Ana Ruiz received the Kenyan envoy Omar Dali on Tuesday.",
     {"Ana Ruiz": "person", "Omar Dali": "person"},
     ("CONSULT", "visit", ["Ana Ruiz"], ["Omar Dali"])),
    ("Canada praised Ghana for its peaceful election.",
     {"Canada": "country", "Ghana": "country"}, ("SUPPORT", None, ["Canada"], ["Ghana"])),
    ("The Chilean government lifted the curfew in the capital.", {"Chilean": "country"},
     ("CONCEDE", None, ["Chilean"], [])),
    ("Brazil shared intelligence with Argentina on smuggling networks.",
     {"Brazil": "country", "Argentina": "country"},
     ("COOPERATE", "intelligence", ["Brazil"], ["Argentina"])),
    ("Japan gave Nepal 20 million dollars in earthquake relief.",
     {"Japan": "country", "Nepal": "country"}, ("AID", "economic", ["Japan"], ["Nepal"])),
    ("The Patriotic Front released twelve soldiers on Sunday.", {"Patriotic Front": "group"},
     ("RETREAT", "release", ["Patriotic Front"], [])),
    ("Egypt called on Ethiopia to halt the filling of the dam.",
     {"Egypt": "country", "Ethiopia": "country"},
     ("REQUEST", "yield", ["Egypt"], ["Ethiopia"])),
    ("Serbia accused Kosovo of provoking the violence.",
     {"Serbia": "country", "Kosovo": "country"}, ("ACCUSE", None, ["Serbia"], ["Kosovo"])),
    ("Iran rejected a proposal by France for new talks.",
     {"Iran": "country", "France": "country"}, ("REJECT", "meet", ["Iran"], ["France"])),
    ("The Harbor Brigade vowed to escalate attacks on government forces.",
     {"Harbor Brigade": "group"}, ("THREATEN", "violence", ["Harbor Brigade"], [])),
    ("Nurses from the Union of Health Workers demonstrated against the new tax law.",
     {"Union of Health Workers": "organization"},
     ("PROTEST", "demo", ["Union of Health Workers"], [])),
    ("Australia expelled two Russian diplomats on Monday.",
     {"Australia": "country", "Russian": "country"},
     ("SANCTION", "expel", ["Australia"], ["Russian"])),
    ("Turkey deployed tanks along its border.", {"Turkey": "country"},
     ("MOBILIZE", "troops", ["Turkey"], [])),
    ("Police arrested the opposition leader Ivan Petrov.", {"Ivan Petrov": "person"},
     ("COERCE", "arrest", [], ["Ivan Petrov"])),
    ("Gunmen from the Coast Brigade killed four villagers near the market.",
     {"Coast Brigade": "group"}, ("ASSAULT", "firearms", ["Coast Brigade"], [])),
])
def test_each_plover_type(nlp, text, names, want):
    assert Run(nlp, text, names).summary() == want


@pytest.mark.parametrize("text, names, want", [
    ("Chile and Peru held talks on fishing rights.", {"Chile": "country", "Peru": "country"},
     ("CONSULT", None, ["Chile", "Peru"], ["Chile", "Peru"])),  # joint: each the other's
    ("Mali imposed sanctions on the junta of Niger.", {"Mali": "country", "Niger": "country"},
     ("SANCTION", None, ["Mali"], ["Niger"])),
    ("The Ocean Front claimed responsibility for the bombing that killed six people.",
     {"Ocean Front": "group"}, ("ASSAULT", "explosives", ["Ocean Front"], [])),
    ("The minister described the Lake Alliance as a band of traitors.",
     {"Lake Alliance": "group"}, ("ACCUSE", None, [], ["Lake Alliance"])),
    ("Senator Hal Brooks launched a scathing attack on Governor Ann Lee, accusing her "
     "of lying.", {"Hal Brooks": "person", "Ann Lee": "person"},
     ("ACCUSE", None, ["Hal Brooks"], ["Ann Lee"])),
    ("The Lake Front reopened the border crossing with Uganda.",
     {"Lake Front": "group", "Uganda": "country"},
     ("COOPERATE", None, ["Lake Front"], ["Uganda"])),
    ("Kenya lifted the sanctions on Somalia.", {"Kenya": "country", "Somalia": "country"},
     ("RETREAT", "ease", ["Kenya"], ["Somalia"])),
])
def test_phrases_and_nouns_decide_the_type(nlp, text, names, want):
    assert Run(nlp, text, names).summary() == want


def test_a_verbal_attack_is_never_an_assault(nlp):
    run = Run(nlp, "The cleric Abu Salim launched a blistering attack on the mayor.",
              {"Abu Salim": "person"})
    assert [e.event_type for e in run.events] == ["ACCUSE"]


# ---------------------------------------------------------------- the parse

def test_passive_agent_is_the_source(nlp):
    run = Run(nlp, "The journalist Maria Voss was arrested by the Interior Ministry.",
              {"Maria Voss": "person", "Interior Ministry": "organization"})
    assert run.summary() == ("COERCE", "arrest", ["Interior Ministry"], ["Maria Voss"])


def test_passive_without_agent_has_only_a_target(nlp):
    run = Run(nlp, "Three members of the Hill Party were killed on Friday.",
              {"Hill Party": "organization"})
    assert run.summary()[2:] == ([], ["Hill Party"])


def test_coordinated_subjects_are_both_sources(nlp):
    run = Run(nlp, "Ghana and Togo signed a trade agreement.",
              {"Ghana": "country", "Togo": "country"})
    assert run.summary() == ("SUPPORT", None, ["Ghana", "Togo"], [])


def test_relative_clause_subject_is_the_person_not_the_group_named_before_who(nlp):
    text = ("Among the critics was Omar Dali, a former commander in the Lake Front, who "
            "denounced the Union Council.")
    run = Run(nlp, text, {"Omar Dali": "person", "Lake Front": "group",
                          "Union Council": "organization"})
    assert run.summary() == ("ACCUSE", None, ["Omar Dali"], ["Union Council"])


def test_control_verb_gives_its_object_as_the_doer(nlp):
    run = Run(nlp, "Egypt urged Sudan to release the prisoners.",
              {"Egypt": "country", "Sudan": "country"})
    assert run.summary() == ("REQUEST", "yield", ["Egypt"], ["Sudan"])


def test_pronoun_object_of_a_second_verb_is_the_first_verbs_object(nlp):
    run = Run(nlp, "Cuba condemned the Arctic Council and accused it of hypocrisy.",
              {"Cuba": "country", "Arctic Council": "organization"})
    assert run.summary() == ("ACCUSE", None, ["Cuba"], ["Arctic Council"])


def test_official_without_a_name_acts_as_the_country(nlp):
    text = "The Norwegian minister met Omar Dali."
    run = Run(nlp, text, {"Norwegian minister": "person", "Omar Dali": "person",
                          "Norway": "country"},
              Known(roles={"Norwegian minister": Role("minister", "Norway")}))
    assert run.summary() == ("CONSULT", None, ["Norway"], ["Omar Dali"])


def test_a_named_official_acts_as_himself(nlp):
    run = Run(nlp, "Minister Lars Holm met Omar Dali.",
              {"Lars Holm": "person", "Omar Dali": "person", "Norway": "country"},
              Known(roles={"Lars Holm": Role("minister", "Norway")}))
    assert run.summary()[2] == ["Lars Holm"]


# ---------------------------------------------------------------- modality

@pytest.mark.parametrize("text, flag", [
    ("Norway did not meet the Iranian delegation.", "negated"),
    ("The army has so far refrained from attacking the town.", "negated"),
    ("The rebels never released the hostages.", "negated"),
    ("If talks fail, Ghana may impose sanctions on Togo.", "hypothetical"),
    ("Ghana could impose sanctions on Togo.", "hypothetical"),
    ("Will Mexico expel the ambassador?", "hypothetical"),
    ("There were fears of a possible attack by Togo on the port.", "hypothetical"),
])
def test_negated_and_hypothetical_statements_are_flagged(nlp, text, flag):
    run = Run(nlp, text, {"Ghana": "country", "Togo": "country", "Norway": "country",
                          "Mexico": "country"})
    assert run.events and not run.real
    assert all(getattr(e, flag) for e in run.events)


@pytest.mark.parametrize("text, want", [
    ("Finland will send grain to Sudan.", "AGREE"),  # future cooperation: an intention
    ("Finland said it would send grain to Sudan.", "AGREE"),
    ("Chad will close the border unless Niger hands over the suspects.", "THREATEN"),
    ("Chad said it would impose sanctions on Niger.", "THREATEN"),
    ("Chad will not accept more refugees from Niger.", "REJECT"),
    ("Chad vowed not to return the disputed islands.", "REJECT"),
])
def test_future_and_conditions_follow_plover(nlp, text, want):
    run = Run(nlp, text, {"Finland": "country", "Sudan": "country", "Chad": "country",
                          "Niger": "country"})
    assert run.only().event_type == want


def test_must_in_reported_speech_is_a_demand_of_the_speaker(nlp):
    run = Run(nlp, "Brazil said Paraguay must pay the debt.",
              {"Brazil": "country", "Paraguay": "country"})
    assert run.summary() == ("REQUEST", None, ["Brazil"], ["Paraguay"])


def test_demanded_content_is_not_a_separate_event(nlp):
    run = Run(nlp, "Japan demanded that Korea withdraw its troops.",
              {"Japan": "country", "Korea": "country"})
    assert run.summary() == ("REQUEST", "yield", ["Japan"], ["Korea"])


def test_warning_about_the_economy_is_no_threat(nlp):
    run = Run(nlp, "Analysts warned that the currency could lose more value.")
    assert run.events == []


def test_storm_damage_is_no_assault(nlp):
    assert Run(nlp, "The storm killed twelve people in the valley.").events == []


# ---------------------------------------------------------------- quotes, dates, places

def test_we_in_a_quote_is_the_speakers_country(nlp):
    text = 'Foreign Minister Lena Orsk said: "We will never accept the annexation."'
    run = Run(nlp, text, {"Lena Orsk": "person", "Norway": "country"},
              Known(quotes=[("We will never accept the annexation.", "Lena Orsk")],
                    roles={"Lena Orsk": Role("Foreign Minister", "Norway")}))
    ev = run.only()
    assert ev.event_type == "REJECT" and run.names(ev.source) == ["Norway", "Lena Orsk"]


def test_we_of_a_speaker_without_office_is_the_speaker(nlp):
    text = 'Omar Dali said: "We will never accept the annexation."'
    run = Run(nlp, text, {"Omar Dali": "person"},
              Known(quotes=[("We will never accept the annexation.", "Omar Dali")]))
    assert run.names(run.only().source) == ["Omar Dali"]


def test_i_in_a_quote_is_the_speaker(nlp):
    text = 'Omar Dali told reporters: "I met the rebel leaders in the mountains."'
    run = Run(nlp, text, {"Omar Dali": "person"},
              Known(quotes=[("I met the rebel leaders in the mountains.", "Omar Dali")]))
    assert run.summary()[:3] == ("CONSULT", None, ["Omar Dali"])


def test_date_comes_from_the_sentence(nlp):
    text = "Uganda recalled its ambassador on March 3, 2024."
    start = text.index("March")
    timex = Timex("t1", "d", start, start + len("March 3, 2024"), "March 3, 2024",
                  "2024-03-03", "explicit")
    ev = Run(nlp, text, {"Uganda": "country"}, Known(timexes=[timex])).only()
    assert (ev.event_type, ev.mode, ev.date) == ("SANCTION", "withdraw", "2024-03-03")


def test_location_is_looked_up_in_the_gazetteer(nlp):
    ev = Run(nlp, "Rebels of the Free Hills shelled an army post in Hama on Friday.",
             {"Free Hills": "group"}).only()
    assert ev.location.name == "Hama" and ev.location.country == "Syria"
    assert ev.location.lat == pytest.approx(35.13, abs=0.05)
    assert (ev.location.admin1, ev.location.country_code, ev.location.precision) == (
        "Hama", "SYR", "point")


def test_unknown_village_keeps_its_name_placed_in_its_province(nlp):
    text = "The Free Hills attacked the village of Zzyzxa in Hama province on Friday."
    ev = Run(nlp, text, {"Free Hills": "group"}).only()
    loc = ev.location
    assert (loc.name, loc.country, loc.admin1, loc.precision) == ("Zzyzxa", "Syria", "Hama",
                                                                  "admin1")
    assert loc.lat == pytest.approx(35.13, abs=0.05)  # the province's seat, said so


def test_unknown_village_of_no_known_province_has_no_coordinates(nlp):
    text = "The Free Hills attacked the village of Zzyzxa on Friday."
    ev = Run(nlp, text, {"Free Hills": "group"}).only()
    assert (ev.location.name, ev.location.lat) == ("Zzyzxa", None)


# ---------------------------------------------------------------- the record

def test_record_fields(nlp):
    text = "The weather was calm. President Ana Ruiz received Omar Dali."
    run = Run(nlp, text, {"Ana Ruiz": "person", "Omar Dali": "person"})
    ev = run.only()
    assert ev.id == "d#ev1" and ev.doc == "d"
    assert text[ev.start:ev.end] == ev.sentence == "President Ana Ruiz received Omar Dali."
    assert ev.trigger == "received" and 0 < ev.confidence <= 1
    assert "trigger 'received' (CONSULT, visit)" in ev.reason


def test_main_clause_event_is_more_confident_than_a_clause_inside_it(nlp):
    text = "Ghana, which had expelled two diplomats from Togo, praised the Hill Party."
    run = Run(nlp, text, {"Ghana": "country", "Togo": "country", "Hill Party": "organization"})
    conf = {e.event_type: e.confidence for e in run.real}
    assert conf["SUPPORT"] > conf["SANCTION"]


def test_no_events_in_a_text_without_triggers(nlp):
    assert Run(nlp, "The central bank raised interest rates to curb inflation.").events == []
