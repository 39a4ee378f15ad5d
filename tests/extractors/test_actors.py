"""Actors inside one document: grouping, kinds, roles, titles as names, pronouns."""

from __future__ import annotations

import pytest

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.actors.find import find_actors
from chronicle.nlp import load_nlp
from chronicle.records import Document

pytestmark = pytest.mark.model


def actors_of(text: str, doc_id: str = "d1", outlet: str | None = None) -> DocActors:
    document = Document(id=doc_id, text=text, source="test", outlet=outlet)
    return find_actors(load_nlp()(text), document)


def entity_named(actors: DocActors, name: str):
    found = [e for e in actors.entities if e.name == name or name in e.names]
    assert found, f"{name!r} not among {[e.name for e in actors.entities]}"
    assert len(found) == 1, f"{name!r} split over {[e.name for e in found]}"
    return found[0]


def key_at(actors: DocActors, text: str, phrase: str, nth: int = 0) -> str | None:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return actors.at(start, start + len(phrase))


TALKS = (
    "Jordanian Foreign Minister Nasser Haddad arrived in Cairo on Monday. Haddad met "
    "Egyptian President Karim el-Masri for two hours. The Jordanian minister later told "
    "reporters that el-Masri had accepted an invitation to Amman. The Egyptian president "
    "thanked him, and Egyptian officials said the talks were useful."
)


def test_surname_and_title_join_the_full_name():
    actors = actors_of(TALKS)
    haddad = entity_named(actors, "Nasser Haddad")
    assert haddad.kind == "person"
    assert key_at(actors, TALKS, "Haddad", 1) == haddad.key
    assert key_at(actors, TALKS, "The Jordanian minister") == haddad.key
    masri = entity_named(actors, "Karim el-Masri")
    assert key_at(actors, TALKS, "el-Masri", 1) == masri.key
    assert key_at(actors, TALKS, "The Egyptian president") == masri.key


def test_roles_from_titles_keep_the_country():
    actors = actors_of(TALKS)
    roles = {(r.title, r.of) for r in entity_named(actors, "Nasser Haddad").roles}
    assert ("Foreign Minister", "Jordan") in roles
    roles = {(r.title, r.of) for r in entity_named(actors, "Karim el-Masri").roles}
    assert ("President", "Egypt") in roles


def test_demonyms_and_governments_are_their_country():
    actors = actors_of(TALKS)
    egypt = entity_named(actors, "Egypt")
    assert egypt.kind == "country"
    assert key_at(actors, TALKS, "Egyptian officials") == egypt.key
    assert "Egyptian officials" in egypt.names


def test_transliterations_join_and_namesakes_stay_apart():
    text = (
        "Ahmed al-Rashid, the movement's founder, spoke first. His cousin Farouq al-Rashid "
        "disagreed. Later Ahmad al-Rashid left the hall, and al-Rashid's aides followed him."
    )
    actors = actors_of(text)
    ahmed = entity_named(actors, "Ahmed al-Rashid")
    assert "Ahmad al-Rashid" in ahmed.names
    farouq = entity_named(actors, "Farouq al-Rashid")
    assert farouq.key != ahmed.key
    # The bare surname goes to the latest full name before it.
    assert key_at(actors, text, "al-Rashid's") == ahmed.key


def test_alias_and_acronym_join():
    text = (
        "Omar Khalil, also known as Abu Hamza, leads the Liwa al-Fajr Brigade (LFB). "
        "Abu Hamza said the LFB would not disarm."
    )
    actors = actors_of(text)
    omar = entity_named(actors, "Omar Khalil")
    assert key_at(actors, text, "Abu Hamza", 1) == omar.key
    brigade = entity_named(actors, "LFB")
    assert brigade.kind == "organization"
    assert key_at(actors, text, "LFB", 1) == brigade.key


def test_kunya_inside_a_longer_name_is_another_person():
    text = (
        "Yusuf Abu Bakr al-Tamimi criticised the deal. Abu Bakr, a veteran preacher, "
        "defended it."
    )
    actors = actors_of(text)
    tamimi = entity_named(actors, "Yusuf Abu Bakr al-Tamimi")
    assert key_at(actors, text, "Abu Bakr", 1) not in (None, tamimi.key)


def test_arabic_group_names_are_organisations():
    text = "Fighters of Saraya al-Muqawama and Jaish al-Nasr clashed near the border."
    actors = actors_of(text)
    for name in ("Saraya al-Muqawama", "Jaish al-Nasr"):
        assert entity_named(actors, name).kind == "organization"


