"""Who said it: transcript and interview turns, descriptive speakers, statements, replies,
unclosed quotes and pronouns of the right gender. The texts are invented; the actors are
given by hand (surface -> entity), so each test checks the quote rules, not mention
finding."""

from __future__ import annotations

import re

import pytest

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.actors.vocab import TITLE_WORDS
from chronicle.extractors.quotes.find import find_quotes
from chronicle.extractors.quotes.labels import written_name
from chronicle.extractors.quotes.marks import paragraphs, scan_quotes
from chronicle.extractors.quotes.turns import find_turns
from chronicle.records import Document, Entity, Role

# ---------------------------------------------------------------- layout alone (no model)

TRANSCRIPT = (
    "MORNING REPORT\n\n"
    "ANNA BERG, HOST: Good morning. With me is the mayor, Paul Ortiz.\n\n"
    "PAUL ORTIZ, MAYOR OF DELTA CITY: Thank you. The levee held, and I am proud of that.\n\n"
    "(BEGIN VIDEO CLIP)\n\n"
    "GOV. RITA SANDS (D-LA): We will send every pump we have.\n\n"
    "(END VIDEO CLIP)\n\n"
    "BERG: Mayor, is that enough?\n\n"
    "ORTIZ: Not yet. We need the pumps tonight.\n\n"
    "And we need the Guard by Friday.\n\n"
    "Q: One more question.\n")


def test_transcript_turns_are_found_by_their_labels():
    turns = find_turns(TRANSCRIPT, paragraphs(TRANSCRIPT), TITLE_WORDS)
    got = [(t.role, t.name, t.title, TRANSCRIPT[t.start:t.end][:12]) for t in turns]
    assert got == [
        ("host", "ANNA BERG", None, "Good morning"),
        ("named", "PAUL ORTIZ", None, "Thank you. T"),
        ("named", "RITA SANDS", "GOV.", "We will send"),
        ("host", "BERG", None, "Mayor, is th"),
        ("named", "ORTIZ", None, "Not yet. We "),
        ("named", "ORTIZ", None, "And we need "),
        ("question", "Q", None, "One more que")]
    assert turns[-2].continued and not turns[-3].continued


def test_a_lone_label_or_a_dateline_makes_no_transcript():
    text = "NOTE: This story was updated.\n\nBEIRUT: Shelling resumed on Monday.\n\nIt went on."
    assert find_turns(text, paragraphs(text), TITLE_WORDS) == []


def test_turns_printed_line_by_line_and_title_case_labels_are_turns():
    text = ("INTERVIEW: Mayor Lena Falk on the harbour\n\nThe mayor spoke on Monday.\n\n"
            "Q: Why now?\nA: Because the money is there.\n\n"
            "Chairman (Deputy Kevin Lewis): Can you explain the delay?\n"
            "The Minister for Health (Deputy Anne Roy): We waited for the tender.\n"
            "Deputy Lewis: That is not good enough.")
    turns = find_turns(text, paragraphs(text), TITLE_WORDS)
    assert [(t.role, t.name, t.post, text[t.start:t.end][:12]) for t in turns] == [
        ("question", "Q", None, "Why now?"), ("answer", "A", None, "Because the "),
        ("named", "Kevin Lewis", "Chairman", "Can you expl"),
        ("named", "Anne Roy", "The Minister for Health", "We waited fo"),
        ("named", "Lewis", None, "That is not ")]  # the kicker "INTERVIEW:" is no turn


def test_a_bracketed_office_after_a_name_is_no_name():
    text = ("Deputy Lewis: Why?\n\nMr. Paul Dore (Chief Officer): Because.\n\n"
            "Deputy Lewis: When?\n\nMr. Paul Dore (Chief Officer): In March.")
    turns = find_turns(text, paragraphs(text), TITLE_WORDS)
    assert [t.name for t in turns] == ["Lewis", "Paul Dore", "Lewis", "Paul Dore"]


