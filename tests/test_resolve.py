"""Run-wide actors: which document entities become one actor, and which stay apart."""

from __future__ import annotations

from chronicle.records import Actor, Document, DocumentResult, Entity, Event, Quote, Span
from chronicle.resolve import Resolver


def ent(key: str, name: str, kind: str = "person", names=(), titles=()) -> Entity:
    doc = key.split("#")[0]
    return Entity(key=key, doc=doc, name=name, kind=kind, names=[name, *names],
                  titles=list(titles), mentions=[Span(doc, 0, len(name))])


def test_spellings_of_one_full_name_meet_across_documents():
    resolver = Resolver()
    first = resolver.add([ent("a#1", "Ahmed al-Rashid", names=["al-Rashid"])])
    second = resolver.add([ent("b#1", "Ahmad al-Rashid")])
    assert first["a#1"] == second["b#1"]
    actor = resolver.actors()[0]
    assert actor.name == "Ahmed al-Rashid"
    assert "Ahmad al-Rashid" in actor.aliases
    assert len(actor.mentions) == 2


def test_bare_surnames_and_titles_never_join_documents():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Farid al-Rashid", names=["al-Rashid"],
                          titles=["the Syrian president"])])
    b = resolver.add([ent("b#1", "Karim al-Rashid", names=["al-Rashid"],
                          titles=["the Syrian president"])])
    c = resolver.add([ent("c#1", "al-Rashid")])
    assert len({a["a#1"], b["b#1"], c["c#1"]}) == 3


def test_kunya_inside_a_longer_name_stays_apart():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Yusuf Abu Bakr al-Tamimi")])
    b = resolver.add([ent("b#1", "Abu Bakr")])
    assert a["a#1"] != b["b#1"]


def test_vowels_that_differ_keep_names_apart():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Hamid Sharaa")])
    b = resolver.add([ent("b#1", "Hamid Sharia")])
    assert a["a#1"] != b["b#1"]


def test_countries_and_organisations_meet_by_any_name():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Syria", "country", names=["Syrian"]),
                      ent("a#2", "Liwa al-Fajr", "organization", names=["LFB"])])
    b = resolver.add([ent("b#1", "Syria", "country", names=["Syrians"]),
                      ent("b#2", "LFB", "organization")])
    assert a["a#1"] == b["b#1"]
    assert a["a#2"] == b["b#2"]


def test_the_fuller_name_becomes_canonical_and_kunya_ranks_lower():
    resolver = Resolver()
    resolver.add([ent("a#1", "Omar Khalil", names=["Abu Hamza al-Masri"])])
    resolver.add([ent("b#1", "Omar Said Khalil", names=["Omar Khalil"])])
    actor = resolver.actors()[0]
    assert actor.name == "Omar Said Khalil"
    assert {"Omar Khalil", "Abu Hamza al-Masri"} <= set(actor.aliases)


def test_resolver_starts_from_stored_actors():
    stored = Actor(id="omar-khalil", name="Omar Khalil", kind="person",
                   aliases=["Abu Hamza al-Masri"])
    resolver = Resolver([stored])
    mapping = resolver.add([ent("z#1", "Abu Hamza al-Masri")])
    assert mapping["z#1"] == "omar-khalil"


def test_new_actor_ids_are_readable_and_unique():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Omar Khalil")])
    b = resolver.add([ent("b#1", "Omar Khalil", kind="organization")])
    assert a["a#1"] == "omar-khalil"
    assert b["b#1"] == "omar-khalil-2"


