"""Actors' country and PLOVER sector, and the unnamed armed groups and victims of a story.

Invented reports through the actor finder (actors/find.py ends with sectors.py).
"""

from __future__ import annotations

import pytest

from chronicle.extractors.actors.find import find_actors
from chronicle.nlp import load_nlp
from chronicle.records import Document, Entity

pytestmark = pytest.mark.model


def _entities(text: str) -> list[Entity]:
    doc = load_nlp()(text)
    return list(find_actors(doc, Document(id="d1", text=text, source="t")).entities)


def _side(text: str, word: str) -> tuple[str | None, str | None, str]:
    found = [e for e in _entities(text) if word in e.name]
    assert found, f"no actor named with {word!r}"
    return found[0].country, found[0].sector, found[0].name


def _actor_of(text: str, word: str) -> Entity:
    """The actor the word of the text stands for."""
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    return actors.entity(actors.refer(next(t for t in doc if t.text == word)))


def test_regime_jets_are_the_syrian_military():
    from chronicle.extractors import extract_document

    text = "Syrian regime jets pounded the town of Douma on Monday."
    result = extract_document(Document(id="d1", text=text, source="t"), load_nlp()(text))
    attack = next(e for e in result.events if e.event_type == "ASSAULT")
    source = next(e for e in result.entities if e.key == attack.source[0])
    sector = attack.sides[1] or source.sector  # the forces' sector, on the event or actor
    assert (source.country, sector) == ("SYR", "MIL")


@pytest.mark.parametrize("text, word, sector", [
    ("Rebels shelled a government-held district of Aleppo on Friday.", "ebels", "REB"),
    ("Unknown gunmen shot dead a judge in Daraa on Sunday.", "gunmen", "UAF"),
    ("A pro-government militia stormed a village near Hama on Tuesday.", "militia", "PRM"),
    ("Rescue workers pulled bodies from the rubble in Idlib on Monday.", "workers", "CVL"),
    ("Opposition deputies walked out of parliament in Damascus on Monday.", "deputies", "LEG"),
    ("Dockworkers downed tools in Latakia on Monday over unpaid wages.", "ockworkers", "LAB"),
])
def test_unnamed_groups_take_the_sector_of_their_words(text, word, sector):
    country, found, name = _side(text, word)
    assert (country, found) == ("SYR", sector)
    assert "Syria" in name  # two stories' rebels stay two actors


def test_forces_named_by_a_state_stand_for_that_state():
    text = "Russian warplanes struck a hospital in Idlib."
    planes = _actor_of(text, "warplanes")
    assert planes.country == "RUS"


def test_aircraft_of_no_stated_owner_have_no_country():
    country, sector, _ = _side("Warplanes struck a market in Maarat al-Numan on Sunday.",
                               "warplanes")
    assert (country, sector) == (None, "MIL")


def test_a_named_group_from_the_table():
    ent = next(e for e in _entities("Hezbollah fighters attacked a checkpoint near Qusayr.")
               if e.name == "Hezbollah")
    assert (ent.country, ent.sector) == ("LBN", "REB")


def test_a_country_is_its_code_without_a_sector():
    ent = next(e for e in _entities("Turkey closed its border with Syria.") if e.name == "Turkey")
    assert (ent.country, ent.sector) == ("TUR", None)


def test_a_minister_is_government_of_the_country_of_his_post():
    ents = _entities("Iraqi Defence Minister Khalid Obeidi visited Mosul on Monday.")
    person = next(e for e in ents if e.kind == "person")
    assert (person.country, person.sector) == ("IRQ", "GOV")


def test_a_named_group_acts_through_its_fighters():
    text = "Islamic State militants executed ten men in Raqqa."
    militants = _actor_of(text, "militants")
    assert militants.name == "Islamic State"


@pytest.mark.parametrize("text, word, sector, country", [
    ("Syrian rebels stormed an army post outside Hama at dawn.", "rebels", "REB", "SYR"),
    ("Iraqi militants seized two oil wells near Kirkuk.", "militants", "REB", "IRQ"),
    ("Lebanese villagers blocked the road to the border crossing.", "villagers", "CVL", "LBN"),
    ("Yemeni fighters loyal to the exiled cabinet retook the port.", "fighters", "REB", "YEM"),
])
def test_a_country_adjective_places_a_non_state_group_without_making_it_the_state(
        text, word, sector, country):
    """"Syrian rebels" are rebels from Syria, not Syria: the country acts only through its
    own forces ("Syrian troops", "Russian warplanes")."""
    ent = _actor_of(text, word)
    assert (ent.kind, ent.country, ent.sector) == ("group", country, sector)


def test_a_country_adjective_still_makes_the_states_forces_the_state():
    text = "Turkish troops shelled a village near Afrin."
    troops = _actor_of(text, "troops")
    assert troops.name == "Turkey"


@pytest.mark.parametrize("text", [
    "Coalition raids killed nine civilians in a village east of Deir ez-Zor.",
    "Coalition jets struck a bridge over the Euphrates on Monday.",
])
def test_coalition_forces_are_no_one_countrys(text):
    country, sector, name = _side(text, "oalition")
    assert (country, sector) == (None, "MIL") and "Syria" not in name
