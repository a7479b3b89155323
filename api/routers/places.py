"""``/places``: places with their events, the pledges concerning them and statements mentioning them."""
from __future__ import annotations

from fastapi import APIRouter

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SearchDep, StoreDep
from ..entities import evidence, first, label_and_aliases, linked, props, summaries
from ..models import Page, Place, Summary
from .pledges import pledge_page
from .statements import StatementFilter, statement_page

router = APIRouter(tags=["places"])


@router.get("/places", response_model=Page[Summary], summary="Places, by name")
def list_places(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    return respond(summaries(store, "place", limit, offset))


@router.get("/places/{id}", response_model=Place, summary="A place: events, pledges, statements")
def get_place(id: str, store: StoreDep, search: SearchDep, limit: Limit = 20, offset: Offset = 0):
    p = graph.resolve(store, "place", id)
    x = graph.cluster(store, p)
    name, aliases = label_and_aliases(store, x)
    return respond(Place(id=graph.key_of(p.value), iri=p.value, name=name, aliases=aliases,
                 place_type=first(props(store, x, t="ck:placeType")["t"]),
                 events=linked(store, x, "?x schema:location ?s"),
                 pledges=pledge_page(store, 100, 0, place=x).items,
                 statements=statement_page(store, StatementFilter(place=x), limit, offset, search),
                 evidence=evidence(store, x)))
