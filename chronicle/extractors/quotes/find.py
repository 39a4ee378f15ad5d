"""Quotations and who said them.

Quote marks are found by plain string code (marks.py); spaCy's parse is used only to find
the speech verb that attributes a passage (cues.py) and that verb's subject (speakers.py).
A passage is a quote when it is speech: attributed by a cue after it ("…,” Sultan said"),
introduced by a colon ("Aziz responded: “…”"), governed by a speech verb ("stressed that
his leader “…”"), the continuation of an attributed quote, or a whole sentence standing on
its own in a paragraph of quotes. Short phrases inside a sentence ("delivering “selective
justice”", "described it as a “fundamental betrayal”") are terms or labels, not quotes.
See docs/quotes.md.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from chronicle.extractors.actors.vocab import TITLE_WORDS
from chronicle.extractors.quotes import cues
from chronicle.extractors.quotes.cues import MIN_EMBEDDED_WORDS
from chronicle.extractors.quotes.labels import TurnSpeakers
from chronicle.extractors.quotes.marks import ends_sentence, namelike, word_count
from chronicle.extractors.quotes.passages import Judged, Passages
from chronicle.extractors.quotes.ranking import rerank
from chronicle.extractors.quotes.speakers import Speakers
from chronicle.extractors.quotes.turns import find_turns
from chronicle.extractors.quotes.words import ACCORDING, LABEL_VERBS, SPEAKER_KINDS
from chronicle.records import Document, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from chronicle.extractors.actors.document import DocActors

MIN_LOOSE_WORDS = 6  # an embedded clause this long is quoted speech even with no cue
MIN_LABELLED_SPEECH = 8  # what a labelling verb quotes is a label, unless it is this long
_OWN_CUES = ("tail", "colon", "governed")
_TURN_HOW = {"named": "turn", "host": "turn", "question": "question", "answer": "interview"}


def find_quotes(doc: Doc, document: Document, actors: DocActors, ranked: bool = True
                ) -> list[Quote]:
    """The quotes of one document, each with its speaker's entity key (or None), its cue
    and what decided the speaker (`how`), in text order. `ranked`: the learned ranker
    (ranking.py) has the last word on each speaker the rules judged."""
    finder = judge_passages(doc, document, actors)
    if ranked:
        rerank(finder.p, finder.speakers)
    marked = [item for item in finder.p.judged if item.accepted]
    found = [(j.mark.start, j.mark.end, j.speaker, j.cue, j.how, j.mark.closed)
             for j in marked]
    spans = [(j.mark.start, j.mark.end) for j in marked]
    for turn, key in zip(finder.turns.turns, finder.turns.keys, strict=True):
        if not turn.silent and not any(s <= turn.start + 2 and e >= turn.end - 2
                                       for s, e in spans):
            found.append((turn.start, turn.end, key, None, _TURN_HOW[turn.role], True))
    found.sort(key=lambda f: (f[1], f[0]))  # by end: a quote inside a turn before the turn
    return [Quote(id=f"{document.id}#q{n}", doc=document.id, speaker=speaker,
                  text=document.text[start:end], start=start, end=end, cue=cue, how=how,
                  closed=closed)
            for n, (start, end, speaker, cue, how, closed) in enumerate(found, 1)]


def judge_passages(doc: Doc, document: Document, actors: DocActors) -> _Finder:
    """Every marked passage of the document judged by the rules: quote or not, and who
    speaks (`finder.p.judged`)."""
    finder = _Finder(doc, document, actors)
    finder.run()
    return finder


class _Finder:
    """Judges every marked passage of one document in text order.

    Order matters: a pronoun speaker and a quote with no cue look back at the speakers of
    the quotes already judged.
    """

    def __init__(self, doc: Doc, document: Document, actors: DocActors):
        self.p = Passages(doc, document.text)
        turns = find_turns(document.text, self.p.paras, TITLE_WORDS)
        self.turns = TurnSpeakers(turns, actors, document.text)
        self.speakers = Speakers(self.p, actors, self.turns)

    def run(self) -> list[Judged]:
        for k, mark in enumerate(self.p.marks):
            item = Judged(mark, self.p.para_of(mark.open))
            self.p.add(item)
            self._judge(k, item)
        _fill_chains(self.p.judged)
        return self.p.judged

    def _judge(self, k: int, item: Judged) -> None:
        inner = cues.inner_tail(self.p, k)
        if inner is not None:  # "``We heard the sirens late, said Peter Mulenga." unclosed
            said, cut = inner
            item.attribution_end = item.mark.end
            item.mark = self.p.marks[k] = replace(item.mark, end=cut, close=cut)
            self._accept(item, "tail", said, self.speakers.of_verb(said, item))
            return
        m = item.mark
        quoted = self.p.text[m.start:m.end]
        words = word_count(quoted)
        verb = cues.tail_verb(self.p, k, item)
        if verb is not None:
            self._accept(item, "tail", verb, self.speakers.of_verb(verb, item))
            return
        intro, verb = cues.intro_verb(self.p, m)
        if intro:
            if (verb is not None and cues.is_speech(verb)) or (
                    words >= MIN_EMBEDDED_WORDS and not namelike(quoted)):
                self._accept(item, "colon", verb, self.speakers.of_verb(verb, item))
            return
        if words >= MIN_EMBEDDED_WORDS and not namelike(quoted):
            verb = cues.governor(self.p, m)
            if verb is not None:
                self._accept(item, "governed", verb, self.speakers.of_verb(verb, item))
                return
            source = cues.according_span(self.p, k)
            if source is not None:
                self._accept(item, "according", None, self.speakers.source(source),
                             cue=ACCORDING[0])
                return
        if not namelike(quoted):
            verb = cues.partial_speaker_verb(self.p, m)
            if verb is not None:  # a partial quote: "was “dead on arrival”"
                self._accept(item, "governed", verb, self.speakers.of_verb(verb, item))
                return
        prev = self.p.before(k)
        if m.continues and prev is not None:
            self._accept(item, "continued", None, prev.speaker, cue=prev.cue)
            return
        if not namelike(quoted):
            self._standalone(k, item, words)

    @staticmethod
    def _accept(item: Judged, how: str, verb: Token | None, speaker: str | None,
                cue: str | None = None) -> None:
        item.accepted, item.how, item.speaker, item.verb = True, how, speaker, verb
        item.cue = verb.text if verb is not None else cue

    def _standalone(self, k: int, item: Judged, words: int) -> None:
        """No cue of its own: a split quote, a quote paragraph, or a long quoted clause."""
        m, p = item.mark, self.p
        prev = p.before(k)
        initial = p.initial(k)
        ends = ends_sentence(p.text[m.start:m.end]) or p.tail_empty(k)
        split = initial and prev is not None and prev.accepted and prev.para == item.para
        if split or (initial and ends and (
                words >= MIN_EMBEDDED_WORDS or p.tail_empty(k, True))):
            speaker = self.speakers.recent(m.open, ("person",)) or \
                self.speakers.recent(m.open, SPEAKER_KINDS)
            if split and prev is not None and (speaker is None or speaker == prev.speaker
                                               or _adjacent(p.text, prev, m.open)):
                self._accept(item, "split", None, prev.speaker, cue=prev.cue)
            else:  # "“A,” said Smith. Jones disagreed. “B.”": B is Jones's
                self._accept(item, "context", None, speaker)
        elif words >= MIN_LOOSE_WORDS:
            label = cues.governor(p, m, LABEL_VERBS)
            if label is not None and words >= MIN_LABELLED_SPEECH:  # "called the aid “a
                self._accept(item, "governed", label,  # bailout for a crisis the president
                             self.speakers.of_verb(label, item))  # created”": said words
            elif label is None and any(t.pos_ == "VERB" for t in p.tokens(m.start, m.end)):
                self._accept(item, "loose", None, self.speakers.loose(m))


def _adjacent(text: str, prev: Judged, start: int) -> bool:
    """Nothing but the attribution of the quote before lies between it and `start`
    ("“A,” Haddad said. “B.”"): the same speaker goes on."""
    end = max(prev.attribution_end, prev.mark.close)
    return not text[end:start].strip(" \t\n,;:—–-")


def _fill_chains(judged: list[Judged]) -> None:
    """A multi-paragraph quote attributed only in a later part: every part gets that
    speaker."""
    chain: list[Judged] = []
    for item in [*judged, None]:
        if item is not None and item.mark.continues and chain:
            chain.append(item)
            continue
        own = [j for j in chain if j.how in _OWN_CUES and j.speaker is not None]
        for j in chain if own else ():
            if j.speaker is None and (j.accepted or j.mark.continues):
                j.accepted, j.speaker = True, own[0].speaker
                j.cue = j.cue or own[0].cue
        chain = [item] if item is not None else []
