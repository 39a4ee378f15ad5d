"""Fixtures and record builders shared by the store, query, export, ingest and CLI tests.

Every store test runs twice: on a SQLite file and, when CHRONICLE_TEST_PG holds a
PostgreSQL URL, on that server (each test in its own schema, dropped afterwards).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from chronicle.api import Store
from chronicle.api import open as open_store
from chronicle.records import (
    Document,
    DocumentResult,
    Entity,
    Event,
    Location,
    Quote,
    Role,
    Span,
    Timex,
)
from chronicle.store.database import store_url

PG_URL = os.environ.get("CHRONICLE_TEST_PG", "")
PG_SKIP = ("CHRONICLE_TEST_PG is not set: the PostgreSQL variant of the store tests did NOT "
           "run (set it to postgresql://user:password@host/db)")
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres",
                 marks=[pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason=PG_SKIP)]),
]


@pytest.fixture(params=BACKENDS)
def new_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """Makes fresh, empty store locations on one backend (a file, or a PostgreSQL schema)."""
    made: list[str] = []
    admin = sa.create_engine(store_url(PG_URL)) if request.param == "postgres" else None

    def make() -> str:
        if admin is None:
            made.append(str(tmp_path / f"store{len(made) + 1}.db"))
            return made[-1]
        name = "test_" + uuid.uuid4().hex[:12]
        with admin.begin() as conn:
            conn.execute(sa.schema.CreateSchema(name))
        made.append(name)
        url = sa.engine.make_url(store_url(PG_URL)).update_query_dict(
            {"options": f"-csearch_path={name}"})
        return url.render_as_string(hide_password=False)

    yield make
    if admin is not None:
        with admin.begin() as conn:
            for name in made:
                conn.execute(sa.schema.DropSchema(name, cascade=True))
        admin.dispose()


@pytest.fixture
def db_url(new_db: Callable[[], str]) -> str:
    """A fresh, empty store location on each backend."""
    return new_db()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


class Doc:
    """Builds one DocumentResult over a text written for the test, offsets computed."""

    def __init__(self, doc_id: str, text: str, *, title: str | None = None,
                 date: str | None = None, url: str | None = None):
        self.document = Document(id=doc_id, text=text, source=f"{doc_id}.txt", title=title,
                                 date=date, url=url)
        self.entities: list[Entity] = []
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.timexes: list[Timex] = []

    @property
    def text(self) -> str:
        return self.document.text

    def _at(self, words: str) -> int:
        at = self.text.find(words)
        assert at >= 0, f"{words!r} is not in the test text"
        return at

    def entity(self, name: str, kind: str = "person", *, also: tuple[str, ...] = (),
               roles: tuple[Role, ...] = ()) -> str:
        key = f"{self.document.id}#{len(self.entities) + 1}"
        spans = []
        for surface in (name, *also):
            start = self.text.find(surface)
            while start >= 0:
                end = start + len(surface)
                if not any(m.start < end and start < m.end for m in spans):
                    spans.append(Span(self.document.id, start, end))
                start = self.text.find(surface, start + 1)
        self.entities.append(Entity(key=key, doc=self.document.id, name=name, kind=kind,  # type: ignore[arg-type]
                                    names=[name, *also], roles=list(roles), mentions=spans))
        return key

    def event(self, event_type: str, sentence: str, trigger: str, source: tuple[str, ...] = (),
              target: tuple[str, ...] = (), *, date: str | None = None,
              location: Location | None = None, negated: bool = False,
              hypothetical: bool = False, confidence: float = 0.8) -> Event:
        start = self._at(sentence)
        event = Event(id=f"e{len(self.events) + 1}", doc=self.document.id,
                      event_type=event_type, source=source, target=target, start=start,
                      end=start + len(sentence), sentence=sentence, trigger=trigger,
                      date=date, location=location, negated=negated,
                      hypothetical=hypothetical, confidence=confidence)
        self.events.append(event)
        return event

    def quote(self, words: str, speaker: str | None, cue: str = "said") -> Quote:
        start = self._at(words)
        quote = Quote(id=f"q{len(self.quotes) + 1}", doc=self.document.id, speaker=speaker,
                      text=words, start=start, end=start + len(words), cue=cue)
        self.quotes.append(quote)
        return quote

    def timex(self, words: str, value: str) -> Timex:
        start = self._at(words)
        timex = Timex(id=f"t{len(self.timexes) + 1}", doc=self.document.id, start=start,
                      end=start + len(words), text=words, value=value, anchor="explicit")
        self.timexes.append(timex)
        return timex

    def result(self) -> DocumentResult:
        return DocumentResult(document=self.document, entities=list(self.entities),
                              timexes=list(self.timexes), events=list(self.events),
                              quotes=list(self.quotes))


def border_dispute() -> list[DocumentResult]:
    """Three short reports about an invented border dispute, with events and quotes."""
    d1 = Doc("dispatch-1", "Foreign Minister Karim Haddad accused Northland of shelling "
             "border villages on Monday. \"The shelling must stop at once,\" Haddad told "
             "reporters in Eastport. Northland rejected the accusation.",
             title="Haddad accuses Northland", date="1998-02-10")
    haddad = d1.entity("Karim Haddad", also=("Haddad",),
                       roles=(Role("Foreign Minister", "Southland"),))
    north = d1.entity("Northland", "country")
    d1.event("ACCUSE", "Foreign Minister Karim Haddad accused Northland of shelling border "
             "villages on Monday.", "accused", (haddad,), (north,), date="1998-02-09",
             location=Location("Eastport", 41.5, 20.25, "SL"))
    d1.event("REJECT", "Northland rejected the accusation.", "rejected", (north,), (haddad,),
             date="1998-02")
    d1.quote("The shelling must stop at once,", haddad, cue="told")
    d1.timex("Monday", "1998-02-09")

    d2 = Doc("dispatch-2", "Karim Hadad met the Northland envoy Lena Varga in Geneva. The "
             "two sides agreed to reopen the crossing at Milltown.",
             title="Talks in Geneva", date="1998-03")
    hadad = d2.entity("Karim Hadad")
    varga = d2.entity("Lena Varga", also=("the Northland envoy",))
    d2.entity("Northland", "country")
    d2.event("CONSULT", "Karim Hadad met the Northland envoy Lena Varga in Geneva.", "met",
             (hadad,), (varga,), date="1998-03")
    d2.event("AGREE", "The two sides agreed to reopen the crossing at Milltown.", "agreed",
             (hadad, varga), (), date=None)

    d3 = Doc("dispatch-3", "Protesters gathered outside the Northland embassy, and police "
             "said they might use force. José Peña, a local organiser, said \"we will "
             "return every week.\"", title="Embassy protest", date=None)
    crowd = d3.entity("Protesters", "group")
    pena = d3.entity("José Peña")
    d3.event("PROTEST", "Protesters gathered outside the Northland embassy, and police said "
             "they might use force.", "gathered", (crowd,), (), date="1998")
    d3.event("THREATEN", "Protesters gathered outside the Northland embassy, and police "
             "said they might use force.", "might use force", (), (crowd,),
             hypothetical=True)
    d3.quote("we will return every week.", pena)
    return [d1.result(), d2.result(), d3.result()]


def stored(store: Store, results: list[DocumentResult]) -> Store:
    for result in results:
        store.write(result)
    return store


def busy_writer(db_url: str, worker: int, n_docs: int) -> int:
    """Child process body: write `n_docs` documents that share actors with the other worker."""
    with open_store(db_url) as opened:
        for i in range(n_docs):
            doc = Doc(f"w{worker}-{i}", f"Karim Haddad and the Eastport Harbour Authority met "
                      f"delegation {worker}-{i} on the quay.")
            haddad = doc.entity("Karim Haddad")
            harbour = doc.entity("Eastport Harbour Authority", "organization")
            doc.event("CONSULT", doc.text, "met", (haddad,), (harbour,))
            opened.write(doc.result())
    return n_docs
