"""What pronouns and role nouns refer back to, by salience rules that are cheap and explainable.

A personal pronoun prefers a person who is a grammatical subject: a subject before it in
its own sentence, else the latest subject of the sentences before; an object pronoun ("Khaddam
received him") skips its own clause's subject; a pronoun in a fronted phrase ("Upon his
return, Khaddam ...") points forward to the main subject. "it", "they" and "the group" follow
the organisation in focus (focus.py); "the researcher" the latest person holding that role.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chronicle.extractors.actors.descriptions import STATEMENT_NOUNS, described
from chronicle.extractors.actors.focus import is_focus_word
from chronicle.extractors.actors.letters import letter_party
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.referents import Referents
from chronicle.extractors.actors.vocab import (
    ADDRESSEE_STYLES,
    FEMALE_PRONOUNS,
    FIRST_PERSON,
    OFFICIAL_NOUNS,
    ORG_TAILS,
    PERSON_OBJECTS,
    PERSON_PRONOUNS,
    PERSON_REFLEXIVES,
    REFERRING_DETS,
    REFERRING_MODIFIERS,
    ROLE_PREPOSITIONS,
    SECOND_PERSON,
    SPEAKER_PREPOSITIONS,
    STATE_WORDS,
)
from chronicle.nlp.labels import APPOSITIVES, OBJECTS, OWNER_MODIFIERS, PRENOMINAL, SUBJECTS, VERBS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token



STORY_COUNTRY = 4.0  # a country this salient (a recent subject, or named often) is the
# government an unnamed official speaks for; a state named once in passing is not


def antecedent(actors: Referents, token: Token) -> str | None:
    low = token.lower_
    if low in PERSON_PRONOUNS:
        return _person(actors, token)
    if (low in FIRST_PERSON or low in SECOND_PERSON or low in ADDRESSEE_STYLES) \
            and not _quoted(token.sent, token.idx):
        return letter_party(token, actors.letters())
    definite = token.pos_ == "NOUN" and _definite(token)
    served = served_body(actors, token) if definite else None
    if served is not None:
        return served
    if definite:
        named = _named_like(actors, token) or described(actors, token)
        if named is not None:
            return named
    elif token.pos_ == "PROPN" and _definite(token):  # "the Ohio Republican"
        named = described(actors, token) or _named_like(actors, token)  # "the Mission"
        if named is not None or low not in STATE_WORDS:
            return named
        definite = True  # "the Government" capitalised: the state, as in lower case
    owner = _owner(actors, token)
    if owner is not None:
        return owner
    if is_focus_word(token):
        return actors.focus().get(token.i)
    if definite and (low in STATE_WORDS or token.lemma_ in STATE_WORDS):
        return _salient_country(actors, token)
    if token.pos_ == "NOUN" and token.lemma_ in OFFICIAL_NOUNS:
        found = _official(actors, token) or (_earlier_official(actors, token) if definite
                                             else None)
        if found is not None:
            return found
    return _role_holder(actors, token) if definite else None


def served_body(actors: Referents, token: Token) -> str | None:
    """"The representative of the Russian Federation said": an official noun followed by
    the body it serves speaks for that body, not for an earlier official whose title
    holds the same word ("Special Representative of the Secretary-General")."""
    if token.pos_ != "NOUN" or token.lemma_ not in OFFICIAL_NOUNS or not any(
            c.dep_ == "prep" and c.lower_ in ROLE_PREPOSITIONS and c.i > token.i
            for c in token.children):
        return None
    return _official(actors, token) or _served_described(actors, token)


def _served_described(actors: Referents, token: Token) -> str | None:
    """"a spokeswoman for the governor": the person "the governor" describes, who speaks
    through her."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.i > token.i
                 and c.lower_ in ROLE_PREPOSITIONS):
        for obj in (o for o in prep.children if o.dep_ == "pobj" and _definite(o)):
            key = described(actors, obj) or _named_like(actors, obj)
            if key is not None:
                return key
    return None


def _named_like(actors: Referents, token: Token) -> str | None:
    """'the brigade', 'the court', 'the ministry': the latest organisation before it whose
    name ends in that word ("the Cedar Brigade", "the Supreme Court"), and holds the
    words before it ("the transit authority": "... Regional Transit Authority")."""
    word = token.lemma_.lower()
    if word not in ORG_TAILS:
        return None
    modifiers = {fold(c.text) for c in token.children if c.dep_ in PRENOMINAL
                 and c.i < token.i and c.lower_ not in REFERRING_MODIFIERS}
    for start, _end, key in reversed(actors.spans):
        if start >= token.idx:
            continue
        ent = actors.entity(key)
        if ent.kind in {"organization", "group"} and any(
                word in _head_words(fold(n).split())
                and modifiers <= set(fold(n).split())  # "the transit authority"
                for n in [ent.name, *ent.names]):
            return key
    return None


