"""Text mangled the ways scraped and archived news gets mangled, for the crash hunt.

Each mutation takes a text and a `random.Random` and returns a new text; `mangle()` applies
a few in turn. They are written from what real corpora show: blessings and credits in
brackets after names, punctuation stripped by old converters, wire copy in capitals, text
cut off anywhere, HTML left over from a scraper, paragraphs printed twice, other scripts
inside English, run-on sentences, long documents, lists of names, tables, runs of
punctuation, stray capitalised articles ("He joined AL."), hard wraps and invisible marks.
Used by test_crash_hunt.py (hypothesis) and crash_hunt.py (at scale, outside CI).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

Mutation = Callable[[str, random.Random], str]

BRACKETED = ("(AS)", "(PBUH)", "(RA)", "(SAW)", "(SWT)", "(pbuh)", "(a.s.)", "(RAA)",
             "[sic]", "(AP)", "(Reuters)", "(AFP)", "(AL)", "(THE)", "(AN)", "(AZ)", "(EL)",
             "(file photo)", "(R)", "(L)", "()", "( )", "(", ")", "[", "]")
STRAY_WORDS = ("AL", "AN", "AZ", "AS", "THE", "EL", "AD", "ASH", "A.L.", "U.S.", "I", "A",
               "Al", "al-", "-al", "bin", "Abu", "Umm", "Abd", "al", "el-", "Mr.", "Dr",
               "Sheikh", "Gen.", "President")
HTML = ("<p>", "</p>", "<div class=\"ad\">", "</div>", "&nbsp;", "&amp;", "&quot;", "<br/>",
        "<script>var x = '<b>';</script>", "<!-- ad slot -->", "Share on Facebook",
        "TT", "20", "Advertisement", "Read more:", "<a href=\"/x\">link</a>", "&#8217;",
        "<![CDATA[", "]]>", "<img src=x onerror=alert(1)>", "{{ title }}", "%s", "\\n")
SCRIPTS = ("قال المتحدث", "الشيخ حسن", "دمشق", "خبز", "北京", "外交部发言人说", "Москва",
           "Сергей Иванов", "ירושלים", "שלום", "नई दिल्ली", "Αθήνα", "กรุงเทพ", "😀", "👨‍👩‍👧",
           "🇸🇾", "ﷺ", "ﷻ", "ᴬᴸ", "ℌ", "Ⅻ", "ﬁ", "İstanbul", "Øresund", "Łódź", "Đà Nẵng")
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u00ad", "\u200e", "\u200f", "\u202e", "\u2066",
             "\ufeff", "\u00a0", "\u2009", "\u0301", "\u0651", "\t", "\r", "\x0b", "\x0c")
NAMES = ("Ahmed al-Sharaa", "AHMED AL-SHARAA", "Abu Mohammad al-Julani", "Umm Khaled",
         "Abd al-Rahman bin Saleh", "Mohammed Bashir", "M. Bashir", "al-Bashir", "Bashir",
         "Fatima bint Ahmed", "Omar Khalil", "O'Brien", "Hélène Roy", "J. R. R. Tolkien",
         "Ibn Taymiyya", "Sheikh Hassan al-Musawi", "Imam Ali (AS)", "the Prophet (PBUH)",
         "HTS", "ISIS", "the U.N.", "UNHCR", "al-Qaeda", "AL QAEDA", "Jabhat al-Nusra",
         "Hayat Tahrir al-Sham", "Gen. Suheil al-Hassan", "Col. Ali", "Dr. Zaid", "El Hassan")
PUNCT_RUNS = ("(", ")", "[", "]", "\"", "'", "“", "”", "«", "»", ".", "-", "—", "*", "!",
              "?", ",", ";", ":", "/", "\\", "|", "#", "<", ">", "()", "\" ", "( ")


def _words(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"\S+", text))


def _insert(text: str, rng: random.Random, pieces: tuple[str, ...], times: int) -> str:
    """`times` pieces put at word boundaries (or anywhere, one time in five)."""
    for _ in range(times):
        words = _words(text)
        if not words or rng.random() < 0.2:
            at = rng.randrange(len(text) + 1)
        else:
            at = rng.choice(words).end()
        text = text[:at] + rng.choice((" ", "", "\n")) + rng.choice(pieces) + text[at:]
    return text


def bracketed_after_names(text: str, rng: random.Random) -> str:
    """'(AS)', '(PBUH)', '(RA)', credits and lone brackets after capitalised words."""
    out = []
    for word in re.split(r"(\s+)", text):
        out.append(word)
        if word[:1].isupper() and rng.random() < 0.3:
            out.append(rng.choice((" ", "")) + rng.choice(BRACKETED))
    return "".join(out)


def strip_commas(text: str, _rng: random.Random) -> str:
    return text.replace(",", "")


def strip_apostrophes(text: str, _rng: random.Random) -> str:
    return re.sub(r"['’‘`]", "", text)


def capitals(text: str, _rng: random.Random) -> str:
    return text.upper()


def lower_case(text: str, _rng: random.Random) -> str:
    return text.lower()


def truncate(text: str, rng: random.Random) -> str:
    return text[:rng.randrange(1, len(text) + 1)] if text else text


def html_debris(text: str, rng: random.Random) -> str:
    return _insert(text, rng, HTML, rng.randint(1, 12))


def doubled_paragraphs(text: str, rng: random.Random) -> str:
    paras = text.split("\n\n")
    out = []
    for para in paras:
        out.append(para)
        if rng.random() < 0.5:
            out.append(para)
    return rng.choice(("\n\n", "\n", "\n\n\n")).join(out)


def other_scripts(text: str, rng: random.Random) -> str:
    return _insert(text, rng, SCRIPTS, rng.randint(1, 10))


def invisible_marks(text: str, rng: random.Random) -> str:
    return _insert(text, rng, INVISIBLE, rng.randint(1, 20))


def run_on_sentence(text: str, rng: random.Random) -> str:
    """Sentence ends removed, and one sentence repeated into a very long one."""
    flat = re.sub(r"[.!?]+[\"”’']?\s+", rng.choice((" and ", ", ", " ; ", " ")), text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    one = rng.choice(sentences).rstrip(".!? ") if sentences else text
    return flat + " " + ", ".join([one] * rng.randint(20, 200)) + "."


def long_document(text: str, rng: random.Random) -> str:
    """Paragraphs repeated (with small changes) into a document several times as long."""
    paras = [p for p in text.split("\n\n") if p.strip()] or [text]
    out: list[str] = []
    for n in range(rng.randint(5, 40)):
        para = rng.choice(paras)
        out.append(para.replace("Monday", f"day {n}") if n % 3 else para)
    return "\n\n".join(out)


def name_list(text: str, rng: random.Random) -> str:
    names = [rng.choice(NAMES) for _ in range(rng.randint(5, 80))]
    joiner = rng.choice((", ", "; ", "\n", "\n- ", " and ", ",", " "))
    listed = "Those named were: " + joiner.join(names) + rng.choice((".", "", ":"))
    at = rng.choice((0, len(text)))
    return f"{listed}\n\n{text}" if at == 0 else f"{text}\n\n{listed}"


def table(text: str, rng: random.Random) -> str:
    sep = rng.choice((" | ", "\t", "|", "  ", ","))
    rows = [sep.join(("Name", "Role", "Country", "Dead"))]
    for _ in range(rng.randint(2, 40)):
        rows.append(sep.join((rng.choice(NAMES), rng.choice(("minister", "", "GEN", "-")),
                              rng.choice(("Syria", "IRAQ", "", "al-Sham", "U.S.")),
                              str(rng.randint(0, 5000)))))
    if rng.random() < 0.5:
        rows.insert(1, sep.join(["---"] * 4))
    return text + "\n\n" + "\n".join(rows)


def punctuation_runs(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        run = rng.choice(PUNCT_RUNS) * rng.randint(2, 600)
        at = rng.randrange(len(text) + 1)
        text = text[:at] + run + text[at:]
    return text


def stray_articles(text: str, rng: random.Random) -> str:
    """Lone capitalised articles and particles as words: 'He joined AL.'"""
    return _insert(text, rng, STRAY_WORDS, rng.randint(1, 8))


def hard_wraps(text: str, rng: random.Random) -> str:
    width = rng.randint(8, 80)
    words = text.split(" ")
    lines, line = [], ""
    for word in words:
        if len(line) + len(word) > width:
            lines.append(line)
            line = ""
        line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


MUTATIONS: tuple[Mutation, ...] = (
    bracketed_after_names, strip_commas, strip_apostrophes, capitals, lower_case, truncate,
    html_debris, doubled_paragraphs, other_scripts, invisible_marks, run_on_sentence,
    long_document, name_list, table, punctuation_runs, stray_articles, hard_wraps)


def mangle(text: str, rng: random.Random, mutations: list[Mutation] | None = None) -> str:
    """`text` after one to four mutations (or the ones given), applied in turn."""
    chosen = mutations if mutations is not None else [
        rng.choice(MUTATIONS) for _ in range(rng.randint(1, 4))]
    for mutation in chosen:
        text = mutation(text, rng)
    return text
