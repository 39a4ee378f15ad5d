"""The learned speaker ranker: every actor who could have said a quote, scored.

The rules of speakers.py know the forms of attribution they were written for; a form they
miss leaves a quote with no speaker or with the nearest name. The ranker sees each actor
mentioned around the quote (the two paragraphs before it to the sentence after it), the
rules' choice and the speaker of the quote before, and scores each candidate with a linear
model over what the position and the parse say about it: how many sentences before or
after the quote it is named, whether it is the subject of a speech verb, whether it is the
person a "he" or "she" of the attribution can be. The best-scored candidate speaks; where
it is not the rules' choice, the quote's `how` says `ranked`.

Trained by `python -m chronicle.models.train speaker_ranker` on quotes written and
annotated for the project (training/quotes); see docs/quotes.md for its ablation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chronicle.extractors.actors.names import fold
from chronicle.extractors.quotes.cues import is_speech, subject_of
from chronicle.extractors.quotes.words import PRONOUN_GENDERS, SPEAKER_KINDS
from chronicle.nlp.labels import NOMINAL_SUBJECTS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from chronicle.extractors.quotes.passages import Judged, Passages
    from chronicle.extractors.quotes.speakers import Speakers

MODEL = "speaker_ranker"
YES = "speaker"
MAX_CANDIDATES = 12  # nearest first; a quote's speaker is rarely further off


@dataclass(frozen=True)
class Candidate:
    """An actor who could have said the quote, and what the text says about it."""

    key: str
    features: list[str]


@dataclass(frozen=True)
class _Setting:
    """Where one quote stands: its sentences, window, and the attribution's pronoun."""

    item: Judged
    first_sent: int  # sentence where the quote opens
    last_sent: int  # sentence where it closes
    start: int  # window start (character)
    end: int  # window end
    gender: str | None  # "m"/"f" of a he/she in the attribution, else None
    prev: str | None  # the rules' speaker of the quote before
    prev_para: int  # paragraph distance to the quote before (9: none)
    subject: Token | None  # the cue verb's subject, outside the quote
    subject_kind: str  # pron, name, noun or none
    mentions: list[tuple[int, int, str]]  # speaker-kind mentions in the window, outside quotes
    last: dict[str, str]  # the last candidate ("any") and person ("person") named before
    named: dict[str, list[tuple[int, int]]]  # every mention of each actor in the document


def candidates(p: Passages, speakers: Speakers, k: int,
               named: dict[str, list[tuple[int, int]]] | None = None) -> list[Candidate]:
    """The candidate speakers of the k-th judged passage, each with its features.
    `named`: every mention of each actor (`mentions_by_actor`), built once per document."""
    item = p.judged[k]
    st = _setting(p, speakers, k, named if named is not None else mentions_by_actor(speakers))
    keys: list[str] = []
    for key in (item.speaker, st.prev):
        if key is not None and key not in keys:
            keys.append(key)
    centre = item.mark.open
    for _s, _e, key in sorted(st.mentions, key=lambda m: abs(m[0] - centre)):
        if key not in keys:
            keys.append(key)
    return [Candidate(key, _features(p, speakers, st, key)) for key in keys[:MAX_CANDIDATES]]


def mentions_by_actor(speakers: Speakers) -> dict[str, list[tuple[int, int]]]:
    """Where each actor of the document is mentioned, in text order."""
    out: dict[str, list[tuple[int, int]]] = {}
    for s, e, key in speakers.actors.spans:
        out.setdefault(key, []).append((s, e))
    return out


