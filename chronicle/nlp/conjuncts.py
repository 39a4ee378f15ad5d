"""A spaCy component that gives a reporting verb back its second act.

"X said Washington had not been told and urged Kosovo to ...", "said Taipei would not be
intimidated and called on Beijing to ...": the small model hangs the second finite verb on
the participle of the reported clause, so the call is read as part of what was said (under
its "would") and without the speaker as its doer. A past-tense verb with no subject of its
own, coordinated with a participle or infinitive that carries its own auxiliaries inside a
reported clause, cannot share them ("had been told and urged" is not "had been urged"):
it is the reporting verb's pair, and is attached there.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

NAME = "chronicle_conjuncts"
_SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}


@Language.component(NAME)
def reattach_conjuncts(doc: Doc) -> Doc:
    for tok in doc:
        head = tok.head
        if _misplaced(tok, head):
            reporter = head.head
            for cc in [c for c in head.children if c.dep_ == "cc" and head.i < c.i < tok.i]:
                cc.head = reporter
            tok.head = reporter
    return doc


def _misplaced(tok: Token, head: Token) -> bool:
    return (tok.dep_ == "conj" and tok.tag_ == "VBD" and head.dep_ == "ccomp"
            and head.tag_ in ("VBN", "VB") and head.i < tok.i
            and any(c.dep_ in ("aux", "auxpass") for c in head.children)
            and not any(c.dep_ in _SUBJECTS for c in tok.children)
            and head.head.tag_ in ("VBD", "VBZ", "VBP") and head.head.i < head.i)