def test_possessive_is_the_name():
    text = "Karim el-Masri’s government rejected the plan. Karim el-Masri spoke later."
    actors = actors_of(text)
    masri = entity_named(actors, "Karim el-Masri")
    assert not any("’s" in n or "'s" in n for n in masri.names)
    assert len(masri.mentions) == 2


def test_outlet_is_an_organisation():
    text = "Sami Nader told Al-Bawaba Daily that the talks failed. Nader later left."
    actors = actors_of(text, outlet="Al-Bawaba Daily")
    assert entity_named(actors, "Al-Bawaba Daily").kind == "organization"


def test_heading_names_need_a_mention_in_the_text():
    text = "Quiet Rivers Run Deep\n\nThe council met in Beirut on Monday to discuss water."
    actors = actors_of(text)
    assert not any(e.name == "Quiet Rivers Run Deep" for e in actors.entities)


def test_all_caps_headline_finds_known_names():
    text = "SYRIA AND JORDAN REOPEN BORDER\n\nSyria and Jordan reopened their border on Sunday."
    actors = actors_of(text)
    syria = entity_named(actors, "Syria")
    assert key_at(actors, text, "SYRIA") == syria.key


def test_pronouns_prefer_subjects_and_skip_the_clause_subject():
    text = (
        "On Monday, Nasser Haddad received Karim el-Masri in Amman. He told him the border "
        "would reopen. Upon his return to Cairo, el-Masri briefed the cabinet."
    )
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    haddad = entity_named(actors, "Nasser Haddad").key
    masri = entity_named(actors, "Karim el-Masri").key
    tokens = {(t.text, t.i): t for t in doc}
    he = next(t for (w, _), t in tokens.items() if w == "He")
    him = next(t for (w, _), t in tokens.items() if w == "him")
    his = next(t for (w, _), t in tokens.items() if w == "his")
    assert actors.refer(he) == haddad
    assert actors.refer(him) == masri
    assert actors.refer(his) == masri


def test_the_group_refers_to_the_latest_organisation():
    text = (
        "A new militia, Kataib al-Huda, appeared in March. Last week the group vowed to "
        "expand its attacks."
    )
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    group = next(t for t in doc if t.text == "group")
    assert actors.refer(group) == entity_named(actors, "Kataib al-Huda").key


def test_country_of_an_official():
    actors = actors_of(TALKS)
    haddad = entity_named(actors, "Nasser Haddad")
    country = actors.country_of(haddad.key)
    assert country is not None and actors.entity(country).name == "Jordan"


def test_mention_offsets_point_at_the_text():
    actors = actors_of(TALKS)
    for ent in actors.entities:
        for span in ent.mentions:
            assert 0 <= span.start < span.end <= len(TALKS)
            assert TALKS[span.start:span.end].strip() == TALKS[span.start:span.end]


def test_the_group_follows_the_group_it_named_not_a_platform_or_ministry():
    text = (
        "The group calling itself Liwa al-Fajr has claimed two attacks. Its messages circulate "
        "on Telegram channels, where it posts threats. Jordan's Interior Ministry declined to "
        "comment on the group. Last week the group vowed to strike again."
    )
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    liwa = entity_named(actors, "Liwa al-Fajr").key
    refs = {t.i: actors.refer(t) for t in doc if t.lower_ in {"group", "its", "it"}}
    assert refs and all(key == liwa for key in refs.values()), refs


def test_they_is_the_subject_of_its_sentence():
    text = "Jordanian police arrested four men in Irbid whom they accused of smuggling arms."
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    they = next(t for t in doc if t.lower_ == "they")
    assert actors.refer(they) == entity_named(actors, "Jordan").key


def test_an_unnamed_official_acts_for_the_country():
    text = "The Canadian prime minister called on Iran to free the sailors."
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    canada = entity_named(actors, "Canada")
    minister = next(t for t in doc if t.text == "minister")
    assert actors.refer(minister) == canada.key
    assert not any("minister" in n for n in canada.names)


def test_names_of_organisations_holding_a_country_word_are_organisations():
    text = ("Soldiers of the Guyana Defence Force (GDF) crossed the river, and the Saudi-led "
            "coalition agreed to a truce. The GDF said the French Foreign Ministry had called.")
    actors = actors_of(text)
    assert entity_named(actors, "Guyana Defence Force").kind == "organization"
    assert key_at(actors, text, "GDF", 1) == entity_named(actors, "Guyana Defence Force").key
    assert entity_named(actors, "Saudi-led coalition").kind == "organization"
    assert entity_named(actors, "French Foreign Ministry").kind == "organization"


