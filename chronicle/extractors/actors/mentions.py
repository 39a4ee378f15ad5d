"""Candidate actor mentions in one spaCy Doc, before they are grouped into entities.

Three sources, in order of trust: the known-names table (countries, their adjectives and
people, well-known organisations), spaCy's named entities with their spans repaired (Arabic
particles, brackets, possessives, leading title words), and role phrases used as names ("the
Iraqi envoy"), which `actors` later resolves to the person they denote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from chronicle.extractors.actors.known import STATE_NOUNS, Known, known_folded, known_names
from chronicle.extractors.actors.names import (
    OFFICES,
    TITLE_WORDS,
    clean_surface,
    fold,
    key_tokens,
    name_parts,
    strip_titles,
)
from chronicle.records import Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "EVENT"}
# Capitalised words the model takes for names that are concepts, not actors.
NOT_ACTORS = {"sharia", "islam", "allah", "god", "koran", "quran", "ramadan", "eid", "takfir",
              "jihad", "caliphate", "hajj", "bible", "torah", "internet", "covid", "covid-19",
              "arabic", "english", "hebrew", "persian", "farsi", "urdu", "swahili", "hausa",
              "pashto", "dari", "amharic", "tigrinya", "somali language"}
# First words of Arabic organisation names ("Saraya Ansar al-Sunna", "Jabhat al-Nusra").
ORG_HEADS = {
    "hayat", "hay'at", "hayaat", "saraya", "jabhat", "jabha", "jaish", "jaysh", "harakat",
    "haraka", "hizb", "liwa", "liwaa", "kataib", "kata'ib", "katibat", "ansar", "hurras",
    "huras", "ahrar", "jund", "junud", "faylaq", "failaq", "tanzim", "jamaat", "jama'at",
    "jamaa", "majlis", "ittihad", "quwat", "firqat", "asaib", "asa'ib", "tahrir", "tajammu",
    "sham", "alwiya", "kataeb", "jamiat", "munazzamat", "hay'a", "tayyar",
}
# Last words of organisation names in English.
ORG_TAILS = {
    "front", "brigade", "brigades", "army", "forces", "force", "movement", "party",
    "council", "ministry", "committee", "organization", "organisation", "group", "union",
    "agency", "office", "court", "bank", "league", "alliance", "coalition", "authority",
    "commission", "assembly", "parliament", "corps", "battalion", "battalions", "militia",
    "network", "news", "times", "post", "institute", "foundation", "association", "company",
    "corporation", "inc", "ltd", "department", "service", "services", "guard", "guards",
    "legion", "federation", "congress", "senate", "cabinet", "tribunal", "channel", "tv",
    "radio", "press", "journal", "observatory", "university", "fund", "program",
    "programme", "mission", "secretariat", "directorate", "police", "navy", "lines",
    "airlines", "airways", "shipping", "holdings", "industries", "petroleum", "telecom",
    "broadcasting", "television", "bureau", "command", "forum", "society", "trust",
}
ROLE_NOUNS = set(OFFICES) | {
    "diplomat", "official", "minister", "envoy", "emissary", "delegate", "representative",
    "negotiator", "premier", "spokesman", "spokeswoman", "spokesperson",
}
GROUP_SUFFIXES = {"civilians", "communities", "community", "population", "people", "fighters",
                  "militants", "tribes", "villagers", "residents", "countries", "states",
                  "nation", "world", "leaders", "forces", "factions"}


@dataclass(slots=True)
class Candidate:
    start: int  # token indices [start, end)
    end: int
    start_char: int
    end_char: int
    surface: str  # the name as shown, cleaned
    label: str  # spaCy label, "KNOWN" or "ROLE"
    known: Known | None = None
    heading: bool = False  # inside a headline-like paragraph
    office: str | None = None  # for ROLE candidates: "president", "envoy", ...
    country: str | None = None  # for ROLE candidates: the ISO code of the adjective
    possessor: int | None = None  # for "Saddam's envoy": token index of the possessor
    keys: tuple[str, ...] = field(default=())
    words: tuple[str, ...] = field(default=())
    roles: list[Role] = field(default_factory=list)
    place_cue: bool = False  # "the village of X", "in the city of X"

    def __post_init__(self) -> None:
        if self.label in {"PERSON", "PARTICLE"}:
            self.surface = strip_titles(self.surface)
        if not self.keys:
            self.keys = key_tokens(self.surface)
            self.words = name_parts(self.surface)


_MATCHERS: dict[int, object] = {}


def _matcher(vocab):  # noqa: ANN001, ANN202 - spaCy objects
    """A PhraseMatcher of every known name, built once per vocabulary."""
    matcher = _MATCHERS.get(id(vocab))
    if matcher is None:
        import spacy
        from spacy.matcher import PhraseMatcher

        tokenizer = spacy.blank("en").tokenizer
        matcher = PhraseMatcher(vocab, attr="ORTH")
        matcher.add("KNOWN", list(tokenizer.pipe(known_names())))
        _MATCHERS[id(vocab)] = matcher
    return matcher


def known_candidates(doc: Doc) -> list[Candidate]:
    """Mentions of known names, with 'the Syrian government'-style state phrases."""
    from spacy.util import filter_spans

    matcher = _matcher(doc.vocab)
    spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
    out = []
    table = known_names()
    for span in spans:
        known = table.get(span.text) or table.get(span.text.replace(" .", "."))
        if known is None:
            continue
        end = span.end
        if known.kind == "country" and known.form == "adjective":
            if end < len(doc) and doc[end].lower_ in STATE_NOUNS:
                end += 1
            elif end < len(doc) and doc[end].pos_ == "PROPN" and not _title_word(doc[end]):
                continue  # "Syrian Democratic Forces": a name, not the country
        surface = doc[span.start:end].text
        out.append(_cand(doc, span.start, end, surface, "KNOWN", known))
    return out


def _title_word(token: Token) -> bool:
    return fold(token.text) in TITLE_WORDS


def _cand(doc: Doc, start: int, end: int, surface: str, label: str,
          known: Known | None = None) -> Candidate:
    return Candidate(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]),
                     clean_surface(surface), label, known)


PEOPLE_NOUNS = {"fundamentalists", "militants", "rebels", "fighters", "protesters",
                "demonstrators", "students", "workers", "insurgents", "extremists", "separatists",
                "nationalists", "radicals", "clerics", "groups", "factions", "guerrillas",
                "gunmen", "activists", "settlers", "refugees", "tribesmen", "militias",
                "jihadists", "hardliners", "loyalists", "opposition"}
DIRECTIONS = {"east", "west", "north", "south", "northeast", "northwest", "southeast",
              "southwest", "outskirts", "centre", "center", "heart", "edge"}
FACILITY_NOUNS = {"crossing", "border", "airport", "port", "bridge", "dam", "road", "highway",
                  "square", "street", "mosque", "hospital", "prison", "base", "checkpoint",
                  "desert", "plain", "plains", "valley", "mountains", "river", "lake", "sea",
                  "gulf", "coast", "island", "islands", "peninsula", "heights", "airbase",
                  "refinery", "field", "oilfield", "plateau"}
PLACE_NOUNS = {"village", "town", "city", "province", "region", "district", "governorate",
               "countryside", "neighbourhood", "neighborhood", "camp", "suburb", "port",
               "capital", "area", "outskirts"}


def entity_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """spaCy's named entities, repaired; tokens in `taken` (known names) are skipped."""
    out = []
    for whole in doc.ents:
        if whole.label_ not in NAME_LABELS:
            continue
        for ent, label in _comma_parts(doc, whole):
            cand = _entity_candidate(doc, ent, label, taken)
            if cand is not None:
                out.append(cand)
    return out


