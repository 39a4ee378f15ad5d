"""The bad-input corpus: the broken files a scraper drags in, written at run time.

No binary is committed: every case writes its own bytes into a folder the test owns. Each
`Case` also says what Chronicle must do with it (a one-line error with a reason, or how it
is handled), so one table drives the reader tests, the CLI test and docs/robustness.md.
"""

from __future__ import annotations

import codecs
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from chronicle.read import MAX_FILE_BYTES

Outcome = Literal["error", "handled", "skipped"]

SENTENCES = (
    "Officials in the river town of Marelle said on Tuesday that repairs to the flood wall "
    "would take three more weeks.",
    "The regional council met on Friday to discuss the cost of a new water pipeline, a "
    "spokesman said.",
    "Farmers near the delta reported that late rains had damaged much of the wheat harvest.",
    "Police said two men were detained after a protest outside the transport ministry.",
    "The mayor, Lena Sorvik, told reporters that the bridge would reopen before winter.",
    "Aid groups warned that food stocks in the northern camps could run out within a month.",
)
WORDS = ("council", "river", "bridge", "harvest", "minister", "Marelle", "talks", "water",
         "villagers", "repairs", "delegates", "morning", "pipeline", "budget", "across", "the")
GOOD_FILES = {
    "good-harbour.txt": ("Harbour Cranes Return To Work\n\nDock workers in Valmora went back to "
                         "the cranes on Monday after a two-day stoppage, the union said.\n",
                         "Dock workers in Valmora went back"),
    "good-council.md": ("# Council Approves Budget\n\nThe city council of Brenna approved the "
                        "school budget on Thursday by eleven votes to four.\n",
                        "council of Brenna approved"),
    "good-aid.jsonl": (json.dumps({"id": "good-aid", "date": "2024-03-05", "text":
                                   "Relief convoys reached the hill villages of Teshar on "
                                   "Sunday, the aid agency said."}) + "\n",
                       "Relief convoys reached"),
}


@dataclass(frozen=True)
class Case:
    """One bad input: where it lies in the corpus and what must become of it.

    `reason` is a piece of the one-line stderr reason (errors); `keeps` a phrase a
    document of the output must contain (handled inputs that yield a document).
    """

    kind: str
    name: str
    outcome: Outcome
    reason: str = ""
    keeps: str = ""
    note: str = ""


def build_corpus(root: Path, big: bool = True) -> list[Case]:
    """Write every case under `root`; `big=False` leaves out the two long texts."""
    root.mkdir(parents=True, exist_ok=True)
    cases = []
    for case, data in [*_encoding_cases(), *_content_cases(), *_jsonl_cases(),
                       *(_big_cases() if big else [])]:
        _put(root, case.name, data)
        cases.append(case)
    for build in _SPECIAL:
        cases.append(build(root))
    return cases


def write_good_files(root: Path) -> dict[str, str]:
    """Three readable files; returns name -> a phrase their document must contain."""
    root.mkdir(parents=True, exist_ok=True)
    for name, (text, _) in GOOD_FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    return {name: phrase for name, (_, phrase) in GOOD_FILES.items()}


def story(tag: str) -> str:
    """A short report whose text is unique to `tag`, so no two cases are merged as duplicates."""
    return (f"The {tag} bulletin said officials in the river town of Marelle met on Tuesday "
            f"to discuss repairs to the flood wall. Work on the {tag} section will resume "
            "next week, a spokesman said.")


def long_sentence(chars: int = 100_000, seed: int = 3) -> str:
    """One "sentence" of words and no punctuation, exactly `chars` long."""
    rng = random.Random(seed)
    text = ""
    while len(text) < chars:
        text += " ".join(rng.choice(WORDS) for _ in range(1000)) + " "
    return text[:chars - 1] + "x"


def prose(chars: int, seed: int = 5) -> str:
    """Paragraphs of news sentences, about `chars` long."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    size = 0
    while size < chars:
        para = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
        paragraphs.append(para)
        size += len(para) + 2
    return "\n\n".join(paragraphs)


def long_document(chars: int = 1_500_000, seed: int = 5) -> str:
    """A report with its attachment's checksum list pasted in: `chars` long, over the limit.

    spaCy reads news prose at about 4,000 tokens a second here, so 1.5 MB of prose would
    take minutes; a list of SHA-512 digests (one 128-character token a line) keeps the
    analysis of the split parts to seconds while the size rules are exercised in full.
    """
    rng = random.Random(seed)
    head, tail = prose(6_000, seed), prose(6_000, seed + 1)
    room = chars - len(head) - len(tail) - 4
    digests = "\n".join(rng.randbytes(64).hex() for _ in range(room // 129 + 1))
    return f"{head}\n\n{digests[:room].rstrip()}\n\n{tail}"


def _put(root: Path, name: str, data: bytes | str | int) -> Path:
    """Write `data`; an int writes a sparse file of that many NUL bytes (no disk used)."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, int):
        with open(path, "wb") as handle:
            handle.truncate(data)
    else:
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


