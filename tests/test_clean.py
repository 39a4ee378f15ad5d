"""Cleaning: articles split from scraped text, debris dropped, long texts cut in parts."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronicle.clean import MAX_DOC_CHARS, normalised_key, split_long, to_documents
from chronicle.errors import InputError
from chronicle.pipeline import documents
from chronicle.read import read_inputs
from chronicle.records import RawDocument

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SHARED = CORPUS if CORPUS.is_dir() else Path("/work/shared/corpus")

HARBOUR = [
    "Talks between the Valmora port authority and the dockers' union collapsed on Monday "
    "evening after union delegates walked out of the meeting, officials from both sides said.",
    "Union leader Marta Quell accused the authority of \"bargaining in bad faith\" and said "
    "members would stage a second strike next week.\nThe authority said it had offered a four "
    "percent raise.",
    "What Comes Next?",
    "Port chairman Ilse Brandt told reporters she remained open to new talks. \"Our door is "
    "not closed,\" she said.",
]
DROUGHT = [
    "The regional government of Oberlin ordered water rationing for farms on Thursday, as the "
    "driest summer in four decades left rivers at record lows.",
    "Agriculture minister Paul Renner said the measures would last at least until October.",
]


def _header(headline: str, caption: str, deck: str | None = None) -> str:
    """A scraped page top: headline, deck, caption twice, widget debris, then it all again."""
    lines = [headline, ""] + ([deck, ""] if deck else [])
    lines += [caption, caption, "TT", "20", "", headline, "", caption, caption, ""]
    return "\n".join(lines) + "\n"


SCRAPED = (
    _header("Harbour Talks Collapse as Unions Walk Out",
            "Dock workers gather outside the port authority in Valmora on Monday (Reuters)",
            "Negotiators Blame Each Other for Failure in Valmora")
    + "\n\n".join(HARBOUR) + "\n\n\n\n"
    + _header("Drought Forces Rationing in Southern Farms",
              "Farmers inspect a dried-up canal near Oberlin in July (AFP)")
    + "\n\n".join(DROUGHT) + "\n"
)


def _clean(text: str, **fields: object) -> list:
    return to_documents(RawDocument(source="feed.txt", text=text, id="feed.txt", scraped=True,
                                    **fields))  # type: ignore[arg-type]


def test_seed_raw_gives_the_two_seed_articles() -> None:
    raw_path, gold_path = SHARED / "seed-raw.txt", SHARED / "seed.jsonl"
    if not raw_path.exists():
        pytest.skip("shared corpus not present")
    errors: list[InputError] = []
    docs = [d for raw in read_inputs([raw_path], errors.append) for d in to_documents(raw)]
    assert not errors
    assert len(docs) == 2
    assert docs[0].text.startswith("In the second half of 1996")
    assert docs[1].text.startswith("When Syrian President Ahmed al-Sharaa")
    assert [d.id for d in docs] == [str(raw_path), f"{raw_path}#2"]
    if gold_path.exists():
        gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
        for doc, want in zip(docs, gold, strict=True):
            assert doc.title == want["title"]
            ratio = difflib.SequenceMatcher(None, doc.text, want["text"], autojunk=False).ratio()
            assert ratio > 0.99


def test_scraped_file_splits_into_articles_without_debris() -> None:
    first, second = _clean(SCRAPED)
    assert (first.id, first.title) == ("feed.txt", "Harbour Talks Collapse as Unions Walk Out")
    assert first.text == "\n\n".join(HARBOUR)
    assert (second.id, second.title) == ("feed.txt#2",
                                         "Drought Forces Rationing in Southern Farms")
    assert second.text == "\n\n".join(DROUGHT)
    for doc in (first, second):
        assert "(Reuters)" not in doc.text and "(AFP)" not in doc.text
        assert "\nTT\n" not in doc.text and "\n20\n" not in doc.text


def test_repeated_page_is_still_two_articles_when_separated_by_one_blank_line() -> None:
    text = SCRAPED.replace("\n\n\n\n", "\n\n")
    assert [d.title for d in _clean(text)] == ["Harbour Talks Collapse as Unions Walk Out",
                                               "Drought Forces Rationing in Southern Farms"]


def test_separator_lines_split_articles_and_arabic_is_kept() -> None:
    arabic_title = "الوزير يزور الميناء"
    arabic_body = "قال الوزير إن أعمال التوسعة في الميناء ستبدأ في الربيع المقبل."
    text = (f"Ferry Line Reopens\n\n{DROUGHT[0]}\n\n* * *\n\nStorm Closes Mountain Pass\n\n"
            f"{DROUGHT[1]}\n\n-----\n\n{arabic_title}\n\n{arabic_body}\n")
    docs = _clean(text)
    assert [(d.title, d.text) for d in docs] == [
        ("Ferry Line Reopens", DROUGHT[0]), ("Storm Closes Mountain Pass", DROUGHT[1]),
        (arabic_title, arabic_body)]


def test_caption_and_debris_inside_an_article_do_not_split_it() -> None:
    text = ("Bridge Reopens After Repairs\n\n" + DROUGHT[0] + "\n\nAdvertisement\n\n"
            "Workers paint the railings of the bridge on Friday (Photo: Town Hall)\n\n"
            "Sub-heading Without a Stop\n\n" + DROUGHT[1] + "\n20\n")
    (doc,) = _clean(text)
    assert doc.title == "Bridge Reopens After Repairs"
    assert doc.text == f"{DROUGHT[0]}\n\nSub-heading Without a Stop\n\n{DROUGHT[1]}"


def test_single_article_comes_out_whole() -> None:
    (titled,) = _clean("Council Approves Library Budget\n\n" + "\n\n".join(DROUGHT) + "\n")
    assert titled.title == "Council Approves Library Budget"
    assert titled.text == "\n\n".join(DROUGHT)
    plain = "The committee met on Tuesday.\n\nIt agreed to publish its report in June."
    (untitled,) = _clean(plain)
    assert (untitled.title, untitled.text) == (None, plain)


def test_dateline_and_byline_in_header() -> None:
    text = "Ferry Line Reopens\nBy Anna Lind\nPublished: March 3, 2024\n\n" + DROUGHT[0]
    (doc,) = _clean(text)
    assert (doc.title, doc.date, doc.text) == ("Ferry Line Reopens", "2024-03-03", DROUGHT[0])
    (dated,) = _clean(text, date="2024")
    assert dated.date == "2024"


def test_reader_title_used_when_the_text_has_no_headline() -> None:
    (doc,) = _clean(DROUGHT[0], title="From Markdown")
    assert doc.title == "From Markdown"


def test_hard_wrapped_paragraph_is_unwrapped_and_lines_mode_splits() -> None:
    wrapped = ("The old stone bridge over the Vara river reopened to traffic on Saturday\n"
               "after eight months of repairs that cost the town council more than two\n"
               "million euros, officials said.")
    (doc,) = _clean(wrapped)
    assert doc.text == " ".join(wrapped.split("\n"))
    lines = "One vote was held on Sunday.\nTurnout was high, officials said.\nResults follow."
    (per_line,) = _clean(lines)
    assert per_line.text == lines.replace("\n", "\n\n")


def test_unscraped_text_is_only_normalised() -> None:
    raw = RawDocument(source="api", text="  Line one\r\nTT\r\n20\x00\n", id="x", title="T")
    (doc,) = to_documents(raw)
    assert (doc.id, doc.text, doc.title) == ("x", "Line one\nTT\n20", "T")


def test_only_debris_gives_no_document() -> None:
    assert _clean("TT\n20\n\n|\n") == []


def test_long_text_is_split_at_paragraphs() -> None:
    para = "The delegates argued late into the night over the final wording. " * 160
    text = "\n\n".join([para.strip()] * 200)  # about 2.1 million characters
    raw = RawDocument(source="long.jsonl", text=text, id="long")
    parts = to_documents(raw)
    assert [d.id for d in parts] == ["long", "long#part2", "long#part3"]
    assert all(len(d.text) <= MAX_DOC_CHARS for d in parts)
    assert "\n\n".join(d.text for d in parts) == text


def test_one_paragraph_too_long_is_cut_at_whitespace() -> None:
    parts = split_long("alpha beta gamma delta", limit=12)
    assert parts == ["alpha beta", "gamma delta"]
    assert split_long("x" * 25, limit=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_normalised_key_folds_case_space_and_quotes() -> None:
    assert normalised_key("“Peace” talks\n\nresume ") == normalised_key('"peace"  TALKS resume')
    assert normalised_key("talks resume") != normalised_key("talks resumed")


def test_pipeline_documents_drop_duplicate_texts(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("\n\n".join(DROUGHT), encoding="utf-8")
    (tmp_path / "b.md").write_text("# Copy\n\n" + "\n\n".join(DROUGHT), encoding="utf-8")
    assert [Path(d.id).name for d in documents([tmp_path])] == ["a.txt"]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .?\n\r\x00TT20()AFP\u200f")), max_size=300))
def test_cleaning_never_fails_and_gives_clean_text(text: str) -> None:
    for doc in _clean(text):
        assert doc.text and doc.text == doc.text.strip()
        assert "\r" not in doc.text and "\x00" not in doc.text and "\u200f" not in doc.text


def test_a_copy_read_later_lends_the_kept_one_its_date(tmp_path: Path) -> None:
    """A scraped .txt and the .jsonl of the same article: the first is kept, with the date
    of the second (a first pass over the inputs finds it; nothing keeps the texts)."""
    from chronicle.pipeline import collect_documents, documents, lendings

    text = "Dockers walked out in Gdansk on Monday, the union said in a statement."
    (tmp_path / "a.txt").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "b", "text": text, "date": "2022-11-07",
                                                  "title": "Strike"}) + "\n", encoding="utf-8")
    inputs = [str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")]
    [kept] = collect_documents(inputs)
    assert (Path(kept.id).name, kept.date, kept.title) == ("a.txt", "2022-11-07", "Strike")
    [streamed] = list(documents(inputs, lent=lendings(inputs)))
    assert streamed == kept
    [alone] = list(documents(inputs))  # without the first pass: first wins, nothing lent
    assert alone.date is None