def _comma_parts(doc: Doc, ent: Span) -> list[tuple[Span, str]]:
    """'Council of Ministers, D. Kovacevic' tagged as one name is an office and a person."""
    commas = [t.i for t in ent if t.text == ","]
    if not commas:
        return [(ent, ent.label_)]
    bounds = [ent.start, *(c + 1 for c in commas)]
    ends = [*commas, ent.end]
    parts = [doc[a:b] for a, b in zip(bounds, ends) if b > a]
    return [(p, "ORG" if any(t.lower_ in ORG_TAILS for t in p) else "PERSON" if
             re.match(r"^[A-Z]\.", p.text) else ent.label_) for p in parts]


def _entity_candidate(doc: Doc, ent: Span, label: str, taken: set[int]) -> Candidate | None:
    span = _repair(doc, ent, label)
    if span is None or any(i in taken for i in range(span.start, span.end)):
        return None
    if len(span.text) > 6 and all(t.is_upper for t in span if t.is_alpha):
        return None  # all-caps headline words: the caps pass looks them up instead
    surface = clean_surface(span.text)
    if not surface or not any(c.isalpha() for c in surface) \
            or fold(surface) in NOT_ACTORS or _date_like(surface):
        return None
    known = known_names().get(surface) or _known_group(doc, span)
    if known is None and surface.isupper():
        known = known_folded().get(fold(surface))
    if known is None and label == "NORP" and not surface.endswith("s"):
        if span.end < len(doc) and doc[span.end].lower_ in PEOPLE_NOUNS:
            span = doc[span.start:span.end + 1]  # "Islamic fundamentalists": a group
        else:
            return None  # "Islamic law": an adjective, not an actor
    cand = _cand(doc, span.start, span.end, span.text, label, known)
    cand.place_cue = _place_cue(doc, span)
    return cand


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _date_like(surface: str) -> bool:
    words = fold(surface).replace(".", "").split()
    return bool(words) and words[0] in MONTHS and all(
        w.isdigit() or w in MONTHS for w in words[1:])


