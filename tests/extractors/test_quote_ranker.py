"""The learned speaker ranker: what it sees of each candidate, where it overrules the rules,
the switch that turns it off, and its training script. The texts are invented; the actors
are given by hand, as in test_quote_speakers.py."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from chronicle.extractors.actors.document import DocActors
from chronicle.extractors.quotes.find import find_quotes, judge_passages
from chronicle.extractors.quotes.ranking import candidates
from chronicle.records import Document, Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]

QUESTION_THEN_NAME = (
    "The district voted on Tuesday night to cut eight bus routes.\n\n"
    "\"My daughter is in second grade. You want her walking a mile on a county road with "
    "no shoulder?\" The question came from Jerome Cutler, a father of two, during public "
    "comment.\n\n"
    "Board chair Wendell Haskins said the cuts were painful.")
FATHER = (
    "Luis Echevarria, whose son works at the laundromat, came to the hearing.\n\n"
    "Prosecutor Dana Whitfield said the state would seek a cash bail. Echevarria said his son "
    "did not want to go back. “I told him we go back Saturday, same as always,” the father "
    "said.")
NAMES = {"Jerome Cutler": ("Jerome Cutler", "person"),
         "Wendell Haskins": ("Wendell Haskins", "person"),
         "Luis Echevarria": ("Luis Echevarria", "person"),
         "Echevarria": ("Luis Echevarria", "person"),
         "Dana Whitfield": ("Dana Whitfield", "person")}


def _parsed(text: str, names: dict[str, tuple[str, str]] = NAMES) -> tuple[Doc, DocActors]:
    from chronicle.nlp import load_nlp

    doc = load_nlp()(text)
    entities: dict[str, Entity] = {}
    spans = []
    for surface, (name, kind) in names.items():
        if surface not in text:
            continue
        ent = entities.setdefault(name, Entity(key=f"d#{len(entities) + 1}", doc="d",
                                               name=name, kind=kind, names=[name]))
        spans += [(m.start(), m.end(), ent.key)
                  for m in re.finditer(rf"\b{re.escape(surface)}\b", text)]
    spans = [s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1]
                                         for o in spans)]
    return doc, DocActors(doc_id="d", entities=list(entities.values()), spans=sorted(spans),
                          doc=doc)


def _speakers(text: str, ranked: bool) -> list[tuple[str | None, str]]:
    doc, actors = _parsed(text)
    found = find_quotes(doc, Document(id="d", text=text, source="test"), actors,
                        ranked=ranked)
    return [(actors.entity(q.speaker).name if q.speaker else None, q.how) for q in found]


@pytest.mark.parametrize(("text", "speaker"), [(QUESTION_THEN_NAME, "Jerome Cutler"),
                                               (FATHER, "Luis Echevarria")])
def test_the_ranker_names_a_speaker_the_rules_left_unknown(text: str, speaker: str) -> None:
    [(rules_speaker, _)] = _speakers(text, ranked=False)
    assert rules_speaker is None
    assert _speakers(text, ranked=True) == [(speaker, "ranked")]


def test_candidates_carry_the_rules_choice_and_where_each_actor_is_named() -> None:
    text = ("Mayor Ana Ruiz met Tom Reyes on Monday.\n\n"
            "“Tom Reyes has no plan for the harbour,” Ruiz said.")
    doc, actors = _parsed(text, {"Ana Ruiz": ("Ana Ruiz", "person"),
                                 "Ruiz": ("Ana Ruiz", "person"),
                                 "Tom Reyes": ("Tom Reyes", "person")})
    finder = judge_passages(doc, Document(id="d", text=text, source="test"), actors)
    k = next(i for i, j in enumerate(finder.p.judged) if j.accepted)
    found = {actors.entity(c.key).name: set(c.features)
             for c in candidates(finder.p, finder.speakers, k)}
    assert {"rule", "is_subject&name", "after=0"} <= found["Ana Ruiz"]
    assert "rule" not in found["Tom Reyes"]
    assert {"named_in_quote", "before=1"} <= found["Tom Reyes"]


def test_the_rules_alone_when_the_setting_says_so() -> None:
    from chronicle.pipeline import extract
    from chronicle.records import Quote
    from chronicle.settings import Settings

    def hows(settings: Settings) -> set[str | None]:
        return {r.how for r in extract([QUESTION_THEN_NAME, FATHER], settings)
                if isinstance(r, Quote)}

    assert "ranked" in hows(Settings())
    assert "ranked" not in hows(Settings(speakers="rules"))


def test_the_training_script_learns_from_annotated_articles(tmp_path: Path) -> None:
    """Trained on one file of training/quotes: its quotes are found and ranked, the data's
    hash is recorded, the rules' choice weighs for a candidate, and the shipped weights
    load as the same kind of model."""
    pytest.importorskip("sklearn")
    from chronicle.models import load_model, save_model
    from chronicle.models.train_speakers import read_sets, train_speaker_ranker
    from chronicle.settings import Settings

    data = REPO / "training" / "quotes" / "speakers-a.jsonl"
    model = train_speaker_ranker([data], Settings(), cv=False)
    counts = model.meta["quotes"]
    assert counts["ranked"] > 150 and model.meta["trained_on"]["quotes"]
    assert read_sets([data])[1]["sha256"] == model.meta["trained_on"]["sha256"]
    save_model(tmp_path / "ranker", model)
    meta = json.loads((tmp_path / "ranker" / "meta.json").read_text("utf-8"))
    assert meta["classes"] == ["other", "speaker"]
    assert model.weights[model.index["rule"], 1] > 0  # the rules' choice counts for it
    load_model.cache_clear()
    assert load_model("speaker_ranker").classes == ("other", "speaker")
