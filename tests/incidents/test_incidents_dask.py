"""Dask workers give the same incidents as a serial run: the store's one writer groups the
results in input order, whichever worker finishes first."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator

import pytest

from chronicle import scale
from chronicle.api import open as open_store
from chronicle.records import Document, DocumentResult, Entity, Event, Span
from chronicle.settings import Settings

pytestmark = pytest.mark.dask

NAME = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
OUTLETS = ("Northern Wire", "Coastal Times", "Southland Herald")


def _light(docs: Iterable[Document], _settings: Settings) -> Iterator[DocumentResult]:
    """No model: the first two capitalised names meet on the publication day."""
    for doc in docs:
        entities = [Entity(key=f"{doc.id}#{n}", doc=doc.id, name=m.group(), kind="person",
                           names=[m.group()], mentions=[Span(doc.id, m.start(), m.end())])
                    for n, m in enumerate(NAME.finditer(doc.text))]
        events = []
        if len(entities) >= 2:
            events.append(Event(id=f"{doc.id}#ev1", doc=doc.id, event_type="CONSULT",
                                source=(entities[0].key,), target=(entities[1].key,), start=0,
                                end=len(doc.text), sentence=doc.text, trigger="met",
                                date=doc.date))
        yield DocumentResult(document=doc, entities=entities, events=events)


@pytest.fixture(autouse=True)
def _light_by_value() -> Iterator[None]:
    import cloudpickle

    module = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(module)
    yield
    cloudpickle.unregister_pickle_by_value(module)


def _docs() -> list[Document]:
    """Three outlets on each of four meetings, a week apart: four incidents of three."""
    pairs = [("Karim Haddad", "Lena Varga"), ("Omar Daoud", "Lena Varga")]
    docs = []
    for week in range(4):
        a, b = pairs[week % 2]
        for n, outlet in enumerate(OUTLETS):
            docs.append(Document(id=f"w{week}-{n}", source=f"w{week}-{n}.txt", outlet=outlet,
                                 date=f"2021-03-{1 + 7 * week + n % 2:02d}",
                                 text=f"{a} met {b} for harbour talks, round {week} "
                                      f"({outlet})."))
    return docs


def _incidents(db: str) -> list[tuple[str, ...]]:
    with open_store(db) as store:
        return [row.incident.events for row in store.incidents()]


def test_two_workers_group_as_a_serial_run(new_db) -> None:  # noqa: F811
    serial_db, parallel_db = new_db(), new_db()
    with open_store(serial_db) as store:
        for result in _light(_docs(), Settings()):
            store.write(result)
    cluster = scale.Cluster(workers=2, batch_size=2, analyser=_light)
    with open_store(parallel_db) as store:
        for result in scale.analyse_parallel(_docs(), Settings(), cluster):
            store.write(result)
    serial = _incidents(serial_db)
    assert len(serial) == 4 and all(len(events) == 3 for events in serial)
    assert _incidents(parallel_db) == serial
