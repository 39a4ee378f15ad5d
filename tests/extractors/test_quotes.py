"""Quotes and their speakers: quote marks of many styles, cues before and after, pronoun
speakers, multi-paragraph quotes, and the quoted phrases that are not quotes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.quotes.find import find_quotes
from chronicle.extractors.quotes.marks import (
    namelike,
    paragraphs,
    scan_quotes,
    sentence_end,
    sentence_start,
)
from chronicle.records import Document, Entity, Quote

# ---------------------------------------------------------------- quote marks (no model)


def marked(text: str) -> list[str]:
    return [text[m.start:m.end] for m in scan_quotes(text)]


@pytest.mark.parametrize("text, quoted", [
    ("“It’s over,” he said.", ["It’s over,"]),
    ('"We will stay," she said, "until May."', ["We will stay,", "until May."]),
    ("``We will not retreat,'' the colonel said.", ["We will not retreat,"]),
    ("‘The rebels’ demands are absurd,’ he said.", ["The rebels’ demands are absurd,"]),
    ("‘They hate us’, she said.", ["They hate us"]),
    ("Il a dit : «Nous partons» hier.", ["Nous partons"]),
    ("Er sagte: „Wir bleiben“ und »nie wieder«.", ["Wir bleiben", "nie wieder"]),
    ("“There is no ‘legitimate chaos.’ Order comes first.”",
     ["There is no ‘legitimate chaos.’ Order comes first."]),
    ("The group’s envoy and Sharia’s rules, in the ‘80s.", []),
    ("'It's done,' he said, 'and the dogs' food is gone.'",
     ["It's done,", "and the dogs' food is gone."]),
    ("A 12\" pipe and a 6\" one.", []),
], ids=["curly", "straight", "wire", "british-possessive", "british-plural-end", "guillemets",
        "german", "nested", "apostrophes-only", "straight-single", "inch-marks"])
def test_quote_marks_of_every_style(text, quoted):
    assert marked(text) == quoted


def test_unclosed_quote_continues_into_a_paragraph_that_opens_with_a_mark():
    text = "“We made mistakes.\n\n“But we served well,” he said.\n\nNo quote here."
    marks = scan_quotes(text)
    assert [text[m.start:m.end] for m in marks] == ["We made mistakes.", "But we served well,"]
    assert [(m.closed, m.continues) for m in marks] == [(False, False), (True, True)]


def test_a_numbered_list_stays_inside_its_quote():
    for sep in ("\n", "\n\n"):
        text = f"He replied:{sep}“1- We agree;{sep}2- We wait;{sep}3- We meet.”{sep}Then he left."
        assert marked(text) == [f"1- We agree;{sep}2- We wait;{sep}3- We meet."]


def test_a_single_mark_never_closed_is_an_apostrophe_not_a_quote():
    text = "She said ‘no way\n\nand then “we left” at ’twas dawn."
    assert marked(text) == ["we left"]


def test_line_separated_paragraphs_end_an_unclosed_quote():
    text = "Line one “opens here\nLine two has “a quote” inside."
    assert marked(text) == ["opens here", "a quote"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab s.,:\n“”‘’\"'`«»„-", max_size=80))
def test_marks_are_ordered_and_offsets_hold_the_words(text):
    last = -1
    for m in scan_quotes(text):
        assert last <= m.open < m.start < m.end <= m.close <= len(text)
        words = text[m.start:m.end]
        assert words and words == words.strip()
        last = m.close


def test_paragraphs_and_sentences():
    text = "One. Lt. Col. Ray spoke.\n\nTwo here."
    assert paragraphs(text) == [(0, 24), (26, 35)]
    assert sentence_start(text, text.index("spoke"), 0) == 5
    assert sentence_end(text, 5, 24) == 24
    assert namelike("Abu Aisha al-Shami") and namelike("Failing the Children of War")
    assert not namelike("We will win.")


def test_without_a_parser_whole_quote_paragraphs_still_come_out():
    import spacy

    text = ("He was asked whether he would resign.\n\n“Never.”\n\n"
            "Aides used words like “union” and “calm” all week.\n\n"
            "His answer: “We will finish the work we started.”")
    document = Document(id="d", text=text, source="test")
    quotes = find_quotes(spacy.blank("en")(text), document, DocActors(doc_id="d"))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Never.", None), ("We will finish the work we started.", None)]
    assert all(text[q.start:q.end] == q.text for q in quotes)


# ---------------------------------------------------------------- quotes with the model

NAMES = {
    "Ahmad Sultan": ("Ahmad Sultan", "person"), "Sultan": ("Ahmad Sultan", "person"),
    "Lena Park": ("Lena Park", "person"), "Park": ("Lena Park", "person"),
    "Omar Nadeem": ("Omar Nadeem", "person"), "Nadeem": ("Omar Nadeem", "person"),
    "Hadi Salem": ("Hadi Salem", "person"), "Salem": ("Hadi Salem", "person"),
    "the Jordanian envoy": ("Karim Haddad", "person"), "Karim Haddad": ("Karim Haddad", "person"),
    "Haddad": ("Karim Haddad", "person"), "the Egyptian president": ("Adel Fahmy", "person"),
    "Fahmy": ("Adel Fahmy", "person"), "Jane Jones": ("Jane Jones", "person"),
    "Tom Smith": ("Tom Smith", "person"), "Ruth Hale": ("Ruth Hale", "person"),
    "the Daily Courier": ("Daily Courier", "organization"),
    "Red Crescent": ("Red Crescent", "organization"),
}


def actors_for(text: str) -> DocActors:
    """Mentions of the names above, as the actors layer would report them."""
    entities: dict[str, Entity] = {}
    spans: list[tuple[int, int, str]] = []
    for surface, (name, kind) in NAMES.items():
        ent = entities.setdefault(name, Entity(key=f"d#{len(entities) + 1}", doc="d",
                                               name=name, kind=kind, names=[name]))
        ent.names.append(surface)
        spans += [(m.start(), m.end(), ent.key) for m in re.finditer(re.escape(surface), text)]
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    return DocActors(doc_id="d", entities=list(entities.values()), spans=sorted(spans))


def quotes_of(text: str) -> tuple[list[Quote], DocActors]:
    from chronicle.nlp import load_nlp

    actors = actors_for(text)
    document = Document(id="d", text=text, source="test")
    quotes = find_quotes(load_nlp()(text), document, actors, ranked=False)
    for q in quotes:
        assert text[q.start:q.end] == q.text
    return quotes, actors


def said(text: str) -> list[tuple[str, str | None, str | None]]:
    """(first words, speaker name, cue) of each quote."""
    quotes, actors = quotes_of(text)
    return [(" ".join(q.text.split()[:3]), actors.entity(q.speaker).name if q.speaker else None,
             q.cue) for q in quotes]


@pytest.mark.model
def test_cues_after_the_quote_with_names_and_pronouns():
    text = ("Analyst Omar Nadeem spoke after the vote.\n\n"
            "“The cabinet is united, even if Hadi Salem leads it alone,” he said.\n\n"
            "“Nobody expected a vote this early,” explained Nadeem.\n\n"
            "“It changes the calendar,” Ahmad Sultan told the Daily Courier.")
    assert said(text) == [("The cabinet is", "Omar Nadeem", "said"),
                          ("Nobody expected a", "Omar Nadeem", "explained"),
                          ("It changes the", "Ahmad Sultan", "told")]
    quotes, _ = quotes_of(text)
    assert [q.id for q in quotes] == ["d#q1", "d#q2", "d#q3"]


@pytest.mark.model
def test_pronoun_follows_the_subject_who_took_over():
    text = ("“We won,” said Tom Smith. Jane Jones disagreed. “We lost,” she said.\n\n"
            "“We won,” said Tom Smith. Jane Jones disagreed. “We lost the vote.”")
    assert [s[1] for s in said(text)] == ["Tom Smith", "Jane Jones"] * 2


@pytest.mark.model
def test_cues_before_the_quote():
    text = ("Lena Park continued: “We will open the border crossings next week.”\n\n"
            "On Monday Haddad received the Jordanian envoy, who said: “Amman is ready.”\n\n"
            "Salem met the envoy and told him: “Our answer is yes.”\n\n"
            "Then he read out a cable: “Greetings to the king and his people.”")
    assert said(text) == [("We will open", "Lena Park", "continued"),
                          ("Amman is ready.", "Karim Haddad", "said"),
                          ("Our answer is", "Hadi Salem", "told"),
                          ("Greetings to the", "Hadi Salem", "read")]


@pytest.mark.model
def test_speaker_introduced_by_the_paragraph_before_and_a_list_quote():
    text = ("According to the minutes, the Egyptian president replied:\n\n"
            "“1- Egypt sees the risks clearly.\n2- We will not act alone.”\n\n"
            "The talks ended at noon.")
    assert said(text) == [("1- Egypt sees", "Adel Fahmy", "replied")]


@pytest.mark.model
def test_split_quote_and_a_paragraph_that_continues_the_speaker():
    text = ("“Some factions still resist,” Sultan told reporters. “They want the old order.”\n\n"
            "“The majority supports the deal and will keep supporting it.”")
    assert said(text) == [("Some factions still", "Ahmad Sultan", "told"),
                          ("They want the", "Ahmad Sultan", "told"),
                          ("The majority supports", "Ahmad Sultan", None)]


@pytest.mark.model
def test_embedded_speech_and_quoted_as_telling():
    text = ("“My leader agrees with every point,” Haddad was quoted as telling Salem.\n\n"
            "He also insisted that his ruler “will reform the army within a year.”\n\n"
            "“Youth may be swayed,” Park told the Daily Courier, adding that "
            "“elders are working to calm them down.”")
    assert said(text) == [("My leader agrees", "Karim Haddad", "quoted"),
                          ("will reform the", "Karim Haddad", "insisted"),
                          ("Youth may be", "Lena Park", "told"),
                          ("elders are working", "Lena Park", "adding")]


@pytest.mark.model
def test_wire_copy_british_marks_and_guillemets():
    text = ("BEIRUT -- ``We will not take sides,'' Hadi Salem told reporters. ``The army "
            "belongs to everyone.''\n\n"
            "‘The rebels’ demands are not serious,’ Ruth Hale said. ‘Nobody’s fooled.’\n\n"
            "«We leave tomorrow», Lena Park said.")
    assert said(text) == [("We will not", "Hadi Salem", "told"),
                          ("The army belongs", "Hadi Salem", "told"),
                          ("The rebels’ demands", "Ruth Hale", "said"),
                          ("Nobody’s fooled.", "Ruth Hale", "said"),
                          ("We leave tomorrow", "Lena Park", "said")]


@pytest.mark.model
def test_multi_paragraph_quote_keeps_one_speaker_and_exact_offsets():
    text = ("Ruth Hale read her statement.\n\n"
            "\"We have made mistakes. I will not deny it.\n\n"
            "\"What I ask is simple: judge us by the facts,\" Hale said.")
    quotes, actors = quotes_of(text)
    assert [q.text for q in quotes] == ["We have made mistakes. I will not deny it.",
                                        "What I ask is simple: judge us by the facts,"]
    assert {actors.entity(q.speaker).name for q in quotes} == {"Ruth Hale"}


@pytest.mark.model
def test_scare_quotes_names_and_indirect_speech_are_not_quotes():
    text = ("The group framed the attack as “revenge” and called itself “decentralized.”\n\n"
            "Two names surfaced: “Abu Salim al-Halabi” and “Abu Nour al-Halabi”.\n\n"
            "Critics say the courts hand down “tailored verdicts,” a phrase used "
            "to mock the judges.\n\n"
            "Hale warned that the cabinet would never accept a strike.\n\n"
            "Ruth Hale described the plan as a “complete surrender of principle.”")
    assert said(text) == []


@pytest.mark.model
def test_a_cue_after_a_full_stop_must_be_a_bare_attribution():
    text = ("“Peace” is a word Salem uses rarely.\n\n"
            "Ruth Hale called the plan “a cruel gimmick”, while the Red Crescent said "
            "it would “leave thousands in limbo for years.”")
    assert said(text) == [("leave thousands in", "Red Crescent", "said")]


@pytest.mark.model
def test_according_to_and_quoted_as_saying():
    text = ("According to Lena Park, “the border will open on the first day of May.”\n\n"
            "“The army is ready,” the Daily Courier quoted Omar Nadeem as saying.\n\n"
            "“Nothing will change before the vote,” according to a senior official.")
    assert said(text) == [("the border will", "Lena Park", "according to"),
                          ("The army is", "Omar Nadeem", "quoted"),
                          ("Nothing will change", None, "according to")]


@pytest.mark.model
def test_pronoun_takes_a_person_named_by_a_sentence_about_someone_else():
    text = ("“The talks are over,” said Tom Smith.\n\n"
            "The committee then heard evidence from Ruth Hale, a surgeon.\n\n"
            "“We ran out of blood on the second day,” she said.")
    assert [s[1] for s in said(text)] == ["Tom Smith", "Ruth Hale"]
