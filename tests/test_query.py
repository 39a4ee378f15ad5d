"""Search, timeline and actor profiles over a small store written for each test."""

from __future__ import annotations

import pytest
from store.store_support import Doc, border_dispute, db_url, new_db, store, stored  # noqa: F401

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.errors import QueryError
from chronicle.query import AmbiguousActor


@pytest.fixture
def dispute(store: Store) -> Store:  # noqa: F811
    return stored(store, border_dispute())


def test_search_hits_point_at_the_words_in_the_document(dispute: Store) -> None:
    hits = dispute.search("shelling")
    assert [h.doc for h in hits] == ["dispatch-1"]
    hit = hits[0]
    text = dispute.document(hit.doc).text
    assert text[hit.start:hit.end] == "shelling"
    assert "«shelling»" in hit.snippet
    assert hit.to_json()["snippet"] == hit.snippet and hit.kind == "document"


def test_search_matches_other_forms_of_a_word(dispute: Store) -> None:
    hits = dispute.search("accuse")
    assert [h.doc for h in hits] == ["dispatch-1"]
    assert dispute.document("dispatch-1").text[hits[0].start:hits[0].end] == "accused"


def test_search_by_actor_looks_in_their_events_and_quotes(dispute: Store) -> None:
    hits = dispute.search("shelling", actor="karim hadad")
    assert {h.kind for h in hits} == {"event", "quote"}
    for hit in hits:
        assert dispute.document(hit.doc).text[hit.start:hit.end] == "shelling"
    assert dispute.search("week", actor="Karim Haddad") == []
    assert [h.kind for h in dispute.search("week", actor="jose pena")] == ["quote"]


def test_search_by_type_and_date(dispute: Store) -> None:
    assert [h.ref for h in dispute.search("Northland", type="consult")] == ["dispatch-2:e1"]
    assert {h.doc for h in dispute.search("Northland", date_from="1998-03")} == {"dispatch-2"}
    assert {h.doc for h in dispute.search("Northland", date_to="1998-02")} == {"dispatch-1"}


def test_long_documents_get_a_short_snippet_around_the_hit(store: Store) -> None:  # noqa: F811
    filler = "The committee reviewed routine matters of the port. " * 30
    doc = Doc("long", filler + "A tanker ran aground near Milltown. " + filler)
    store.write(doc.result())
    [hit] = store.search("aground")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "«aground»" in hit.snippet and len(hit.snippet) < 400
    assert doc.text[hit.start:hit.end] == "aground"


def test_bad_fts5_syntax_is_a_query_error(tmp_path) -> None:
    with open_store(tmp_path / "c.db") as opened:  # PostgreSQL's web syntax accepts anything
        stored(opened, border_dispute())
        with pytest.raises(QueryError, match="bad search query"):
            opened.search('"unclosed phrase')
        with pytest.raises(QueryError, match="bad search query"):
            opened.search("shelling OR")


def test_empty_queries_and_unknown_actors_are_query_errors(dispute: Store) -> None:
    with pytest.raises(QueryError, match="empty"):
        dispute.search("   ")
    with pytest.raises(QueryError, match="no actor"):
        dispute.search("Northland", actor="Nobody Atall")
    with pytest.raises(QueryError, match="no actor"):
        dispute.actor("Nobody Atall")


def test_timeline_is_in_date_order_with_undated_last(dispute: Store) -> None:
    rows = dispute.timeline()
    assert [r.event.event_type for r in rows] == ["PROTEST", "REJECT", "ACCUSE", "CONSULT",
                                                  "AGREE"]
    assert rows[-1].event.date is None
    assert rows[2].doc_title == "Haddad accuses Northland"
    assert rows[2].source_names == ["Karim Haddad"] and rows[2].target_names == ["Northland"]
    flagged = dispute.timeline(flagged=True)
    assert [r.event.event_type for r in flagged][-2:] == ["AGREE", "THREATEN"]
    assert flagged[-1].event.hypothetical and len(flagged) == 6


