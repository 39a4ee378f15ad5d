"""HTML: the article's paragraphs, title and date; boilerplate and broken pages handled."""

from __future__ import annotations

from pathlib import Path

from chronicle.errors import InputError
from chronicle.read import read_inputs

PARAGRAPHS = [
    "Dock workers in the port city of Valmora returned to work on Tuesday after union "
    "leaders and the port authority signed a wage agreement late on Monday night, ending a "
    "ten-day strike that had stranded hundreds of containers on the quays.",
    "The agreement raises pay by six percent over two years and limits night shifts, "
    "according to a statement released by the union. Port authority chairman Ilse Brandt "
    "said the deal was fair to both sides and thanked the mediators.",
    "Shipping companies had warned that the stoppage was costing them millions of euros each "
    "day, and several vessels were diverted to neighbouring harbours during the dispute.",
    "Union spokesman Tomas Reyes told reporters that members would vote on the deal next "
    "week. He said he expected a clear majority in favour of the new contract.",
    "The regional government, which had offered to mediate in the first days of the strike, "
    "welcomed the agreement and said it would review safety rules at the port this autumn.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<title>Valmora port strike ends | The Coastal Ledger</title>
<meta property="og:title" content="Valmora port strike ends after ten days">
<meta property="article:published_time" content="2023-04-05T08:30:00Z">
</head><body>
<nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article>
<h1>Valmora port strike ends after ten days</h1>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])}
<figure><img src="port.jpg" alt="Cranes"><figcaption>Cranes stand idle at the container
terminal on Friday. Photo: Staff photographer</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])}
</article></main>
<footer><p>Copyright 2023 The Coastal Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body></html>
"""


def _read(path: Path) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(read_inputs([path], errors.append)), errors


def test_main_text_title_and_date(tmp_path: Path) -> None:
    page = tmp_path / "strike.html"
    page.write_text(PAGE, encoding="utf-8")
    (doc,), errors = _read(page)
    assert not errors
    assert doc.text == "\n\n".join(PARAGRAPHS)
    assert doc.title == "Valmora port strike ends after ten days"
    assert doc.date == "2023-04-05"
    assert not doc.scraped
    for noise in ("Share on", "Home", "Copyright", "Privacy", "Cranes stand idle"):
        assert noise not in doc.text


def test_htm_in_cp1252_is_read(tmp_path: Path) -> None:
    page = tmp_path / "old.htm"
    page.write_bytes(PAGE.replace("Reyes", "Reyès").encode("cp1252"))
    (doc,), errors = _read(page)
    assert not errors and "Tomas Reyès" in doc.text


def test_page_with_scripts_only_has_no_article_text(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><script>var a = 1;</script><style>p {color: red}</style>"
                    "</head><body><script>document.title = 'x';</script></body></html>",
                    encoding="utf-8")
    docs, errors = _read(page)
    assert docs == []
    assert errors[0].reason == "no article text"


def test_deeply_nested_page_is_reported_not_crashing(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text("<html><body>" + "<div>" * 5000 + "<p>Buried words.</p>" + "</div>" * 5000
                    + "</body></html>", encoding="utf-8")
    docs, errors = _read(page)
    assert docs == [] and len(errors) == 1
    assert errors[0].source == str(page)