def _place_cue(doc: Doc, span: Span) -> bool:
    """'the village of X', 'X crossing', 'X, Syria': the name is a place."""
    before = doc[max(0, span.start - 2):span.start]
    if len(before) == 2 and before[1].lower_ == "of" and (
            before[0].lower_ in PLACE_NOUNS or before[0].lower_ in DIRECTIONS):
        return True
    if len(before) and before[-1].lower_ in {"near", "outside", "around", "towards"}:
        return True
    appos = [c for c in doc[span.end - 1].children if c.dep_ == "appos"]
    if any(c.lemma_.lower() in PLACE_NOUNS for c in appos):
        return True
    after = doc[span.end:span.end + 2]
    if len(after) and after[0].lower_ in PLACE_NOUNS | FACILITY_NOUNS:
        return True
    if len(after) == 2 and after[0].text == ",":
        known = known_names().get(after[1].text)
        return known is not None and known.kind == "country" and known.form == "name"
    return False


def _known_group(doc: Doc, span: Span) -> Known | None:
    """'Alawite civilians' -> the known group of 'Alawite'."""
    if len(span) == 1 and span.end < len(doc) and doc[span.end].lower_ in GROUP_SUFFIXES:
        known = known_names().get(span.text)
        if known and known.kind == "group":
            return known
    return None


def _repair(doc: Doc, ent: Span, label: str) -> Span | None:
    """Trim what is not name (leading gerunds, titles, 'the', possessives); add lost parts."""
    start, end = ent.start, ent.end
    person = label == "PERSON"
    bracket = next((t.i for t in ent if t.text in "([" and t.i > start), None)
    if bracket is not None:  # "Front for Action (FAP": the name ends before the bracket
        end = bracket
    while start < end and (doc[start].pos_ not in {"PROPN", "NOUN", "ADJ"}
                           or doc[start].tag_ == "VBG" or (person and _title_word(doc[start]))
                           or doc[start].text in "[(\"'“‘"):
        if doc[start].text.lower() in {"al", "el", "abu", "bin", "ibn", "abd"}:
            break
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].is_space or (doc[end - 1].is_lower and doc[end - 1].pos_
                                                        in {"ADP", "DET", "CCONJ", "VERB"})
                           ) and doc[end - 1].text not in {")"}:
        end -= 1
    if end <= start:
        return None
    # Lost first word of an Arabic compound: "Hayat" before "Tahrir al-Sham".
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title \
            and not _title_word(doc[start - 1]) and doc[start - 1].ent_type_ in {"", label} \
            and known_names().get(doc[start - 1].text) is None \
            and not doc[start - 1].is_sent_start:
        start -= 1
    # "Amina" tagged a place with "Rashed" left out: a compound's head is the same name.
    while end < len(doc) and doc[end - 1].dep_ == "compound" and doc[end - 1].head.i == end \
            and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ == "" \
            and not _title_word(doc[end]):
        end += 1
    # "Khalid Jassem al-Roumi": a name's closing "al-X" left out of the span.
    while end + 2 < len(doc) and doc[end].lower_ in {"al", "el"} and doc[end + 1].text == "-" \
            and doc[end + 2].is_title and not doc[end].whitespace_:
        end += 3
    # "al-Sharaa": keep "al" and "-" with the name they introduce.
    if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"al", "el"}:
        start -= 2
    return doc[start:end]


