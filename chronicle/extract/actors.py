"""Actors inside one document: mentions grouped into entities, with names, kinds and roles.

Within a document a bare surname or a title denotes the person it denotes *there*
("Al-Sharaa" in a 1990s archive is Farouk, in 2025 reporting Ahmed), so grouping happens
here, per document; `resolve` joins documents only through full names and known actors.
Grouping: known names by what they denote; full names by their transliteration-proof key
(a two-word prefix or suffix of a longer name joins it); a one-word name joins the nearest
full name that ends with it, else one that starts with it; "(HTS)" and "also known as" join
the names they follow; title phrases ("the Iraqi envoy") join the latest person holding
such a role.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from chronicle.extract import coref
from chronicle.extract.focus import resolve_focus
from chronicle.extract.gazetteer import Known, known_names
from chronicle.extract.grouping import group_candidates
from chronicle.extract.letters import LetterParties, letter_parties
from chronicle.extract.mentions import (
    Candidate,
    acronym_candidates,
    caps_candidates,
    entity_candidates,
    given_name_candidates,
    known_candidates,
    led_group_candidates,
    particle_candidates,
    surname_candidates,
)
from chronicle.extract.names import fold
from chronicle.extract.roles import role_candidates
from chronicle.records import Document, Entity, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class DocActors:
    """The entities of one document and where each is mentioned.

    `refer(token)` is the one entry point for "who is this token about": a token inside a
    mention gives that mention's entity; a pronoun ("he", "it", "they") or a role noun
    ("the group", "the Iraqi minister", "the diplomat") gives the entity it refers back to.
    """

    doc_id: str
    entities: list[Entity] = field(default_factory=list)
    # (start_char, end_char, entity key), sorted by start
    spans: list[tuple[int, int, str]] = field(default_factory=list)
    doc: Doc | None = None
    # entity key -> for each of its roles, the offsets where the text states it
    role_offsets: dict[str, list[list[int]]] = field(default_factory=dict)
    _by_key: dict[str, Entity] = field(default_factory=dict)
    _focus: dict[int, str] | None = None
    _genders: dict[str, str] | None = None
    _letters: LetterParties | None = None

    def __post_init__(self) -> None:
        self._by_key = {e.key: e for e in self.entities}

    def entity(self, key: str) -> Entity:
        return self._by_key[key]

    def at(self, start: int, end: int) -> str | None:
        """The entity with a mention overlapping characters [start, end), if any."""
        i = bisect_right(self.spans, (start, float("inf"), "")) - 1
        for j in range(max(0, i - 3), min(len(self.spans), i + 4)):
            s, e, key = self.spans[j]
            if s < end and start < e:
                return key
        return None

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Mentions lying inside [start, end), in text order."""
        i = bisect_right(self.spans, (start, -1, ""))
        out = []
        for s, e, key in self.spans[i:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, key))
        return out

    def refer(self, token: Token) -> str | None:
        """The entity a token denotes, through pronouns and role nouns."""
        key = self.at(token.idx, token.idx + len(token))
        if key is not None:
            return key
        return coref.antecedent(self, token)

    def focus(self) -> dict[int, str]:
        """Token index -> the organisation that 'it', 'they' or 'the group' points at."""
        if self._focus is None:
            self._focus = resolve_focus(self, self.doc) if self.doc is not None else {}
        return self._focus

    def letters(self) -> LetterParties:
        """Signatures and addresses, for "I" and "Your Excellency" in correspondence."""
        if self._letters is None:
            self._letters = letter_parties(self)
        return self._letters

    def gender(self, key: str) -> str | None:
        """"f", "m" or None: from a known first name, or "Mr"/"Ms" before a mention."""
        if self._genders is None:
            self._genders = _genders(self)
        return self._genders.get(key)

    def last_mentioned(self, before: int, kinds: tuple[str, ...] = ("person",)) -> str | None:
        """The entity of those kinds mentioned last before character `before`."""
        i = bisect_right(self.spans, (before, -1, ""))
        for _s, e, key in reversed(self.spans[:i]):
            if e <= before and self._by_key[key].kind in kinds:
                return key
        return None

    def date_roles(self, date_at: Callable[[int], str | None]) -> None:
        """Give each role the first and last dates at which the text says it was held."""
        for ent in self.entities:
            dated = []
            for role, offsets in zip(ent.roles, self.role_offsets.get(ent.key, [])):
                dates = sorted(d for d in (date_at(o) for o in offsets) if d)
                dated.append(replace(role, start=dates[0], end=dates[-1]) if dates else role)
            ent.roles = dated

    def country_of(self, key: str) -> str | None:
        """The key of the country an entity acts for: itself for a country, the country of
        its role for a person (named or not); None when the text does not say."""
        ent = self._by_key.get(key)
        if ent is None:
            return None
        if ent.kind == "country":
            return key
        for role in ent.roles:
            if role.of:
                found = self.country_named(role.of)
                if found:
                    return found
        return None

    def country_named(self, name: str) -> str | None:
        """The key of the country entity called `name`, created if the text never names it."""
        for ent in self.entities:
            if ent.kind == "country" and ent.name == name:
                return ent.key
        known = known_names().get(name)
        if known is None or known.kind != "country":
            return None
        ent = Entity(key=f"{self.doc_id}#{len(self.entities) + 1}", doc=self.doc_id,
                     name=known.canonical, kind="country", names=[known.canonical])
        self.entities.append(ent)
        self._by_key[ent.key] = ent
        return ent.key