Table = list[tuple[Case, bytes | str | int]]


def _encoding_cases() -> Table:
    """Empty, binary and undecodable files; encodings and characters that must survive."""
    mixed = story("Zürich–Genève") + " Köln, München, Göteborg, Besançon."
    invisible = story("invisible").replace("Marelle", "Mar\u200belle\u200f").replace(
        "Tuesday", "\u202eTuesday\u202c\u2066")
    arabic = "قال المتحدث باسم المجلس البلدي إن أعمال الترميم ستستمر حتى الشهر المقبل. "
    E, H = "error", "handled"
    return [
        (Case("empty file", "empty.txt", E, "empty file"), b""),
        (Case("whitespace only", "whitespace.txt", E, "no text (only whitespace)"),
         " \n\t\n   \r\n\u00a0\n"),
        (Case("random binary", "noise.txt", E, "binary file"), random.Random(11).randbytes(4096)),
        (Case("PDF named .txt", "report-pdf.txt", E, "binary file (PDF)"),
         b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n"),
        (Case("PNG named .txt", "photo-png.txt", E, "binary file (PNG)"),
         b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)),
        (Case("ZIP named .html", "archive-zip.html", E, "binary file (ZIP"),
         b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(60)),
        (Case("PNG named .jsonl", "photo-png.jsonl", E, "not JSON Lines"),
         b"\x89PNG\r\n\x1a\n" + bytes(40)),
        (Case("NUL bytes in a .txt", "nul-bytes.txt", E, "contains NUL bytes"),
         story("nul").encode("utf-8").replace(b" ", b"\x00 ", 3)),
        (Case("invalid UTF-8 (not cp1252 either)", "invalid-utf8.txt", E, "cannot decode"),
         b"Talks resumed \x81\x8d\x8f\x90\x9d in \xc3\x28 Marelle."),
        (Case("UTF-8 with one stray byte", "stray-byte.txt", H, keeps="Zürich–Genève bulletin",
              note="read as UTF-8; the bad byte becomes U+FFFD"), mixed.encode() + b" \xff"),
        (Case("Latin-1 text", "latin1.txt", H, keeps="Genève café bulletin",
              note="decoded as cp1252"), story("Genève café").encode("latin-1")),
        (Case("cp1252 text (curly quotes, dashes)", "cp1252.txt", H,
              keeps="“curly” – dash bulletin", note="decoded as cp1252"),
         (story("“curly” – dash") + " “We are ready,” he said.").encode("cp1252")),
        (Case("UTF-16 LE with BOM", "utf16le.txt", H, keeps="little-endian bulletin",
              note="decoded by its BOM"),
         codecs.BOM_UTF16_LE + story("little-endian").encode("utf-16-le")),
        (Case("UTF-16 BE with BOM", "utf16be.txt", H, keeps="big-endian bulletin",
              note="decoded by its BOM"),
         codecs.BOM_UTF16_BE + story("big-endian").encode("utf-16-be")),
        (Case("UTF-8 with BOM", "utf8-bom.txt", H, keeps="The marked bulletin",
              note="BOM dropped: offsets count from the first letter"),
         codecs.BOM_UTF8 + story("marked").encode("utf-8")),
        (Case("zero-width and right-to-left controls", "zero-width.txt", H,
              keeps="town of Marelle met on Tuesday",
              note="bidi controls, ZWSP, soft hyphen dropped; ZWJ and ZWNJ kept"),
         "\ufeff" + invisible + "\u2069\u00ad"),
        (Case("Arabic script", "arabic.txt", H, keeps=arabic.strip(),
              note="kept as written"), arabic + story("bilingual")),
        (Case("emoji (astral, skin tones, ZWJ)", "emoji.txt", H, keeps="👍🏽 and 👨‍👩‍👧",
              note="kept; offsets count code points"),
         story("emoji 🌊🚧") + " Residents posted 👍🏽 and 👨‍👩‍👧 online."),
        (Case("CRLF line endings", "crlf.txt", H, keeps="The windows bulletin",
              note="CRLF becomes \\n"), story("windows").replace(". ", ".\r\n\r\n") + "\r\n"),
        (Case("lone CR line endings", "lone-cr.txt", H, keeps="classic-mac bulletin",
              note="CR becomes \\n"), story("classic-mac").replace(". ", ".\r\r") + "\r"),
    ]