def test_questions_in_bold_make_an_interview_and_plain_answers_its_turns():
    text = ("Lea Moss has run the shelter for ten years.\n\n**Why stay?**\n\n"
            "Because nobody else will.\n\nThe work is hard.\n\n**And next year?**\n\n"
            "More beds, I hope.\n\nShe laughed. \"Or fewer guests.\"")
    turns = find_turns(text, paragraphs(text), TITLE_WORDS)
    assert [(t.role, t.continued, text[t.start:t.end]) for t in turns] == [
        ("question", False, "Why stay?"), ("answer", False, "Because nobody else will."),
        ("answer", True, "The work is hard."), ("question", False, "And next year?"),
        ("answer", False, "More beds, I hope.")]


def test_bold_section_headings_make_no_interview():
    text = ("Lea Moss came home in 1994.\n\n**The war at home**\n\nShe found the house "
            "empty.\n\n**A second life**\n\nThen she opened the shelter.")
    assert find_turns(text, paragraphs(text), TITLE_WORDS) == []


def test_a_label_in_capitals_is_written_as_a_name():
    assert written_name("JEAN-PIERRE O'BRIEN") == "Jean-Pierre O'Brien"


def test_an_unclosed_single_mark_after_a_colon_opens_a_quote_to_the_paragraph_end():
    text = ("One skipper said: ‘I have fished here for forty years and never seen him.\n\n"
            "The skippers’ union met. ‘We go on,’ it said.")
    marks = scan_quotes(text)
    assert [(text[m.start:m.end], m.closed) for m in marks] == [
        ("I have fished here for forty years and never seen him.", False),
        ("We go on,", True)]


@pytest.mark.parametrize("text", [
    "“We will stay, he said. “And we will fight.”",
    '"We will stay, he said. "And we will fight."',
    "``We will stay, he said. ``And we will fight.''"], ids=["curly", "straight", "wire"])
def test_an_unclosed_quote_ends_at_the_next_opening_mark(text):
    marks = scan_quotes(text)
    assert [(text[m.start:m.end], m.closed) for m in marks] == [
        ("We will stay, he said.", False), ("And we will fight.", True)]


def test_french_copy_reopens_a_continued_quote_with_a_closing_guillemet():
    text = "«Nous partons demain.\n\n» Et nous ne reviendrons pas», a-t-il dit.\n\nFin."
    marks = scan_quotes(text)
    assert [(text[m.start:m.end], m.continues) for m in marks] == [
        ("Nous partons demain.", False), ("Et nous ne reviendrons pas", True)]


# ---------------------------------------------------------------- with the model


def quotes(text: str, names: dict[str, tuple[str, str]],
           roles: dict[str, list[Role]] | None = None) -> list[tuple[str, str | None, str]]:
    """(first two words, speaker name, how) of each quote; `names` maps a surface form to
    (entity name, kind), as the actors layer would report them."""
    from chronicle.nlp import load_nlp

    doc = load_nlp()(text)
    entities: dict[str, Entity] = {}
    spans: list[tuple[int, int, str]] = []
    for surface, (name, kind) in names.items():
        ent = entities.setdefault(name, Entity(
            key=f"d#{len(entities) + 1}", doc="d", name=name, kind=kind, names=[name],
            roles=list((roles or {}).get(name, []))))
        spans += [(m.start(), m.end(), ent.key)
                  for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)]
    actors = DocActors(doc_id="d", entities=list(entities.values()), spans=sorted(spans),
                       doc=doc)
    found = find_quotes(doc, Document(id="d", text=text, source="test"), actors, ranked=False)
    assert all(text[q.start:q.end] == q.text for q in found)
    return [(" ".join(q.text.split()[:2]), actors.entity(q.speaker).name if q.speaker else None,
             q.how or "") for q in found]