def test_rewrite_points_events_and_quotes_at_actors():
    resolver = Resolver()
    mapping = resolver.add([ent("a#1", "Omar Khalil"), ent("a#2", "Syria", "country")])
    doc = Document(id="a", text="x", source="t")
    event = Event(id="a#ev1", doc="a", event_type="CONSULT", source=("a#1",),
                  target=("a#2", "a#2"), start=0, end=1, sentence="x", trigger="met")
    quote = Quote(id="a#q1", doc="a", speaker="a#1", text="x", start=0, end=1)
    result = resolver.rewrite(DocumentResult(document=doc, events=[event], quotes=[quote]))
    assert result.events[0].source == (mapping["a#1"],)
    assert result.events[0].target == (mapping["a#2"],)
    assert result.quotes[0].speaker == mapping["a#1"]


def test_a_middle_name_or_initial_is_optional_across_documents():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Harold Finch")])
    b = resolver.add([ent("b#1", "Harold J. Finch")])
    c = resolver.add([ent("c#1", "Harold James Finch")])
    assert a["a#1"] == b["b#1"] == c["c#1"]
    actor = resolver.actors()[0]
    assert actor.name == "Harold James Finch"
    assert {"Harold Finch", "Harold J. Finch"} <= set(actor.aliases)


def test_a_generational_suffix_keeps_a_son_apart_across_documents():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Harold Finch")])
    b = resolver.add([ent("b#1", "Harold Finch Jr.")])
    c = resolver.add([ent("c#1", "Harold J. Finch Jr.")])
    assert a["a#1"] != b["b#1"]
    assert b["b#1"] == c["c#1"]


def test_clashing_middle_initials_are_two_people_and_the_bare_name_joins_neither():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Gordon H. W. Blake")])
    b = resolver.add([ent("b#1", "Gordon W. Blake")])
    c = resolver.add([ent("c#1", "Gordon Blake")])
    assert len({a["a#1"], b["b#1"], c["c#1"]}) == 3


def test_namesakes_sharing_a_surname_stay_apart():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Farid al-Rashid")])
    b = resolver.add([ent("b#1", "Karim Farid al-Rashid")])
    assert a["a#1"] != b["b#1"]


def test_a_bare_title_is_neither_a_key_nor_an_alias():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Anton Weller", titles=["president", "the Austrian envoy"])])
    b = resolver.add([ent("b#1", "President", "organization")])
    c = resolver.add([ent("c#1", "President", "organization")])
    actor = next(x for x in resolver.actors() if x.id == a["a#1"])
    assert "president" not in actor.aliases
    assert "the Austrian envoy" in actor.aliases
    assert b["b#1"] != c["c#1"]


def test_a_town_namesake_is_a_person_when_the_run_names_a_person_of_that_surname():
    resolver = Resolver()
    town = Entity(key="a#1", doc="a", name="Obama", kind="location", names=["Obama"],
                  country="JPN", namesake=True, mentions=[Span("a", 0, 5)])
    placed = Entity(key="a#2", doc="a", name="Aleppo", kind="location", names=["Aleppo"],
                    country="SYR", mentions=[Span("a", 10, 16)])
    first = resolver.add([town, placed])
    second = resolver.add([ent("b#1", "Barack Obama")])
    actors = {a.id: a for a in resolver.actors()}
    assert (actors[first["a#1"]].kind, actors[first["a#1"]].country) == ("person", None)
    assert first["a#1"] != second["b#1"]  # a bare surname still joins no document
    assert actors[first["a#2"]].kind == "location"


def test_two_organisations_sharing_a_word_stay_apart_across_documents():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Lisbon Herald", "organization", names=["Herald"])])
    b = resolver.add([ent("b#1", "Porto Herald", "organization", names=["Herald"])])
    c = resolver.add([ent("c#1", "Lisbon Herald", "organization")])
    assert a["a#1"] != b["b#1"]
    assert a["a#1"] == c["c#1"]


def test_an_organisations_own_one_word_name_still_joins_documents():
    resolver = Resolver()
    a = resolver.add([ent("a#1", "Vanguard", "organization", names=["Vanguard Front"])])
    b = resolver.add([ent("b#1", "Vanguard", "organization")])
    assert a["a#1"] == b["b#1"]
