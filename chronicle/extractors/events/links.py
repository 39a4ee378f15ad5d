"""Parties an event's own clause leaves unnamed, found in the words around it.

The parse of one clause gives a subject and an object; some parties sit elsewhere. A joint
act ("X and Y agreed to a ceasefire", "X clashed with Y") makes each side the other's
party. A promise obtained "from" someone was made by them ("secured a promise from X"). A
sanction one is "placed under" is aimed at whoever was placed. A conditional threat is
aimed at the subject of its condition ("would resume attacks if government aircraft
struck again"). A reply to "this description" or "the proposal" answers whoever made the
proposal or the charge earlier in the document. A trip is a visit only when someone goes
somewhere abroad to meet, not home and not to fight. Two coordinated clauses with subjects
of their own are two acts, and talks "mediated by X" are news even after "after". An arrest
told in the passive with no agent was made by the security body that reports it ("... were
detained, according to a police statement").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from chronicle.extractors.events.groups import HOSTILE, MUTUAL, REPLIES
from chronicle.extractors.events.vocab import answered_types, preps, word_class
from chronicle.nlp.labels import DETERMINERS, NOMINAL_SUBJECTS, PATIENTS, VERBS
from chronicle.nlp.parse import MAX_WALK, expand, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.resolver import ArgumentResolver


class Linked(Protocol):
    """What the document-wide pass needs of a draft event."""

    cand: Cand
    source: list[str]
    target: list[str]
    notes: list[str]

    @property
    def flagged(self) -> bool: ...


def joint(cand: Cand, source: list[str], target: list[str]) -> bool:
    """"X and Y agreed to a ceasefire", "X clashed with Y": a joint act with no target,
    where each source is the other's party."""
    clash = cand.type == "ASSAULT" and cand.trig.lemma in word_class("two_sided")
    if target or len(source) < (1 if clash else 2):
        return False
    return cand.type in MUTUAL or clash


def obtained_from(noun: Token) -> tuple[list[Token], list[Token]]:
    """"secured a promise from X": X gave it, the subject of "secured" received it."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in word_class("obtain"):
        return [], []
    givers = prep_objects(verb, "from") or prep_objects(noun, "from")
    if not givers:
        return [], []
    return givers, expand([c for c in verb.children if c.dep_ == "nsubj"])


def received_from(verb: Token) -> tuple[list[Token], list[Token]]:
    """"X received a visit from Y", "X secured a grant from Y": Y, named in a from-phrase,
    gave, and the subject received. Nothing when no giver is written: "Khaddam received
    the Iraqi envoy" is the host's act, as the seed codes it."""
    if verb.pos_ not in VERBS or verb.lemma_.lower() not in word_class("obtain"):
        return [], []
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    givers = prep_objects(verb, "from") + [g for o in objects for g in prep_objects(o, "from")]
    if not givers:
        return [], []
    return givers, expand([c for c in verb.children if c.dep_ == "nsubj"])


