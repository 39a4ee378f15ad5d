"""Grouping candidate mentions of one document into entities, and naming and typing them."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from chronicle.extractors.actors.candidate import Candidate
from chronicle.extractors.actors.known import city_names, country_names, given_names, known_names
from chronicle.extractors.actors.names import (
    acronym_of,
    fold,
    generation,
    given_and_surname,
    is_kunya,
    key_tokens,
    name_tokens,
    skeleton,
    vowels_agree,
)
from chronicle.extractors.actors.pairs import acronym_pairs, alias_pairs
from chronicle.extractors.actors.roles import roles_before, roles_in_apposition
from chronicle.extractors.actors.vocab import (
    ANY_OFFICIAL,
    BODY_OFFICES,
    OFFICES,
    ORG_HEADS,
    ORG_TAILS,
    PERSON_PARTICLES,
    ROYAL_TITLES,
    TITLE_WORDS,
)
from chronicle.nlp.labels import ENTITY_KINDS
from chronicle.records import ActorKind, Document, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Name keys that open with a particle ("Abu Mohammed"): first and last words agreeing is no
# sign of one person there.
PARTICLE_KEYS = frozenset(skeleton(p) for p in PERSON_PARTICLES)
# The kind each candidate label suggests: the model's entity labels, and our own sources.
LABEL_KIND: dict[str, ActorKind] = {
    **{label: cast("ActorKind", kind) for label, kind in ENTITY_KINDS.items()},
    "SURNAME": "person", "ACRONYM": "organization", "LED": "organization"}


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_candidates(doc: Doc, document: Document, cands: list[Candidate]) -> list[list[int]]:
    """Member lists, one per entity; role candidates are attached last."""
    pairs = acronym_pairs(doc, cands) + alias_pairs(doc, cands)
    union = _Union(len(cands))
    names = [n for n, c in enumerate(cands) if c.label != "ROLE" and c.keys]
    for a, b in pairs:
        union.join(a, b)
    for n in names:
        if _personish(cands[n]):
            cands[n].roles = roles_before(doc, cands[n].start)
            apposed = roles_in_apposition(doc[cands[n].end - 1])
            if cands[n].label in {"PERSON", "PARTICLE", "SURNAME"} and not cands[n].place_cue:
                cands[n].roles += apposed
            else:  # "The Minister for Housing, Gearóid Mac Suibhne,": a title in
                cands[n].roles += [r for r in apposed if _office(r)]  # apposition is a person's
    _join_known(cands, names, union)
    _join_full_names(cands, names, union)
    _join_short_names(cands, names, union)
    _join_roles(doc, cands, union)
    groups: dict[int, list[int]] = defaultdict(list)
    for n, cand in enumerate(cands):
        if cand.label != "ROLE" or union.find(n) != n or cand.known is not None:
            groups[union.find(n)].append(n)
    return [g for g in groups.values()
            if any(cands[i].label != "ROLE" or cands[i].known is not None for i in g)
            and not all(cands[i].heading and cands[i].known is None
                        and not _signed(cands[i]) for i in g)]


def _signed(cand: Candidate) -> bool:
    """A signature or a name on its own line: a first name makes it a person, not a title."""
    return cand.label == "PERSON" and len(cand.words) >= 2 and cand.words[0] in given_names()


def _office(role: Role) -> bool:
    """A role that only a person holds: its last word a title or an office ("Minister",
    "Spokeswoman"), not an agent noun an organisation may be called ("the distributor")."""
    words = fold(role.title).split()
    return bool(words) and (words[-1] in TITLE_WORDS or words[-1] in OFFICES)


def _personish(cand: Candidate) -> bool:
    return cand.known is None and cand.label in {"PERSON", "PARTICLE", "GPE", "ORG", "LOC",
                                                 "FAC", "PRODUCT", "NORP", "CAPS", "SURNAME"}


def _join_known(cands: list[Candidate], names: list[int], union: _Union) -> None:
    first: dict[str, int] = {}
    for n in names:
        known = cands[n].known
        if known is not None:
            union.join(first.setdefault(known.key, n), n)


def _join_full_names(cands: list[Candidate], names: list[int], union: _Union) -> None:
    """Same key -> same entity; a 2+ word prefix or suffix of one longer name joins it."""
    full = [n for n in names if cands[n].known is None and len(cands[n].keys) >= 2]
    by_key: dict[tuple[str, ...], int] = {}
    for n in full:
        union.join(by_key.setdefault(cands[n].keys, n), n)
    keys = sorted(by_key, key=len)
    for short in keys:
        longer = [k for k in keys if len(k) > len(short) and generation(k) == generation(short)
                  and (k[:len(short)] == short or k[-len(short):] == short)]
        core, middles = given_and_surname(short)
        if not longer and not middles and len(core) >= 2 and short[0] not in PARTICLE_KEYS:
            # "Mohammed Bashir" and "Muhammad Ali Bashir", "Donald J. Trump": given name,
            # surname and generation agree (a son's "Jr." keeps him apart)
            longer = [k for k in keys if len(k) > len(short) and given_and_surname(k)[0] == core]
        owners = {union.find(by_key[k]) for k in longer}
        if len(owners) == 1:
            union.join(by_key[short], owners.pop())


def _join_short_names(cands: list[Candidate], names: list[int], union: _Union) -> None:
    """A one-word name joins the nearest full name ending with it, else one starting with it."""
    full = [n for n in names if len(cands[n].keys) >= 2 and cands[n].known is None]
    acronyms = {acronym_of(cands[n].surface): n for n in full if cands[n].label != "PERSON"}
    singles: dict[str, int] = {}
    for n in names:
        cand = cands[n]
        if len(cand.keys) != 1 or cand.known is not None or not cand.words:
            continue  # no words: an acronym that folds to an article ("AS")
        token, word = cand.keys[0], cand.words[0]
        pool = [] if _royal(cand) else [m for m in full if cands[m].keys[-1] == token
                                        and vowels_agree(cands[m].words[-1], word)]
        titled = _holding(cands, union, pool, cand.roles)
        target = _nearest(cands, union, n, titled or pool)
        if target is None and not cand.place_cue:  # "the Karategin valley" is no front
            # "Washington" lends nothing to "Washington Post": a place named first in an
            # organisation's name is not its short form (a person's given name may be)
            place = _place_word(cand)
            starts = {union.find(m) for m in full if cands[m].keys[0] == token
                      and vowels_agree(cands[m].words[0], word)
                      and fold(name_tokens(cands[m].surface)[0]) not in PERSON_PARTICLES
                      and not (place and cands[m].label not in {"PERSON", "PARTICLE"})}
            target = starts.pop() if len(starts) == 1 else None
        if target is None and cand.surface in acronyms:
            target = acronyms[cand.surface]
        if target is None:
            target = singles.setdefault(token, n)
        union.join(target, n)


def _place_word(cand: Candidate) -> bool:
    return cand.label in {"GPE", "LOC", "FAC"} or cand.keys[0] in _place_keys()


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    """Keys of the world's town and country names (a place word, whatever the model said)."""
    return frozenset(k for name in city_names() for k in key_tokens(name)[:1]
                     if len(key_tokens(name)) == 1) | frozenset(
        key_tokens(k.canonical)[0] for k in known_names().values()
        if k.kind == "country" and len(key_tokens(k.canonical)) == 1)


