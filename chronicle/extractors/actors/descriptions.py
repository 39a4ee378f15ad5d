"""Definite descriptions that refer back to an actor the text has named.

News names a person once and then describes them: "the 61-year-old minister", "the Ohio
Republican", "the veteran politician", "the manager". Each person the document names gets a
profile of the words that describe them where they are named: titles ("Energy Minister
Mwape Chisanga"), appositions ("Rosa Delgado, the director of ..."), an age ("Banda, 44"),
a party tag ("(R-Ohio)"), roles. A description fits a person whose profile holds its head
noun (or a word that noun covers: "the lawmaker" fits a "Sen."), and a different age rules a
person out; of those that fit, the one that fits most words wins, then the one most recently
a sentence's subject. Only people named before the description count.

"the paper" is the latest news outlet named; "the statement" speaks for whoever issued the
statement mentioned last ("Albers rejected the charge in a written statement").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chronicle import lang
from chronicle.extractors.actors.names import AGE_AFTER, fold
from chronicle.extractors.actors.vocab import (
    AGENT_ENDINGS,
    AGENT_NOUNS,
    NOT_AGENTS,
    NOT_ROLES,
    ROLE_NOUNS,
    TITLE_WORDS,
)
from chronicle.nlp.labels import NOMINAL_SUBJECTS, SHARED_SUBJECT_CLAUSES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.referents import Referents


def _rows(cls: str) -> dict[str, frozenset[str]]:
    return {r[1].strip(): frozenset(m.strip() for m in r[2].split(",") if m.strip())
            for r in lang.table("descriptions.tsv") if r[0].strip() == cls and len(r) > 2}


COVERS = _rows("covers")
PARTY_TAGS = {k: next(iter(v)) for k, v in _rows("party_tag").items()}
STATE_ABBREVIATIONS = {k: next(iter(v)) for k, v in _rows("state_abbr").items()}
OUTLET_NOUNS = _rows("outlet")["noun"]
OUTLET_NAMES = _rows("outlet")["name"]
STATEMENT_NOUNS = _rows("statement")["noun"]
PERSON_NOUNS = _rows("person")["noun"]
OFFICE_TITLES = frozenset(t.rstrip(".") for t in ROLE_NOUNS if " " not in t) | frozenset(
    w.rstrip(".") for w in TITLE_WORDS if w.endswith(".")) - NOT_ROLES
_DESCRIBING = frozenset({"amod", "compound", "nmod", "npadvmod", "nummod", "poss"})
_PARTY = "[" + "".join(sorted(p.upper() for p in PARTY_TAGS)) + "]"  # "R", "D", "I"
_TAG = re.compile(r"\s*(?:\(\s*(?P<party>[A-Z])\s*[-–]\s*(?P<state>[A-Z][A-Za-z. ]{1,14}?)\s*\)"
                  rf"|,\s*(?P<party2>{_PARTY})[-–](?P<state2>[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)"
                  r"(?=[,;:)]))")  # "(R-Ohio)", "(D-Ore.)", AP's ", R-Ohio,"
PARTY_TAG_OPENING = re.compile(  # what stands before a state: "(R-", ", D-", "(União-"
    rf"(?:^|[\s(,]){_PARTY}-$|\(\s*[A-Z][\w.]{{0,15}}\s*[-–]$")
_AGE = re.compile(r"(\d{1,3})[- ]years?[- ]old")
_SOURCE_PREPOSITIONS = frozenset({"from", "by", "of"})


@dataclass
class Profile:
    """The words that describe one person where the text names them."""

    words: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    first: int = 1 << 62  # where the person is first named
    mentions: list[int] = field(default_factory=list)  # where named, in order
    subjects: list[int] = field(default_factory=list)  # where named as a subject


def is_person_noun(word: str) -> bool:
    """A noun that can describe a person: a title, an agent noun, a story role."""
    if word in NOT_ROLES or word in NOT_AGENTS:
        return False
    return word in ROLE_NOUNS or word in TITLE_WORDS or word in AGENT_NOUNS or \
        word in PERSON_NOUNS or word in COVERS or word.endswith(AGENT_ENDINGS)


def described(actors: Referents, token: Token, focus: bool = False) -> str | None:
    """The actor a definite description ("the X") refers to, or None. A person description
    that fits nobody named goes to the person in focus when it gives an age, or always with
    `focus` (a speaker: the quote layer)."""
    word = fold(token.lemma_ or token.text)
    if word in OUTLET_NOUNS:
        return _outlet(actors, token)
    if word in STATEMENT_NOUNS:
        author = _author(actors, token)
        if author is not None or not is_person_noun(word):  # "the leader" of no
            return author  # statement is a person, not a British editorial
    if aged_noun(token):  # "the 52-year-old said"
        return _person(actors, token, None, focus)
    if not is_person_noun(word):
        return None
    return _person(actors, token, word, focus)


def aged_noun(token: Token) -> bool:
    """"the 52-year-old" standing as a noun: an age that describes a person (a subject, or
    read by the parse as a modifier of the verb it is the subject of)."""
    misread = token.dep_ in ("amod", "advmod", "npadvmod") and token.head.pos_ == "VERB" \
        and token.i < token.head.i
    return token.lower_ == "old" and (token.dep_ in NOMINAL_SUBJECTS or misread) and bool(
        _AGE.search(token.doc[token.left_edge.i:token.i + 1].text))


def _person(actors: Referents, token: Token, head: str | None, focus: bool) -> str | None:
    """The named person a description fits best; else, with `focus`, the one just in
    focus: news describes the person it is talking about ("Jens Riedel said ... The
    veteran lawmaker added"), and a different age or no subject nearby says otherwise."""
    want, ages = _description(token)
    best: tuple[Any, ...] | None = None
    named = profiles(actors)
    for key, prof in named.items():
        if prof.first >= token.idx or (head is None and not ages & prof.ages) or (
                head is not None and not _covered(head, prof.words)):
            continue
        if ages and prof.ages and not ages & prof.ages:
            continue
        score = sum(_covered(w, prof.words) for w in want) + len(ages & prof.ages)
        subjects = [s for s in prof.subjects if s < token.idx]
        mentions = [s for s in prof.mentions if s < token.idx]
        rank = (score, subjects[-1] if subjects else -1, mentions[-1] if mentions else -1, key)
        if best is None or rank > best:
            best = rank
    if best is None and (focus or ages):  # "the 31-year-old forward": the person just in focus
        return _focus_subject(named, token, ages, _paragraph_breaks(actors))
    return best[-1] if best is not None else None


def _paragraph_breaks(actors: Referents) -> list[int]:
    """Where the document's blank lines are (computed once per document)."""
    cache = getattr(actors, "_cache", None)
    if isinstance(cache, dict) and "breaks" in cache:
        return cache["breaks"]
    doc = getattr(actors, "doc", None)
    breaks = [m.start() for m in re.finditer("\n\n", doc.text)] if doc is not None else []
    if isinstance(cache, dict):
        cache["breaks"] = breaks
    return breaks


def _focus_subject(named: dict[str, Profile], token: Token, ages: set[str],
                   breaks: list[int]) -> str | None:
    """The person most recently a subject in this sentence or the two before, or anywhere
    in its paragraph (a quote of several sentences stands between the speaker's sentence
    and "the committee chair said"), when no age the text gives them rules the
    description's age out."""
    floor = token.doc[max(0, token.sent.start - 1)].sent.start
    floor = token.doc[max(0, floor - 1)].sent.start_char
    if breaks:  # a text in paragraphs: its paragraph's start, after the last blank line
        before = [b for b in breaks if b < token.idx]
        floor = min(floor, before[-1] + 2 if before else 0)
    last: tuple[int, str] | None = None
    for key, prof in named.items():
        if ages and prof.ages and not prof.ages & ages:
            continue
        subjects = [s for s in prof.subjects if floor <= s < token.idx]
        if subjects and (last is None or subjects[-1] > last[0]):
            last = (subjects[-1], key)
    return last[1] if last is not None else None


def _covered(word: str, words: set[str]) -> bool:
    return word in words or bool(COVERS.get(word, frozenset()) & words)


def _description(token: Token) -> tuple[set[str], set[str]]:
    """The content words of "the 67-year-old Ohio senator" and its age ({"67"})."""
    words: set[str] = set()
    phrase = [token]
    for child in token.children:
        if child.dep_ in _DESCRIBING and child.i < token.i:
            phrase += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
            phrase += list(child.subtree)
    for tok in phrase:
        if tok.pos_ in ("NOUN", "PROPN", "ADJ") and tok.i != token.i:
            words.add(fold(tok.lemma_ or tok.text))
    text = token.doc[min(t.i for t in phrase):max(t.i for t in phrase) + 1].text
    return words, set(_AGE.findall(text))


def profiles(actors: Referents) -> dict[str, Profile]:
    """The profile of every person of the document (computed once per document)."""
    cache = getattr(actors, "_cache", None)
    if isinstance(cache, dict) and "profiles" in cache:
        return cache["profiles"]
    out: dict[str, Profile] = {}
    doc = getattr(actors, "doc", None)
    text = doc.text if doc is not None else ""
    # a name given an age ("Roberto Salcedo, 52, has") is a person, whatever kind the
    # mention finder gave it
    aged = {key for _, end, key in actors.spans if text and AGE_AFTER.match(text, end)}
    for ent in actors.entities:
        if ent.kind != "person" and not _titled(ent, text) and not (
                ent.key in aged and ent.kind != "country"):
            continue
        prof = out.setdefault(ent.key, Profile())
        titles = set(ent.titles)  # a title used as a name may be coreference's guess
        for said in [*(n for n in (ent.name, *ent.names) if n not in titles),
                     *(r.title for r in ent.roles)]:
            prof.words.update(fold(said).replace(".", " ").split())
        for served in (r.of or "" for r in ent.roles):  # "a spokeswoman for the governor"
            prof.words.update(w for w in fold(served).replace(".", " ").split()  # is no
                              if not is_person_noun(w))  # governor: the body she serves
    if doc is not None:
        for start, end, key in actors.spans:
            if key in out:
                _read_mention(out[key], doc, text, (start, end))
    if isinstance(cache, dict):
        cache["profiles"] = out
    return out


def _titled(ent: Any, text: str) -> bool:
    """A person the mention finder took for something else ("Mining Minister Batbayar
    Gansukh" as an organisation): an office title stands right before a mention."""
    if ent.kind in ("country", "location") or not text:
        return False
    for span in ent.mentions:
        before = text[max(0, span.start - 24):span.start].split()
        if before and fold(before[-1]).rstrip(".") in OFFICE_TITLES:
            return True
    return False


def _read_mention(prof: Profile, doc: Any, text: str, where: tuple[int, int]) -> None:
    """Add what the text says about a person where it names them (`text` is the doc's,
    built once: spaCy rebuilds Doc.text on every access)."""
    start, end = where
    prof.first = min(prof.first, start)
    prof.mentions.append(start)
    tag = _TAG.match(text, end)
    if tag:  # "(R-Ohio)", "(D-Ore.)", ", R-Ohio,"
        party = PARTY_TAGS.get((tag.group("party") or tag.group("party2")).lower())
        state = (tag.group("state") or tag.group("state2")).strip()
        prof.words.update(w for w in (party,) if w)
        prof.words.update(fold(STATE_ABBREVIATIONS.get(state.lower(), state)).split())
    age = AGE_AFTER.match(text, end)
    if age:  # "Joseph Banda, 44,"
        prof.ages.add(age.group(1))
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return
    root = span.root
    if root.dep_ in NOMINAL_SUBJECTS or (
            root.dep_ in ("appos", "compound") and root.head.dep_ in NOMINAL_SUBJECTS) \
            or _relative_subject(root):
        prof.subjects.append(start)
    phrase: list[Token] = []
    for child in root.children:
        if child.dep_ in _DESCRIBING and child.i < span.start:
            phrase += list(child.subtree)
        elif child.dep_ == "appos":
            phrase += _noun_phrase(child)
    if root.dep_ == "appos":
        phrase += _noun_phrase(root.head)
    for tok in phrase:
        if tok.like_num and tok.pos_ == "NUM" and tok.dep_ == "appos":
            prof.ages.add(tok.text)
        elif tok.pos_ in ("NOUN", "PROPN", "ADJ"):
            prof.words.add(fold(tok.lemma_ or tok.text))
    prof.ages.update(_AGE.findall(" ".join(t.text for t in phrase)))


def _relative_subject(root: Token) -> bool:
    """"... spokeswoman, Aoife Kehoe, who told the chamber": the subject of the clause
    that says what she did, wherever the name itself stands."""
    heads = [root, root.head] if root.dep_ == "appos" else [root]
    return any(c.dep_ == "relcl" and any(g.dep_ in NOMINAL_SUBJECTS and g.lower_ == "who"
                                         for g in c.children)
               for h in heads for c in h.children)


def _noun_phrase(noun: Token) -> list[Token]:
    """A noun with the words before it and its of-phrase, without clauses."""
    out = [noun]
    for child in noun.children:
        if child.dep_ in _DESCRIBING and child.i < noun.i:
            out += list(child.subtree)
        elif child.dep_ == "prep" and child.lower_ in ("of", "for", "at", "in"):
            out += [t for t in child.subtree if t.dep_ not in ("relcl", "acl") and not (
                t.pos_ == "NOUN" and is_person_noun(fold(t.lemma_ or t.text)))]
    return out  # "a spokeswoman for the governor" is no governor: whom she serves is not her


def _outlet(actors: Referents, token: Token) -> str | None:
    """"the paper": the latest organisation named before that is a news outlet."""
    for start, _end, key in reversed(actors.spans):
        if start >= token.idx:
            continue
        ent = actors.entity(key)
        words = {w for n in [ent.name, *ent.names] for w in fold(n).split()}
        if ent.kind == "organization" and words & (OUTLET_NAMES | OUTLET_NOUNS):
            return key
    return None


def _author(actors: Referents, token: Token) -> str | None:
    """"the statement said": whoever issued the statement mentioned before ("X said in a
    statement", "X issued a statement", "a statement from X")."""
    doc = token.doc
    word = fold(token.lemma_ or token.text)
    for prev in reversed(doc[max(0, token.i - 400):token.i]):
        if fold(prev.lemma_ or prev.text) != word:
            continue
        for child in prev.children:  # "a statement from the ministry"
            if child.dep_ == "prep" and child.lower_ in _SOURCE_PREPOSITIONS:
                for obj in child.children:
                    key = actors.at(obj.idx, obj.idx + len(obj))
                    if key is not None:
                        return key
        verb = prev.head.head if prev.dep_ == "pobj" else prev.head
        for _ in range(4):  # "claimed to have launched drones, in a statement": who claimed
            for child in verb.children:
                if child.dep_ in NOMINAL_SUBJECTS and child.i != prev.i:
                    return actors.at(child.idx, child.idx + len(child)) or _subject_name(
                        actors, child)
            if verb.dep_ not in SHARED_SUBJECT_CLAUSES or verb.head.i == verb.i:
                break
            verb = verb.head
        return None
    return None


def _subject_name(actors: Referents, subject: Token) -> str | None:
    """A subject's name where the mention sits on a word beside it ("Defence Minister X",
    "an Iraqi faction calling itself X": the faction, not the country it is from)."""
    keys = [k for t in subject.subtree if (k := actors.at(t.idx, t.idx + len(t)))]
    return next((k for k in keys if actors.entity(k).kind != "country"), keys[0] if keys else None)


def describes(tok: Token) -> bool:
    """A definite description of a person: "the 61-year-old minister", "the Ohio
    Republican"."""
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and \
        is_person_noun(fold(tok.lemma_ or tok.text))
