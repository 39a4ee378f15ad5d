"""Cues that make a marked passage a quote: a speech verb after it ("…,” Sultan said"), a
verb that introduces it ("Aziz responded: “…”"), a speech verb it hangs from in the parse
("stressed that his leader “…”"), or "according to X".

Each finder answers with the cue's verb (or the span of X); who speaks is speakers.py's
question. A verb is a speech verb by its lemma (quotes/words.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from chronicle.extractors.actors.descriptions import STATEMENT_NOUNS, aged_noun
from chronicle.extractors.actors.names import fold
from chronicle.extractors.quotes.marks import (
    Marked,
    ends_sentence,
    sentence_end,
    sentence_start,
    word_count,
)
from chronicle.extractors.quotes.passages import Judged, Passages
from chronicle.extractors.quotes.words import (
    ACCORDING,
    CLAUSE_OPENERS,
    INSIDE_PRONOUNS,
    RELATIVES,
    SPEECH_PHRASALS,
    speech_verbs,
)
from chronicle.nlp.labels import (
    CLAUSAL_COMPLEMENTS,
    CLAUSES_ON_NOUNS,
    NOMINAL_SUBJECTS,
    SHARED_SUBJECT_CLAUSES,
    VERBS,
)
from chronicle.nlp.parse import is_passive

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.document import DocActors

MIN_EMBEDDED_WORDS = 4  # a shorter phrase inside a sentence is a term, not a quote
MAX_BARE_TAIL = 6  # after a full stop only a short "Sultan said." attributes
MAX_INNER_TAIL = 30  # words of an attribution written inside an unclosed quote
_INNER_BREAK = re.compile(r"[,?!…—–](?=\s)")
_OPEN_END = re.compile(r"[,;:?!—–…-]$")
_ACCORDING = "|".join(re.escape(phrase) for phrase in ACCORDING)
_ACCORDING_BEFORE = re.compile(rf"\b(?:{_ACCORDING})\b", re.IGNORECASE)
_ACCORDING_AFTER = re.compile(rf"[\s,]*(?:{_ACCORDING})\b", re.IGNORECASE)


def is_speech(tok: Token, verbs: frozenset[str] | None = None) -> bool:
    """A verb of that list (speech verbs by default) by its lemma (the bare word when the
    pipeline has no lemmas)."""
    lemma = (tok.lemma_ or tok.lower_).lower()
    if tok.pos_ not in ("VERB", "AUX", ""):
        return False
    if lemma in (speech_verbs() if verbs is None else verbs):
        return True
    return verbs is None and any(  # "shot back", "pointed out"
        f"{lemma} {c.lower_}" in SPEECH_PHRASALS for c in tok.children
        if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1)


def cue_words(tok: Token) -> set[str]:
    """The verb's lemma, and with its particle ("shoot back"), as the word lists spell them."""
    lemma = (tok.lemma_ or tok.lower_).lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in tok.children
                      if c.dep_ in ("prt", "advmod") and c.i == tok.i + 1}


def subject_of(verb: Token) -> Token | None:
    """The subject of a speech verb, through "who said", "and told him", "adding that"."""
    v = verb
    for _ in range(4):
        subjects = [c for c in v.children
                    if c.dep_ in NOMINAL_SUBJECTS and any(ch.isalnum() for ch in c.text)]
        # "the 52-year-old said", which the parse may read as a modifier of "said"
        subjects = subjects or [c for c in v.children if aged_noun(c)]
        if subjects:  # two subjects in a bad parse ("Q: The minister said"): the nearer
            child = min(subjects, key=lambda c: (c.i > v.i, abs(v.i - c.i)))
            if child.lower_ in RELATIVES and v.dep_ == "relcl":
                return v.head
            return child
        if v.dep_ in CLAUSES_ON_NOUNS:
            noun = v.head  # "issued a statement saying": whoever issued it
            if fold(noun.lemma_ or noun.text) in STATEMENT_NOUNS and noun.dep_ in ("dobj", "pobj"):
                v = noun.head.head if noun.dep_ == "pobj" else noun.head
                continue
            return v.head
        if v.dep_ == "conj" and v.head.dep_ == "ccomp" and cue_words(v.head.head) \
                and cue_words(v):  # "X told analysts the cuts would cost ... but said":
            v = v.head.head  # the parse hangs the second cue under the first one's report
            continue
        if v.dep_ in SHARED_SUBJECT_CLAUSES and v.head.i != v.i:
            v = v.head
            continue
        if v.dep_ == "ccomp" and v.head.i < v.i and v.i == verb.i and v.head.pos_ in VERBS:
            v = v.head  # "A spokeswoman, asked whether ..., said:" parsed under "asked"
            continue
        break
    return None


