"""Who speaks: the entity behind the subject of a cue verb, a pronoun, a name the mention
finder missed, or the speaker in focus when a quote has no cue of its own.

News attributes to the speaker in focus: "he" after a quote is the last speaker or named
subject of the wanted kind, which is not always the nearest person that general
coreference would pick.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from chronicle.extractors.actors.coref import asked_about, introduced_official, served_body
from chronicle.extractors.actors.descriptions import (
    STATEMENT_NOUNS,
    aged_noun,
    described,
    describes,
    is_person_noun,
)
from chronicle.extractors.actors.names import fold
from chronicle.extractors.actors.vocab import FIRST_PERSON, ORG_TAILS, SECOND_PERSON, TITLE_WORDS
from chronicle.extractors.quotes.cues import cue_words, is_speech, member_speaking, subject_of
from chronicle.extractors.quotes.labels import make_person, person_name
from chronicle.extractors.quotes.marks import Marked, sentence_start
from chronicle.extractors.quotes.passages import Judged, Passages
from chronicle.extractors.quotes.words import (
    ASKING_VERBS,
    OFFICE_NOUNS,
    PRONOUN_GENDERS,
    PRONOUN_KINDS,
    QUOTING_VERBS,
    REPLY_VERBS,
    SPEAKER_KINDS,
)
from chronicle.nlp.labels import NAME_PARTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.actors.document import DocActors
    from chronicle.extractors.quotes.labels import TurnSpeakers

_NAME_LEFTS = NAME_PARTS | {"amod", "det", "punct"}  # what a written name starts with


def _pronoun_like(tok: Token) -> bool:
    return tok.lower_ in PRONOUN_KINDS or tok.pos_ == "PRON"


class Speakers:
    """Speaker lookups over one document's passages and actors (pronouns cached)."""

    def __init__(self, passages: Passages, actors: DocActors, turns: TurnSpeakers | None = None):
        self.p, self.actors, self.turns = passages, actors, turns
        self._pronouns: dict[int, str | None] = {}
        self.vouched: set[str] = set()  # persons by what the text says, whatever their kind

    def of_verb(self, verb: Token | None, item: Judged) -> str | None:
        """The speaker of a cue verb: its subject (a pronoun, a name), else the nearest named
        actor of the attribution."""
        m = item.mark
        subject = subject_of(verb) if verb is not None else None
        if verb is not None and verb.lemma_ in QUOTING_VERBS:  # "the paper quoted X as saying"
            subject = next((c for c in verb.children if c.dep_ == "dobj"), subject)
        if subject is not None and not (m.open <= subject.idx < m.close):
            speaking = self._in_turn(subject)
            if speaking is not None:
                return speaking
            if _pronoun_like(subject):
                return self.pronoun(subject, min(subject.idx, m.open))
            key = self.named(subject, make=True)  # "the minister told X": not X
            if key is None and verb is not None and cue_words(verb) & REPLY_VERBS:
                return self.addressee(min(subject.idx, m.open))  # "the defendant replied"
            if key is None:
                key = self.described_speaker(subject)
            self._vouch(subject, key)
            return key
        # No subject in the parse: the nearest named actor in the attribution.
        after = item.attribution_end > m.close
        if after:
            span = (m.close, item.attribution_end)
        else:
            span = (sentence_start(self.p.text, m.open, self.p.paras[item.para][0]), m.open)
        named = self._speakers_between(*span)
        if not named:
            return None
        return named[0] if after else member_speaking(self.p, self.actors, named[-1], span)

    def _vouch(self, subject: Token, key: str | None) -> None:
        """A name that speaks, or that a person noun introduces ("Bolivia's sports minister,
        Rodrigo Quispe"), is a person whatever kind the mention finder gave it: "he" may
        refer to it."""
        if key is None or self.kind(key) == "country":
            return
        if subject.pos_ == "PROPN" or is_person_noun(fold(subject.lemma_ or subject.text)):
            name = self.actors.entity(key).name
            if not set(fold(name).split()) & ORG_TAILS:
                self.vouched.add(key)

    def addressee(self, before: int) -> str | None:
        """Who the last question was put to ("asked him why", "asked Haddad whether"): the
        one who replies."""
        p = self.p
        floor = p.paras[max(0, p.para_of(before) - 2)][0]
        for tok in reversed(p.tokens(floor, before)):
            if tok.lemma_ in ASKING_VERBS and not p.in_quote(tok.idx):
                for child in tok.children:
                    if child.dep_ in ("dobj", "dative", "iobj"):
                        key = self.actors.refer(child) if not _pronoun_like(child) else \
                            self.pronoun(child, child.idx)
                        if key is not None:
                            return key
        return None

    def _in_turn(self, subject: Token) -> str | None:
        """"I" in a turn is its speaker; "you" is the guest the host or reporter asks."""
        low = subject.lower_
        if self.turns is None or (low not in FIRST_PERSON and low not in SECOND_PERSON):
            return None
        n = self.turns.at(subject.idx)
        if n is None:
            return None
        if low in FIRST_PERSON:
            return self.turns.keys[n]
        return self.turns.addressed(n)

    def source(self, span: tuple[int, int]) -> str | None:
        """X of "according to X": the object of "to", else the first actor named there."""
        toks = self.p.tokens(*span)
        head = next((t for t in toks if t.dep_ == "pobj" and t.head.lower_ == "to"), None)
        if head is not None:  # "a senior State Department official": nobody we know
            return self.named(head)
        keys = self._speakers_between(*span)
        return keys[0] if keys else None

    def _speakers_between(self, start: int, end: int) -> list[str]:
        return [key for _, _, key in self.actors.mentions_between(start, end)
                if self.kind(key) in SPEAKER_KINDS]

    def named(self, tok: Token, make: bool = False) -> str | None:
        """The entity a (non-pronoun) subject denotes: its appositive, itself, its name
        parts; a proper name the mention finder missed is matched against the names."""
        proper = tok.pos_ == "PROPN"
        owner = self._office_holder(tok)
        if owner is not None:
            return owner
        key = self._titled_or_described(tok, proper)
        if key is not None:
            return key
        apposed = [c for c in tok.children if c.dep_ == "appos"]
        cands = [*apposed, tok]
        if proper:  # the name itself before what its apposition names ("X, who runs Y,
            # says"); name parts; a common noun's compound ("NATO spokesman") is no referent
            cands = [tok, *apposed, *(c for c in tok.children if c.dep_ in NAME_PARTS)]
        description = describes(tok)
        for cand in cands:
            key = self.actors.refer(cand)
            if key is not None and not (description and self.kind(key) == "location"):
                return key  # "the South Carolina governor" is no place: a person in focus
        if not proper:
            key = self._named_inside(tok)
            if key is None and tok.text[:1].isupper() and tok.pos_ == "NOUN" and \
                    not is_person_noun(fold(tok.lemma_ or tok.text)):  # a surname the
                key = self._by_name(tok.text)  # tagger read as a noun: "Valdivieso added"
            return key
        if description:
            return None  # "the New Mexico Democrat" describes a person; it names nobody
        start = min([tok.idx] + [c.left_edge.idx for c in tok.lefts if c.dep_ in _NAME_LEFTS])
        key = self.actors.at(start, tok.idx + len(tok))
        phrase = self.p.text[start:tok.idx + len(tok)]
        key = key if key is not None else self._by_name(phrase)
        if key is None and make:  # a speaker's name the mention finder missed
            name = person_name(tok, phrase)
            if name is not None:
                end = tok.idx + len(tok)
                key = make_person(self.actors, name, (end - len(name), end))
        return key

    def _office_holder(self, tok: Token) -> str | None:
        """"His office said", "the governor's office issued a statement", "the office of
        Attorney General X said": an office, a campaign or a team speaks for its holder."""
        if fold(tok.lemma_ or tok.text) not in OFFICE_NOUNS:
            return None
        for child in tok.children:
            if child.dep_ == "poss":
                if child.tag_ == "PRP$" or _pronoun_like(child):  # "his office": the
                    # person in focus of his gender
                    gender = {"his": "m", "her": "f"}.get(child.lower_)
                    return self.pronoun(child, child.idx) or self.recent(
                        child.idx, ("person",) if gender else SPEAKER_KINDS, gender)
                return self.named(child) or self.described_speaker(child)
        holders = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "for")
                   for g in c.children if g.dep_ == "pobj"]
        return self.named(holders[0]) if holders else None

    def _titled_or_described(self, tok: Token, proper: bool) -> str | None:
        """The person an apposed name, an introduced official or a description is."""
        for appos in (c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and tok.doc[c.i - 1].text != "("):  # "DORVAL (Haiti)": his country
            key = self.actors.refer(appos)  # "said the deputy chair, Robert Ngata": the
            if key is not None:  # name, not whoever else the title fits
                return key
        served = served_body(self.actors, tok)
        if served is not None:  # "the representative of France said": France
            return served
        introduced = introduced_official(self.actors, tok)
        if introduced is not None:  # "the official said" after "a finance ministry official"
            return self._named_official(tok) or introduced
        if describes(tok) or aged_noun(tok):  # "the Cork South-West TD": a person it fits,
            fits = described(self.actors, tok)  # before any title the mention finder took
            if fits is not None:  # for a name
                return fits
        if proper and fold(tok.text).rstrip(".") in TITLE_WORDS:  # "Qatar's Prime Minister
            for conj in (c for c in tok.children if c.dep_ == "conj"):  # and Foreign
                key = self.actors.at(conj.left_edge.idx, conj.idx + len(conj))  # Minister
                if key is not None and self.kind(key) == "person":  # Sheikh X said", read
                    return key  # as two subjects: the person the titles name
        return None

    def _named_inside(self, tok: Token) -> str | None:
        """A person named inside a subject the parse split up ("One skipper in Fraserburgh,
        Donald Reid, said"): the first person mentioned in its phrase."""
        if not is_person_noun(fold(tok.lemma_ or tok.text)):
            return None
        end = tok.right_edge.idx + len(tok.right_edge)
        people = [k for _, _, k in self.actors.mentions_between(tok.left_edge.idx, end)
                  if self.kind(k) == "person" or k in self.vouched]
        return people[0] if people else None

    def described_speaker(self, tok: Token) -> str | None:
        """A description of a speaker that fits nobody named: the person in focus ("Jens
        Riedel said ... The veteran lawmaker added"), or in a lede that names nobody before
        it, the person named next."""
        if describes(tok) or aged_noun(tok):
            key = described(self.actors, tok, focus=True)
            if key is not None:
                return key
        return self._named_later(tok)

    def _named_official(self, tok: Token) -> str | None:
        """"the spokeswoman" after "Foreign Ministry spokeswoman Le Thi Hang": the person
        the official was introduced with, not the body."""
        for prev in reversed(tok.doc[max(0, tok.i - 300):tok.i]):
            if prev.lemma_ != tok.lemma_ or prev.pos_ != "NOUN":
                continue
            names = [c for c in prev.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if prev.dep_ in ("compound", "appos") and prev.head.pos_ == "PROPN":
                names.append(prev.head)
            keys = [self.actors.refer(n) for n in names]
            end = prev.idx + len(prev)  # the name written right after, whatever the parse
            keys += [k for s, _, k in self.actors.mentions_between(end, end + 60)
                     if not self.p.text[end:s].strip(" ,")]
            return next((k for k in keys if k is not None and self.kind(k) == "person"), None)
        return None

    def _named_later(self, tok: Token) -> str | None:
        """A lede that describes its speaker before naming anyone ("A senior union official
        said ..."; "“…,” the chair of the board said") names them next: the first person
        of the paragraph after, when nobody is named before the description."""
        para = self.p.para_of(tok.idx)
        byline = self.p.story_start
        if para > 1 + (byline > 0) or not is_person_noun(fold(tok.lemma_ or tok.text)):
            return None  # only a lede (a title and its first paragraph) names later
        if any(self.kind(k) == "person" or k in self.vouched
               for _, _, k in self.actors.mentions_between(byline, tok.idx)):
            return None  # (the writer a byline names is no one the story named)
        end = self.p.paras[min(para + 1, len(self.p.paras) - 1)][1]
        people = [k for s, _, k in self.actors.mentions_between(tok.idx, end)
                  if self.kind(k) == "person" and not self.p.in_quote(s)]
        return people[0] if people else None

    def _by_name(self, phrase: str) -> str | None:
        """The one speaker-kind entity of the document that bears this name or surname."""
        words = phrase.split()
        if not words or not words[-1][:1].isupper():
            return None
        last = words[-1].lower()
        hits = {e.key for e in self.actors.all_entities() if e.kind in SPEAKER_KINDS
                and any(n.lower() == last or n.lower().endswith(" " + last)
                        for n in [e.name, *e.names])}
        return hits.pop() if len(hits) == 1 else None

    def pronoun(self, tok: Token, before: int) -> str | None:
        """He/she/they as a speaker: the last speaker or named subject before the quote.

        Tried before `actors.refer`: general coreference picks the nearest person ("…even
        if Haddad signs it,” he said"), while news attributes to the speaker in focus."""
        if tok.i not in self._pronouns:
            kinds = PRONOUN_KINDS.get(tok.lower_)
            gender = PRONOUN_GENDERS.get(tok.lower_)
            key = self._statement(tok) if "person" not in (kinds or ()) else None
            if key is None and kinds:
                key = self.recent(before, kinds, gender)
            if key is None:
                key = self.actors.refer(tok)
            if key is None and kinds:
                key = self.actors.last_mentioned(before, kinds)
            self._pronouns[tok.i] = key
        return self._pronouns[tok.i]

    def _statement(self, tok: Token) -> str | None:
        """"The statement ... was published late. It read in part: “…”": "it" is the
        statement the sentence before was about, and speaks for whoever issued it."""
        n = bisect_left(self.p.sent_starts, tok.idx + 1) - 1
        if n < 1:
            return None
        subject = self.sentence_subject(self.p.sents[n - 1][2], tok.idx)
        if subject is None or fold(subject.lemma_ or subject.text) not in STATEMENT_NOUNS:
            return None
        return described(self.actors, subject)

    def recent(self, pos: int, kinds: tuple[str, ...], gender: str | None = None
               ) -> str | None:
        """Scanning back over sentences (this and two earlier paragraphs): the speaker of
        the last quote, or the last named subject, of the wanted kinds (and gender)."""
        p = self.p
        floor = p.paras[max(0, p.para_of(pos) - 2)][0]
        fits = self._fits(kinds, gender)
        for n in range(bisect_left(p.sent_starts, pos) - 1, -1, -1):
            start, end, root = p.sents[n]
            if end <= floor:
                break
            lo = bisect_left(p.judged_opens, start)
            hi = bisect_left(p.judged_opens, min(end, pos))
            quoted = [j.speaker for j in p.judged[lo:hi] if j.accepted]
            turn = self.turns.at(start) if self.turns is not None else None
            if turn is not None and not quoted and self.turns is not None and \
                    not self.turns.turns[turn].silent and self.turns.at(pos) is None:
                quoted = [self.turns.keys[turn]]  # a turn; but "he" in a turn is no "I"/"you"
            if quoted and quoted[-1] is not None:
                if fits(quoted[-1]) or "person" in kinds and self._spoke_through(
                        root, pos, quoted[-1]):
                    return quoted[-1]
                continue
            subject = self.sentence_subject(root, pos)
            if subject is not None and _pronoun_like(subject):
                # "She has heard it before. “He has been saying it since 1994.”": the
                # focus has not moved, unless the pronoun's gender says who holds it
                key = self.pronoun(subject, subject.idx) \
                    if subject.lower_ in PRONOUN_GENDERS and gender is None else None
                if key is not None and fits(key):
                    return key
                continue
            speaks = root is not None and is_speech(root)  # "MK Eli Ben-Harush said that
            key = self.named(subject, make=speaks) if subject is not None else None  # ..."
            if subject is not None:
                self._vouch(subject, key)
            if key is not None and fits(key):
                return key
            named = [k for s, _, k in self.actors.mentions_between(start, min(end, pos))
                     if not p.in_quote(s) and fits(k)
                     and not asked_about(p.doc[bisect_left(p.tok_starts, s)], root)]
            if named:  # "The committee heard Dr. Lina Haddad." then "“…,” she said."
                return named[-1]
        return None

    def _spoke_through(self, root: Token | None, pos: int, key: str) -> bool:
        """The body or country whose last quote a person noun gave ("The representative
        of France said ..."): "he" who goes on speaking is that person, for that body."""
        subject = self.sentence_subject(root, pos)
        return subject is not None and subject.pos_ == "NOUN" and \
            is_person_noun(fold(subject.lemma_ or subject.text)) and self.named(subject) == key

    def _fits(self, kinds: tuple[str, ...], gender: str | None) -> Callable[[str], bool]:
        def fits(key: str) -> bool:
            kind_ok = self.kind(key) in kinds or ("person" in kinds and key in self.vouched)
            return kind_ok and (gender is None or self.actors.gender(key) in (None, gender))
        return fits

    def sentence_subject(self, root: Token | None, pos: int) -> Token | None:
        """The subject of a sentence before `pos`, outside quotes."""
        if root is None or self.p.in_quote(root.idx):
            return None
        subject = subject_of(root)
        if subject is None or subject.idx >= pos or self.p.in_quote(subject.idx):
            return None
        return subject

    def loose(self, m: Marked) -> str | None:
        """The named subject of the sentence a long uncued quoted clause stands in."""
        doc = self.p.doc
        span = doc.char_span(m.open, m.close, alignment_mode="expand")
        if span is None or not doc.has_annotation("DEP"):
            return None
        subject = self.sentence_subject(span.root.sent.root, m.open)
        if subject is None:
            return None
        if _pronoun_like(subject):  # "She accused him of “playing with the lives of …”"
            return self.pronoun(subject, subject.idx) if subject.lower_ in PRONOUN_KINDS \
                else None
        return self.named(subject)

    def kind(self, key: str) -> str | None:
        try:
            return self.actors.entity(key).kind
        except (KeyError, StopIteration):
            return None