def particle_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """'al-Sharaa' and 'Abu Qatada' that the model did not tag as an entity at all."""
    out = []
    i = 0
    while i < len(doc) - 2:
        tok = doc[i]
        if i not in taken and tok.lower_ in {"al", "el"} and doc[i + 1].text == "-" \
                and doc[i + 2].is_title and doc[i + 2].ent_type_ == "" \
                and (i + 2) not in taken:
            start, end = i, i + 3
            while start > 0 and (start - 1) not in taken and _name_word(doc[start - 1]):
                start -= 1
            out.append(_cand(doc, start, end, doc[start:end].text, "PARTICLE"))
            i = end
            continue
        i += 1
    return out


def _name_word(tok: Token) -> bool:
    """A capitalised word that can open an Arabic name ('Saraya', 'Abu', 'Omar')."""
    low = tok.lower_
    if low in ORG_HEADS or low in {"abu", "bin", "ibn", "umm"}:
        return True
    return tok.is_title and tok.pos_ == "PROPN" and not tok.is_sent_start \
        and not _title_word(tok) and known_names().get(tok.text) is None


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
                out.append(_cand(doc, span.start, span.end, span.text.title(), "CAPS", known))
                break
    return out


def surname_candidates(doc: Doc, found: list[Candidate], taken: set[int]) -> list[Candidate]:
    """A surname alone ('Tarraf said') that the model did not tag, after its full name."""
    surnames = {c.words[-1] for c in found
                if c.label in {"PERSON", "PARTICLE"} and len(c.keys) >= 2 and c.known is None}
    out = []
    for tok in doc:
        if tok.i in taken or not tok.is_title or len(tok) < 3 or (
                tok.pos_ != "PROPN" and not tok.is_sent_start):
            continue
        word = fold(tok.text)
        if word in surnames:
            out.append(_cand(doc, tok.i, tok.i + 1, tok.text, "SURNAME"))
    return out


NOT_ACRONYMS = {"I", "TV", "OK", "AM", "PM", "GMT", "UTC", "CEO", "USD", "EUR", "GDP", "AIDS",
                "HIV", "COVID", "DNA", "ID", "PR", "IT", "AI", "FM", "VIP", "SUV", "RPG",
                "IED", "IEDS", "AK", "MP", "MPS", "PHD", "BBC", "CNN"}
LED_WORDS = {"led", "backed", "based", "funded", "sponsored", "allied", "aligned", "dominated"}
LED_NOUNS = {"coalition", "alliance", "forces", "force", "militia", "militias", "government",
             "administration", "bloc", "faction", "factions", "rebels", "fighters", "groups",
             "army", "troops", "mission", "operation", "campaign"}


def acronym_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """Capitalised acronyms the model missed ('FPL', 'GDF') in sentences not all in capitals."""
    out = []
    for tok in doc:
        text = tok.text.replace(".", "")
        if tok.i in taken or not (2 <= len(text) <= 7) or not text.isalpha() \
                or not text.isupper() or text in NOT_ACRONYMS or tok.pos_ != "PROPN":
            continue
        sent = tok.sent
        if sum(t.is_lower for t in sent) < 3:
            continue  # a headline in capitals: every word looks like an acronym
        out.append(_cand(doc, tok.i, tok.i + 1, tok.text, "ACRONYM"))
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
        out.append(_cand(doc, i, tok.i + 1, doc[i:tok.i + 1].text, "LED"))
    return out


def given_name_candidates(doc: Doc, taken: set[int]) -> list[Candidate]:
    """'Abdulaziz Yousef al-Mutawa' on a letter's signature line, missed by the model: a
    known first name followed by capitalised name words is a person."""
    from chronicle.extractors.actors.known import given_names

    firsts = given_names()
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not tok.is_title or fold(tok.text) not in firsts:
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end not in taken and end - i < 6:
            nxt = doc[end]
            if nxt.is_title and nxt.pos_ not in {"DET", "ADP", "CCONJ", "PRON", "AUX", "PUNCT",
                                                 "SCONJ", "PART", "SPACE"} \
                    and not _title_word(nxt) and known_names().get(nxt.text) is None:
                end += 1
            elif nxt.lower_ in {"al", "el", "bin", "ibn", "abu"} and end + 2 < len(doc) \
                    and doc[end + 1].text == "-" and doc[end + 2].is_title:
                end += 3
            elif nxt.lower_ in {"bin", "ibn", "abu", "bint"} and end + 1 < len(doc) \
                    and doc[end + 1].is_title:
                end += 2
            else:
                break
        if end - i >= 2:
            out.append(_cand(doc, i, end, doc[i:end].text, "PERSON"))
        i = end
    return out
