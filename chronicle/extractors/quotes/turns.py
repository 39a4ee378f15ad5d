"""Turns of transcripts and interviews: speech with no quote marks around it.

A broadcast or briefing transcript gives each turn a label ("SEN. HELEN STRAND (R-MT):",
"STRAND:", "MR. DEVLIN:", "Q:"; a parliament's in title case, "Deputy Lewis:", "The
Minister for Health (Deputy Anne Roy):", the person in brackets); a magazine interview
sets its questions in bold and prints the answers plain. Either way the words are the
labelled speaker's (or the interviewee's) as surely as words in quote marks, so each turn
is a quote. Found by layout alone, plain
string code; a layout counts only when it recurs (several labelled paragraphs, a speaker
labelled twice; several questions in bold), so a lone "NOTE:" or "UPDATE:" is no turn, and
a heading's kicker ("INTERVIEW: ...") never is. A turn printed on a line of its own inside a
paragraph is a turn.

A paragraph with no label after a turn continues it, unless it is a stage direction
("(BEGIN VIDEO CLIP)") or a line in capitals. Questions are turns too, of the reporter or
interviewer (speaker unknown unless labelled by name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chronicle.extractors.quotes.words import (
    ANSWER_LABELS,
    HOST_LABELS,
    KICKER_LABELS,
    LABEL_CONNECTORS,
    QUESTION_LABELS,
)

# A label's words: in capitals ("SEN. HELEN STRAND") or in title case, as parliaments print
# them ("Deputy Lewis", "The Minister for Health"), with a few lower-case connectors.
_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*"
_CONNECTOR = "|".join(sorted(LABEL_CONNECTORS))
_LABEL = re.compile(
    r"(?:\[[^\]\n]{1,20}\] *)?"  # "[CLIP] FREER:", "[VOICEMAIL] KAYLA, LAUNCESTON:"
    rf"(?P<name>{_NAME_WORD}(?: (?:(?:{_CONNECTOR}) )?{_NAME_WORD}){{0,6}})"
    r"(?P<tag> \([^()\n]{1,40}\))?"
    r"(?P<post>,(?: [A-Z][A-Za-z.'’\-]*,?){1,8})?"
    r" ?: +(?=\S)")
_BOLD = re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__")
_DIRECTION = re.compile(r"[(\[].*[)\]]\s*$")
MIN_LABELLED = 3  # labelled paragraphs that make a transcript
MIN_QUESTIONS = 2  # questions in bold that make an interview
MAX_QUESTION_WORDS = 25  # a longer paragraph ending in "?" is a writer's question


@dataclass(frozen=True, slots=True)
class Turn:
    """The words of one turn (one paragraph), and who the layout says speaks them."""

    start: int  # first character of the spoken words (after the label)
    end: int
    role: str  # "named" (a labelled speaker), "question", "answer", "host"
    name: str | None = None  # the speaker's name words as labelled ("PATRICIA OYELARAN")
    title: str | None = None  # the label's title words ("SEN.", "MAYOR")
    post: str | None = None  # what follows the name ("LOUISIANA EMERGENCY DIRECTOR")
    label_start: int = -1  # where the label is written (-1: no label)
    label_end: int = -1
    continued: bool = False  # a later paragraph of the turn before it
    silent: bool = False  # an answer told by layout alone: says who "I" is, is no quote


def find_turns(text: str, paras: list[tuple[int, int]], titles: frozenset[str]) -> list[Turn]:
    """The turns of a transcript or interview, in text order; none in other layouts.

    `titles` are the words that stand before a name as its title (lang titles.tsv)."""
    paras = _label_lines(text, paras)
    labelled = [(s, e, m) for s, e in paras if (m := _label(text, s, e)) is not None]
    if _is_transcript(labelled, titles):
        return _transcript(text, paras, {s: m for s, _, m in labelled}, titles)
    bold = [(s, e) for s, e in paras if _BOLD.fullmatch(text, s, e)]
    asking = [s for s, e in bold if text[s:e - 2].rstrip().endswith("?") or _label(text, s + 2, e)]
    if len(asking) >= MIN_QUESTIONS and 2 * len(asking) >= len(bold):  # not bold headings
        return _interview(text, paras, {s for s, _ in bold})
    asked = [s for s, e in paras if _plain_question(text[s:e])]
    if len(asked) >= MIN_QUESTIONS:
        return [replace(t, silent=True) for t in _interview(text, paras, set(asked), 0)]
    return []


def _plain_question(paragraph: str) -> bool:
    """A paragraph that is one short question, unmarked ("Who do you talk to?"): in an
    interview printed without bold, the questions still stand alone."""
    words = paragraph.split()
    return paragraph.rstrip().endswith("?") and 0 < len(words) <= MAX_QUESTION_WORDS and \
        not re.search(r"[\"“”«»„]", paragraph) and paragraph.count("?") == 1


def _label(text: str, start: int, end: int) -> re.Match[str] | None:
    m = _LABEL.match(text, start, end)
    if m is None or _fold(m.group("name")) in KICKER_LABELS:
        return None
    return m


def _label_lines(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paragraphs cut where a line inside one opens with a label: a transcript printed
    turn by turn on single lines ("Q: Why now?" then "A: Because ...") is one paragraph
    to the layout, and a turn to the reader."""
    out = []
    for start, end in paras:
        cuts = [m.end() for m in re.finditer(r"\n[ \t]*", text[start:end])]
        heads = [start + c for c in cuts if _label(text, start + c, end) is not None]
        bounds = [start, *heads, end]
        for a, b in zip(bounds, bounds[1:]):
            piece = text[a:b].rstrip()
            if piece.strip():
                out.append((a, a + len(piece)))
    return out


