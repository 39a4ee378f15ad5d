"""The learned argument ranker: which actor of the sentence is an event's source or target.

The rules of roles.py follow the forms of the parse they were written for (subject, passive
agent, typed prepositions, a noun's possessor); a form they do not know leaves the event
without a source or a target although the sentence names the party ("X's forces, which
pounded Y", a headline's bare noun phrase, an object two clauses away). The ranker sees
every actor mentioned in the trigger's sentence and scores it as the source, the target or
neither, with a linear model over what the parse says of it and the trigger: the chain of
dependency labels between them (prepositions by their word), which side of the trigger it
stands on and how far, its kind, the event type and whether the trigger is passive.

The rules stay the precision layer: the ranker only fills a role the rules left empty, with
its best candidate for that role when the model gives it at least `THRESHOLD`, and only
for an event the rules found one party of (an event with none is pruned as before: most
are no event), and never an attack's source, which the story-level rules give from the
attackers the article names elsewhere (a sentence's victims, places and monitors are
no attackers); the event's `reason` then says "source by argument ranker". Trained by `python -m
chronicle.models.train argument_ranker` on the labelled sentences of training/events; see
docs/events.md for its ablation (`--arguments rules`).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from chronicle.extractors.events.resolver import as_countries
from chronicle.extractors.events.vocab import word_class
from chronicle.models import load_model
from chronicle.nlp.parse import is_passive

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.events.candidate import Cand
    from chronicle.extractors.events.resolver import ArgumentResolver

MODEL = "argument_ranker"
ROLES = ("source", "target")
NONE = "none"
THRESHOLD = 0.5  # the model's probability for the role; below it the role stays empty
MAX_PATH = 4  # dependency steps on each side of the meeting point, before "long"

# The training script sets this to a list to receive, for each trigger analysed, what the
# ranker saw (see chronicle/models/train_arguments.py); None in ordinary runs.
RECORDER: ContextVar[list[dict[str, Any]] | None] = ContextVar("argument_examples",
                                                               default=None)


@dataclass(frozen=True)
class Candidate:
    """An actor of the trigger's sentence and what the parse says of it."""

    key: str
    root: Token  # the mention's head word
    start: int  # characters of the mention
    end: int
    features: list[str]


def candidates(cand: Cand, res: ArgumentResolver) -> list[Candidate]:
    """Every actor mentioned in the trigger's sentence (named, described, or a pronoun the
    resolver follows back), once each, by its mention nearest the trigger."""
    trig = cand.tok
    by_key: dict[str, tuple[Token, int, int]] = {}
    for root, start, end in _mentions(cand, res):
        for key in res.keys([root]):
            old = by_key.get(key)
            if old is None or abs(root.i - trig.i) < abs(old[0].i - trig.i):
                by_key[key] = (root, start, end)
    if not by_key:
        return []
    nearest = min(by_key.values(), key=lambda m: abs(m[0].i - trig.i))[0]
    first = min(m[0].i for m in by_key.values())
    out = []
    for key, (root, start, end) in by_key.items():
        extra = ["nearest"] if root.i == nearest.i else []
        extra += ["first"] if root.i == first else []
        kind = res.kind(key)
        extra += [f"kind={kind}", f"t|kind={cand.type}|{kind}", f"many={min(len(by_key), 4)}"]
        out.append(Candidate(key, root, start, end, features(cand, root) + extra))
    return out


def _mentions(cand: Cand, res: ArgumentResolver) -> list[tuple[Token, int, int]]:
    """(root token, start, end) of each actor mention and followed pronoun in the sentence."""
    sent, doc = cand.tok.sent, cand.tok.doc
    found = []
    for start, end, _key in res.actors.mentions_between(sent.start_char, sent.end_char):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span) or span.start <= cand.tok.i < span.end:
            continue
        toks = list(span)
        inside = {t.i for t in toks}
        root = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
        found.append((root, start, end))
    pronouns = word_class("subject_pronoun") | word_class("object_pronoun")
    for tok in sent:
        if tok.pos_ == "PRON" and tok.lower_ in pronouns:
            found.append((tok, tok.idx, tok.idx + len(tok)))
    return found


