"""Invented reports of invented happenings, told by several outlets, for the incident tests.

`harbour_raid()` is one raid on the Eastport harbour told by three outlets (different tolls
and a different perpetrator in one of them), a raid on Westport by the same group six days
later, and a meeting only one outlet carries. `as_extract()` resolves actors and groups
the way `chronicle extract` does.
"""

from __future__ import annotations

from dataclasses import replace

from store.store_support import Doc

from chronicle.incidents import Grouping, group
from chronicle.records import DocumentResult, Location, Magnitude
from chronicle.resolve import Resolver

EASTPORT = Location("Eastport", 41.5, 20.25, "Southland", "SLD", precision="point")
WESTPORT = Location("Westport", 41.1, 18.9, "Southland", "SLD", precision="point")


def with_outlet(result: DocumentResult, outlet: str) -> DocumentResult:
    """The result published by `outlet`, its event ids made unique in a run ("wire-1#e1")
    as extract's are."""
    doc = result.document.id
    events = [replace(e, id=f"{doc}#{e.id}") for e in result.events]
    return replace(result, document=replace(result.document, outlet=outlet), events=events)


def with_dead(result: DocumentResult, event_index: int, dead: int, words: str
              ) -> DocumentResult:
    events = list(result.events)
    events[event_index] = replace(events[event_index],
                                  magnitudes=(Magnitude("dead", dead, words),))
    return replace(result, events=events)


def harbour_raid() -> list[DocumentResult]:
    a = Doc("wire-1", "RED HAND RAIDS EASTPORT HARBOUR\n\nGunmen of the Red Hand attacked the "
            "harbour of Eastport on Monday, killing 12 dockers. \"They came from the sea,\" "
            "said Mayor Ilse Brandt.", title="Red Hand raids Eastport", date="1998-02-10")
    hand = a.entity("Red Hand", "group")
    a.entity("Eastport", "location")
    brandt = a.entity("Ilse Brandt")
    a.event("ASSAULT", "RED HAND RAIDS EASTPORT HARBOUR", "RAIDS", (hand,), ())
    a.event("ASSAULT", "Gunmen of the Red Hand attacked the harbour of Eastport on Monday, "
            "killing 12 dockers.", "attacked", (hand,), (), date="1998-02-09",
            location=EASTPORT)
    a.quote("They came from the sea,", brandt)
    a.timex("Monday", "1998-02-09")

    b = Doc("coast-1", "At least 15 people died when militants stormed the Eastport harbour "
            "on Monday.", title="Fifteen die in harbour raid", date="1998-02-11")
    b.entity("Eastport", "location")
    b.event("ASSAULT", b.text, "stormed", (), (), date="1998-02-09", location=EASTPORT)
    b.timex("Monday", "1998-02-09")

    c = Doc("south-1", "Northland commandos raided the port of Eastport yesterday, the "
            "Southland government said.", title="Northland blamed", date="1998-02-10")
    north = c.entity("Northland", "country")
    c.entity("Eastport", "location")
    c.event("ASSAULT", "Northland commandos raided the port of Eastport yesterday, the "
            "Southland government said.", "raided", (north,), (), date="1998-02-09",
            location=EASTPORT)
    c.timex("yesterday", "1998-02-09")

    d = Doc("wire-2", "The Red Hand attacked a police post in Westport on Sunday, killing two "
            "officers.", title="Westport post attacked", date="1998-02-16")
    hand2 = d.entity("Red Hand", "group")
    d.entity("Westport", "location")
    d.event("ASSAULT", d.text, "attacked", (hand2,), (), date="1998-02-15", location=WESTPORT)
    d.timex("Sunday", "1998-02-15")

    e = Doc("coast-2", "Karim Haddad met Lena Varga in Geneva on Wednesday to discuss the raid.",
            title="Talks in Geneva", date="1998-02-12")
    haddad, varga = e.entity("Karim Haddad"), e.entity("Lena Varga")
    e.event("CONSULT", e.text, "met", (haddad,), (varga,), date="1998-02-11")
    e.timex("Wednesday", "1998-02-11")

    results = [with_dead(with_outlet(a.result(), "Northern Wire"), 1, 12, "12 dockers"),
               with_dead(with_outlet(b.result(), "Coastal Times"), 0, 15, "At least 15 people"),
               with_outlet(c.result(), "Southland Herald"),
               with_outlet(d.result(), "Northern Wire"),
               with_outlet(e.result(), "Coastal Times")]
    return results


def as_extract(results: list[DocumentResult]) -> tuple[Grouping, list[DocumentResult]]:
    """Resolve actors over all results and group their events, as `extract` does."""
    resolver = Resolver()
    actor_of: dict[str, str] = {}
    for result in results:
        actor_of.update(resolver.add(result.entities))
    rewritten = [resolver.rewrite(r) for r in results]
    return group(rewritten, actor_of), rewritten


def incident_of(grouping: Grouping, event_id: str) -> str:
    return grouping.of_event[event_id]