def _royal(cand: Candidate) -> bool:
    """'King Hussein', 'Prince Faisal': a royal title stands before a given or dynastic
    name, so the word is no one's surname ("King Hussein" is not "Saddam Hussein")."""
    return any(fold(r.title).split()[-1:] and fold(r.title).split()[-1] in ROYAL_TITLES
               for r in cand.roles)


def _holding(cands: list[Candidate], union: _Union, pool: list[int], roles: list[Role]
             ) -> list[int]:
    """'Colonel al-Obeidi' among two al-Obeidis: the one the text calls a colonel."""
    if not roles or len({union.find(m) for m in pool}) < 2:
        return []
    titles = {fold(r.title) for r in roles}
    held: dict[int, set[str]] = defaultdict(set)
    for m, cand in enumerate(cands):
        held[union.find(m)] |= {fold(r.title) for r in cand.roles}
    return [m for m in pool if titles & held[union.find(m)]]


def _nearest(cands: list[Candidate], union: _Union, n: int, pool: list[int]) -> int | None:
    """The pool member mentioned last before n, else the first one after it."""
    before = [m for m in pool if cands[m].start < cands[n].start]
    if before:
        return max(before, key=lambda m: cands[m].start)
    after = [m for m in pool if cands[m].start > cands[n].start]
    return min(after, key=lambda m: cands[m].start) if after else None


