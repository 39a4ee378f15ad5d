"""Who speaks each turn of a transcript or interview (turns.py).

A label names its speaker ("SEN. PATRICIA OYELARAN (D-LA):"), later often by surname alone
("OYELARAN:"): the speaker is the document's person of that name, else the one a fuller
label named before. A speaker the text names only in labels (the mayor in a video clip)
still speaks: the label makes a person of its own, kept beside the document's entities (the
ledger) with the label's title as role. A label that names a post ("The Minister for
Health:") is the person the text names beside that post, else a speaker of its own. An
answer with no label is the interviewee's: the person the introduction talks about most.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from chronicle.extractors.actors.descriptions import OUTLET_NAMES
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.vocab import HONORIFICS, ORG_TAILS, TITLE_WORDS
from chronicle.extractors.quotes.turns import Turn
from chronicle.extractors.quotes.words import EXAMINED_BY, QUESTION_LABELS
from chronicle.nlp.labels import ENTITY_KINDS, NAME_ENTITIES
from chronicle.records import Entity, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.document import DocActors


def written_name(label: str) -> str:
    """"Jean-Pierre O'Brien" from "JEAN-PIERRE O'BRIEN": a label's capitals as a name."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), label.lower())


def make_person(actors: DocActors, name: str, span: tuple[int, int], title: str | None = None
                ) -> str:
    """A person the text names where the mention finder saw none (a label, the subject of a
    speech verb), kept in the ledger beside the document's entities: its key."""
    assert actors.ledger is not None
    ledger = actors.ledger
    for ent in ledger.entities:
        if ent.kind == "person" and ent.name == name:
            ent.mentions.append(Span(actors.doc_id, *span))
            return ent.key
    ent = Entity(key=f"{actors.doc_id}#{ledger.first_number + len(ledger.entities)}",
                 doc=actors.doc_id, name=name, kind="person", names=[name],
                 roles=[Role(title=title)] if title else [],
                 mentions=[Span(actors.doc_id, *span)])
    ledger.entities.append(ent)
    return ent.key


# What stands between an office and its holder's name: a comma and a title or two
# ("the Minister for Health, Deputy Anne Roy"), or a comma and "the" ("Anne Roy, the
# Minister for Health"); a clause between them ("... said on Tuesday that X") is no apposition.
_APPOSED_AFTER = re.compile(r"\s*,?\s*(?:[A-Z][\w.’'-]*\s+){0,3}")
_APPOSED_BEFORE = re.compile(r",\s*(?:the\s+)?", re.IGNORECASE)


def _office(words: list[str]) -> bool:
    """A label that names a post, not a person: it opens with "the", or every word is a
    title ("Chairman", "Chief Minister")."""
    return words[0] == "the" or all(w.strip(".") in TITLE_WORDS for w in words)


_EXAMINED_BY = re.compile(rf"\b(?:{'|'.join(map(re.escape, sorted(EXAMINED_BY)))}) by\b")


