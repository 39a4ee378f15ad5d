"""The offline gazetteer and the place phrases of a parse."""

from __future__ import annotations

import pytest

from chronicle.extractors.places.gazetteer import fold, gazetteer
from chronicle.extractors.places.phrases import place_phrase, place_tokens


@pytest.mark.parametrize("a, b", [
    ("Ḩamāh", "Hamah"), ("al-Hasakah", "Hasakah"), ("Al Ḩasakah", "hasakah"),
    ("Deir ez-Zor", "deir ez zor"), ("Ma‘arrat", "Maarrat"), ("  Homs ", "homs"),
])
def test_fold_makes_spellings_alike(a, b):
    assert fold(a) == fold(b)


def test_fold_keeps_short_names_that_look_like_articles():
    assert fold("El Ay") == "el ay"  # the article is dropped only before 3+ letters
    assert fold("al-Bab") == "bab"


def test_hama_is_found_with_coordinates_and_keeps_the_name_as_written():
    loc = gazetteer().locate("Hama")
    assert loc.name == "Hama" and loc.country == "Syria" and loc.country_code == "SYR"
    assert loc.lat == pytest.approx(35.13, abs=0.05) and loc.lon == pytest.approx(36.76, abs=0.05)


def test_unknown_village_keeps_its_name_with_null_coordinates():
    loc = gazetteer().locate("Qaryat Zzyzx", ("SY",))
    assert (loc.name, loc.lat, loc.lon, loc.country) == ("Qaryat Zzyzx", None, None, "Syria")
    assert gazetteer().locate("Qaryat Zzyzx").country is None


def test_context_country_decides_between_namesakes():
    assert gazetteer().locate("Tripoli", ("LB",)).country == "Lebanon"
    assert gazetteer().locate("Tripoli").country == "Libya"  # the larger one


def test_countries_take_their_capitals_coordinates():
    syria, damascus = gazetteer().locate("Syria"), gazetteer().locate("Damascus")
    assert syria.name == "Syria" and (syria.lat, syria.lon) == (damascus.lat, damascus.lon)
    assert gazetteer().locate("U.S.").country == "United States"


def test_a_country_name_beats_a_city_alternate_name():
    assert gazetteer().locate("Albania").name == "Albania"


def test_us_states_sit_inside_their_state():
    texas = gazetteer().locate("Texas")
    assert texas.country == "United States" and 26 < texas.lat < 36 and -106 < texas.lon < -94


def test_alternate_names_are_searched_when_official_names_miss():
    gaz = gazetteer()
    assert not gaz.knows("Hamath")
    assert gaz.locate("Hamath").admin1 == "Hama"


def test_the_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()


def _place(nlp, text: str, word: str) -> tuple[str, list[str]] | None:
    doc = nlp(text)
    trigger = next(t for t in doc if t.text == word)
    for pobj in place_tokens(trigger, None):
        found = place_phrase(pobj, gazetteer().knows)
        if found:
            return found[0], [t.text for t in found[1]]
    return None


@pytest.mark.model
def test_village_of_x_in_province_gives_the_village_and_its_province(nlp):
    name, around = _place(nlp, "Militants attacked checkpoints in the village of Kafr Zita "
                               "in Hama province on Sunday.", "attacked")
    assert name == "Kafr Zita" and "Hama" in around


@pytest.mark.model
def test_city_with_a_country_adjective(nlp):
    name, around = _place(nlp, "The envoys met on Friday in the Lebanese port city of Tripoli.",
                          "met")
    assert name == "Tripoli" and "Lebanese" in around


@pytest.mark.model
def test_dates_and_abstract_nouns_are_not_places(nlp):
    assert _place(nlp, "The army withdrew in March in a gesture of goodwill.",
                  "withdrew") is None


# ---------------------------------------------------------------- divisions and local places

@pytest.mark.parametrize("name, admin1, code", [
    ("Douma", "Rif Dimashq", "SYR"), ("Deir al-Zour", "Deir ez-Zor", "SYR"),
    ("Raqa", "Raqqa", "SYR"), ("Idleb", "Idlib", "SYR"), ("Maarat al-Numan", "Idlib", "SYR"),
    ("Mosul", "Nineveh", "IRQ"), ("Hodeidah", "Hodeidah", "YEM"), ("Maiduguri", "Borno", "NGA"),
])
def test_towns_carry_their_division_and_country_code(name, admin1, code):
    loc = gazetteer().locate(name)
    assert (loc.admin1, loc.country_code, loc.precision) == (admin1, code, "point")
    assert loc.lat is not None and loc.name == name


