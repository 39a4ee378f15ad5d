"""What an amount counts: the dead, the wounded, or the people taking part.

"killed 12 people", "12 people were killed", "12 died", "22 dead", "left 11 dead", "the
death toll rose to 31", "claimed the lives of 20": the dead; "wounding 30", "30 were
hurt": the injured; "thousands marched", "deployed 3,000 troops": the size. Each answer
names its predicate, the word the count hangs on, so the count can go to the event of
that clause. A part of a figure ("22 people including seven children", "14 of them
soldiers") counts nothing of its own, and "six civilians and 16 fighters" is one figure
in two parts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from chronicle import lang
from chronicle.extractors.magnitudes.numbers import Amount
from chronicle.nlp.parse import is_passive

if TYPE_CHECKING:
    from spacy.tokens import Token

_NOUNS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON"})
_REACH = 4  # how many heads up a toll or a state word is looked for
_NOUN_GAP = 4  # words between a number and its noun quoted with it ("16 Syrian soldiers")


@cache
def words(name: str) -> frozenset[str]:
    return lang.classes("magnitudes-words.txt")[name]


@dataclass(slots=True)
class Count:
    """An amount with what it counts: `kind` is dead, injured or size; `predicate` the
    word it hangs on; `parts` the amounts summed ("six civilians and 16 fighters")."""

    kind: str
    amount: Amount
    predicate: Token
    parts: list[Amount] = field(default_factory=list)
    revised: bool = False  # "the toll rose to 31": replaces an earlier figure

    @property
    def value(self) -> int | None:
        values = [a.value for a in self.parts or [self.amount]]
        return None if any(v is None for v in values) else sum(v for v in values if v)

    @property
    def text(self) -> str:
        """The figure's words: its amounts, and the noun the last part counts."""
        first, last = (self.parts[0], self.parts[-1]) if self.parts else (self.amount,) * 2
        end, noun = last.end, last.last.head
        if last.last.dep_ in ("nummod", "det") and 0 <= noun.i - end < _NOUN_GAP:
            end = noun.i + 1  # "at least 16 people", "six civilians and 16 fighters"
        return self.amount.last.doc[first.start:end].text


def counted(amount: Amount) -> Token:
    """The noun phrase head an amount counts: "people" in "22 people", "dozens" itself
    in "dozens of people", the number itself in "killing 22"."""
    last = amount.last
    if last.dep_ in ("nummod", "det", "compound", "poss") and last.head.pos_ in _NOUNS and \
            last.head.i > last.i:
        return last.head  # "22 people", "a child", "Thirty civilians" (title case)
    return last