def tail_verb(p: Passages, k: int, item: Judged) -> Token | None:
    """The speech verb of an attribution right after the quote ("…,” he said."); sets the
    item's `attribution_end` when there is one."""
    m = item.mark
    end = sentence_end(p.text, m.close, p.next_open(k))
    tail = p.text[m.close:end]
    toks = p.tokens(m.close, end)
    if not toks or tail.rstrip().endswith(":") or toks[0].lower_ in CLAUSE_OPENERS:
        return None  # nothing, an introduction of the next quote, or a clause of its own
    quoted = p.text[m.start:m.end]
    if not p.initial(k) and ends_sentence(quoted):
        return None  # 'X said the plan had "failed." Y did not respond.': X's, not Y's
    if not (_OPEN_END.search(quoted) or tail.lstrip()[:1] in (",", "—", "–", "-")) and (
            len(toks) > MAX_BARE_TAIL or not ends_sentence(tail) or tail.rstrip().endswith("?")):
        return None  # after a full stop only a bare "Sultan said." attributes, no question
    if word_count(quoted) < MIN_EMBEDDED_WORDS and not p.initial(k):
        return None  # a term inside a sentence ("called the plan ‘a gimmick’, …")
    late = (t for t in toks[8:] if _opens_subject(t, toks[0]) or _after_apposition(p, t, toks))
    for tok in [*toks[:8], *late][:9]:
        if is_speech(tok):
            if any(c.dep_ in CLAUSAL_COMPLEMENTS and tok.i < c.i and c.idx < end
                   for c in tok.children):
                return None  # "…” Asked whether he would stay, …: a report of its own
            item.attribution_end = end
            return tok
    return None


def _after_apposition(p: Passages, verb: Token, toks: list[Token]) -> bool:
    """The same when the parse lost the subject: the attribution opens with a name, and a
    comma (or a closing bracket) sets the verb off from what comes between."""
    return toks[0].pos_ == "PROPN" and p.text[toks[0].idx:verb.idx].rstrip()[-1:] in ",)"


def _opens_subject(verb: Token, first: Token) -> bool:
    """The verb's subject is the phrase the attribution opens with: "…,” Jean-Pierre Ngaïkoua,
    president of the Movement for Democratic Renewal (MDR), told reporters", however long
    the apposition between the name and the verb."""
    subject = subject_of(verb)
    return subject is not None and subject.left_edge.i <= first.i + 1 and subject.i < verb.i


def inner_tail(p: Passages, k: int) -> tuple[Token, int] | None:
    """A quote never closed whose attribution the writer put inside it ("``We heard the
    sirens only after the water rose, said Peter Mulenga."): the speech verb, and where the
    quoted words end; None when no attribution ends its paragraph. Such an attribution
    says the writer forgot the closing mark, even when the next paragraph opens with a
    quote mark (which would otherwise continue the quote)."""
    m = p.marks[k]
    if m.closed:
        return None
    for match in _INNER_BREAK.finditer(p.text, m.start, m.end):
        toks = p.tokens(match.end(), m.end)
        if not toks or len(toks) > MAX_INNER_TAIL:
            continue
        for tok in toks[:MAX_BARE_TAIL]:
            if is_speech(tok):
                later = [c for c in tok.children if c.dep_ in NOMINAL_SUBJECTS and c.i > tok.i]
                subject = later[0] if later else subject_of(tok)  # "…, said Peter Mulenga"
                if (subject is None or subject.i < tok.i) and tok.i + 1 < len(tok.doc) and \
                        tok.doc[tok.i + 1].pos_ == "PROPN":
                    subject = tok.doc[tok.i + 1]  # "asked Karen Boyle": parsed as an object
                if subject is not None and subject.idx >= match.end() and \
                        subject.lower_ not in INSIDE_PRONOUNS:
                    return tok, match.start() + 1
                break
    return None