HONORIFICS = {"mr": "m", "mr.": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m",
              "sheikh": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
              "madam": "f", "madame": "f", "mme": "f", "lady": "f", "queen": "f",
              "princess": "f", "sheikha": "f"}


def _genders(actors: DocActors) -> dict[str, str]:
    from chronicle.extract.gazetteer import given_names

    firsts = given_names()
    text = actors.doc.text if actors.doc is not None else ""  # Doc.text is rebuilt per access
    out: dict[str, str] = {}
    for ent in actors.entities:
        if ent.kind != "person":
            continue
        votes = [firsts.get(fold(n).split()[0]) for n in [ent.name, *ent.names]
                 if len(n.split()) >= 2]
        if text:
            for span in ent.mentions:
                before = text[max(0, span.start - 8):span.start].split()
                if before:
                    votes.append(HONORIFICS.get(before[-1].lower()))
        found = {v for v in votes if v}
        if len(found) == 1:
            out[ent.key] = found.pop()
    return out


def find_actors(doc: Doc, document: Document) -> DocActors:
    cands = _candidates(doc, document)
    groups = group_candidates(doc, document, cands)
    entities, spans, role_offsets = _entities(document, cands, groups)
    return DocActors(doc_id=document.id, entities=entities, spans=spans, doc=doc,
                     role_offsets=role_offsets)


