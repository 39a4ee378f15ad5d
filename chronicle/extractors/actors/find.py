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

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from chronicle.extractors.actors.agency import (
    capitals_as_governments,
    mark_agents,
    missed_capitals,
)
from chronicle.extractors.actors.candidate import Candidate
from chronicle.extractors.actors.descriptions import PARTY_TAG_OPENING
from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.actors.grouping import group_candidates
from chronicle.extractors.actors.headings import cut_heading_names, heading_lines
from chronicle.extractors.actors.index import Ledger
from chronicle.extractors.actors.known import Known, known_names
from chronicle.extractors.actors.known_mentions import (
    caps_candidates,
    known_candidates,
    led_group_candidates,
    possessed_bodies,
)
from chronicle.extractors.actors.missed_mentions import (
    acronym_candidates,
    aged_name_candidates,
    body_candidates,
    delegate_candidates,
    given_name_candidates,
    nicknamed_candidates,
    particle_candidates,
    surname_candidates,
)
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.ner_mentions import entity_candidates, of_place_end
from chronicle.extractors.actors.roles import role_candidates
from chronicle.extractors.actors.sectors import classify, with_sectors
from chronicle.extractors.actors.unnamed import described_entities
from chronicle.extractors.actors.vocab import BLESSINGS, STATE_WORDS
from chronicle.nlp.casing import headline_tokens
from chronicle.records import Document, Entity, Role, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


DateAt = Callable[[int], str | None]


def find_actors(doc: Doc, document: Document, date_at: DateAt | None = None) -> DocActors:
    """The document's actors; `date_at(offset)` (the date of the sentence at a character)
    gives each role the first and last dates at which the text says it was held."""
    cands = _candidates(doc, document)
    groups = group_candidates(doc, document, cands)
    entities, spans, role_offsets = _entities(document, cands, groups)
    if date_at is not None:
        for ent in entities:
            ent.roles = _dated(ent.roles, role_offsets.get(ent.key, []), date_at)
    named = DocActors(doc_id=document.id, entities=tuple(entities), spans=tuple(spans), doc=doc)
    return _with_described(doc, with_sectors(doc, named))


def _with_described(doc: Doc, actors: DocActors) -> DocActors:
    """The actors with those the text only describes added (actors/unnamed.py), after the
    unnamed armed groups and victims of sectors.py, which know their country and sector."""
    assert actors.ledger is not None
    first = actors.ledger.first_number
    described = described_entities(doc, actors, first)
    if not described:
        return actors
    for ent in described:
        classify(ent, actors)
    spans = sorted([*actors.spans, *((m.start, m.end, e.key) for e in described
                                     for m in e.mentions)])
    ledger = Ledger(actors.doc_id, first + len(described), list(actors.ledger.entities))
    return DocActors(doc_id=actors.doc_id, entities=(*actors.entities, *described),
                     spans=tuple(spans), doc=doc, ledger=ledger,
                     generic=actors.generic | {e.key for e in described},
                     mention_sectors=actors.mention_sectors)


def _dated(roles: list[Role], offsets: list[list[int]], date_at: DateAt) -> list[Role]:
    dated = []
    for role, where in zip(roles, offsets):
        dates = sorted(d for d in (date_at(o) for o in where) if d)
        dated.append(replace(role, start=dates[0], end=dates[-1]) if dates else role)
    return dated


def _candidates(doc: Doc, document: Document) -> list[Candidate]:
    silent = _dateline_tokens(doc, document.text) | _blessing_tokens(doc) | \
        _party_tag_tokens(doc)  # name no actor
    roles = role_candidates(doc, silent)
    led = led_group_candidates(doc)
    taken = silent | {i for c in roles + led for i in range(c.start, c.end)}
    inside = _inside_org_names(doc)
    people = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    titled, heads = headline_tokens(doc)  # in a headline every word looks like a name,
    # so the model's longer names there ("Ghana Offers") do not swallow a known one
    known = [c for c in known_candidates(doc) if not taken & set(range(c.start, c.end))
             and not (c.known and c.known.kind in {"country", "group", "organization"}
                      and any(s <= c.start and c.end <= e and e - s > c.end - c.start
                              for s, e in inside) and c.start not in heads)
             and not (_opens_a_persons_name(c, people) and c.start not in heads)]
    taken |= {i for c in known for i in range(c.start, c.end)}
    nicknamed = nicknamed_candidates(doc, taken)
    taken |= {i for c in nicknamed for i in range(c.start, c.end)}
    named = nicknamed + entity_candidates(doc, taken)
    taken |= {i for c in named for i in range(c.start, c.end)}
    firsts = given_name_candidates(doc, taken)
    firsts += aged_name_candidates(doc, taken | {i for c in firsts for i in range(c.start, c.end)})
    taken |= {i for c in firsts for i in range(c.start, c.end)}
    named += firsts
    particles = particle_candidates(doc, taken)
    taken |= {i for c in particles for i in range(c.start, c.end)}
    surnames = surname_candidates(doc, named + particles, taken)
    taken |= {c.start for c in surnames}
    delegates = delegate_candidates(doc, taken)
    taken |= {i for c in delegates for i in range(c.start, c.end)}
    named += delegates
    acronyms = acronym_candidates(doc, taken)
    taken |= {c.start for c in acronyms}
    named += missed_capitals(doc, taken)
    offices = {i for c in roles for i in range(c.start, c.end)}  # "the Prime Minister's
    bodies = body_candidates(doc, (taken - offices) | heads)  # Office": a body, not a role
    taken |= {i for c in bodies for i in range(c.start, c.end)}
    roles = [r for r in roles if not any(b.start <= r.start < b.end for b in bodies)]
    named += bodies
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
    cands = _bare_state_words(possessed_bodies(doc, cands))
    capitals_as_governments(doc, cands)
    mark_agents(doc, cands)
    cands.sort(key=lambda c: c.start)
    cands += roles
    headings = heading_lines(document.text)
    for cand in cands:  # a headline line, or a Title Case headline glued to the story
        cand.heading = any(s <= cand.start_char < e for s, e in headings) or \
            cand.start in titled
    return cut_heading_names(doc, cands)