def _content_cases() -> Table:
    """Sizes, layouts and HTML pages."""
    line = " ".join(SENTENCES[i % len(SENTENCES)] for i in range(60))  # about 6,000 chars
    paras = "".join(f"<p>{s}</p>" for s in SENTENCES)
    deep = "<div>" * 5000 + f"<p>{story('deeply nested')}</p>" + "</div>" * 5000
    scripted = (f"<html><head><title>Flood Wall Repairs</title></head><body><article><h1>Flood "
                f"Wall Repairs</h1><p>{story('scripted')}</p><script>alert(1)</script>{paras}"
                "<p onclick=\"alert(2)\">The <b>council</b> <script>alert(3)</script>will meet "
                "again in May.</p></article></body></html>")
    charset = (f'<html><head><meta charset="no-such-codec"></head><body><p>{story("Genève")}'
               "</p></body></html>").encode("cp1252")
    E, H = "error", "handled"
    return [
        (Case("50 MB file, one byte over the limit", "over-limit.txt", E,
              "larger than the 50 MB limit", note="refused by its size, before reading"),
         MAX_FILE_BYTES + 1),
        (Case("50 MB file, one byte under the limit (all NUL)", "under-limit.txt", E,
              "contains NUL bytes", note="read (50 MB in memory), then refused as binary"),
         MAX_FILE_BYTES - 1),
        (Case("very long lines (6,000 chars, no wrap)", "long-lines.md", H,
              keeps="The wide bulletin", note="kept as paragraphs"),
         f"# Long Lines\n\n{story('wide')} {line}\n\n{line[::-1]}\n"),
        (Case("only debris lines (TT, 20, a lone bar)", "debris-only.txt", E,
              "no article text (only debris lines)", note="every line is debris"),
         "TT\n20\n\n|\n\nAdvertisement\n\nShare\n\n•\n"),
        (Case("HTML nested 5,000 deep", "deep.html", E, "nested over 255 deep",
              note="libxml2 drops elements below depth 255; the text there is lost"),
         f"<html><body>{deep}</body></html>"),
        (Case("HTML with scripts and styles only", "scripts-only.html", E, "no article text"),
         "<html><head><style>p{color:red}</style><script>var n=1;</script></head><body>"
         "<script>document.write('x')</script><style>b{}</style></body></html>"),
        (Case("HTML with a script, alert(1), inside the article", "script-in-article.html",
              H, keeps="The scripted bulletin", note="scripts dropped, text kept"), scripted),
        (Case("HTML declaring an unknown charset", "bad-charset.html", H,
              keeps="Genève bulletin", note="declaration ignored; cp1252 fallback"), charset),
        (Case("Markdown with a title and no body", "title-only.md", E, "no text (only a title"),
         "---\ntitle: Nothing Below\n---\n# Nothing Below\n\n"),
    ]


def _rec(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False) + "\n"


def _jsonl_cases() -> Table:
    """One JSON Lines file per kind of bad record, so each bad file gives one stderr line."""
    E, H = "error", "handled"
    return [
        (Case("JSON Lines: broken line", "broken.jsonl", E, "broken JSON",
              keeps="first line bulletin", note="reported as path:2; line 1 is read"),
         _rec(id="b1", text=story("first line")) + '{"id": "b2", "text": "cut off\n'),
        (Case("JSON Lines: missing text", "missing-text.jsonl", E, 'missing "text"'),
         _rec(id="m1", title="No body")),
        (Case("JSON Lines: text not a string", "text-list.jsonl", E, '"text" is not a string'),
         _rec(id="n1", text=["a", "list"])),
        (Case("JSON Lines: text only whitespace", "blank-text.jsonl", E, 'empty "text"'),
         _rec(id="w1", text=" \n\t\u200b ")),
        (Case("JSON Lines: id a number", "id-number.jsonl", H, keeps="numbered bulletin",
              note='id becomes the string "4711"'), _rec(id=4711, text=story("numbered"))),
        (Case("JSON Lines: duplicate ids", "duplicate-ids.jsonl", H,
              keeps="second twin bulletin", note='both kept, as "dup" and "dup#2"'),
         _rec(id="dup", text=story("first twin")) + _rec(id="dup", text=story("second twin"))),
        (Case("JSON Lines: a non-object line", "non-object.jsonl", E, "expected a JSON object"),
         '["not", "an", "object"]\n'),
        (Case("JSON Lines: empty lines", "empty-lines.jsonl", H, keeps="gapped bulletin",
              note="blank lines skipped silently"),
         "\n" + _rec(id="e1", text=story("spaced")) + "   \n\n" + _rec(text=story("gapped"))),
        (Case("JSON Lines: no records at all", "blank.jsonl", E, "no JSON Lines records"),
         "\n  \n\n"),
        (Case("JSON Lines: invalid UTF-8 line", "bad-utf8.jsonl", E, "not valid UTF-8"),
         b'{"id": "u1", "text": "caf\xe9 closed"}\n'),
        (Case("JSON Lines: nested 100,000 deep", "deep.jsonl", E, "JSON nested too deeply"),
         "[" * 100_000 + "]" * 100_000 + "\n"),
        (Case("JSON Lines: one line over 50 MB", "huge-line.jsonl", E,
              "line larger than the 50 MB limit", note="read in 50 MB pieces, then skipped"),
         MAX_FILE_BYTES + 1),
        (Case("JSON Lines: NUL (\\u0000) in text", "nul-escape.jsonl", H,
              keeps="zerobyte bulletin", note="NUL dropped"),
         _rec(id="z1", text=story("zero\u0000byte"))),
        (Case("JSON Lines: lone surrogate (\\ud800)", "surrogate.jsonl", H,
              keeps="halfpair bulletin", note="the lone surrogate is dropped"),
         '{"id": "s1", "text": "' + story("half\\ud800pair") + '"}\n'),
        (Case("JSON Lines: date not ISO 8601", "bad-date.jsonl", H, keeps="undated bulletin",
              note="a written date becomes ISO; anything else is left out"),
         _rec(id="d1", date="sometime in spring", text=story("undated") + " It began March 3.")),
    ]