def _join_roles(doc: Doc, cands: list[Candidate], union: _Union) -> None:
    """'the Iraqi envoy' joins the person mentioned last before it with a fitting role.

    Without a country ('the President') the role must have a single holder so far."""
    for n, cand in enumerate(cands):
        if cand.label != "ROLE":
            continue
        roles: dict[int, list[Role]] = defaultdict(list)
        latest: dict[int, int] = {}
        for m, other in enumerate(cands):
            if other.label == "ROLE" or other.start >= cand.start:
                continue
            root = union.find(m)
            roles[root].extend(other.roles)
            latest[root] = max(latest.get(root, -1), other.start)
        country, exclude = cand.country, None
        if cand.possessor is not None:
            owner = next((m for m, c in enumerate(cands) if c.label != "ROLE"
                          and c.start <= cand.possessor < c.end), None)
            if owner is not None:
                exclude = union.find(owner)
                known = cands[owner].known
                if known is not None and known.kind == "country":  # "Lithuania's minister"
                    country = country or known.country
                    cand.country = country
                elif (known is not None and known.kind in {"organization", "group"}) or \
                        cands[owner].label in {"ORG", "ACRONYM", "LED"}:
                    continue  # "the FAP's spokesman" speaks for the FAP, not for another
                country = country or _country_code(roles[exclude])
        fits = [root for root, rs in roles.items() if root != exclude
                and any(_fits(cand.office or "", country, r) for r in rs)]
        exact = [root for root in fits if any((cand.office or "") in fold(r.title)
                                              for r in roles[root])]
        fits = exact or fits
        if country is None and cand.possessor is None and len(fits) != 1:
            fits = []
        if fits:
            union.join(max(fits, key=lambda r: latest[r]), n)
        elif cand.country is not None:
            _act_for_country(cands, union, n)
        elif cand.office in BODY_OFFICES:
            _act_for_body(cands, union, n)


def _act_for_body(cands: list[Candidate], union: _Union, n: int) -> None:
    """'The Secretary-General' with no name: the organisation the text speaks of most."""
    counts = Counter(union.find(m) for m, c in enumerate(cands)
                     if c.label != "ROLE" and c.known is not None
                     and c.known.kind == "organization")
    if counts:
        root = counts.most_common(1)[0][0]
        cands[n].known = next(c.known for m, c in enumerate(cands)
                              if union.find(m) == root and c.known is not None)
        union.join(root, n)


def _act_for_country(cands: list[Candidate], union: _Union, n: int) -> None:
    """'the Canadian prime minister' with no named holder acts for Canada (the title does
    not become a name of the country)."""
    from chronicle.extractors.actors.known import Known

    code = cands[n].country
    name = country_names().get(code or "")
    if name is None:
        return
    known = cands[n].known = Known(f"country:{code}", name, "country", code)
    for m, other in enumerate(cands):
        if other.known is not None and other.known.key == known.key and m != n \
                and other.label != "ROLE":
            union.join(m, n)
            return


def _country_code(roles: list[Role]) -> str | None:
    for role in roles:
        known = known_names().get(role.of or "")
        if known is not None and known.kind == "country":
            return known.country
    return None