def _speaker_of(m: re.Match[str], titles: frozenset[str]) -> tuple[str, str, str | None]:
    """(title, name, office) of a label: the person in brackets after an office, the
    office kept ("Chairman (Deputy Kevin Lewis)"); else the label's own words."""
    person = _tag_name(m, titles)
    title, name = _split_name(person or m.group("name"), titles)
    return title, name, m.group("name") if person else None


def _tag_name(m: re.Match[str], titles: frozenset[str]) -> str | None:
    """The person a label names in brackets after an office ("Chairman (Deputy Kevin
    Lewis)", "The Minister for Health (Deputy Anne Roy)"), not a party or a state code
    ("(R-MT)", "(PLRA)") nor the office after a name ("Mr. Paul Dore (Chief Officer)"):
    two words or more, each capitalised, none in capitals only, not all titles."""
    tag = (m.group("tag") or "").strip()[1:-1]
    words = tag.split()
    if len(words) < 2 or not all(w[:1].isupper() and not w.isupper() for w in words) or \
            all(_fold(w) in titles for w in words):
        return None
    return tag


def _is_transcript(labelled: list[tuple[int, int, re.Match[str]]],
                   titles: frozenset[str]) -> bool:
    if len(labelled) < MIN_LABELLED:
        return False
    names = [_speaker_of(m, titles)[1] for _, _, m in labelled]
    surnames = [n.split()[-1] for n in names if n]
    asked = any(_fold(m.group("name")) in QUESTION_LABELS for _, _, m in labelled)
    return asked or len(set(surnames)) < len(surnames)


def _fold(word: str) -> str:
    return word.lower().strip(".")


def _split_name(label: str, titles: frozenset[str]) -> tuple[str, str]:
    """("SEN.", "PATRICIA OYELARAN") from "SEN. PATRICIA OYELARAN": title words, name."""
    words = label.split()
    i = 0
    while i < len(words) - 1 and (_fold(words[i]) in titles or words[i].lower() in titles):
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def _role(m: re.Match[str]) -> str:
    name = _fold(m.group("name"))
    post = {_fold(w.strip(",")) for w in (m.group("post") or "").split()}
    if name in QUESTION_LABELS:
        return "question"
    if name in ANSWER_LABELS:
        return "answer"
    if name in HOST_LABELS or post & HOST_LABELS:
        return "host"
    return "named"


def _transcript(text: str, paras: list[tuple[int, int]], labels: dict[int, re.Match[str]],
                titles: frozenset[str]) -> list[Turn]:
    turns: list[Turn] = []
    current: Turn | None = None
    hosts: set[str] = set()  # surnames labelled as the host once ("HOLLOWAY:" after that)
    for start, end in paras:
        m = labels.get(start)
        if m is not None:
            title, name, office = _speaker_of(m, titles)
            post = office or (m.group("post") or "").strip(", ") or None
            role = _role(m)
            surname = name.split()[-1] if name else ""
            if role == "host":
                hosts.add(surname)
            elif role == "named" and surname in hosts:
                role = "host"
            current = Turn(m.end(), end, role, name or None, title or None, post,
                           start, m.start("tag") if m.group("tag") else m.end("name"))
            turns.append(current)
        elif current is not None and _aside(text[start:end]):
            current = None  # a clip, a cut or a heading: the next label says who speaks
        elif current is not None:
            turns.append(Turn(start, end, current.role, current.name, current.title,
                              current.post, current.label_start, current.label_end, True))
    return turns


def _aside(paragraph: str) -> bool:
    """A stage direction or a heading in capitals: no one's words."""
    words = paragraph.strip()
    return bool(_DIRECTION.match(words)) or (words.upper() == words and any(
        c.isalpha() for c in words))


def _interview(text: str, paras: list[tuple[int, int]], asked: set[int], mark: int = 2
               ) -> list[Turn]:
    """Questions (in bold: `mark` characters each side), each answered by the plain
    paragraphs after it; a paragraph of the answer that quotes someone with marks is
    narration, and ends the answer."""
    turns: list[Turn] = []
    answering = False
    for start, end in paras:
        if start in asked:
            answering = True
            turns.append(Turn(start + mark, end - mark, "question"))
            continue
        if not answering:
            continue
        first = turns[-1].role == "question"
        if not first and re.search(r"[\"“”«»„]", text[start:end]):
            answering = False
            continue
        turns.append(Turn(start, end, "answer", continued=not first))
    return turns