def test_it_after_said_is_the_speaking_country_and_the_government_the_story_country():
    text = ("Colombian troops clashed with rebels near Cali. Colombia said it would send more "
            "troops, and the government lifted a curfew.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    colombia = entity_named(actors, "Colombia").key
    it = next(t for t in doc if t.lower_ == "it")
    government = next(t for t in doc if t.lower_ == "government")
    assert actors.refer(it) == colombia
    assert actors.refer(government) == colombia


def test_unnamed_officials_speak_for_their_body_or_capital():
    text = ("China criticised the visit. A spokesman in Beijing urged Japan to act. A NATO "
            "spokesman in Brussels said the deadline stood. In Paris, the French Foreign "
            "Ministry summoned the envoy, a ministry spokesman said. Lithuania's foreign "
            "minister welcomed the measures.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    said = [actors.entity(actors.refer(t)).name for t in doc
            if t.text in {"spokesman", "minister"}]
    assert said == ["China", "NATO", "French Foreign Ministry", "Lithuania"]


def test_a_name_tagged_as_a_verb_stays_in_the_name():
    text = "The UN coordinator for Yemen, Amina Rashed, appealed to donors. Rashed said so."
    actors = actors_of(text)
    rashed = entity_named(actors, "Amina Rashed")
    assert rashed.kind == "person" and key_at(actors, text, "Rashed", 1) == rashed.key


def test_an_untitled_head_of_a_body_acts_for_the_body():
    text = ("The UN Secretary-General spoke on Monday. The Secretary-General strongly condemns "
            "the attack on a United Nations convoy in Mali.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    general = [t for t in doc if t.text == "General"][-1]
    assert actors.refer(general) == entity_named(actors, "United Nations").key


def test_a_name_run_together_with_an_office_is_split_at_the_comma():
    text = "I met the Chairman of the Council of Ministers, D. Kovacevic, in Belgrade."
    actors = actors_of(text)
    assert entity_named(actors, "D. Kovacevic").kind == "person"
    assert entity_named(actors, "Council of Ministers").kind == "organization"


def test_it_can_be_the_country_that_acted_last():
    text = ("The EU imposed new sanctions on Monday. Belarus condemned the decision. Its "
            "foreign ministry summoned the German ambassador.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    its = next(t for t in doc if t.text == "Its")
    assert actors.refer(its) == entity_named(actors, "Belarus").key


def test_datelines_mention_no_actor_and_acronyms_keep_their_letters():
    text = ("UNITED NATIONS (AP) -- The Security Council on Wednesday condemned the attack.\n\n"
            "KHARTOUM/JUBA, Oct 19 - The FAP and the FPA signed a truce.")
    actors = actors_of(text)
    names = {e.name for e in actors.entities}
    assert not names & {"UNITED", "NATIONS", "Associated Press", "JUBA", "KHARTOUM"}
    assert entity_named(actors, "FAP").key != entity_named(actors, "FPA").key


def test_more_alias_forms_middle_names_and_titled_namesakes():
    text = ("The Front for Action and Progress (FAP, after its French initials) said the FAP "
            "would fight. Abdel Karim al-Tarhouni, whose name is also written Abdul Karim "
            "el-Tarhouni, commands it. Colonel Salem al-Obeidi leads the battalion; his cousin, "
            "the businessman Fathi al-Obeidi, sells fuel. Colonel al-Obeidi told us the raid was "
            "over. Muhammad Ali Bashir leads the front. Mohammed Bashir denied it.")
    actors = actors_of(text)
    front = entity_named(actors, "Front for Action and Progress")
    assert key_at(actors, text, "FAP", 1) == front.key
    assert "Abdul Karim el-Tarhouni" in entity_named(actors, "Abdel Karim al-Tarhouni").names
    salem = entity_named(actors, "Salem al-Obeidi")
    assert key_at(actors, text, "al-Obeidi", 2) == salem.key
    assert "Mohammed Bashir" in entity_named(actors, "Muhammad Ali Bashir").names


def test_she_and_he_find_a_person_of_their_gender():
    text = ("Boubacar Guindo, a hunters' commander, agreed to talk. Aminata Traore runs the "
            "clinic. She said the road was closed. Mr Banda met Ms Kalua, and he thanked her.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    she = next(t for t in doc if t.text == "She")
    assert actors.refer(she) == entity_named(actors, "Aminata Traore").key
    assert actors.gender(entity_named(actors, "Banda").key) == "m"
    assert actors.gender(entity_named(actors, "Kalua").key) == "f"
    assert entity_named(actors, "Boubacar Guindo").kind == "person"


def test_a_longer_organisation_name_wins_over_a_known_one_inside_it():
    text = ("The United Nations Panel of Experts on Libya reported abuses. The Karategin "
            "Revival Front attacked a post in the Karategin valley.")
    actors = actors_of(text)
    assert entity_named(actors, "United Nations Panel of Experts").kind == "organization"
    front = entity_named(actors, "Karategin Revival Front")
    assert key_at(actors, text, "Karategin", 1) != front.key


def test_names_the_model_misses_are_found_by_their_first_name():
    text = ("To His Excellency Abdulaziz Yousef al-Mutawa, Minister of Foreign Affairs.\n\n"
            "I have the honour to write.\n\nHamid Rashid al-Dulaimi\nMinister\n\n"
            "Amadou Tembely met Boubacar Guindo.")
    actors = actors_of(text)
    for name in ("Abdulaziz Yousef al-Mutawa", "Hamid Rashid al-Dulaimi", "Amadou Tembely"):
        assert entity_named(actors, name).kind == "person"


def test_in_a_letter_i_is_the_signatory_and_your_excellency_the_addressee():
    text = ("His Excellency Omar Khalil\nMinister of Foreign Affairs\n\nYour Excellency,\n\n"
            "I request that Your Excellency give instructions to withdraw the boats.\n\n"
            "Nasser Haddad\nMinister of Foreign Affairs")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    i = next(t for t in doc if t.text == "I")
    excellency = [t for t in doc if t.text == "Excellency"][-1]
    assert actors.refer(i) == entity_named(actors, "Nasser Haddad").key
    assert actors.refer(excellency) == entity_named(actors, "Omar Khalil").key


def test_an_organisation_spokesman_is_not_another_bodys_spokesman():
    text = ("Government spokesman Hussein al-Lami condemned the attacks. The FAP's spokesman, "
            "who gave his name as Sylvestre Ngakola, told reporters the group would fight. A "
            "FAP spokesman said no.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    spokesmen = [actors.entity(actors.refer(t)).name for t in doc if t.text == "spokesman"]
    assert spokesmen[1:] == ["Sylvestre Ngakola", "FAP"]


def test_an_indefinite_group_that_names_itself_refers_to_that_name():
    text = ("A faction calling itself Saraya Rijal al-Furat claimed the attack. A channel "
            "using the name Rijal al-Furat posted a video.")
    doc = load_nlp()(text)
    actors = find_actors(doc, Document(id="d1", text=text, source="t"))
    saraya = entity_named(actors, "Saraya Rijal al-Furat")
    assert saraya.kind == "organization"
    assert all(actors.refer(t) == saraya.key for t in doc if t.text in {"faction", "channel"})


@pytest.mark.parametrize("text, want", [
    ("IS has killed hundreds of people since it declared a caliphate in Raqqa.", True),
    ("The IS attack on the oil field killed 30 guards.", True),
    ("THE CEASEFIRE IS HOLDING IN IDLIB, MONITORS SAY", False),
])
def test_a_short_form_that_is_a_word_names_only_outside_capitals(text, want):
    """"IS" is the Islamic State in ordinary text, the verb in a capitals headline."""
    found = [e.name for e in actors_of(text).entities]
    assert ("Islamic State" in found) == want, found


@pytest.mark.parametrize("text, name", [
    ("Pretoria accused Lusaka of harbouring ANC guerrillas.", "Zambia"),
    ("Pretoria accused Lusaka of harbouring guerrillas.", "Zambia"),
])
def test_a_name_the_tagger_misreads_is_still_a_name(text, name):
    """The recogniser marks a lone capitalised word as a name, the tagger as a pronoun or
    verb: the name stands (a capital acting or acted on is its government)."""
    found = {e.name for e in actors_of(text).all_entities()}
    assert name in found or any(name in n for n in found), found


def test_title_case_headline_glued_to_its_story_lends_no_words_to_names():
    text = ("Syrian Coalition Decries World Silence over Raqqa Massacre. The Syrian Coalition "
            "said the world's silence over the massacre decries nothing less than complicity.")
    names = [e.name for e in actors_of(text).entities]
    assert "Syrian Coalition" in names
    assert not any("Decries" in n or "Massacre" in n for n in names)


@pytest.mark.parametrize(("text", "name"), [
    ("The former Marlow County treasurer went on trial on Monday. A spokeswoman for the "
     "Marlow County Board of Supervisors said the county had moved to a new payments "
     "system.", "Marlow County Board of Supervisors"),
    ("Protesters gathered outside the Latvian Embassy in Vilnius on Friday.",
     "Latvian Embassy"),
])
def test_a_body_named_by_its_head_noun_is_an_organisation_not_a_place(text, name):
    assert entity_named(actors_of(text), name).kind == "organization"