def test_timeline_json_rows_are_event_records_plus_names(dispute: Store) -> None:
    row = dispute.timeline(type="ACCUSE")[0].to_json()
    assert row["type"] == "event" and row["event_type"] == "ACCUSE"
    assert row["source"] == ["karim-haddad"] and row["source_names"] == ["Karim Haddad"]
    assert row["doc_title"] == "Haddad accuses Northland"


@pytest.mark.parametrize("name", ["Karim Haddad", "KARIM HADAD", "karim haddad", "Haddad"])
def test_timeline_finds_an_actor_by_any_spelling(dispute: Store, name: str) -> None:
    types = [r.event.event_type for r in dispute.timeline(actor=name)]
    assert types == ["REJECT", "ACCUSE", "CONSULT", "AGREE"]


def test_timeline_filters_by_type_and_partial_dates(dispute: Store) -> None:
    assert [r.event.event_type for r in dispute.timeline(date_from="1998-02",
                                                         date_to="1998-02")] == [
        "REJECT", "ACCUSE"]
    assert [r.event.event_type for r in dispute.timeline(type="agree")] == ["AGREE"]
    assert [r.event.event_type for r in dispute.timeline(date_from="1998-02-05")] == [
        "ACCUSE", "CONSULT"]
    assert len(dispute.timeline(limit=2)) == 2
    with pytest.raises(QueryError, match="bad date"):
        dispute.timeline(date_from="Feb 1998")
    with pytest.raises(QueryError, match="unknown event type"):
        dispute.timeline(type="INVADE")


def test_actor_profile(dispute: Store) -> None:
    profile = dispute.actor("karim haddad")
    assert profile.actor.name == "Karim Haddad"
    assert "Karim Hadad" in profile.actor.aliases
    assert profile.events == {"source": {"ACCUSE": 1, "CONSULT": 1, "AGREE": 1},
                              "target": {"REJECT": 1}}
    assert [(c.name, c.count) for c in profile.counterparts] == [("Northland", 2),
                                                                 ("Lena Varga", 1)]
    assert [q.text for q in profile.quotes] == ["The shelling must stop at once,"]
    assert (profile.first_seen, profile.last_seen) == ("1998-02", "1998-03")
    assert profile.actor.roles[0].title == "Foreign Minister"
    data = profile.to_json()
    assert data["type"] == "actor" and data["counterparts"][0]["id"] == "northland"


def test_an_ambiguous_name_lists_the_candidates(store: Store) -> None:  # noqa: F811
    doc = Doc("namesakes", "Omar Daoud met Layla Daoud in Eastport.")
    omar, layla = doc.entity("Omar Daoud"), doc.entity("Layla Daoud")
    doc.event("CONSULT", doc.text, "met", (omar,), (layla,))
    store.write(doc.result())
    with pytest.raises(AmbiguousActor) as caught:
        store.actor("Daoud")
    assert sorted(c.name for c in caught.value.candidates) == ["Layla Daoud", "Omar Daoud"]
    assert store.actor("Layla Daoud").events == {"source": {}, "target": {"CONSULT": 1}}


def test_results_convert_to_pandas(dispute: Store) -> None:
    frame = dispute.timeline().to_pandas()
    assert list(frame["event_type"]) == ["PROTEST", "REJECT", "ACCUSE", "CONSULT", "AGREE"]
    hits = dispute.search("Northland").to_pandas()
    assert {"doc", "start", "end", "snippet"} <= set(hits.columns)


def test_words_with_punctuation_need_no_quoting(store: Store) -> None:  # noqa: F811
    doc = Doc("envoys", "The U.S. envoy met Bashir al-Tamimi in Eastport.")
    store.write(doc.result())
    for query in ("al-Tamimi", "U.S. envoy", "al-Tamimi OR nobody"):
        [hit] = store.search(query)
        assert hit.doc == "envoys", query
    [hit] = store.search("al-Tamimi")
    assert doc.text[hit.start:hit.end] in {"al-Tamimi", "al", "Tamimi"}
