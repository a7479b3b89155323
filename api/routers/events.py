"""``/events``: events with date, place, organisers, documents and the statements made there."""
from __future__ import annotations

from fastapi import APIRouter

import pyoxigraph as ox

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SearchDep, StoreDep
from ..entities import evidence, first, label_and_aliases, linked, props, summaries
from ..models import Event, Page, Summary
from .statements import StatementFilter, statement_page

router = APIRouter(tags=["events"])


@router.get("/events", response_model=Page[Summary], summary="Events, by name")
def list_events(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    return respond(summaries(store, "event", limit, offset))


@router.get("/events/{id}", response_model=Event, summary="An event and what was said there")
def get_event(id: str, store: StoreDep, search: SearchDep, limit: Limit = 20, offset: Offset = 0):
    e = graph.resolve(store, "event", id)
    x = graph.cluster(store, e)
    name, _ = label_and_aliases(store, x)
    a = props(store, x, date="schema:startDate")
    docs = store.select(f"SELECT DISTINCT ?d WHERE {{ {graph.values('e', x)} ?e ck:mentionedIn ?d }}")
    doc_refs = graph.doc_refs(store, {r["d"].value for r in docs if isinstance(r["d"], ox.NamedNode)})
    return respond(Event(id=graph.key_of(e.value), iri=e.value, name=name, date=first(a["date"]),
                 places=linked(store, x, "?s schema:location ?x"),
                 organizers=linked(store, x, "?s schema:organizer ?x"),
                 documents=sorted(doc_refs.values(), key=lambda d: (d.date or "", d.id)),
                 statements=statement_page(store, StatementFilter(event=x), limit, offset, search),
                 evidence=evidence(store, x)))
