"""Cleaning: scraper debris out, several articles of one file apart, long texts in parts.

Scraped plain text is rarely one clean article. A page copied from a news site holds the
headline, a sub-headline and a photo caption (often twice, as the scraper met both the
teaser and the article), stray widget text such as `TT` or `20`, then the paragraphs; and
a file may hold several such pages. The rules below read that layout, not any one outlet:

- A *block* is a run of lines between blank lines. A *prose* block ends like a sentence
  and is not a title-cased headline (or is long enough to be prose whatever its end).
- The blocks before a prose block form a *header run*. At the start of a file it is the
  header of the first article; later on, a run is the header of a new article when it
  holds a headline-like line plus a sign of a page boundary: a headline printed twice, two
  headline-like blocks, widget debris beside a caption, a line met before in a header, a
  separator line (`* * *`, `-----`), or two or more blank lines before it. Otherwise the
  run stays in the article (sub-headings, list introductions); a lone caption or
  "Advertisement" between paragraphs splits nothing.
- The first headline-like line of a header becomes the title. Captions (a line ending in a
  photo credit, or a line printed twice in a row), debris, and any line already met as a
  headline or caption are dropped wherever they appear.

The `Document.text` made here is what every offset downstream indexes into: nothing may
change it afterwards.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from chronicle import lang
from chronicle.read.decode import normalise_text
from chronicle.records import Document, RawDocument

MAX_DOC_CHARS = 1_000_000  # a longer text is split at paragraphs into id, id#part2, ...

_SENTENCE_END = re.compile(r"[.!?…؟۔。][\"'”’»)\]]*$")
_CLOSED = re.compile(r"[.!?…؟۔。:;][\"'”’»)\]]*$")  # a line that may end a paragraph
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CREDIT = re.compile(r"\(([^()]{1,60})\)$")
_WORDS = lang.phrase_classes("page-words.txt")


def _either(name: str) -> str:
    return "|".join(re.escape(entry) for entry in _WORDS[name])


_CREDIT_WORDS = re.compile(rf"\b({_either('credit')})\b", re.IGNORECASE)
_CAPTION_LEAD = re.compile(rf"^({_either('caption_label')})\s*[:|-]", re.IGNORECASE)
_DEBRIS_WORDS = frozenset(_WORDS["debris"])
# "jan", "feb", ...: a month is read by the first three letters of its name
_MONTHS = tuple(row[1].strip().lower()[:3] for row in lang.table("months.tsv"))
_ISO_LINE = re.compile(r"(?:\w+:?\s+)?(\d{4}-\d{2}-\d{2})(?:[T\s].*)?")
_DATELINE = re.compile(
    rf"(?:(?:{_either('date_label')})(?:\s+(?:{_either('date_label_preposition')}))?:?\s+)?"
    r"(?:[A-Z][a-z]+,?\s+)?(?:(?P<day1>\d{1,2})\s+)?"
    rf"(?P<month>(?:{'|'.join(m.title() for m in _MONTHS)})"
    r"[a-z]*\.?)(?:\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?,?)?\s+(?P<year>\d{4})(?:[\s,|-].*)?",
    re.IGNORECASE)
_RULE = re.compile(r"[-=*_#~•·.\s]{3,}")
_BYLINE = re.compile(rf"^({_either('byline')})\s", re.IGNORECASE)


@dataclass
class _Block:
    lines: list[str]  # what is kept
    gap: int = 0  # blank lines before the block
    debris: bool = False  # a debris line was dropped from it
    caption: bool = False  # a photo caption was dropped from it
    repeat: bool = False  # a line met before as a headline was dropped from it
    rule: bool = False  # a separator line such as "* * *" or "-----" was dropped from it


@dataclass
class _Article:
    title: str | None
    blocks: list[list[str]] = field(default_factory=list)
    date: str | None = None  # from a dateline in the header, e.g. "March 3, 2024"


def normalised_key(text: str) -> str:
    """The text as compared for duplicates: NFKC, case, quotes and whitespace folded."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’‚‛“”„‟«»", "''''\"\"\"\"\"\""))
    return " ".join(text.split())


