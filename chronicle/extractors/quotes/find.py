"""Quotations and who said them.

Quote marks are found by plain string code (`quotemarks`); spaCy's parse is used only to find
the speech verb that attributes a passage and that verb's subject. A passage is a quote when
it is speech: attributed by a cue after it ("…,” Sultan said"), introduced by a colon
("Aziz responded: “…”"), governed by a speech verb ("stressed that his leader “…”"), the
continuation of an attributed quote, or a whole sentence standing on its own in a paragraph
of quotes. Short phrases inside a sentence ("delivering “selective justice”", "described it
as a “fundamental betrayal”") are terms or labels, not quotes. See docs/quotes.md.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.extractors.quotes.marks import (
    CLAUSE_OPENERS,
    LABEL_VERBS,
    PRONOUN_KINDS,
    SPEECH_VERBS,
    Marked,
    ends_sentence,
    is_speech,
    namelike,
    paragraphs,
    scan_quotes,
    sentence_end,
    sentence_start,
    subject_of,
    word_count,
)
from chronicle.records import Document, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from chronicle.extractors.actors.document import DocActors

MIN_EMBEDDED_WORDS = 4  # a shorter phrase inside a sentence is a term, not a quote
MIN_LOOSE_WORDS = 6  # an embedded clause this long is quoted speech even with no cue

_SPEAKER_KINDS = ("person", "organization", "group", "country")
_OPEN_END = re.compile(r"[,;:?!—–…-]$")
_OWN_CUES = ("tail", "colon", "governed")


@dataclass(slots=True)
class _Judged:
    """What was decided about one marked passage."""

    mark: Marked
    para: int
    accepted: bool = False
    how: str = ""  # tail, colon, governed, according, split, continued, context, loose
    cue: str | None = None
    speaker: str | None = None
    attribution_end: int = -1  # end of the clause after the quote that attributed it


def find_quotes(doc: Doc, document: Document, actors: DocActors) -> list[Quote]:
    """The quotes of one document, each with its speaker's entity key (or None) and cue."""
    quotes = []
    for item in _Finder(doc, document.text, actors).run():
        if item.accepted:
            m = item.mark
            quotes.append(Quote(id=f"{document.id}#q{len(quotes) + 1}", doc=document.id,
                                speaker=item.speaker, text=document.text[m.start:m.end],
                                start=m.start, end=m.end, cue=item.cue))
    return quotes