def _big_cases() -> Table:
    """The two long texts, which spaCy takes seconds to read."""
    sentence = long_sentence()
    return [
        (Case("100,000-character sentence, no punctuation", "long-sentence.txt", "handled",
              keeps=sentence[:60], note="one document, one spaCy sentence"), sentence),
        (Case("1.5 MB document (limit 1,000,000 chars)", "long-document.jsonl", "handled",
              keeps=long_document()[:60], note="split at paragraphs into parts of at most "
              "1,000,000 chars: long-doc, long-doc#part2, ..."),
         json.dumps({"id": "long-doc", "text": long_document()}) + "\n"),
    ]


# --- the file system: links, pipes, permissions, odd names ---------------------------------

def _symlink_loop(root: Path) -> Case:
    (root / "loop").mkdir()
    os.symlink("..", root / "loop" / "up")
    os.symlink(".", root / "loop" / "self")
    return Case("folder with a symlink loop", "loop", "skipped",
                note="each real folder is walked once; the loop ends")


def _self_link(root: Path) -> Case:
    os.symlink("self-link.txt", root / "self-link.txt")
    return Case("symlink to itself", "self-link.txt", "error", "symlink loop")


def _dangling(root: Path) -> Case:
    os.symlink(root / "gone" / "missing.txt", root / "dangling.txt")
    return Case("dangling symlink", "dangling.txt", "error", "broken symbolic link")


def _unreadable(root: Path) -> Case:
    _put(root, "unreadable.txt", story("locked")).chmod(0)
    if os.geteuid() == 0:  # root reads it anyway; the error path is tested by monkeypatch
        return Case("unreadable file (chmod 000)", "unreadable.txt", "handled",
                    keeps="locked bulletin", note="root reads it; others get the error")
    return Case("unreadable file (chmod 000)", "unreadable.txt", "error", "permission denied")


def _docx(root: Path) -> Case:
    _put(root, "minutes.docx", b"PK\x03\x04" + bytes(30))
    return Case("file named .docx (unknown suffix)", "minutes.docx", "skipped",
                note="not a suffix Chronicle reads: skipped silently in a folder")


def _dir_named_txt(root: Path) -> Case:
    _put(root, "x.txt/inner.txt", story("inner"))
    return Case("directory named x.txt", "x.txt", "handled", keeps="inner bulletin",
                note="walked as a folder")


def _fifo(root: Path) -> Case:
    os.mkfifo(root / "pipe.txt")
    return Case("named pipe (FIFO) named .txt", "pipe.txt", "error", "not a regular file",
                note="never opened in a folder walk, which would block")


def _newline_name(root: Path) -> Case:
    _put(root, "two\nlines.txt", b"%PDF-1.4\n")
    return Case("file name with a newline", "two\nlines.txt", "error", "binary file (PDF)",
                note="the name is printed escaped (two\\nlines.txt): the error stays one line")


def _undecodable_name(root: Path) -> Case:
    name = os.fsdecode(b"caf\xe9-report.txt")  # Latin-1 bytes: not a UTF-8 file name
    _put(root, name, story("Latin-1 named"))
    return Case("file name that is not UTF-8", name, "handled", keeps="Latin-1 named bulletin",
                note="source printed with the byte escaped (caf\\xe9-report.txt)")


_SPECIAL: list[Callable[[Path], Case]] = [
    _symlink_loop, _self_link, _dangling, _unreadable, _docx, _dir_named_txt, _fifo,
    _newline_name, _undecodable_name,
]