def _setting(p: Passages, speakers: Speakers, k: int,
             named: dict[str, list[tuple[int, int]]]) -> _Setting:
    item = p.judged[k]
    m = item.mark
    first = p.sent_of(m.open)
    last = p.sent_of(max(m.open, m.close - 1))
    after = min(len(p.sents) - 1, last + 1)
    start = p.paras[max(0, item.para - 2)][0]
    end = max(p.sents[after][1], item.attribution_end)
    prev = next((p.judged[i] for i in range(k - 1, -1, -1) if p.judged[i].accepted), None)
    subject = subject_of(item.verb) if item.verb is not None else None
    if item.how == "loose":  # "She accused him of “…”": the sentence's subject
        root = p.sents[first][2]
        subject = speakers.sentence_subject(root, m.open) if root is not None else None
    if subject is not None and m.open <= subject.idx < m.close:
        subject = None
    mentions = [(s, e, key) for s, e, key in speakers.actors.mentions_between(start, end)
                if not p.in_quote(s) and speakers.kind(key) in SPEAKER_KINDS]
    return _Setting(item, first, last, start, end, _attribution_gender(p, item, first, last),
                    prev.speaker if prev is not None else None,
                    item.para - prev.para if prev is not None else 9,
                    subject, _subject_kind(subject), mentions,
                    _last_before(mentions, m.open, speakers), named)


def _subject_kind(subject: Token | None) -> str:
    if subject is None:
        return "none"
    if subject.pos_ == "PRON" or subject.lower_ in PRONOUN_GENDERS:
        return "pron"
    return "name" if subject.pos_ == "PROPN" else "noun"


def _attribution_gender(p: Passages, item: Judged, first: int, last: int) -> str | None:
    """The gender of a he/she outside the quote in the quote's own sentences."""
    m = item.mark
    lo, hi = p.sents[first][0], max(p.sents[last][1], item.attribution_end)
    for tok in p.tokens(lo, hi):
        if not (m.open <= tok.idx < m.close) and not p.in_quote(tok.idx) and \
                tok.lower_ in PRONOUN_GENDERS and tok.dep_ in NOMINAL_SUBJECTS:
            return PRONOUN_GENDERS[tok.lower_]
    return None


def _last_before(mentions: list[tuple[int, int, str]], pos: int, speakers: Speakers
                 ) -> dict[str, str]:
    """The last candidate (and the last person) named before the quote."""
    out: dict[str, str] = {}
    for _s, e, key in mentions:
        if e <= pos:
            out["any"] = key
            if speakers.kind(key) == "person" or key in speakers.vouched:
                out["person"] = key
    return out


def _features(p: Passages, speakers: Speakers, st: _Setting, key: str) -> list[str]:
    how = st.item.how
    kind = "person" if key in speakers.vouched else (speakers.kind(key) or "none")
    out = ["bias", f"kind={kind}", f"kind={kind}&how={how}"]
    if key == st.item.speaker:
        out += ["rule", f"rule&how={how}"]
    elif st.item.speaker is None:
        out.append(f"norule&how={how}")
    if key == st.prev:
        out += ["prev", f"prev&para={min(st.prev_para, 3)}", f"prev&how={how}"]
    if st.last.get("any") == key:
        out += ["last", f"last&how={how}"]
    if st.last.get("person") == key:
        out.append("last_person")
    if st.gender is not None:
        out.append(_gender_feature(speakers, key, kind, st.gender))
    out += _subject_features(p, speakers, st, key)
    out += _position_features(p, st, key)
    return out


def _subject_features(p: Passages, speakers: Speakers, st: _Setting, key: str) -> list[str]:
    """Whether the candidate is the cue's subject, or fits the description the subject
    gives ("the rapporteur said" after "The rapporteur, Clémence Aubriot,"); whether it
    is named inside the quote itself (a speaker rarely names himself)."""
    out = [f"subject={st.subject_kind}"]
    subj = st.subject
    if subj is not None and speakers.actors.at(subj.idx, subj.idx + len(subj)) == key:
        out.append(f"is_subject&{st.subject_kind}")
    if subj is not None and st.subject_kind == "noun" and \
            _described_as(p, st.named.get(key, []), fold(subj.lemma_ or subj.text),
                          st.item.mark.open):
        out.append("fits_description")
    m = st.item.mark
    if any(k == key for _s, _e, k in speakers.actors.mentions_between(m.open, m.close)):
        out.append("named_in_quote")
    return out


def _described_as(p: Passages, named: list[tuple[int, int]], noun: str, before: int) -> bool:
    """The noun stands in the words that introduce one of the candidate's mentions
    (`named`) before `before`: up to eight words before it, or its apposition."""
    for s, e in named:
        if s >= before:
            break
        near = p.tokens(max(0, s - 60), e)[-8:]
        if any(fold(t.lemma_ or t.text) == noun for t in near):
            return True
        head = _head_token(p, s, e)
        if head is not None and any(fold(c.lemma_ or c.text) == noun
                                    for c in head.children if c.dep_ == "appos"):
            return True
    return False


