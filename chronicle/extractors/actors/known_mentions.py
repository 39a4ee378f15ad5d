"""Candidates from the known-names table: countries, their adjectives and people, known
organisations and groups, also in all-caps headlines and as backers ("the Saudi-led ...").

The most trusted source: a known name gives its mention the actor and kind whatever the
model said ("Syrian" tagged NORP, "Jabhat al-Nusra" tagged GPE).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chronicle.extractors.actors.candidate import Candidate, candidate
from chronicle.extractors.actors.known import Known, country_adjectives, known_folded, known_names
from chronicle.extractors.actors.names import clean_surface, fold, is_title_word
from chronicle.extractors.actors.vocab import (
    LED_NOUNS,
    LED_WORDS,
    ORG_TAILS,
    PORTFOLIO_WORDS,
    STATE_NOUNS,
)
from chronicle.nlp.known import SPANS_KEY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

_MATCHERS: dict[int, Any] = {}


def _matcher(vocab: Vocab) -> Any:
    """A PhraseMatcher of every known name, built once per vocabulary."""
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        import spacy
        from spacy.matcher import PhraseMatcher

        blank = spacy.blank("en")
        matcher = PhraseMatcher(vocab, attr="ORTH")
        matcher.add("KNOWN", [blank.make_doc(name) for name in known_names()])
        _MATCHERS[id(vocab)] = matcher
    return matcher


def _known_spans(doc: Doc) -> list[Span]:
    """What the pipeline's chronicle_known_names component marked; a pipeline without it
    (a blank one in tests) is matched here with the same phrases."""
    if SPANS_KEY in doc.spans:
        return list(doc.spans[SPANS_KEY])
    return [doc[s:e] for _, s, e in _matcher(doc.vocab)(doc)]


def known_candidates(doc: Doc) -> list[Candidate]:
    """Mentions of known names, with 'the Syrian government'-style state phrases."""
    from spacy.util import filter_spans

    spans = filter_spans(list(_known_spans(doc)))
    out = []
    table = known_names()
    for span in spans:
        known = table.get(span.text) or table.get(span.text.replace(" .", "."))
        if known is None or _function_word(span) or _inside_place(doc, span):
            continue
        whole = _with_state_noun(doc, span, known)
        if whole is not None:
            out.append(candidate(whole, "KNOWN", known))
    return out


def _inside_place(doc: Doc, span: Span) -> bool:
    """"Mexico" in "New Mexico", "Kuwait" in "Kuwait City": a known name inside a longer
    place the model found, which the gazetteer knows, is that place's word."""
    from chronicle.extractors.places.gazetteer import gazetteer

    first = doc[span.start]
    if first.ent_type_ not in ("GPE", "LOC"):
        return False
    start, end = span.start, span.end  # the model's entity around the name
    while doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if end - start <= len(span) or end < span.end:
        return False
    return any(p.kind != "country" for p in gazetteer().candidates(doc[start:end].text))


def _function_word(span: Span) -> bool:
    """A short form that is also a word of the grammar ("IS" for the Islamic State, "US")
    names the actor in mixed-case text only: in a capitals headline it is the verb "is" or
    the pronoun "us" (caps_candidates reads those lines)."""
    if len(span) != 1 or not span[0].is_stop:
        return False
    words = [t for t in span[0].sent if t.is_alpha]
    return sum(t.is_upper for t in words) * 2 > len(words)


def _with_state_noun(doc: Doc, span: Span, known: Known) -> Span | None:
    """'Syrian government' is the state acting: the noun joins the adjective's mention.
    None for an adjective that opens another name ('Syrian Democratic Forces')."""
    if known.kind != "country" or known.form != "adjective" or span.end >= len(doc):
        return span
    after = doc[span.end]
    if after.lower_ in STATE_NOUNS:
        return doc[span.start:span.end + 1]
    if after.pos_ == "PROPN" and not is_title_word(after.text):
        return None
    return span


def caps_candidates(doc: Doc, names: dict[str, Known], taken: set[int]) -> list[Candidate]:
    """Mentions in all-caps lines ("SHARAA MEETS TRUMP"), looked up by folded name."""
    lookup = {**known_folded(), **names}
    out = []
    for tok in doc:
        if tok.i in taken or not tok.is_upper or len(tok) < 3:
            continue
        for size in (3, 2, 1):
            span = doc[tok.i:tok.i + size]
            if len(span) < size or not all(t.is_upper or not t.is_alpha for t in span):
                continue
            known = lookup.get(fold(span.text))
            if known is not None:
                out.append(candidate(span, "CAPS", known, span.text.title()))
                break
    return out


def led_group_candidates(doc: Doc) -> list[Candidate]:
    """'the Saudi-led coalition', 'Iranian-backed militias': a group named by its backer."""
    out = []
    for tok in doc[2:]:
        if tok.lower_ not in LED_NOUNS or doc[tok.i - 1].lower_ not in LED_WORDS:
            continue
        i = tok.i - 2
        if doc[i].text == "-":
            i -= 1
        if i < 0:
            continue
        known = known_names().get(doc[i].text)
        if known is None or known.kind not in {"country", "group", "organization"}:
            continue
        out.append(candidate(doc[i:tok.i + 1], "LED"))
    return out


def possessed_bodies(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """"Iraq's Foreign Ministry": a body whose name says only what it is (an office word, a
    portfolio, a body's noun) after a country's possessive is that country's body, named
    with its adjective ("Iraqi Foreign Ministry"), so the foreign ministries of two
    countries stay two actors. The country's own mention is taken into the name."""
    by_end = {c.end: c for c in cands if c.known is not None and c.known.kind == "country"
              and c.known.form == "name"}
    out, dropped = [], set()
    for cand in cands:
        owner = by_end.get(cand.start - 1)
        if owner is None or cand.known is not None or cand.label not in ("ORG", "BODY") \
                or doc[cand.start - 1].text not in ("'s", "’s") \
                or not all(_generic_body_word(t.lower_) for t in doc[cand.start:cand.end]):
            out.append(cand)
            continue
        assert owner.known is not None and owner.known.country is not None
        adjective = country_adjectives().get(owner.known.country, owner.surface)
        body = candidate(doc[owner.start:cand.end], cand.label, None,
                         f"{adjective} {cand.surface}")
        body.written = clean_surface(doc[owner.start:cand.end].text)
        out.append(body)
        dropped.add(id(owner))
    return [c for c in out if id(c) not in dropped]


def _generic_body_word(word: str) -> bool:
    return word in ORG_TAILS or word in PORTFOLIO_WORDS or is_title_word(word)