def _bare_state_words(cands: list[Candidate]) -> list[Candidate]:
    """"The Government" capitalised is the state of the story where the document names a
    country (coreference finds it, as for "the government"); with no country named it
    stays an actor of this document only (generic), never joining other documents'."""
    if any(c.known is not None and c.known.kind == "country" for c in cands):
        return [c for c in cands if not _state_word(c)]
    return cands


def _state_word(cand: Candidate) -> bool:
    return cand.known is None and fold(cand.surface) in STATE_WORDS


def _opens_a_persons_name(cand: Candidate, people: list[tuple[int, int]]) -> bool:
    """"Jordan Seidel", "Chad Bishop": a country or town name that opens a longer name the
    model tags a person is that person's first name, never the place."""
    return cand.known is not None and cand.known.kind in ("country", "location") and any(
        s == cand.start and e > cand.end for s, e in people)


def _dateline_tokens(doc: Doc, text: str) -> set[int]:
    """Tokens of wire datelines ("UNITED NATIONS (AP) --"): no actor is mentioned there."""
    from chronicle.extractors.dates.find import dateline_spans

    out: set[int] = set()
    for start, end in dateline_spans(text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out |= set(range(span.start, span.end))
    return out


def _party_tag_tokens(doc: Doc) -> set[int]:
    """"Rep. Ann Cole (R-Fla.)", "Deputy Marcelo Furtado (União-GO)": the state in a
    member's party tag is no actor here."""
    out: set[int] = set()
    for tok in doc[1:]:
        if doc[tok.i - 1].text not in ("-", "–") or not tok.text[:1].isupper():
            continue  # a tag's state follows its dash: the common case costs one look
        before = "".join(t.text_with_ws for t in doc[max(0, tok.i - 3):tok.i])
        if PARTY_TAG_OPENING.search(before):
            out.add(tok.i)
            if tok.i + 1 < len(doc) and doc[tok.i + 1].text == ".":
                out.add(tok.i + 1)
    return out


def _blessing_tokens(doc: Doc) -> set[int]:
    """'Ali (AS) said', 'the Prophet (PBUH)': a blessing after a name is neither an actor
    nor that name's acronym. Letters that are the initials of the organisation named just
    before them ("Aviation Security (AS)") are an acronym after all."""
    out: set[int] = set()
    for tok in doc[1:-1]:
        letters = tok.text.replace(".", "").lower()
        if letters not in BLESSINGS or doc[tok.i - 1].text != "(" \
                or doc[tok.i + 1].text != ")":
            continue
        before = doc[tok.i - 2] if tok.i >= 2 else None
        name = [t for t in doc[max(0, tok.i - 1 - len(letters)):tok.i - 1] if t.is_title]
        if before is None or before.ent_type_ == "PERSON" or \
                "".join(t.text[0] for t in name).lower() != letters:
            out.add(tok.i)
    return out


def _inside_org_names(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of organisation names that hold a country word: "Guyana Defence Force",
    "the French Foreign Ministry", "Nigerian Army", "the Law Society of Kenya". The name is
    the actor there."""
    out = []
    for ent in doc.ents:
        last = ent[-1]
        if ent.label_ in {"ORG", "FAC"} and len(ent) > 1 and last.pos_ == "PROPN" \
                and last.is_title and known_names().get(ent.text) is None:
            out.append((ent.start, of_place_end(doc, ent.end) or ent.end))
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
    from chronicle.extractors.actors.grouping import (
        group_kind,
        group_name,
        group_roles,
        town_namesake,
    )

    groups = sorted(groups, key=lambda g: min(cands[i].start for i in g))
    entities: list[Entity] = []
    spans: list[tuple[int, int, str]] = []
    role_offsets: dict[str, list[list[int]]] = {}
    for members in groups:
        key = f"{document.id}#{len(entities) + 1}"
        kind = group_kind(cands, members)
        name = group_name(cands, members, kind)
        names = Counter(form for i in members if cands[i].label != "ROLE"
                        for form in (cands[i].surface, cands[i].written) if form) \
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
            mentions=[Span(document.id, s, e) for s, e in mentions],
            namesake=kind == "location" and town_namesake(cands, members),
            generic=all(_state_word(cands[i]) for i in members)))
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