def placed_under(noun: Token) -> list[Token]:
    """"was himself placed under UN sanctions", "put X under house arrest": X."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "under":
        return []
    verb = noun.head.head
    if verb.lemma_.lower() not in word_class("place_under"):
        return []
    return expand([c for c in verb.children if c.dep_ in PATIENTS])




def condition_subjects(tok: Token) -> list[Token]:
    """The subject of an "if", "unless" or "until" clause under a threat: whom it is
    aimed at ("our operations will continue until the last American soldier leaves")."""
    todo, seen = [tok], 0
    marks = word_class("threat_condition")
    while todo and seen < MAX_WALK * 4:
        node = todo.pop()
        seen += 1
        for child in node.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks
                                             for m in child.children):
                subj = [c for c in child.children if c.dep_ in NOMINAL_SUBJECTS]
                if subj:
                    return expand(subj)
            elif child.dep_ in ("ccomp", "xcomp", "conj", "dobj"):
                todo.append(child)
    return []


def visit_ok(cand: Cand, res: ArgumentResolver, source: list[str], target: list[str]
             ) -> bool:
    """A trip is a visit when someone goes abroad to meet: "arrived to urge Iran",
    "returned to Bishkek" on a shuttle; not troops arriving to fight, not a return home."""
    if cand.type != "CONSULT" or cand.trig.lemma not in word_class("travel") or cand.pos != "v":
        return True
    inner = cand.frame.inner
    if any(i.type == "CONSULT" and i.frame.role == "absorbed" for i in inner):
        return True  # "flew to Pale for talks": the talks make it a visit
    if any(i.type in HOSTILE for i in inner) or not source or not target:
        return False
    home = {res.country(k) for k in source} | set(source)
    return not set(target) <= home


def reply_targets(drafts: Sequence[Linked], side: Callable[[str], str | None]) -> None:
    """"The Kuwaiti side rejects this description", "welcomes the proposal", "denied the
    charge": the other party is whoever made that proposal or charge before, on the other
    side (`side` gives an actor's country: a minister's own letter is not answered)."""
    for n, draft in enumerate(drafts):
        cand = draft.cand
        if cand.type not in REPLIES or draft.target or not draft.source or draft.flagged:
            continue
        wanted = _answered(cand.tok)
        if not wanted:
            continue
        ours = set(draft.source) | {side(k) for k in draft.source} - {None}
        earlier = [d for d in reversed(drafts[:n]) if d.cand.type in wanted[1] and d.source
                   and not d.flagged and not ours & (set(d.source) | {
                       side(k) for k in d.source} - {None})]
        named = [d for d in earlier if d.cand.trig.lemma[:5] == wanted[0][:5]]
        if named or earlier:  # "the proposal" answers a proposing before any request
            before = (named or earlier)[0]
            draft.target = list(before.source)
            draft.notes.append(f"answers '{before.cand.tok.text}'")


def _answered(tok: Token) -> tuple[str, set[str]] | None:
    """The noun a reply's object names ("this description") and the types of the earlier
    event it points back to."""
    if tok.pos_ not in VERBS:
        return None
    for obj in (c for c in tok.children if c.dep_ in PATIENTS):
        words = {obj.lemma_.lower(), obj.lower_.rstrip("s")}
        found = set().union(*(answered_types().get(w, set()) for w in words))
        determiners = {c.lower_ for c in obj.children if c.dep_ in DETERMINERS}
        owned = any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in preps("source")
                    for c in obj.children)
        if found and determiners & word_class("pointing") and not owned:
            return obj.lemma_.lower(), found
    return None


def described(noun: Token) -> bool:
    """An event noun with a participle naming its doers ("talks mediated by X"): news of
    its own even under "after" or "of"."""
    return any(c.dep_ == "acl" and c.tag_ == "VBN" and any(a.dep_ == "agent" for a in c.children)
               for c in noun.children)


def own_clause(a: Token, b: Token) -> bool:
    """"X targeted one base, and they struck another": coordinated clauses with their own
    subjects are two acts, not one told twice."""
    first, second = (a, b) if a.i < b.i else (b, a)
    return second.dep_ == "conj" and second.head.i == first.i and second.pos_ in VERBS \
        and any(c.dep_ == "nsubj" for c in second.children)


def reporting_authority(cand: Cand, res: ArgumentResolver) -> list[str]:
    """"Seventeen people were arrested, police said", "... were detained, according to a
    police statement": a coercion told in the passive with no agent is the act of the state
    security body that reports it (the speaker, or what "according to" names)."""
    tok = cand.tok
    deps = {c.dep_ for c in tok.children}
    if cand.type != "COERCE" or "auxpass" not in deps or "agent" in deps:
        return []
    reporters = [cand.modality.speaker] if cand.modality.speaker is not None else []
    for word in tok.sent:
        if word.lower_ == "according":
            reporters += [t for obj in prep_objects(word, "to") for t in obj.subtree]
    return [k for k in res.keys(reporters)
            if res.kind(k) != "person" and res.sector(k) in _AUTHORITY_SECTORS][:1]


_AUTHORITY_SECTORS = {"COP", "MIL", "SPY", "GOV", "JUD"}  # bodies that arrest and detain