def _fits(office: str, country: str | None, role: Role) -> bool:
    if country is not None:
        known = known_names().get(role.of or "")
        if known is None or known.country != country:
            return False
    title = fold(role.title)
    if office in ANY_OFFICIAL:
        return True
    if office == "minister":
        return "minister" in title
    if office == "ambassador":
        return "ambassador" in title or "envoy" in title
    if office == "president":
        return title == "president" or title.endswith(" president") and "vice" not in title
    return office in title


def group_kind(cands: list[Candidate], members: list[int]) -> ActorKind:
    for i in members:
        known = cands[i].known
        if known is not None and known.kind != "other":
            return known.kind
    votes: Counter[ActorKind] = Counter()
    for i in members:
        cand = cands[i]
        if cand.label == "ROLE":
            votes["person"] += 2
            continue
        words = name_tokens(cand.surface)
        votes[LABEL_KIND.get(cand.label, "other")] += 1
        if words and words[0] in ORG_HEADS:
            votes["organization"] += 6  # "Saraya ...", "Jaish ...": an Arabic group's name
        elif words and (words[-1] in ORG_TAILS  # "... Ministry", "Board of Supervisors"
                        or any(w in ORG_TAILS and n == "of" for w, n in zip(words, words[1:]))):
            votes["organization"] += 3
        elif words and (words[0] in PERSON_PARTICLES or "al" in words[1:]) and len(words) >= 2:
            votes["person"] += 2
        if cand.roles:
            votes["person"] += 3
        if cand.aged:
            votes["person"] += 6  # news gives people an age, never bodies or places
        if len(words) >= 2 and words[0] in given_names():
            votes["person"] += 3  # "Oumou Dembele": a first name makes a person
        if cand.place_cue:
            votes["location"] += 5
        elif len(words) == 1 and not cand.roles and not cand.agent \
                and words[0] in city_names():
            votes["location"] += 3
    votes.pop("other", None)
    if not votes:
        return "other"
    return max(votes, key=lambda k: (votes[k], k == "person"))


def town_namesake(cands: list[Candidate], members: list[int]) -> bool:
    """A place only because a town bears the one word it is called by: nothing in the text
    (a place label, a place word, a known name) says it is a place."""
    named = [cands[i] for i in members if cands[i].label != "ROLE"]
    return bool(named) and all(
        len(c.keys) == 1 and c.known is None and not c.place_cue and not c.roles
        and c.label not in {"GPE", "LOC", "FAC"} and c.words[0] in city_names() for c in named)


def group_name(cands: list[Candidate], members: list[int], kind: str) -> str:
    for i in members:
        known = cands[i].known
        if known is not None and known.kind != "other":
            return known.canonical
    named = [cands[i] for i in members if cands[i].label != "ROLE"]
    counts = Counter(c.surface for c in named)
    best = max(named, key=lambda c: (not is_kunya(c.words), len(c.keys), counts[c.surface],
                                     -c.start))
    royal = next((r.title for c in named if len(c.keys) == 1 and _royal(c) for r in c.roles
                  if fold(r.title).split()[-1] in ROYAL_TITLES), None)
    if kind == "person" and len(best.keys) == 1 and royal:
        return f"{royal} {best.surface}"  # "King Hussein": the title tells him from namesakes
    return best.surface


def group_roles(cands: list[Candidate], members: list[int]
                ) -> list[tuple[Role, list[int]]]:
    """The roles of one entity, each with the character offsets where the text states it."""
    seen: dict[tuple[str, str | None], Role] = {}
    where: dict[str, list[int]] = defaultdict(list)
    for i in members:
        for role in cands[i].roles:
            seen.setdefault((role.title.casefold(), role.of), role)
            where[role.title.casefold()].append(cands[i].start_char)
    placed = {title for title, of in seen if of}
    return [(r, where[title]) for (title, of), r in seen.items() if of or title not in placed]
