"""'it', 'they' and 'the group': the organisation in focus, tracked through the document.

An organisation comes into focus when it is a sentence's subject or when "the group" names
it ("The group, which calls itself X", "the group calling itself X"); later "it", "its" and
"the group" keep pointing at it while it stays in focus (a few sentences), so a platform or an
outlet mentioned in between ("Telegram channels", "told Reuters") does not steal it. Computed
once per document, in text order, so the answer does not depend on who asks first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from chronicle.extractors.actors.vocab import (
    FIGHTERS,
    GROUP_DETS,
    GROUP_NOUNS,
    KIND_NOUNS,
    NAMING_CUES,
    PLURAL_PRONOUNS,
    THING_PRONOUNS,
)
from chronicle.nlp.labels import (
    APPOSITIVES,
    NAMING_MODIFIERS,
    NOMINAL_SUBJECTS,
    NOUN_MODIFIERS,
    NOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from chronicle.extractors.actors.index import ActorIndex

ORG_KINDS = {"organization", "group"}
PLURAL_KINDS = {"organization", "group", "country"}
FOCUS_SENTENCES = 4
_ALLIANCES = ("coalition", "alliance")  # one kind of body under two names


def is_focus_word(token: Token) -> bool:
    low = token.lower_
    if low in THING_PRONOUNS:
        return token.dep_ != "expl"
    if low in PLURAL_PRONOUNS:
        return True
    definite = any(c.dep_ == "det" and c.lower_ in GROUP_DETS
                   for c in token.children) or _naming_follows(token)
    return token.pos_ == "NOUN" and definite and (
        (token.tag_ == "NN" and low in GROUP_NOUNS) or low in FIGHTERS)


def resolve_focus(actors: ActorIndex, doc: Doc) -> dict[int, str]:
    """Token index -> entity key for every 'it', 'they' and 'the group' of the document."""
    kinds = {e.key: e.kind for e in actors.entities if e.key not in actors.generic}
    by_start = {}
    for start, end, key in actors.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            by_start[span.root.i] = (_acting_token(span.root), key)
    resolved: dict[int, str] = {}
    # (key, sentence number when last confirmed): what "it" follows, and what "the group"
    # follows (only names called "the group" before: a ministry in between is not one)
    focus: tuple[str, int] | None = None
    group_focus: tuple[str, int] | None = None
    recent: list[tuple[int, str, bool]] = []  # (sentence number, key, is subject)
    for number, sent in enumerate(doc.sents):
        for token in sent:
            mention = by_start.get(token.i)
            if mention is not None and kinds.get(mention[1]) in PLURAL_KINDS:
                subject = mention[0].dep_ in NOMINAL_SUBJECTS
                recent.append((number, mention[1], subject))
                if subject and kinds.get(mention[1]) in ORG_KINDS:
                    focus = (mention[1], number)
                continue
            if not is_focus_word(token):
                continue
            noun = token.pos_ == "NOUN"
            found = _own_name(token, actors) or _choose(
                token, number, group_focus if noun and group_focus else focus, recent, kinds)
            if found is None or not _of_its_kind(token, found, actors):
                continue
            resolved[token.i] = found
            if noun and kinds.get(found) in ORG_KINDS:  # a pronoun does not renew the focus
                focus = group_focus = (found, number)
        recent = [r for r in recent if r[0] > number - FOCUS_SENTENCES]
    return resolved


def _of_its_kind(token: Token, key: str, actors: ActorIndex) -> bool:
    """"the coalition" refers to a body whose name says it is a coalition or an alliance,
    not to the last armed group named ("Islamic State ... the coalition said")."""
    low = token.lower_
    if token.pos_ != "NOUN" or low not in KIND_NOUNS or _naming_follows(token):
        return True
    ent = next((e for e in actors.entities if e.key == key), None)
    names = " ".join([ent.name, *ent.names]).lower() if ent is not None else ""
    if low in _ALLIANCES:
        return any(word in names for word in _ALLIANCES)
    return low in names


def _acting_token(root: Token) -> Token:
    """'Jordanian police': the adjective's noun is what acts in the sentence."""
    if root.dep_ in NOUN_MODIFIERS and root.head.pos_ in NOUNS:
        return root.head
    return root


def _naming_follows(token: Token) -> bool:
    """'a faction calling itself X', 'a channel using the name X': named right after."""
    after = " ".join(t.lower_ for t in token.doc[token.i + 1:token.i + 6] if not t.is_punct)
    return any(after.startswith(cue) for cue in NAMING_CUES)


def _own_name(token: Token, actors: ActorIndex) -> str | None:
    """'The group, which calls itself X' / 'the group calling itself X' / 'the group, X,'."""
    if token.pos_ != "NOUN":
        return None
    for child in token.children:  # "the Kurdish-led alliance", "the Houthi movement"
        if child.dep_ in NAMING_MODIFIERS and child.i < token.i:
            key = actors.at(child.idx, child.idx + len(child))
            if key is not None:
                return key
    after = token.doc[token.i + 1:token.i + 9]
    words = " ".join(t.lower_ for t in after if not t.is_punct)
    if any(words.startswith(cue) for cue in NAMING_CUES):
        for sub in after:
            key = actors.at(sub.idx, sub.idx + len(sub))
            if key is not None and actors.entity(key).kind in ORG_KINDS:
                return key
    for child in token.children:
        if child.dep_ in APPOSITIVES:
            for sub in child.subtree:
                key = actors.at(sub.idx, sub.idx + len(sub))
                if key is not None and actors.entity(key).kind in ORG_KINDS:
                    return key
    return None


def _choose(token: Token, number: int, focus: tuple[str, int] | None,
            recent: list[tuple[int, str, bool]], kinds: Mapping[str, str]) -> str | None:
    noun = token.pos_ == "NOUN"
    wanted = ORG_KINDS if noun else PLURAL_KINDS
    window = [(n, k, s) for n, k, s in recent if kinds.get(k) in wanted]
    if not noun:  # "Kuwait said it would", "police ... whom they accused"
        same = [k for n, k, s in window if n == number and s]
        if same:
            return same[-1]
    if focus is not None and number - focus[1] < FOCUS_SENTENCES and (
            token.pos_ == "NOUN"
            or not any(s and n >= focus[1] and k != focus[0] for n, k, s in window)):
        return focus[0]
    subjects = [k for _, k, s in window if s]
    if subjects:
        return subjects[-1]
    return window[-1][1] if window else None