@pytest.mark.model
def test_a_label_that_names_a_post_is_its_holder_or_itself():
    text = ("The panel questioned the Minister for Health, Deputy Anne Roy, on Tuesday.\n"
            "The Chair: Minister, why the delay?\n"
            "The Minister for Health: We were waiting for the tender.\n"
            "The Chair: That is not good enough.\n"
            "The Minister for Health: It is the process we inherited.")
    got = quotes(text, {"Anne Roy": ("Anne Roy", "person")})
    assert ("We were", "Anne Roy", "turn") in got and ("It is", "Anne Roy", "turn") in got
    assert ("That is", "The Chair", "turn") in got  # no one named beside "Chair"


@pytest.mark.model
def test_turns_speak_for_their_labels_and_i_in_a_turn_is_its_speaker():
    text = TRANSCRIPT.replace("Not yet.", 'Not yet. I told the governor, quote, "We are '
                              'out of pumps and out of time."')
    got = quotes(text, {"Paul Ortiz": ("Paul Ortiz", "person")})
    assert ("Thank you.", "Paul Ortiz", "turn") in got
    assert ("We will", "Rita Sands", "turn") in got  # named only by her label
    assert ("We are", "Paul Ortiz", "colon") in got  # "I told ..." inside his turn
    assert ("One more", None, "question") in got
    assert ("Mayor, is", "Anna Berg", "turn") in got


@pytest.mark.model
def test_q_and_a_answers_are_the_interviewees_and_questions_the_examiners():
    """"A:" names a part, not a person: the answer is the interviewee's, the person the
    paragraph that opens the exchange names first (not the story's first person); the
    questions are the examiner's when that paragraph says who put them."""
    text = ("Lena Holm chaired the inquiry, which sat for nine days.\n\n"
            "The duty officer, Marcus Vale, was cross-examined by counsel for the families, "
            "Ruth Okoro. The exchange ran:\n\n"
            "Q: You signed the log at six?\n\nA: I did.\n\n"
            "Q: Knowing the pumps were down?\n\nA: Knowing one was down.\n")
    got = quotes(text, {"Lena Holm": ("Lena Holm", "person"),
                        "Marcus Vale": ("Marcus Vale", "person"),
                        "Ruth Okoro": ("Ruth Okoro", "person")})
    assert ("I did.", "Marcus Vale", "interview") in got
    assert ("Knowing one", "Marcus Vale", "interview") in got
    assert ("You signed", "Ruth Okoro", "question") in got


_ONE_QUOTE = [
    # a partial quote in a reported clause is the reporter's, not the clause subject's
    ("Kerry-Ann Lindo, the MP for the area, said the Water Board had promised a new well "
     "field at Innswood \u201cas far back as 2019.\u201d",
     {"Kerry-Ann Lindo": "person", "Water Board": "organization"},
     ("as far", "Kerry-Ann Lindo", "governed")),
    # a spokesman for a body described again speaks for the body named before
    ("The Brennan Falls Regional Transit Authority will cut 14 bus routes in June.\n\n"
     "A spokesman for the transit authority said the agency had \u201cno plan B that does "
     "not involve painful choices\u201d and would present a new map.",
     {"Brennan Falls Regional Transit Authority": "organization"},
     ("no plan", "Brennan Falls Regional Transit Authority", "governed")),
    # a verb the parse left without a subject: the person whose "of" phrase names the body
    ("In an interview with this newspaper, economist Ryo Fujieda of the Kasumi Research "
     "Institute said stockpile releases alone \u201ccannot fix a supply structure that was "
     "designed for decline.\u201d",
     {"Ryo Fujieda": "person", "Kasumi Research Institute": "organization"},
     ("cannot fix", "Ryo Fujieda", "governed")),
    # a reply comes from the one who was asked
    ("The prosecutor, Folake Adeyemi, asked Chukwudi Anyanwu why the money had moved.\n\n"
     "\u201cI did not know about that account,\u201d the defendant replied.",
     {"Folake Adeyemi": "person", "Chukwudi Anyanwu": "person"},
     ("I did", "Chukwudi Anyanwu", "tail")),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "kinds", "want"), _ONE_QUOTE,
                         ids=["reported-clause", "spokesman-for-body", "member-of-body", "reply"])