def test_a_division_named_as_such_is_the_division():
    loc = gazetteer().locate("Idlib", division=True)
    assert (loc.admin1, loc.precision) == ("Idlib", "admin1")
    assert gazetteer().locate("Idlib").precision == "point"  # the city when unsaid


def test_a_division_alone_is_a_division_and_a_country_a_country():
    assert gazetteer().locate("Helmand").precision == "admin1"
    syria = gazetteer().locate("Syria")
    assert (syria.precision, syria.admin1, syria.country_code) == ("country", None, "SYR")


def test_a_possessive_without_its_apostrophe_is_the_place():
    assert gazetteer().locate("Aleppos").admin1 == "Aleppo"
    assert not gazetteer().knows("Haleeps")


def test_a_listed_village_beats_a_larger_namesake_in_the_story_country():
    assert gazetteer().locate("Mansoura", likely=("SY",)).admin1 == "Raqqa"
    assert gazetteer().locate("Mansoura").country_code != "SYR"


@pytest.mark.model
def test_datelines_bylines_and_weekdays_are_not_places(nlp):
    from chronicle.extractors.places.mentions import place_mentions

    text = ("Posted on May 2 2016 by Hala Raqqawi BEIRUT (Reuters) - A car bomb exploded "
            "on Sun in the town of Jableh. Reporting by Tarek Homsi; editing by Sam Idlib. "
            "An airstrike hit Saraqeb, Moscow AFP said.")
    names = [m.name for m in place_mentions(nlp(text))]
    assert "Jableh" in names and "Saraqeb" in names
    assert not {"BEIRUT", "Sun", "Idlib", "Moscow"} & set(names)


def test_a_small_namesake_abroad_gives_way_to_the_story_countries():
    gaz = gazetteer()
    assert gaz.place("Abala").country == "ET"  # with no story around it, the one known
    assert gaz.place("Abala", likely=("NE",)) is None  # a Nigerien village, unlisted
    assert gaz.place("Parigi", likely=("ID",)) is None  # Paris only in Italian
    assert gaz.place("Paris", likely=("ID",)).country == "FR"  # a big city by its name
    assert gaz.place("Abala", countries=("ET",), likely=("NE",)).country == "ET"


@pytest.mark.model
def test_the_countries_a_story_names_outvote_parts_of_names_abroad(nlp):
    from chronicle.extractors.places.mentions import document_countries

    text = ("Police officers arrived in Bolivia's Sud Yungas province on Saturday, after "
            "members of the East Andean Front were killed.")
    assert document_countries(nlp(text)) == ["BO"]
    village = "Gunmen attacked Tinkimbou near Abala, in western Niger, on Friday."
    assert document_countries(nlp(village))[0] == "NE"


def test_a_part_of_a_name_is_a_place_only_inside_the_story_or_the_tables():
    from chronicle.extractors.places.mentions import part_counts

    assert not part_counts("Chico", "US", ("BO",))  # "Huancané Chico" in Bolivia
    assert not part_counts("Chico", "US", ())  # no story country: a US town is no clue
    assert part_counts("Manbij", "SY", ())  # scraped "Manbij Killing": a listed town
    assert part_counts("Aleppo", "SY", ("SY", "TR"))


@pytest.mark.parametrize(("text", "name", "is_landmark"), [
    ("a hamlet four hours by dirt road from La Paz", "La", True),
    ("a camp 30 km north of Hama", "Hama", True),
    ("the village lies some 12 miles away from Homs", "Homs", True),
    ("families fled from Homs on Monday", "Homs", False),
    ("the outskirts of Hama", "Hama", False),
])
def test_a_place_named_after_a_distance_or_bearing_is_a_landmark(nlp, text, name,
                                                                  is_landmark):
    from chronicle.extractors.places.phrases import landmark

    doc = nlp(text)
    start = next(t.i for t in doc if t.text == name)
    assert landmark(doc, start) is is_landmark