def _gender_feature(speakers: Speakers, key: str, kind: str, gender: str) -> str:
    if kind != "person":
        return "pron_nonperson"
    own = speakers.actors.gender(key)
    return "pron_unknown" if own is None else ("pron_match" if own == gender else
                                               "pron_clash")


def _position_features(p: Passages, st: _Setting, key: str) -> list[str]:
    """Where the candidate is named around the quote, and in what role."""
    out: list[str] = []
    how = st.item.how
    own = [(s, e) for s, e, k in st.mentions if k == key]
    before = [(s, e) for s, e in own if e <= st.item.mark.open]
    after = [(s, e) for s, e in own if s >= st.item.mark.close]
    roles = {span: _role(p, *span) for span in own}
    if before:
        s, _e = before[-1]
        gap = min(st.first_sent - p.sent_of(s), 4)
        paras = min(st.item.para - p.para_of(s), 2)
        role = roles[before[-1]]
        out += [f"before={gap}", f"before={gap}&how={how}", f"before_para={paras}",
                f"before_role={role}", f"before_role={role}&gap={min(gap, 2)}"]
    if after:
        s, _e = after[0]
        gap = min(p.sent_of(s) - st.last_sent, 2)
        role = roles[after[0]]
        out += [f"after={gap}", f"after={gap}&how={how}", f"after_role={role}",
                f"after_role={role}&gap={gap}"]
    if not own:
        out.append("unnamed_here")
    speech = sum(1 for role in roles.values() if role == "speech_subject")
    if speech:
        out.append(f"speech_subject_n={min(speech, 3)}")
    out.append(f"mentions={min(len(own), 4)}")
    return out


def _role(p: Passages, start: int, end: int) -> str:
    """What the mention is in its sentence: the subject of a speech verb, a subject, an
    object, a possessor, an apposition, something else."""
    tok = _head_token(p, start, end)
    if tok is None:
        return "none"
    if tok.dep_ in NOMINAL_SUBJECTS:
        return "speech_subject" if is_speech(tok.head) else "subject"
    if tok.dep_ == "appos" and tok.head.dep_ in NOMINAL_SUBJECTS:
        return "speech_subject" if is_speech(tok.head.head) else "subject"
    if tok.dep_ in ("dobj", "dative", "iobj"):
        return "object"
    if tok.dep_ == "pobj":
        return f"pobj_{tok.head.lower_}" if tok.head.lower_ in ("to", "by", "from", "with",
                                                                   "of") else "pobj"
    return tok.dep_ if tok.dep_ in ("poss", "appos", "conj", "attr") else "other"


def _head_token(p: Passages, start: int, end: int) -> Token | None:
    """The token that heads a mention: the one whose head lies outside it."""
    toks = p.tokens(start, end)
    if not toks or not p.doc.has_annotation("DEP"):
        return None
    for tok in toks:
        if not (start <= tok.head.idx < end) or tok.head.i == tok.i:
            return tok
    return toks[-1]


def rerank(p: Passages, speakers: Speakers) -> None:
    """Give each accepted passage the ranker's best candidate (`how: ranked` where the
    rules chose another or nobody: on articles held out of training, the best candidate
    of a quote the rules left without a speaker is right two times in three, even at the
    lowest scores). Candidates are scored against the rules' speakers of the quotes
    before, so one change does not carry into the next."""
    from chronicle.models import load_model

    model = load_model(MODEL)
    yes = model.classes.index(YES)
    choices: list[tuple[Judged, str]] = []
    named = mentions_by_actor(speakers)
    for k, item in enumerate(p.judged):
        if not item.accepted:
            continue
        found = candidates(p, speakers, k, named)
        if not found:
            continue
        scores = model.scores([c.features for c in found])[:, yes]
        best = found[int(scores.argmax())].key
        if best != item.speaker:
            choices.append((item, best))
    for item, best in choices:
        item.speaker, item.how = best, "ranked"