def test_the_one_quote_of_a_passage_has_its_speaker(text, kinds, want):
    assert quotes(text, {n: (n, k) for n, k in kinds.items()}) == [want]


@pytest.mark.model
def test_he_or_she_in_a_turn_is_someone_talked_about_not_the_one_talking():
    text = ("HOST: What did the minister, Anjali Dorsey, say to that?\n\n"
            "GUEST: I will tell you. She said, “Ellen, five years will kill the deal.”\n\n"
            "HOST: And the Treasurer, Callum Freer, said on Sunday, and I'm quoting him "
            "here, “the Senate has a choice between houses and headlines.”\n")
    got = quotes(text, {"Anjali Dorsey": ("Anjali Dorsey", "person"),
                        "Callum Freer": ("Callum Freer", "person")})
    assert ("Ellen, five", "Anjali Dorsey", "colon") in got
    assert ("the Senate", "Callum Freer", "colon") in got


@pytest.mark.model
def test_the_answers_of_an_interview_are_the_interviewees():
    text = ("Lea Moss has run the Harbour Shelter for ten years. Her deputy, Tom Reyes, "
            "joined in 2019.\n\n**Why stay?**\n\nBecause nobody else will. The city closed "
            "two shelters last winter.\n\n**What do you need?**\n\nBeds, mostly.")
    got = quotes(text, {"Lea Moss": ("Lea Moss", "person"), "Tom Reyes": ("Tom Reyes", "person")})
    assert got == [("Why stay?", None, "question"), ("Because nobody", "Lea Moss", "interview"),
                   ("What do", None, "question"), ("Beds, mostly.", "Lea Moss", "interview")]


@pytest.mark.model
def test_a_description_goes_to_the_person_it_fits():
    text = ("Sen. Ray Kowalski (R-Ohio) and Sen. Dale Whitcomb (R-Wyo.) met on Tuesday.\n\n"
            "“We are close,” the Wyoming Republican said.\n\n"
            "Joseph Banda, 44, and Peter Mulenga, 61, lost their boats.\n\n"
            "“Everything I owned was in it,” the 61-year-old fisherman said.")
    got = quotes(text, {"Ray Kowalski": ("Ray Kowalski", "person"),
                        "Dale Whitcomb": ("Dale Whitcomb", "person"),
                        "Joseph Banda": ("Joseph Banda", "person"),
                        "Peter Mulenga": ("Peter Mulenga", "person")},
                 {"Joseph Banda": [Role("Fisherman")], "Peter Mulenga": [Role("Fisherman")]})
    assert got == [("We are", "Dale Whitcomb", "tail"),
                   ("Everything I", "Peter Mulenga", "tail")]


@pytest.mark.model
def test_an_unnamed_spokesman_speaks_for_the_body_he_was_introduced_with():
    text = ("A spokesman for the Ministry of Water denied the charge. “We warned them "
            "three times, in writing,” the spokesman said.")
    got = quotes(text, {"Ministry of Water": ("Ministry of Water", "organization")})
    assert got == [("We warned", "Ministry of Water", "tail")]


@pytest.mark.model
def test_a_statement_speaks_for_whoever_issued_it():
    text = ("Defence Minister Konrad Albers rejected the charge in a written statement. "
            "“All deliveries were approved under the rules,” the statement said.\n\n"
            "The group Water Without Borders issued a statement saying its trucks were "
            "“turned back at three checkpoints without explanation.”")
    got = quotes(text, {"Konrad Albers": ("Konrad Albers", "person"),
                        "Water Without Borders": ("Water Without Borders", "organization")})
    assert got == [("All deliveries", "Konrad Albers", "tail"),
                   ("turned back", "Water Without Borders", "governed")]


