"""A document's text as HTML with its actors, events, quotes and dates marked.

Records overlap freely (a quote runs over two event sentences, a name sits inside a
quote), so the text is cut at every record boundary and each piece is escaped on its own
and wrapped in the marks that cover it. Nothing from the document is ever inserted
unescaped: the output is Markup made only of `escape()`d text and fixed tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from chronicle.serve.render import actor_url, anchor, tone

if TYPE_CHECKING:
    from chronicle.query.web import DocumentView

LAYERS = ("hit", "event", "quote", "timex", "actor")  # outermost first


@dataclass(frozen=True, slots=True)
class Mark:
    layer: str
    start: int
    end: int
    ref: str  # record id (actor id for mentions)
    label: str = ""  # event type, actor kind, timex value


def marks_of(view: DocumentView, hit: tuple[int, int] | None = None) -> list[Mark]:
    """Every span worth marking, clipped to the text; empty or inverted spans dropped."""
    size = len(view.document.text)
    marks = [Mark("actor", a, b, actor.id, actor.kind)
             for actor in view.actors for a, b in actor.mentions]
    marks += [Mark("event", e.event.start, e.event.end, e.event.id, e.event.event_type)
              for e in view.events]
    marks += [Mark("quote", q.quote.start, q.quote.end, q.quote.id) for q in view.quotes]
    marks += [Mark("timex", t.start, t.end, t.id, t.value) for t in view.timexes]
    if hit is not None:
        marks.append(Mark("hit", hit[0], hit[1], "hit"))
    clipped = []
    for m in marks:
        start, end = max(0, m.start), min(size, m.end)
        if start < end:
            clipped.append(Mark(m.layer, start, end, m.ref, m.label))
    return clipped


@dataclass(frozen=True, slots=True)
class _Page:
    """What every mark of one document needs: its id (anchors) and actor names (titles)."""

    doc_id: str
    names: dict[str, str]


def highlighted(view: DocumentView, hit: tuple[int, int] | None = None) -> Markup:
    """The document text with marks; event and quote starts carry a link to their card."""
    text = view.document.text
    doc_id = view.document.id
    ctx = _Page(doc_id, {a.id: a.name for a in view.actors})
    marks = marks_of(view, hit)
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    starting: dict[int, list[Mark]] = {}
    for m in sorted(marks, key=lambda m: (m.start, -m.end)):
        starting.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    out: list[str] = []
    hit_opened = False
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > lo] + starting.get(lo, [])
        out.extend(_badge(m, doc_id) for m in starting.get(lo, [])
                   if m.layer in ("event", "quote"))
        piece = str(escape(text[lo:hi]))
        for layer in reversed(LAYERS):
            covering = [m for m in active if m.layer == layer]
            if covering:
                first_hit = layer == "hit" and not hit_opened
                hit_opened = hit_opened or first_hit
                piece = _wrap(layer, covering, piece, ctx, first_hit)
        out.append(piece)
    return Markup("".join(out))


def _badge(m: Mark, doc_id: str) -> str:
    if m.layer == "event":
        return str(Markup('<a class="badge t-{tone}" id="at-{target}" href="#{target}" '
                          'data-card="{target}" title="event {type}">{type}</a>').format(
            tone=tone(m.label), target=anchor("ev", m.ref, doc_id), type=m.label))
    return str(Markup('<a class="badge b-quote" id="at-{target}" href="#{target}" '
                      'data-card="{target}" title="quote">“</a>').format(
        target=anchor("q", m.ref, doc_id)))


def _wrap(layer: str, covering: list[Mark], piece: str, ctx: _Page, first_hit: bool) -> str:
    inner = Markup(piece)
    doc_id, names = ctx.doc_id, ctx.names
    if layer == "actor":
        m = min(covering, key=lambda m: m.end - m.start)  # the innermost name
        return str(Markup('<a class="m k-{kind}" href="{href}" title="{name}">{inner}</a>')
                   .format(kind=m.label, href=actor_url(m.ref), name=names.get(m.ref, m.ref),
                           inner=inner))
    if layer == "timex":
        m = covering[0]
        return str(Markup('<span class="tx" title="date: {value}">{inner}</span>')
                   .format(value=m.label, inner=inner))
    if layer == "quote":
        cards = " ".join(anchor("q", m.ref, doc_id) for m in covering)
        return str(Markup('<span class="qt" data-cards="{cards}">{inner}</span>')
                   .format(cards=cards, inner=inner))
    if layer == "event":
        cards = " ".join(anchor("ev", m.ref, doc_id) for m in covering)
        return str(Markup('<span class="ev t-{tone}" data-cards="{cards}">{inner}</span>')
                   .format(tone=tone(covering[0].label), cards=cards, inner=inner))
    return str(Markup('<mark class="hit"{id}>{inner}</mark>').format(
        id=Markup(' id="hit"') if first_hit else "", inner=inner))