def intro_verb(p: Passages, m: Marked) -> tuple[bool, Token | None]:
    """For "X replied: “…”" (also across a paragraph break) and "Smith said, “…”": the verb
    that introduces the quote. (False, None) when nothing introduces it."""
    j = m.open - 1
    while j >= 0 and p.text[j].isspace():
        j -= 1
    if j < 0 or p.text[j] not in ":,":
        return False, None
    floor = p.paras[p.para_of(j)][0]
    toks = p.tokens(sentence_start(p.text, j, floor), j)
    verbs = [t for t in toks if t.pos_ in VERBS and not p.in_quote(t.idx)]
    speech = [t for t in verbs if is_speech(t)]
    if p.text[j] == ",":
        near = [t for t in toks[-4:] if is_speech(t)]
        return (True, near[-1]) if near else (False, None)
    if speech:
        return True, speech[-1]
    roots = [t for t in verbs if t.dep_ == "ROOT"]
    return True, (roots or verbs)[-1] if roots or verbs else None


_REPORTED = frozenset({"ccomp", "conj"})  # a clause a higher verb reports, or shares


def governor(p: Passages, m: Marked, verbs: frozenset[str] | None = None) -> Token | None:
    """A speech verb (or one of `verbs`) before the passage that the passage hangs from in
    the parse; the outermost one, whose speaker reports the clause the words sit in
    ("she said the board had promised a new well field “as far back as 2019”": hers)."""
    for tok in p.tokens(m.start, m.end):
        walk, found = tok, None
        for _ in range(8):
            if walk.head.i == walk.i or found is not None and walk.dep_ not in _REPORTED:
                break  # past a speech verb, only up through what reports it
            walk = walk.head
            if walk.idx < m.open and is_speech(walk, verbs) and not is_passive(walk):
                found = walk  # "expected Lisle to be confirmed “...”": not Lisle's words
        if found is not None:
            return found
    return None


def partial_speaker_verb(p: Passages, m: Marked) -> Token | None:
    """The speech verb whose speaker a short quoted phrase is the words of ("told reporters
    the bill was “dead on arrival”", "said she was “genuinely surprised”", "would comply
    “under protest”"): a phrase that says something of its clause (a verb, an adjective,
    an adverbial), not a noun the sentence names. A term in quotes ("the so-called
    “reform”", "delivering “selective justice”", "framed the attack as “retribution”") is
    a word the story holds up, not words anyone said."""
    toks = p.tokens(m.start, m.end)
    if not toks:
        return None
    root = next((t for t in toks if not m.start <= t.head.idx < m.end), toks[0])
    if root.pos_ not in ("VERB", "ADJ", "ADV", "ADP", "AUX") or (
            root.dep_ == "pobj" and root.head.lower_ == "as"):
        return None
    return governor(p, m)


def according_span(p: Passages, k: int) -> tuple[int, int] | None:
    """"According to X, “…”" or "“…,” according to X.": where X is written, else None."""
    m = p.marks[k]
    lead = p.lead_start(k)
    end = sentence_end(p.text, m.close, p.next_open(k))
    before = _ACCORDING_BEFORE.search(p.text[lead:m.open])
    after = _ACCORDING_AFTER.match(p.text[m.close:end])
    if after:
        return (m.close + after.end(), end)
    if before:
        return (lead + before.end(), m.open)
    return None


def member_speaking(p: Passages, actors: DocActors, key: str, span: tuple[int, int]) -> str:
    """"economist Ryo Fujieda of the Kasumi Research Institute said": where the parse gave
    the verb no subject, the body named last before the quote is the speaker's body; the
    person whose "of", "at" or "from" phrase names it speaks."""
    last = max((m for m in actors.mentions_between(*span) if m[2] == key), default=None)
    if last is None:
        return key
    start, end = last[0], last[1]
    root = next((t for t in p.tokens(start, end) if not start <= t.head.idx < end), None)
    while root is not None and root.dep_ in ("appos", "compound"):  # "the group X"
        root = root.head
    if root is None or root.dep_ != "pobj" or root.head.lower_ not in ("of", "at", "from"):
        return key
    holder = root.head.head
    if holder.pos_ != "PROPN":  # "the representative of Guyana": the state speaks
        return key
    member = actors.at(holder.idx, holder.idx + len(holder))
    return member if member is not None and actors.kind(member) == "person" else key
