"""``/pledges``: commitments by actor, deadline range, place or policy; shared fetchers.

Public API::

    pledge_page(store, actor=..., place=..., policy=..., deadline_from=..., deadline_to=..., limit, offset)
    pledges_by_iri(store, iris) -> list[Pledge]
"""
from __future__ import annotations

import datetime as dt

import pyoxigraph as ox
from fastapi import APIRouter

from camket.store import py, term_to_sparql

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, StoreDep
from ..fact_rows import values_of
from ..models import Page, Pledge
from ..store_cache import cached, memo

router = APIRouter(tags=["pledges"])


def _where(actor=None, place=None, policy=None, deadline_from=None, deadline_to=None) -> str:
    """Each entity filter is an IRI or a same-as cluster (a UNION branch per IRI)."""
    choices = [graph.each(value, f"?pl {prop} {{x}} .") for prop, value in
               (("ck:actor", actor), ("ck:concernsPlace", place), ("ck:fromPolicy", policy)) if value is not None]
    parts = [c[0] for c in choices if len(c) == 1]
    parts.append("?pl a ck:Pledge ; ck:inDocument ?doc .")
    if deadline_from or deadline_to:
        parts.append("?pl ck:deadline ?fd .")
        if deadline_from:
            parts.append(f"FILTER(STR(?fd) >= SUBSTR({term_to_sparql(deadline_from)}, 1, STRLEN(STR(?fd))))")
        if deadline_to:
            parts.append(f"FILTER(SUBSTR(STR(?fd), 1, 10) <= SUBSTR({term_to_sparql(deadline_to)}, 1, STRLEN(STR(?fd))))")
    return graph.union_of([c for c in choices if len(c) > 1], "\n".join(parts))


def pledge_page(store, limit: int, offset: int, **filters) -> Page[Pledge]:
    """Soonest deadline first, undated last, then document and IRI; sorted here because
    Oxigraph's ORDER BY over every pledge costs seconds on a large store. Without a filter
    the order is computed once per store generation (:mod:`..store_cache`), with one kept per
    filter on a snapshot (the largest actor's 2,940 pledges at 100k articles: ≈ 0.5 CPU-s)."""
    if any(v is not None for v in filters.values()):
        ordered = memo(store, "pledge-order", _filter_key(filters), lambda: _ordered(store, filters))
    else:
        ordered = pledge_order(store)
    ids = [k[3] for k in ordered[offset:offset + limit]]
    return Page[Pledge](total=len(ordered), limit=limit, offset=offset, items=pledges_by_iri(store, ids))


def _filter_key(filters: dict) -> tuple:
    """A hashable key of the filters (an entity filter is an IRI or a cluster of them)."""
    as_key = lambda v: tuple(n.value for n in v) if isinstance(v, list) else getattr(v, "value", v)  # noqa: E731
    return tuple(sorted((k, as_key(v)) for k, v in filters.items() if v is not None))


def pledge_order(store) -> list[tuple]:
    """Every pledge in page order, once per store generation."""
    return cached(store, "pledges", lambda: _ordered(store, {}))


def _ordered(store, filters: dict) -> list[tuple]:
    rows = store.select(f"SELECT DISTINCT ?pl ?doc ?dl WHERE {{ {_where(**filters)} OPTIONAL {{ ?pl ck:deadline ?dl }} }}")
    best: dict[str, tuple] = {}
    for r in rows:
        key = (r["dl"] is None, str(r["dl"].value) if r["dl"] is not None else "", r["doc"].value, r["pl"].value)
        best[r["pl"].value] = min(best.get(r["pl"].value, key), key)
    return sorted(best.values())


PLEDGE_VALUES = {"actor": "ck:actor", "text": "ck:text", "doc": "ck:inDocument", "deadline": "ck:deadline",
                 "quantity": "ck:quantity", "policy": "ck:fromPolicy", "st": "ck:fromStatement",
                 "places": "ck:concernsPlace"}


def pledges_by_iri(store, ids: list[str]) -> list[Pledge]:
    """Full :class:`Pledge` objects, in the order of ``ids`` (one without an actor, text or
    document is left out)."""
    if not ids:
        return []
    found = {i: v for i, v in values_of(store, ids, PLEDGE_VALUES).items()
             if all(v.get(k) for k in ("actor", "text", "doc"))}
    one = lambda v, k: v[k][0] if v.get(k) else None  # noqa: E731
    linked = {t.value for v in found.values() for k in ("actor", "policy", "places") for t in v.get(k, ())}
    refs = graph.refs(store, linked)
    docs = graph.doc_refs(store, {one(v, "doc").value for v in found.values()})
    ev = graph.evidence(store, list(found))
    out = []
    for pid in ids:
        v = found.get(pid)
        if v is None:
            continue
        out.append(Pledge(
            id=graph.key_of(pid), iri=pid, actor=refs[one(v, "actor").value], text=one(v, "text").value,
            deadline=None if not v.get("deadline") else str(one(v, "deadline").value),
            quantity=py(one(v, "quantity")), places=[refs[p] for p in sorted({t.value for t in v.get("places", ())})],
            policy=refs.get(one(v, "policy").value) if v.get("policy") else None,
            statement=py(one(v, "st")), document=docs[one(v, "doc").value], evidence=ev.get(pid, [])))
    return out


@router.get("/pledges", response_model=Page[Pledge], summary="Pledges, filtered and paged")
def list_pledges(store: StoreDep, actor: str | None = None, place: str | None = None, policy: str | None = None,
                 deadline_from: dt.date | None = None, deadline_to: dt.date | None = None,
                 limit: Limit = 20, offset: Offset = 0):
    """Soonest deadline first (pledges without a deadline last)."""
    return respond(pledge_page(
        store, limit, offset,
        actor=graph.cluster(store, graph.ref_or_none(actor, ("person", "organization"), store)),
        place=graph.cluster(store, graph.ref_or_none(place, ("place",), store)),
        policy=graph.cluster(store, graph.ref_or_none(policy, ("policy",), store)),
        deadline_from=deadline_from.isoformat() if deadline_from else None,
        deadline_to=deadline_to.isoformat() if deadline_to else None))


@router.get("/pledges/{id:path}", response_model=Pledge, summary="One pledge")
def get_pledge(id: str, store: StoreDep):
    found = pledges_by_iri(store, [graph.node("pledge", id).value])
    if not found:
        raise graph.NotFound(f"no pledge with id {id!r}")
    return respond(found[0])