def features(cand: Cand, root: Token) -> list[str]:
    """What the parse says of one mention (its root token) and the trigger."""
    trig, typ = cand.tok, cand.type
    up, down, meet = _path(root, trig)
    chain = f"{'/'.join(up)}|{'/'.join(down)}"
    side = "before" if root.i < trig.i else "after"
    gap = abs(root.i - trig.i)
    dist = "1" if gap <= 1 else "2-3" if gap <= 3 else "4-7" if gap <= 7 else (
        "8-15" if gap <= 15 else "16+")
    voice = "passive" if cand.pos == "v" and is_passive(trig) else cand.pos
    out = [f"t={typ}", f"pos={voice}", f"up={'/'.join(up)}", f"down={'/'.join(down)}",
           f"path={chain}", f"t|path={typ}|{chain}", f"v|path={voice}|{chain}",
           f"side={side}", f"t|side={typ}|{side}", f"dist={dist}", f"v|side={voice}|{side}",
           f"dep={root.dep_}", f"t|dep={typ}|{root.dep_}", f"tag={root.tag_}"]
    if meet is not None and meet.i not in (trig.i, root.i):
        out += [f"meet={meet.pos_}", f"meet_dep={meet.dep_}"]
    lemma = trig.lemma_.lower()
    out += [f"w|path={lemma}|{chain}", f"w|side={lemma}|{side}"]
    if root.dep_ == "pobj":
        out += [f"prep={root.head.lower_}", f"t|prep={typ}|{root.head.lower_}",
                f"w|prep={lemma}|{root.head.lower_}"]
    if root.pos_ == "PRON":
        out.append("pronoun")
    return out


def _path(a: Token, b: Token) -> tuple[list[str], list[str], Token | None]:
    """Dependency labels from `a` up to where it meets `b`, and from `b` up to there; a
    preposition step carries its word. None as the meeting point: different trees."""
    above_a = [a, *a.ancestors]
    where = {t.i: n for n, t in enumerate(above_a)}
    up_b: list[Token] = []
    meet = None
    for t in [b, *b.ancestors]:
        if t.i in where:
            meet = t
            break
        up_b.append(t)
    if meet is None:
        return ["far"], ["far"], None
    up_a = above_a[:where[meet.i]]
    return _labels(up_a), _labels(up_b), meet


def _labels(steps: list[Token]) -> list[str]:
    labels = [f"prep:{t.lower_}" if t.dep_ in ("prep", "agent") else t.dep_ for t in steps]
    return labels if len(labels) <= MAX_PATH else [*labels[:MAX_PATH - 1], "long"]


def complete(cand: Cand, res: ArgumentResolver, source: list[str], target: list[str],
             ranked: bool) -> list[str]:
    """Fill a role the rules left empty with the ranker's best candidate for it (when
    `ranked`); `source` and `target` are extended in place. Returns notes for `reason`."""
    recorder = RECORDER.get()
    # an attack's unnamed doer is the story's (modes.story_attackers); an event the rules
    # find no party of at all is left to be pruned
    empty = [(role, have, other) for role, have, other in
             (("source", source, target), ("target", target, source))
             if not have and not (role == "source" and cand.type == "ASSAULT")]
    useful = ranked and bool(empty) and bool(source or target)
    if recorder is None and not useful:
        return []
    found = candidates(cand, res)
    if recorder is not None:
        recorder.append({"start": cand.tok.idx, "end": cand.tok.idx + len(cand.tok),
                         "type": cand.type, "source": list(source), "target": list(target),
                         "candidates": found})
    if not useful or not found:
        return []
    model = load_model(MODEL)
    probs = model.scores([c.features for c in found])
    notes = []
    for role, have, other in empty:
        p = _fill(have, other, found, probs[:, model.classes.index(role)], res)
        if p is not None:
            notes.append(f"{role} by argument ranker ({p:.2f})")
    return notes


def _fill(have: list[str], other: list[str], found: list[Candidate], probs: Any,
          res: ArgumentResolver) -> float | None:
    """Put the best candidate for a role into `have`, with those joined to it ("between
    Iran and Saudi Arabia"), when likely enough; its probability, or None."""
    fit = [n for n, c in enumerate(found) if _as_party(c.key, res) not in (None, *other)]
    best = max(fit, key=lambda n: probs[n], default=None)
    if best is None or probs[best] < THRESHOLD:
        return None
    joined = {t.i for t in found[best].root.conjuncts} | {found[best].root.i}
    for c in found:
        party = _as_party(c.key, res) if c.root.i in joined else None
        if party is not None and party not in other and party not in have:
            have.append(party)
    return float(probs[best]) if have else None


def _as_party(key: str, res: ArgumentResolver) -> str | None:
    """The actor a candidate can be as a party: a place only as the state it stands for
    (a country, a capital); else it is where, not who (a town an attack's object names
    is the rules' to keep: "shelled Dobrinja", not "bombed a hospital in Aleppo")."""
    if res.kind(key) != "location":
        return key
    state = as_countries([key], res, False)[0]
    return state if res.kind(state) == "country" else None