@pytest.mark.model
def test_an_unclosed_quote_ends_at_the_attribution_written_inside_it():
    text = ("Villagers said no siren sounded. ``We heard the sirens only after the water "
            "rose, said Peter Mulenga, the headmaster.\n\n``The school is gone,'' said "
            "Joseph Banda.")
    got = quotes(text, {"Peter Mulenga": ("Peter Mulenga", "person"),
                        "Joseph Banda": ("Joseph Banda", "person")})
    assert got == [("We heard", "Peter Mulenga", "tail"), ("The school", "Joseph Banda", "tail")]
    text = "“We will stay, said Peter Mulenga. “And we will fight.”\n\nJoseph Banda agreed."
    got = quotes(text, {"Peter Mulenga": ("Peter Mulenga", "person"),
                        "Joseph Banda": ("Joseph Banda", "person")})
    assert got == [("We will", "Peter Mulenga", "tail"), ("And we", "Peter Mulenga", "split")]


@pytest.mark.model
def test_she_after_two_people_goes_to_the_woman_the_pronouns_marked():
    text = ("Tendai Moyo chaired the meeting, and she opened it at noon. Farai Dube spoke "
            "next; he asked for a vote.\n\n“We will not wait another year,” she said.")
    got = quotes(text, {"Tendai Moyo": ("Tendai Moyo", "person"),
                        "Farai Dube": ("Farai Dube", "person")})
    assert got == [("We will", "Tendai Moyo", "tail")]


@pytest.mark.model
def test_a_body_speaks_for_its_owner():
    text = "Uzbekistan's government has said it wants to “turn the dry seabed into a garden.”"
    got = quotes(text, {"Uzbekistan": ("Uzbekistan", "country")})
    assert got == [("turn the", "Uzbekistan", "governed")]


@pytest.mark.model
def test_a_long_phrase_a_labelling_verb_quotes_is_speech_a_short_one_a_label():
    text = ("Sen. Elena Ruiz called the aid program “a bailout for a crisis the president "
            "created.” Sen. Mark Oakes called it “a gimmick”.")
    got = quotes(text, {"Elena Ruiz": ("Elena Ruiz", "person"),
                        "Mark Oakes": ("Mark Oakes", "person")})
    assert got == [("a bailout", "Elena Ruiz", "governed")]


@pytest.mark.model
def test_an_aged_description_nobody_fits_goes_to_the_person_in_focus():
    text = ("Russian captain Artyom Belov said his players had sung in the dressing room.\n\n"
            "“Nobody can stop us singing,” the 31-year-old forward said.")
    got = quotes(text, {"Artyom Belov": ("Artyom Belov", "person")})
    assert got == [("Nobody can", "Artyom Belov", "tail")]


@pytest.mark.model
def test_a_speaker_the_mention_finder_missed_becomes_a_person_of_the_document():
    text = ("“Either the terms change or the licence goes,” Mining Minister Batbayar Gansukh "
            "told reporters.\n\n“We have been patient,” said Gansukh.")
    from chronicle.nlp import load_nlp

    doc = load_nlp()(text)
    actors = DocActors(doc_id="d", entities=[], spans=[], doc=doc)
    found = find_quotes(doc, Document(id="d", text=text, source="test"), actors, ranked=False)
    speakers = {actors.entity(q.speaker).name for q in found if q.speaker}
    assert speakers == {"Batbayar Gansukh"}
    (person,) = actors.all_entities()
    assert person.kind == "person" and len(person.mentions) == 1


def test_a_label_after_a_bracketed_cue_is_still_a_label():
    text = ("ANNA BERG: Welcome back to the show.\n\nPAUL ORTIZ: Thank you for having me.\n\n"
            "[CLIP] RITA SANDS: We will send the pumps tonight.\n\n"
            "BERG: Mayor, is that enough?\n\n"
            "[VOICEMAIL] KAYLA, LAUNCESTON: I just want a longer lease.\n")
    turns = find_turns(text, paragraphs(text), TITLE_WORDS)
    assert [t.name for t in turns] == ["ANNA BERG", "PAUL ORTIZ", "RITA SANDS", "BERG",
                                       "KAYLA"]