def _candidates(doc: Doc, document: Document) -> list[Candidate]:
    byline = _dateline_tokens(doc, document.text)
    roles = role_candidates(doc, byline)
    led = led_group_candidates(doc)
    taken = byline | {i for c in roles + led for i in range(c.start, c.end)}
    inside = _inside_org_names(doc)
    known = [c for c in known_candidates(doc) if not taken & set(range(c.start, c.end))
             and not (c.known and c.known.kind in {"country", "group", "organization"}
                      and any(s <= c.start and c.end <= e and e - s > c.end - c.start
                              for s, e in inside))]
    taken |= {i for c in known for i in range(c.start, c.end)}
    named = entity_candidates(doc, taken)
    taken |= {i for c in named for i in range(c.start, c.end)}
    firsts = given_name_candidates(doc, taken)
    taken |= {i for c in firsts for i in range(c.start, c.end)}
    named += firsts
    particles = particle_candidates(doc, taken)
    taken |= {i for c in particles for i in range(c.start, c.end)}
    surnames = surname_candidates(doc, named + particles, taken)
    taken |= {c.start for c in surnames}
    acronyms = acronym_candidates(doc, taken)
    taken |= {c.start for c in acronyms}
    cands = sorted(known + named + particles + surnames + acronyms + led,
                   key=lambda c: c.start)
    names = {fold(c.surface): _as_known(c) for c in cands if len(c.surface) >= 4}
    for cand in caps_candidates(doc, {k: v for k, v in names.items() if v}, taken):
        if cand.known is not None and cand.known.key.startswith("name:"):
            cand.known = None  # a name of this document: it joins its group by name
        cands.append(cand)
    if document.outlet:
        for cand in cands:
            if cand.surface.casefold() == document.outlet.casefold() and cand.known is None:
                cand.known = Known(f"known:{document.outlet}", document.outlet, "organization")
    cands.sort(key=lambda c: c.start)
    cands += roles
    headings = _heading_lines(document.text)
    for cand in cands:
        cand.heading = any(s <= cand.start_char < e for s, e in headings)
    return cands


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Lines that look like headlines or section titles: short, no final full stop."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = line.split()
        if 0 < len(words) <= 14 and line.rstrip()[-1:] not in ".,;:\"”’'" and sum(
                w[:1].isupper() for w in words) >= len(words) / 2:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _dateline_tokens(doc: Doc, text: str) -> set[int]:
    """Tokens of wire datelines ("UNITED NATIONS (AP) --"): no actor is mentioned there."""
    from chronicle.extract.dates import dateline_spans

    out: set[int] = set()
    for start, end in dateline_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out |= set(range(span.start, span.end))
    return out


def _inside_org_names(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of organisation names that hold a country word: "Guyana Defence Force",
    "the French Foreign Ministry", "Nigerian Army". The name is the actor there."""
    out = []
    for ent in doc.ents:
        last = ent[-1]
        if ent.label_ in {"ORG", "FAC"} and len(ent) > 1 and last.pos_ == "PROPN" \
                and last.is_title and known_names().get(ent.text) is None:
            out.append((ent.start, ent.end))
    return out


def _as_known(cand: Candidate) -> Known | None:
    """A name seen in normal case, usable to spot the same name in an all-caps headline."""
    if cand.known is not None:
        return cand.known
    if cand.label in {"PERSON", "ORG"} and len(cand.keys) >= 2:
        return Known(f"name:{' '.join(cand.keys)}", cand.surface, "other")
    return None


def _entities(document: Document, cands: list[Candidate], groups: list[list[int]]
              ) -> tuple[list[Entity], list[tuple[int, int, str]], dict[str, list[list[int]]]]:
    from chronicle.extract.grouping import group_kind, group_name, group_roles

    groups = sorted(groups, key=lambda g: min(cands[i].start for i in g))
    entities: list[Entity] = []
    spans: list[tuple[int, int, str]] = []
    role_offsets: dict[str, list[list[int]]] = {}
    for members in groups:
        key = f"{document.id}#{len(entities) + 1}"
        kind = group_kind(cands, members)
        name = group_name(cands, members, kind)
        names = Counter(cands[i].surface for i in members if cands[i].label != "ROLE") \
            or Counter([name])
        titles = [cands[i].surface for i in members if cands[i].label == "ROLE"
                  and kind == "person"]
        stated = group_roles(cands, members)
        roles: list[Role] = [role for role, _ in stated]
        role_offsets[key] = [offsets for _, offsets in stated]
        mentions = sorted({(cands[i].start_char, cands[i].end_char) for i in members})
        entities.append(Entity(
            key=key, doc=document.id, name=name, kind=kind,
            names=list(names), titles=list(dict.fromkeys(titles)), roles=roles,
            mentions=[Span(document.id, s, e) for s, e in mentions]))
        spans.extend((s, e, key) for s, e in mentions)
    spans.sort()
    return entities, _drop_overlaps(spans), role_offsets


def _drop_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out