def _head_words(words: list[str]) -> set[str]:
    """The words of a body's name that can stand for it: the first, the last, and the one
    before its "of", "in" or "for" ("the mission": "United Nations Mission in South Sudan")."""
    return {*words[:1], *words[-1:], *(w for w, nxt in zip(words, words[1:], strict=False)
                                       if nxt in ("of", "in", "for"))}


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in REFERRING_DETS for c in token.children)


def _mention_tokens(actors: Referents, sent: Span) -> list[tuple[Token, str]]:
    """(head token, entity key) of each mention in a sentence, in order."""
    out = []
    for start, end, key in actors.mentions_between(sent.start_char, sent.end_char):
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.append((span.root, key))
    return out


def _kind(actors: Referents, key: str) -> str:
    return actors.entity(key).kind


def _quoted(sent: Span, offset: int) -> bool:
    """Whether a character of the sentence lies between quote marks."""
    before = sent.text[:offset - sent.start_char]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


def _fits_gender(actors: Referents, key: str, pronoun: Token) -> bool:
    """'she' is not a man the text calls Mr or Hassan; 'he' not a woman."""
    want = "f" if pronoun.lower_ in FEMALE_PRONOUNS else "m"
    return actors.gender(key) in (None, want)


def _person(actors: Referents, token: Token) -> str | None:
    sent = token.sent
    inside = _quoted(sent, token.idx)
    mentions = [(t, k) for t, k in _mention_tokens(actors, sent) if _kind(actors, k) == "person"
                and _quoted(sent, t.idx) == inside and _fits_gender(actors, k, token)]
    exclude = None
    if token.dep_ in OBJECTS or token.lower_ in PERSON_OBJECTS:
        exclude = _clause_subject(actors, token)
    main = [(t, k) for t, k in mentions if t.dep_ in SUBJECTS and t.head == sent.root]
    if main and token.i < main[0][0].i and token.lower_ not in PERSON_REFLEXIVES:
        return main[0][1]  # cataphora: "Upon his return, Khaddam conveyed ..."
    before = [(t, k) for t, k in mentions if t.i < token.i and k != exclude
              and not (token.dep_ in SUBJECTS and asked_about(t, token.head))]
    subjects = [k for t, k in before if t.dep_ in SUBJECTS]
    if subjects:
        return subjects[-1]
    if before and token.dep_ in OBJECTS:
        return before[-1][1]  # "criticism of Haddad, accusing him of ..."
    back = sent.start
    for _ in range(3):
        if back <= 0:
            break
        prev = sent.doc[back - 1].sent
        found = [(t, k) for t, k in _mention_tokens(actors, prev)
                 if _kind(actors, k) == "person" and k != exclude
                 and (inside or not _quoted(prev, t.idx)) and _fits_gender(actors, k, token)]
        subjects = [k for t, k in found if t.dep_ in SUBJECTS]
        if subjects:
            return subjects[-1]
        if found:  # no subject in the parse: the first name, where English puts the topic
            return found[0][1]
        back = prev.start
    if before:
        return before[-1][1]
    return actors.last_mentioned(token.idx)


def asked_about(name: Token, verb: Token | None) -> bool:
    """"Asked whether Ben-Harush had crossed a line, he said": a name inside a participle
    fronted before the main verb, whose own subject is the main clause's, is what "he" was
    asked about, not who "he" is."""
    if verb is None or verb != name.sent.root:
        return False
    return any(c.dep_ == "advcl" and c.tag_ in ("VBN", "VBG") and c.i < verb.i
               and not any(g.dep_ in SUBJECTS for g in c.children)
               and c.left_edge.i <= name.i <= c.right_edge.i for c in verb.children)


def _clause_subject(actors: Referents, token: Token) -> str | None:
    head = token.head
    while head.dep_ != "ROOT" and head.pos_ not in VERBS:
        head = head.head
    for child in head.children:
        if child.dep_ in SUBJECTS:
            return actors.at(child.idx, child.idx + len(child)) or (
                antecedent(actors, child) if child.lower_ != token.lower_ else None)
    return None


def _official(actors: Referents, token: Token) -> str | None:
    """'a NATO spokesman', 'a ministry spokesman', 'a spokesman in Beijing': the body or
    country an unnamed official speaks for."""
    kinds = {e.key: e.kind for e in actors.entities}
    bodies = ("organization", "country", "group")
    for child in token.children:  # "the spokesman, who gave his name as X": X himself
        if child.dep_ in APPOSITIVES:
            for sub in child.subtree:
                key = actors.at(sub.idx, sub.idx + len(sub))
                if key is not None and kinds.get(key) == "person":
                    return key
    for child in token.children:
        if child.dep_ in OWNER_MODIFIERS and child.i < token.i:
            key = actors.at(child.idx, child.idx + len(child)) or next(
                (k for t in child.subtree if (k := actors.at(t.idx, t.idx + len(t)))
                 and kinds.get(k) in bodies), None)  # "the Russian Foreign Ministry's"
            if key is not None and kinds.get(key) in bodies:
                return key
            if child.pos_ == "NOUN":  # "a ministry spokesman": the latest such ministry
                word = child.lower_
                for start, _end, key in reversed(actors.spans):
                    if start < token.idx and kinds.get(key) == "organization" \
                            and word in fold(actors.entity(key).name).split():
                        return key
        if child.dep_ == "prep" and (child.lower_ in SPEAKER_PREPOSITIONS
                                     or child.lower_ in ROLE_PREPOSITIONS):
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                key = actors.at(obj.idx, obj.idx + len(obj))
                if key is not None and kinds.get(key) in bodies:
                    return key
                if key is not None and kinds.get(key) == "location":
                    return _country_of_place(actors, actors.entity(key).name)
    return None