def _noun_word(head: Token) -> str:
    """The word that says what is counted ("people" in "dozens of people")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g.lemma_.lower()
    return head.lemma_.lower()


def _is_part(amount: Amount, head: Token) -> bool:
    """"including seven children", "among them 11 children", "14 of them"."""
    doc = head.doc
    if head.dep_ == "pobj" and head.head.lower_ in words("subset_word") and \
            head.head.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return True
    if head.dep_ in ("dobj", "nsubjpass") and head.head.lemma_.lower() in words("kill_verb"):
        return False  # "killing 16 of them": the toll itself, not a share of one
    near = {t.lower_ for t in doc[max(0, amount.start - 3):min(len(doc), amount.end + 2)]}
    return "them" in near or "whom" in near


def count_of(amount: Amount) -> Count | None:
    """What the amount counts, or None when it counts no dead, wounded or participants."""
    head = counted(amount)
    if _noun_word(head) in words("not_people") or head.dep_ == "conj" and \
            head.head.pos_ in _NOUNS and _numbered(head.head) and not _own_figure(amount):
        return None  # a unit, or the second part of a figure (read with the first)
    if _is_part(amount, head):
        return None
    found = _after(amount) or _role(head) or _beside(amount)
    if found is None:
        return None
    kind, predicate, revised = found
    count = Count(kind, amount, predicate, revised=revised)
    parts = [p for p in _conjoined(head) if _own_kind(p) in (None, kind)]
    if parts:
        count.parts = [amount, *parts]
    return count


def _own_figure(amount: Amount) -> bool:
    """"70 wounded" after "40 dead and": a figure of its own kind, not a part of the first."""
    from chronicle.extractors.magnitudes.numbers import amounts

    first = counted(amount).head
    own = _own_kind(amount)
    firsts = [a for a in amounts(first.sent) if counted(a).i == first.i]
    return own is not None and bool(firsts) and _own_kind(firsts[0]) not in (None, own)


def _own_kind(part: Amount) -> str | None:
    """What a second part of a figure says it counts: "40 dead and 70 wounded" are two
    figures, not 110 dead."""
    found = _after(part) or _role(counted(part))
    return found[0] if found else None


def _after(amount: Amount) -> tuple[str, Token, bool] | None:
    """"8 persons killed 58 others injured": a figure followed by its own state word is
    that state, whatever the parse made of a headline without commas."""
    doc = amount.last.doc
    i = amount.end
    if i < len(doc) and doc[i].pos_ in ("NOUN", "ADJ") and _word_kind(doc[i]) is None:
        i += 1  # the noun counted: "58 others", "3 civilians"
    if i < len(doc) and doc[i].tag_ in ("VBN", "VBD", "JJ") and not any(
            c.dep_ in ("dobj", "nsubjpass") for c in doc[i].children):
        found = _word_kind(doc[i])
        if found is not None:
            return found, doc[i], False
    return None


def _beside(amount: Amount) -> tuple[str, Token, bool] | None:
    """The words next to a number when the parse went astray (headlines, text stripped of
    commas): "Thirty Killed in strikes", "killed at least 25 members", "22 dead in raids".
    After the number, up to a few words of what it counts, then a word of the dead or
    wounded; before it, a verb of killing or wounding."""
    doc = amount.last.doc
    i = amount.end
    while i < len(doc) and i - amount.end < _NOUN_GAP and doc[i].pos_ in ("NOUN", "PROPN",
                                                                          "ADJ", "AUX"):
        found = _word_kind(doc[i])
        if found is not None:
            return found, doc[i], False
        i += 1
    if i < len(doc):
        found = _word_kind(doc[i])
        if found is not None:
            return found, doc[i], False
    before = doc[amount.start - 1] if amount.start > 0 else None
    if before is not None and before.pos_ == "VERB":
        lemma = before.lemma_.lower()
        if lemma in words("kill_verb"):
            return "dead", before, False
        if lemma in words("injure_verb"):
            return "injured", before, False
    return None


def _word_kind(tok: Token) -> str | None:
    """dead or injured, for a word that says it ("killed", "dead", "wounded")."""
    low, lemma = tok.lower_, tok.lemma_.lower()
    if low in words("dead_word") - {"toll", "life", "lives", "victim", "victims"} or \
            tok.tag_ in ("VBN", "VBD") and lemma in words("kill_verb") | words("die_verb"):
        return "dead"
    if low in words("injured_word") or tok.tag_ in ("VBN", "VBD") and \
            lemma in words("injure_verb"):
        return "injured"
    return None


def _numbered(tok: Token) -> bool:
    return any(c.dep_ == "nummod" or c.dep_ == "det" and c.lower_ in ("a", "an")
               for c in tok.children) or tok.like_num


def _conjoined(head: Token) -> list[Amount]:
    """The other numbered parts of a figure: "six civilians and 16 fighters"."""
    from chronicle.extractors.magnitudes.numbers import amounts

    out = []
    found = {a.last.i: a for a in amounts(head.sent)}
    for conj in head.conjuncts:
        if conj.i < head.i:
            continue
        nums = [c for c in conj.children if c.dep_ in ("nummod", "det", "poss") and c.i in found]
        if nums:
            out.append(found[nums[-1].i])
        elif conj.i in found:
            out.append(found[conj.i])
    return out


def _role(head: Token) -> tuple[str, Token, bool] | None:
    """(kind, predicate, revised) of the noun phrase an amount counts."""
    lemma, dep, verb = head.lemma_.lower(), head.dep_, head.head
    vlemma = verb.lemma_.lower()
    if lemma in words("dead_word") - {"toll", "life", "lives", "killed"}:
        return "dead", head, False  # "22 dead", "31 deaths", "the bodies of 9"
    if lemma in words("injured_word"):
        return "injured", head, False  # "30 wounded", "40 injuries"
    if dep == "dobj" and verb.lower_ in words("death_state"):
        return "dead", verb.head, False  # "shot dead the chief" parsed as "dead the chief"
    if dep in ("dobj", "nsubjpass", "pobj") and vlemma in words("kill_verb") and (
            dep != "pobj" or verb.dep_ == "agent"):
        return "dead", verb, False
    if dep in ("dobj", "nsubjpass") and vlemma in words("injure_verb"):
        return "injured", verb, False
    if dep == "nsubj" and vlemma in words("die_verb"):
        return "dead", verb, False
    raised = _raised(head)
    if raised is not None:
        return raised
    state = _state(head)
    if state is not None:
        return state
    if dep == "nsubj" and not _has_object(verb):
        if vlemma in words("kill_verb"):
            return "dead", verb, False  # headline passive: "85 troops killed in advance"
        if vlemma in words("injure_verb"):
            return "injured", verb, False
    return _toll(head) or _size(head)


def _raised(head: Token) -> tuple[str, Token, bool] | None:
    """"five people are believed to have died", "12 are feared to have been killed": the
    subject of a verb of belief or report whose clause kills or wounds them."""
    if head.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for clause in (c for c in head.head.children if c.dep_ == "xcomp"):
        lemma = clause.lemma_.lower()
        if lemma in words("die_verb") or lemma in words("kill_verb") and is_passive(clause):
            return "dead", clause, False
        if lemma in words("injure_verb") and is_passive(clause):
            return "injured", clause, False
    return None


def _state(head: Token) -> tuple[str, Token, bool] | None:
    """A participle or state word on the counted noun: "22 people killed in raids",
    "left 11 people dead", "30 others were wounded"."""
    for child in head.children:
        c = child.lemma_.lower()
        if child.dep_ in ("acl", "amod", "relcl", "conj") and child.i > head.i:
            if c in words("kill_verb") or child.lower_ in words("dead_word"):
                return "dead", child, False
            if c in words("injure_verb") or child.lower_ in words("injured_word"):
                return "injured", child, False
    verb = head.head
    if head.dep_ in ("dobj", "nsubjpass") and _died(verb):
        return "dead", verb, False  # "shot dead a policeman", "was beaten to death"
    if head.dep_ in ("dobj", "nsubj") and verb.lemma_.lower() in words("leave_verb") | {"be"}:
        for child in verb.children:
            if child.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advcl", "amod"):
                if child.lower_ in words("dead_word"):
                    return "dead", verb, False
                if child.lower_ in words("injured_word") or \
                        child.lemma_.lower() in words("injure_verb"):
                    return "injured", verb, False
    return None


def _died(verb: Token) -> bool:
    """"shot dead", "beaten to death", "stabbed to death"."""
    for child in verb.children:
        if child.lower_ in words("death_state") and child.dep_ != "nsubj":
            return True
        if child.dep_ == "prep" and child.lower_ == "to" and any(
                g.lower_ in words("death_state") for g in child.children):
            return True
    return False


def _has_object(verb: Token) -> bool:
    return any(c.dep_ in ("dobj", "attr") for c in verb.children)


def _toll(head: Token) -> tuple[str, Token, bool] | None:
    """"the death toll rose to 31", "a toll of 31", "put the toll at 70", "claimed the
    lives of 20 people"."""
    tok = head
    for _ in range(_REACH):
        parent = tok.head
        if parent.i == tok.i:
            return None
        plemma = parent.lemma_.lower()
        if plemma in ("toll", "life", "lives"):
            return "dead", parent, False
        if parent.pos_ in ("VERB", "AUX"):
            tolls = [c for c in parent.children if c.dep_ in ("nsubj", "dobj", "nsubjpass")
                     and c.lemma_.lower() == "toll"]
            if tolls:
                return "dead", parent, plemma in words("revise_verb")
            return None
        tok = parent
    return None


def _size(head: Token) -> tuple[str, Token, bool] | None:
    """"thousands marched", "some 3,000 protesters gathered", "deployed 500 troops"."""
    verb = head.head
    vlemma = verb.lemma_.lower()
    if head.dep_ == "nsubj" and vlemma in words("gather_verb"):
        return "size", verb, False
    if head.dep_ == "dobj" and vlemma in words("deploy_verb"):
        return "size", verb, False
    return None