class _Finder:
    """Judges every marked passage of one document in text order.

    Order matters: a pronoun speaker and a quote with no cue look back at the speakers of
    the quotes already judged.
    """

    def __init__(self, doc: Doc, text: str, actors: DocActors):
        self.doc, self.text, self.actors = doc, text, actors
        self.marks = scan_quotes(text)
        self.opens = [m.open for m in self.marks]
        self.paras = paragraphs(text) or [(0, len(text))]
        self.para_starts = [s for s, _ in self.paras]
        self.tok_starts = [t.idx for t in doc]
        self.judged: list[_Judged] = []
        self.judged_opens: list[int] = []
        if doc.has_annotation("DEP"):
            self.sents = [(s.start_char, s.end_char, s.root) for s in doc.sents]
        else:
            self.sents = [(s, e, None) for s, e in self.paras]
        self.sent_starts = [s for s, _, _ in self.sents]
        self._pronouns: dict[int, str | None] = {}

    def run(self) -> list[_Judged]:
        for k, mark in enumerate(self.marks):
            item = _Judged(mark, self._para_of(mark.open))
            self.judged.append(item)
            self.judged_opens.append(mark.open)
            self._judge(k, item)
        self._fill_chains()
        return self.judged

    # ---------------------------------------------------------------- positions

    def _para_of(self, pos: int) -> int:
        return max(0, bisect_right(self.para_starts, pos) - 1)

    def _tokens(self, start: int, end: int) -> list[Token]:
        i, j = bisect_left(self.tok_starts, start), bisect_left(self.tok_starts, end)
        return [t for t in self.doc[i:j] if not (t.is_punct or t.is_space)]

    def _in_quote(self, pos: int) -> bool:
        k = bisect_right(self.opens, pos) - 1
        return k >= 0 and pos < self.marks[k].close

    def _lead_start(self, k: int) -> int:
        m = self.marks[k]
        floor = self.paras[self._para_of(m.open)][0]
        if k > 0:
            floor = max(floor, self.marks[k - 1].close)
        return sentence_start(self.text, m.open, floor)

    def _next_open(self, k: int) -> int:
        para_end = self.paras[self._para_of(self.marks[k].open)][1]
        if k + 1 < len(self.marks) and self.marks[k + 1].open < para_end:
            return self.marks[k + 1].open
        return max(para_end, self.marks[k].close)

    def _initial(self, k: int) -> bool:
        """The passage opens its sentence, or follows the attribution of the quote before."""
        m = self.marks[k]
        if not self.text[self._lead_start(k):m.open].strip(" \t\n([—–-"):
            return True
        prev = self.judged[k - 1] if k > 0 else None
        return prev is not None and prev.attribution_end > 0 and prev.para == self._para_of(
            m.open) and not self.text[prev.attribution_end:m.open].strip(" \t\n,;—–-")

    def _tail_empty(self, k: int, whole_paragraph: bool = False) -> bool:
        """Nothing but punctuation follows, up to the next quote (or the paragraph's end)."""
        m = self.marks[k]
        end = self._next_open(k)
        if whole_paragraph:
            end = max(self.paras[self._para_of(m.open)][1], m.close)
        return not self.text[m.close:end].strip(" \t\n.,;—–-")

    # ---------------------------------------------------------------- judging

    def _judge(self, k: int, item: _Judged) -> None:
        m = item.mark
        quoted = self.text[m.start:m.end]
        words = word_count(quoted)
        verb = self._tail_verb(k, item)
        if verb is not None:
            self._accept(item, "tail", verb, self._speaker_of(verb, item))
            return
        intro, verb = self._intro_verb(m)
        if intro:
            if (verb is not None and is_speech(verb)) or (
                    words >= MIN_EMBEDDED_WORDS and not namelike(quoted)):
                self._accept(item, "colon", verb, self._speaker_of(verb, item))
            return
        if words >= MIN_EMBEDDED_WORDS and not namelike(quoted):
            verb = self._governor(m)
            if verb is not None:
                self._accept(item, "governed", verb, self._speaker_of(verb, item))
                return
            found, source = self._according_to(k)
            if found:
                self._accept(item, "according", None, source, cue="according to")
                return
        if m.continues and k > 0:
            prev = self.judged[k - 1]
            self._accept(item, "continued", None, prev.speaker, cue=prev.cue)
            return
        if not namelike(quoted):
            self._standalone(k, item, words)

    def _accept(self, item: _Judged, how: str, verb: Token | None, speaker: str | None,
                cue: str | None = None) -> None:
        item.accepted, item.how, item.speaker = True, how, speaker
        item.cue = verb.text if verb is not None else cue

    def _standalone(self, k: int, item: _Judged, words: int) -> None:
        """No cue of its own: a split quote, a quote paragraph, or a long quoted clause."""
        m = item.mark
        prev = self.judged[k - 1] if k > 0 else None
        initial = self._initial(k)
        ends = ends_sentence(self.text[m.start:m.end]) or self._tail_empty(k)
        split = initial and prev is not None and prev.accepted and prev.para == item.para
        if split or (initial and ends and (
                words >= MIN_EMBEDDED_WORDS or self._tail_empty(k, True))):
            speaker = self._recent_speaker(m.open, ("person",)) or \
                self._recent_speaker(m.open, _SPEAKER_KINDS)
            if split and (speaker is None or speaker == prev.speaker):
                self._accept(item, "split", None, prev.speaker, cue=prev.cue)
            else:  # "“A,” said Smith. Jones disagreed. “B.”": B is Jones's
                self._accept(item, "context", None, speaker)
        elif words >= MIN_LOOSE_WORDS and self._governor(m, LABEL_VERBS) is None and any(
                t.pos_ == "VERB" for t in self._tokens(m.start, m.end)):
            self._accept(item, "loose", None, self._loose_speaker(m))

    # ---------------------------------------------------------------- cues

    def _tail_verb(self, k: int, item: _Judged) -> Token | None:
        """The speech verb of an attribution right after the quote ("…,” he said.")."""
        m = item.mark
        limit = self._next_open(k)
        end = sentence_end(self.text, m.close, limit)
        tail = self.text[m.close:end]
        toks = self._tokens(m.close, end)
        if not toks or tail.rstrip().endswith(":") or toks[0].lower_ in CLAUSE_OPENERS:
            return None  # nothing, an introduction of the next quote, or a clause of its own
        quoted = self.text[m.start:m.end]
        if not (_OPEN_END.search(quoted) or tail.lstrip()[:1] in (",", "—", "–", "-")) and (
                len(toks) > 6 or not ends_sentence(tail)):
            return None  # after a full stop only a bare "Sultan said." attributes
        if word_count(quoted) < MIN_EMBEDDED_WORDS and not self._initial(k):
            return None  # a term inside a sentence ("called the plan ‘a gimmick’, …")
        for tok in toks[:8]:
            if is_speech(tok):
                if any(c.dep_ in ("ccomp", "xcomp") and tok.i < c.i and c.idx < end
                       for c in tok.children):
                    return None  # "…” Asked whether he would stay, …: a report of its own
                item.attribution_end = end
                return tok
        return None

    def _intro_verb(self, m: Marked) -> tuple[bool, Token | None]:
        """For "X replied: “…”" (also across a paragraph break) and "Smith said, “…”": the
        verb that introduces the quote. (False, None) when nothing introduces it."""
        j = m.open - 1
        while j >= 0 and self.text[j].isspace():
            j -= 1
        if j < 0 or self.text[j] not in ":,":
            return False, None
        floor = self.paras[self._para_of(j)][0]
        toks = self._tokens(sentence_start(self.text, j, floor), j)
        verbs = [t for t in toks if t.pos_ in ("VERB", "AUX") and not self._in_quote(t.idx)]
        speech = [t for t in verbs if is_speech(t)]
        if self.text[j] == ",":
            near = [t for t in toks[-4:] if is_speech(t)]
            return (True, near[-1]) if near else (False, None)
        if speech:
            return True, speech[-1]
        roots = [t for t in verbs if t.dep_ == "ROOT"]
        return True, (roots or verbs or [None])[-1]

    def _governor(self, m: Marked, verbs: frozenset[str] = SPEECH_VERBS) -> Token | None:
        """A speech verb before the passage that the passage hangs from in the parse."""
        for tok in self._tokens(m.start, m.end):
            walk = tok
            for _ in range(8):
                if walk.head.i == walk.i:
                    break
                walk = walk.head
                if walk.idx < m.open and is_speech(walk, verbs):
                    return walk
        return None

    def _according_to(self, k: int) -> tuple[bool, str | None]:
        """"According to X, “…”" or "“…,” according to X.": (found, the actor X or None)."""
        m = self.marks[k]
        lead = self._lead_start(k)
        end = sentence_end(self.text, m.close, self._next_open(k))
        before = re.search(r"\baccording to\b", self.text[lead:m.open], re.IGNORECASE)
        after = re.match(r"[\s,]*according to\b", self.text[m.close:end], re.IGNORECASE)
        if after:
            span = (m.close + after.end(), end)
        elif before:
            span = (lead + before.end(), m.open)
        else:
            return False, None
        toks = self._tokens(*span)
        head = next((t for t in toks if t.dep_ == "pobj" and t.head.lower_ == "to"), None)
        if head is not None:  # "a senior State Department official": nobody we know
            return True, self._named(head)
        keys = [key for _, _, key in self.actors.mentions_between(*span)
                if self._kind(key) in _SPEAKER_KINDS]
        return True, (keys[0] if keys else None)

    # ---------------------------------------------------------------- speakers

    def _speaker_of(self, verb: Token | None, item: _Judged) -> str | None:
        m = item.mark
        subject = subject_of(verb) if verb is not None else None
        if verb is not None and verb.lemma_ == "quote":  # "the paper quoted X as saying"
            subject = next((c for c in verb.children if c.dep_ == "dobj"), subject)
        if subject is not None and not (m.open <= subject.idx < m.close):
            if subject.lower_ in PRONOUN_KINDS or subject.pos_ == "PRON":
                return self._pronoun(subject, min(subject.idx, m.open))
            return self._named(subject)  # "the minister told X": not X, whoever it is
        # No subject in the parse: the nearest named actor in the attribution.
        after = item.attribution_end > m.close
        if after:
            span = (m.close, item.attribution_end)
        else:
            span = (sentence_start(self.text, m.open, self.paras[item.para][0]), m.open)
        named = [key for _, _, key in self.actors.mentions_between(*span)
                 if self._kind(key) in _SPEAKER_KINDS]
        return (named[0] if after else named[-1]) if named else None

    def _named(self, tok: Token) -> str | None:
        """The entity a (non-pronoun) subject denotes: its appositive, itself, its name
        parts; a proper name the mention finder missed is matched against the names."""
        proper = tok.pos_ == "PROPN"
        cands = [c for c in tok.children if c.dep_ == "appos"] + [tok]
        if proper:  # name parts; a common noun's compound ("NATO spokesman") is no referent
            cands += [c for c in tok.children if c.dep_ in ("compound", "flat")]
        for cand in cands:
            key = self.actors.refer(cand)
            if key is not None:
                return key
        if not proper:
            return None
        start = min([tok.idx] + [c.left_edge.idx for c in tok.lefts
                                 if c.dep_ in ("compound", "flat", "amod", "det", "punct")])
        key = self.actors.at(start, tok.idx + len(tok))
        return key if key is not None else self._by_name(self.text[start:tok.idx + len(tok)])

    def _by_name(self, phrase: str) -> str | None:
        """The one speaker-kind entity of the document that bears this name or surname."""
        words = phrase.split()
        if not words or not words[-1][:1].isupper():
            return None
        last = words[-1].lower()
        hits = {e.key for e in self.actors.all_entities() if e.kind in _SPEAKER_KINDS
                and any(n.lower() == last or n.lower().endswith(" " + last)
                        for n in [e.name, *e.names])}
        return hits.pop() if len(hits) == 1 else None

    def _pronoun(self, tok: Token, before: int) -> str | None:
        """He/she/they as a speaker: the last speaker or named subject before the quote.

        Tried before `actors.refer`: general coreference picks the nearest person ("…even
        if Haddad signs it,” he said"), while news attributes to the speaker in
        focus."""
        if tok.i not in self._pronouns:
            kinds = PRONOUN_KINDS.get(tok.lower_)
            gender = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(tok.lower_)
            key = self._recent_speaker(before, kinds, gender) if kinds else None
            if key is None:
                key = self.actors.refer(tok)
            if key is None and kinds:
                key = self.actors.last_mentioned(before, kinds)
            self._pronouns[tok.i] = key
        return self._pronouns[tok.i]

    def _recent_speaker(self, pos: int, kinds: tuple[str, ...],
                        gender: str | None = None) -> str | None:
        """Scanning back over sentences (this and two earlier paragraphs): the speaker of
        the last quote, or the last named subject, of the wanted kinds (and gender)."""
        floor = self.paras[max(0, self._para_of(pos) - 2)][0]
        if gender is not None:
            kinds = tuple(kinds)

            def fits(key: str) -> bool:
                return self._kind(key) in kinds and self.actors.gender(key) in (None, gender)
        else:
            def fits(key: str) -> bool:
                return self._kind(key) in kinds
        for n in range(bisect_left(self.sent_starts, pos) - 1, -1, -1):
            start, end, root = self.sents[n]
            if end <= floor:
                break
            lo = bisect_left(self.judged_opens, start)
            hi = bisect_left(self.judged_opens, min(end, pos))
            quoted = [j for j in self.judged[lo:hi] if j.accepted]
            if quoted and quoted[-1].speaker is not None:
                if fits(quoted[-1].speaker):
                    return quoted[-1].speaker
                continue
            subject = self._subject_of_sentence(root, pos)
            if subject is not None and (subject.lower_ in PRONOUN_KINDS or subject.pos_ == "PRON"):
                continue  # the focus has not moved: look further back
            key = self._named(subject) if subject is not None else None
            if key is not None and fits(key):
                return key
            named = [k for s, _, k in self.actors.mentions_between(start, min(end, pos))
                     if not self._in_quote(s) and fits(k)]
            if named:  # "The committee heard Dr. Lina Haddad." then "“…,” she said."
                return named[-1]
        return None

    def _subject_of_sentence(self, root: Token | None, pos: int) -> Token | None:
        if root is None or self._in_quote(root.idx):
            return None
        subject = subject_of(root)
        if subject is None or subject.idx >= pos or self._in_quote(subject.idx):
            return None
        return subject

    def _loose_speaker(self, m: Marked) -> str | None:
        span = self.doc.char_span(m.open, m.close, alignment_mode="expand")
        if span is None or not self.doc.has_annotation("DEP"):
            return None
        subject = self._subject_of_sentence(span.root.sent.root, m.open)
        if subject is None or subject.lower_ in PRONOUN_KINDS or subject.pos_ == "PRON":
            return None
        return self._named(subject)

    def _kind(self, key: str) -> str | None:
        try:
            return self.actors.entity(key).kind
        except (KeyError, StopIteration):
            return None

    def _fill_chains(self) -> None:
        """A multi-paragraph quote attributed only in a later part: every part gets that
        speaker."""
        chain: list[_Judged] = []
        for item in [*self.judged, None]:
            if item is not None and item.mark.continues and chain:
                chain.append(item)
                continue
            own = [j for j in chain if j.how in _OWN_CUES and j.speaker is not None]
            for j in chain if own else ():
                if j.speaker is None and (j.accepted or j.mark.continues):
                    j.accepted, j.speaker = True, own[0].speaker
                    j.cue = j.cue or own[0].cue
            chain = [item] if item is not None else []