def _owner(actors: Referents, token: Token) -> str | None:
    """"Uzbekistan's government", "Chile's football federation", "President X's office": a
    body or office speaks for whoever owns it."""
    if token.pos_ != "NOUN" or not (token.lemma_ in STATE_WORDS or token.lemma_ in ORG_TAILS):
        return None
    for child in token.children:
        if child.dep_ == "poss":
            key = actors.at(child.idx, child.idx + len(child))
            if key is not None and _kind(actors, key) != "location":
                return key
    return None


def _earlier_official(actors: Referents, token: Token) -> str | None:
    """"the spokesman said" after "a spokesman for the ministry": whoever the official
    introduced before speaks for; else the country in the story ("the minister says",
    nobody named a minister)."""
    return introduced_official(actors, token) or _salient_country(actors, token, STORY_COUNTRY)


def introduced_official(actors: Referents, token: Token) -> str | None:
    """For "the official" (no words of its own): what the official introduced last ("a
    spokesman for the ministry", "a finance ministry official") speaks for, the country in
    the story when that body has no name of its own. None when none was introduced."""
    if token.pos_ != "NOUN" or token.lemma_ not in OFFICIAL_NOUNS or not _definite(token) \
            or token.lemma_ in STATEMENT_NOUNS \
            or any(c.dep_ not in ("det", "punct") and c.i < token.i for c in token.children):
        return None
    for prev in reversed(token.doc[max(0, token.i - 300):token.i]):
        if prev.lemma_ == token.lemma_ and prev.pos_ == "NOUN" and not _definite(prev):
            found = _official(actors, prev)
            if found is not None:
                return found
            if any(c.dep_ in OWNER_MODIFIERS and c.pos_ in ("NOUN", "PROPN")
                   for c in prev.children):
                # "a finance ministry official": the government of the story's country
                return _salient_country(actors, token, STORY_COUNTRY)
            return None
    return None


def _country_of_place(actors: Referents, name: str) -> str | None:
    """'a spokesman in Beijing' speaks for China: the country of a capital city only."""
    from chronicle.extractors.places.gazetteer import gazetteer

    place = gazetteer().locate(name)
    if not place.country:
        return None
    capital = gazetteer().locate(place.country)
    if capital.lat is None or (capital.lat, capital.lon) != (place.lat, place.lon):
        return None
    return actors.country_named(place.country)


def _salient_country(actors: Referents, token: Token, least: float = 0.0) -> str | None:
    """'the government', 'the army': the country the story is about so far, recent
    mentions counting double; None when no country scores `least`."""
    kinds = {e.key: e.kind for e in actors.entities}
    for child in token.children:  # "the junta of Niger", "the army in Mali"
        objects = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ == "prep" \
            else [child] if child.dep_ in PRENOMINAL else []
        for obj in objects:
            key = actors.at(obj.idx, obj.idx + len(obj))
            if key is not None and kinds.get(key) == "country":
                return key
    sent_start = token.sent.start_char
    recent_from = max(0, sent_start - 600)
    score: dict[str, float] = {}
    doc = token.doc
    for start, end, key in actors.spans:
        if start >= token.idx:
            break
        if kinds.get(key) != "country":
            continue
        weight = 2.0 if start >= recent_from else 1.0
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:  # "Colombia's government", "Syria said": the state acting
            root = span.root
            if root.dep_ in SUBJECTS or (root.dep_ in PRENOMINAL and (
                    root.head.lower_ in STATE_WORDS or root.head.lemma_ in STATE_WORDS)):
                weight += 3.0
        score[key] = score.get(key, 0.0) + weight
    best = max(score, key=lambda k: score[k]) if score else None
    return best if best is not None and score[best] >= least else None


def _role_holder(actors: Referents, token: Token) -> str | None:
    """'the researcher' -> the latest person before it whose role has that noun."""
    noun = fold(token.text)
    holders = {e.key for e in actors.entities if e.kind == "person"
               and any(noun in fold(r.title).split() for r in e.roles)}
    if not holders:
        return None
    for start, _end, key in reversed(actors.spans):
        if start < token.idx and key in holders:
            return key
    return None