class TurnSpeakers:
    """The speaker key of every turn, in order; persons made from labels go to the ledger."""

    def __init__(self, turns: list[Turn], actors: DocActors, text: str):
        self.turns, self.actors, self.text = turns, actors, text
        self._by_surname: dict[str, str] = {}
        self._holders: dict[str, str] = {}  # a post's label -> its holder
        self._interviewee: str | None = None
        self.keys = [self._speaker(t) for t in turns]

    def _speaker(self, turn: Turn) -> str | None:
        if turn.role == "question":
            named = turn.name and fold(turn.name).strip(".") not in QUESTION_LABELS
            return self._named(turn) if named else self.questioner()
        if turn.role == "answer":  # "A:" names a part, not a person
            return self.interviewee()
        return self._named(turn) if turn.name else None

    def _named(self, turn: Turn) -> str | None:
        assert turn.name is not None
        words = fold(turn.name).split()
        if _office(words):  # "The Minister for Health:": the post's holder, if named
            post = " ".join(words)
            if post not in self._holders:
                self._holders[post] = self._holder(turn.name) or self._made(turn)
            return self._holders[post]
        surname = words[-1]
        if surname in self._by_surname:
            return self._by_surname[surname]
        key = self._in_document(words) or self._made(turn)
        self._by_surname[surname] = key
        return key

    def _holder(self, office: str) -> str | None:
        """The person the text names beside the office a label gives ("the Minister for
        Health, Deputy Anne Roy"; "Anne Roy, the Minister for Health"), if any; a label
        with no holder named speaks as itself ("The Chair")."""
        phrase = re.sub(r"^the\s+", "", office.strip(), flags=re.IGNORECASE)
        people = [(st, e, k) for st, e, k in self.actors.spans if self.actors.kind(k) == "person"]
        for m in re.finditer(rf"\b{re.escape(phrase)}\b", self.text, re.IGNORECASE):
            for st, e, key in people:
                after = st >= m.end()
                between = self.text[m.end():st] if after else self.text[e:m.start()]
                if (_APPOSED_AFTER if after else _APPOSED_BEFORE).fullmatch(between):
                    return key
        return None

    def _in_document(self, words: list[str]) -> str | None:
        """The person of the document that bears the label's name (full, else surname)."""
        whole = " ".join(words)
        full, last = [], []
        for ent in self.actors.all_entities():
            if ent.kind in ("country", "location"):
                continue
            names = [fold(n) for n in (ent.name, *ent.names)]
            if whole in names and (len(words) > 1 or ent.kind == "person"):
                full.append(ent.key)
            elif ent.kind == "person" and any(n.split()[-1:] == words[-1:] for n in names):
                last.append(ent.key)
        found = full or last
        return found[0] if len(set(found)) == 1 else None

    def _made(self, turn: Turn) -> str:
        """A person of the label's name, mentioned where the label is written."""
        assert turn.name is not None
        titles = [w for w in (turn.title or "").split() if w.lower() not in HONORIFICS]
        return make_person(self.actors, written_name(turn.name), (turn.label_start,
                           turn.label_end), written_name(" ".join(titles)) if titles else None)

    def interviewee(self) -> str | None:
        """The person the paragraph that opens the exchange names first ("Fortier spoke
        with the Ledger on Thursday"), else the person the introduction names first, as
        its lede does ("Oumou Dembélé has spent three years ..."); the person the document
        names most when the introduction names nobody."""
        if self._interviewee is None:
            opening, first = self._opening() if self.turns else (0, 0)
            people = [k for s, _e, k in self.actors.spans if self.actors.kind(k) == "person"]
            before = [(s, k) for s, _e, k in self.actors.spans
                      if s < first and self.actors.kind(k) == "person"]
            leading = [k for s, k in before if s >= opening > 0]
            if before:
                self._interviewee = leading[0] if leading else before[0][1]
            elif people:
                self._interviewee = Counter(people).most_common(1)[0][0]
        return self._interviewee

    def _opening(self) -> tuple[int, int]:
        """The paragraph before the first turn, which opens the exchange."""
        first = self.turns[0].label_start if self.turns[0].label_start >= 0 \
            else self.turns[0].start
        end = self.text.rfind("\n\n", 0, first)
        return self.text.rfind("\n\n", 0, max(end, 0)) + 1, max(end, 0)

    def questioner(self) -> str | None:
        """Who puts the questions: the person the opening paragraph names after "by" with
        a verb of asking ("was cross-examined by the defence barrister, Adrian Keble",
        "was questioned by ..."); None (an unnamed reporter) otherwise."""
        if not self.turns:
            return None
        start, end = self._opening()
        paragraph = self.text[start:end]
        by = _EXAMINED_BY.search(paragraph)
        if by is None:
            return None
        after = [(s, e, k) for s, e, k in self.actors.spans if start + by.end() <= s < end
                 and self.actors.kind(k) == "person" and self.text[e:e + 2] not in ("'s", "’s")]
        return after[0][2] if after else None

    def at(self, pos: int) -> int | None:
        """The index of the turn holding character `pos`, if any."""
        for n, turn in enumerate(self.turns):
            if turn.start <= pos < turn.end:
                return n
        return None

    def addressed(self, n: int) -> str | None:
        """"you" in a turn: the guest of the next turn that is no question (the person the
        host or reporter speaks to), else the speaker of the turn before."""
        for turn, key in zip(self.turns[n + 1:], self.keys[n + 1:], strict=True):
            if turn.role not in ("question", "host") and key is not None:
                return key
        return self.keys[n - 1] if n > 0 else None


def person_name(tok: Token, phrase: str) -> str | None:
    """"Batbayar Gansukh" from "Mining Minister Batbayar Gansukh": the words of a proper
    name that can only be a person's (two to four capitalised words, no organisation
    word, not tagged as a place or a body), else None."""
    if tok.ent_type_ and tok.ent_type_ != "PERSON" and (
            tok.ent_type_ in NAME_ENTITIES or tok.ent_type_ not in ENTITY_KINDS):
        return None  # the model read a place, a body, a date ... there
    words = phrase.split()
    titled = [i for i, w in enumerate(words[:-1]) if fold(w).rstrip(".,") in TITLE_WORDS]
    words = words[titled[-1] + 1:] if titled else words  # "Mining Minister Batbayar Gansukh"
    folded = {fold(w) for w in words}
    if not 2 <= len(words) <= 4 or folded & (ORG_TAILS | OUTLET_NAMES) or not all(
            w[:1].isupper() and not w.isupper() and w.replace("-", "").replace("’", "")
            .replace("'", "").isalpha() for w in words):
        return None
    return " ".join(words)