def to_documents(raw: RawDocument) -> list[Document]:
    """The clean documents of one raw input: one, or one per article of a scraped file."""
    text = normalise_text(raw.text)
    if raw.scraped:
        articles = [(title, "\n\n".join("\n".join(b) for b in art.blocks), art.date)
                    for art, title in _titled(split_articles(text), raw.title)]
    else:
        articles = [(raw.title, text.strip(), None)]
    base = raw.id or raw.source
    documents: list[Document] = []
    number = 0
    for title, body, found_date in articles:
        body = body.strip()
        if not body:
            continue
        number += 1
        ident = base if number == 1 else f"{base}#{number}"
        for part, chunk in enumerate(split_long(body), start=1):
            documents.append(Document(
                id=ident if part == 1 else f"{ident}#part{part}", text=chunk,
                source=raw.source, title=title, date=raw.date or found_date, url=raw.url,
                outlet=raw.outlet, line=raw.line))
    return documents


def _titled(articles: list[_Article], given: str | None) -> list[tuple[_Article, str | None]]:
    """A title from the reader (Markdown `# Title`) goes to an article that found none."""
    out = [(art, art.title) for art in articles]
    if given and out and not out[0][1]:
        out[0] = (out[0][0], given)
    return out


def split_long(text: str, limit: int = MAX_DOC_CHARS) -> list[str]:
    """Parts of at most `limit` characters, cut between paragraphs, else at whitespace."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        while len(para) > limit:
            cut = max(para.rfind(" ", 0, limit), para.rfind("\n", 0, limit))
            cut = cut if cut > limit // 2 else limit
            if current:
                parts.append(current)
                current = ""
            parts.append(para[:cut].strip())
            para = para[cut:].strip()
        if current and len(current) + 2 + len(para) > limit:
            parts.append(current)
            current = ""
        current = f"{current}\n\n{para}" if current else para
    if current:
        parts.append(current)
    return [part for part in parts if part.strip()]


def split_articles(text: str) -> list[_Article]:
    """The articles of scraped text, each with its title and kept paragraph blocks."""
    seen: set[str] = set()  # headline and caption lines met so far
    articles: list[_Article] = []
    run: list[_Block] = []
    for block in _blocks(text):
        _drop_debris(block, seen)
        if not block.lines or not _is_prose(block.lines):
            run.append(block)
            continue
        if not articles or _is_boundary(run):
            articles.append(_Article(_title(run), date=_header_date(run)))
            for header in run:  # dropped; remembered so that their repeats are dropped too
                seen.update(_key(line) for line in header.lines)
        else:
            articles[-1].blocks.extend(b.lines for b in run if b.lines)
        articles[-1].blocks.append(block.lines)
        run = []
    if not articles:  # no prose at all: keep what is not debris, as one untitled text
        return [_Article(None, [b.lines for b in run if b.lines])]
    if not _is_boundary(run):
        articles[-1].blocks.extend(b.lines for b in run if b.lines)
    return articles


def _blocks(text: str) -> list[_Block]:
    """Blank-line separated blocks; one a line when the text has no blank line at all."""
    lines = [line.strip() for line in text.split("\n")]
    filled = [line for line in lines if line]
    no_blank = "" not in [line.strip() for line in text.strip().split("\n")]
    if no_blank and len(filled) >= 3 and _line_mode(filled):
        return [_Block([line]) for line in filled]
    blocks: list[_Block] = []
    gap = 0
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
            continue
        if current:
            blocks.append(_Block(_unwrap(current), gap))
            current, gap = [], 0
        gap += 1
    return blocks


def _line_mode(lines: list[str]) -> bool:
    """Scrapers that write one paragraph a line: most lines end like sentences."""
    ends = sum(1 for line in lines if _SENTENCE_END.search(line))
    return ends >= len(lines) / 2


def _unwrap(lines: list[str]) -> list[str]:
    """Join a hard-wrapped paragraph (archives, e-mail) into one line."""
    if len(lines) < 3:
        return lines
    body = lines[:-1]
    if not all(30 <= len(line) <= 100 for line in body):
        return lines
    open_ends = sum(1 for line in body if not _CLOSED.search(line))
    if open_ends < len(body) * 2 / 3:
        return lines
    return [" ".join(lines)]


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


def _drop_debris(block: _Block, seen: set[str]) -> None:
    """Remove debris, captions and lines met before as headline or caption."""
    kept: list[str] = []
    lines = block.lines
    for i, line in enumerate(lines):
        key = _key(line)
        doubled = (i + 1 < len(lines) and _key(lines[i + 1]) == key) or (
            i > 0 and _key(lines[i - 1]) == key)
        if _RULE.fullmatch(line):
            block.rule = True
        elif _is_debris(line):
            block.debris = True
        elif _is_caption(line) or (doubled and not _SENTENCE_END.search(line)):
            block.caption = True
            seen.add(key)
        elif key in seen:
            block.repeat = True
        elif doubled and i > 0 and _key(lines[i - 1]) == key:
            continue  # a prose line printed twice: keep one
        else:
            kept.append(line)
    block.lines = kept


def _is_debris(line: str) -> bool:
    """`TT`, `20`, `|`, share-bar words: lines that say nothing on their own."""
    if line.casefold().rstrip(":") in _DEBRIS_WORDS:
        return True
    if not any(ch.isalnum() for ch in line) or re.fullmatch(r"\d{1,4}", line):
        return True
    return " " not in line and len(line) <= 3 and not _SENTENCE_END.search(line)


def _is_caption(line: str) -> bool:
    """A photo caption: ends in a credit like (AFP) or (Photo: ...) or starts with Photo:."""
    if _CAPTION_LEAD.match(line):
        return True
    credit = _CREDIT.search(line)
    if not credit or len(line.split()) < 4:
        return False
    inner = credit.group(1).strip()
    return bool(_CREDIT_WORDS.search(inner) or re.fullmatch(r"[A-Z]{2,6}", inner))


def _title_cased(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if len(w) >= 4]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _is_prose(lines: list[str]) -> bool:
    """Ends like a sentence and is not a title-cased headline; or is simply long."""
    text = " ".join(lines)
    words = len(text.split())
    if words >= 40:
        return True
    if not _SENTENCE_END.search(lines[-1]):
        return False
    return words >= 25 or not _title_cased(text)


def _headline_like(line: str) -> bool:
    """Short, no sentence end (a question or exclamation may be one), not a byline."""
    words = len(line.split())
    if not 1 <= words <= 30 or len(line) > 250 or (_BYLINE.match(line) and words <= 6):
        return False
    return not re.search(r"[.;,:][\"'”’)]*$", line) and not _date_of(line)


def _date_of(line: str) -> str | None:
    """The ISO date of a dateline ("Published: March 3, 2024", "2024-03-03"), else None."""
    iso = _ISO_LINE.fullmatch(line)
    if iso:
        return iso.group(1)
    found = _DATELINE.fullmatch(line)
    if not found:
        return None
    month = _MONTHS.index(found.group("month")[:3].lower()) + 1
    day = int(found.group("day1") or found.group("day2") or 0)
    if not 0 < day <= 31:
        return f"{found.group('year')}-{month:02d}"
    return f"{found.group('year')}-{month:02d}-{day:02d}"


def _header_date(run: list[_Block]) -> str | None:
    for block in run:
        for line in block.lines:
            if date := _date_of(line):
                return date
    return None


def _headlines(run: list[_Block]) -> list[str]:
    return [line for block in run for line in block.lines if _headline_like(line)]


def _is_boundary(run: list[_Block]) -> bool:
    """Whether the non-prose blocks before a prose block open a new article."""
    heads = _headlines(run)
    if not heads:
        return False
    blocks_with_heads = sum(1 for b in run if any(_headline_like(x) for x in b.lines))
    return (blocks_with_heads >= 2 or len(heads) != len({_key(h) for h in heads})
            or run[0].gap >= 2 or any(b.repeat or b.rule or (b.debris and b.caption) for b in run))


def _title(run: list[_Block]) -> str | None:
    heads = _headlines(run)
    return heads[0] if heads else None


