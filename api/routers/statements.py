"""``/statements``: who said what, filtered and paged; shared by the other lookups.

Public API (used by people, organizations, policies, events, places)::

    statement_page(store, StatementFilter(speaker=iri), limit, offset, search) -> Page[Statement]
    statements_by_iri(store, iris) -> list[Statement]
"""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import APIRouter

from camket.store import py, term_to_sparql

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SearchDep, StoreDep
from ..fact_rows import values_of
from ..models import Page, Statement
from ..statement_order import ordered, window
from ..store_cache import cached, memo

router = APIRouter(tags=["statements"])


Nodes = ox.NamedNode | list[ox.NamedNode] | None


@dataclass
class StatementFilter:
    """Each entity filter is an IRI or a same-as cluster (the canonical IRI and those merged into it)."""
    speaker: Nodes = None
    body: Nodes = None
    policy: Nodes = None
    place: Nodes = None
    event: Nodes = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None


def _where(store, f: StatementFilter, search) -> str:
    """The WHERE body selecting ``?st`` (and ``?doc``). A filter with alternatives (a cluster of
    IRIs, a body or a place) becomes a UNION whose every branch carries all other patterns,
    because Oxigraph evaluates a join with a UNION by scanning the other side (seconds on a
    large store)."""
    choices = [graph.each(f.speaker, "?st ck:speaker {x} .") if f.speaker is not None else None,
               None,
               graph.each(f.policy, "?st ck:mentions {x} .") if f.policy is not None else None,
               graph.each(f.place, "?st ck:mentions {x} .",
                     "?ev schema:location {x} . ?st ck:atEvent ?ev .") if f.place is not None else None,
               graph.each(f.event, "?st ck:atEvent {x} .") if f.event is not None else None]
    simple = [c[0] for c in choices if c is not None and len(c) == 1]
    if f.body is not None:  # the body or anyone who held a post in it: one VALUES of speakers
        simple.append(f"{graph.values('bsp', body_speakers(store, f.body))} ?st ck:speaker ?bsp .")
    alternatives = [c for c in choices if c is not None and len(c) > 1]
    if f.kind:
        simple.append(f"?st ck:speechKind {term_to_sparql(ox.Literal(f.kind))} .")
    if f.text:
        ids = search.statement_iris(f.text) if search is not None else None
        if ids is not None:
            simple.insert(0, graph.values("st", map(ox.NamedNode, ids or ["urn:camket:none"])))
        else:
            simple.append(f"?st ck:text ?ftext . FILTER(CONTAINS(LCASE(STR(?ftext)), LCASE({term_to_sparql(f.text)})))")
    simple.append("?st a ck:Statement ; ck:inDocument ?doc .")
    if f.date_from or f.date_to:
        simple.append("?doc dcterms:date ?fd .")
        if f.date_from:
            simple.append(f"FILTER(STR(?fd) >= SUBSTR({term_to_sparql(f.date_from)}, 1, STRLEN(STR(?fd))))")
        if f.date_to:
            simple.append(f"FILTER(SUBSTR(STR(?fd), 1, 10) <= SUBSTR({term_to_sparql(f.date_to)}, 1, STRLEN(STR(?fd))))")
    return graph.union_of(alternatives, " ".join(simple))


def statement_page(store, f: StatementFilter, limit: int, offset: int, search=None) -> Page[Statement]:
    if f == StatementFilter():
        return _unfiltered_page(store, limit, offset)
    order = ordered(store, _where(store, f, search))
    spanned, skip = order.window(limit, offset)
    if sum(len(sts) for _, sts in spanned) > FETCH_SPANNED_MAX * limit:  # a few huge documents
        items = statements_by_iri(store, order.page(store, limit, offset))
    else:
        items = _in_order(store, spanned, skip, limit, missing=-1)
    return Page[Statement](total=order.total, limit=limit, offset=offset, items=items)


FETCH_SPANNED_MAX = 3  # fetch the documents a page spans whole up to 3x the page (else order first)


def _in_order(store, groups: list[tuple[str, list[str]]], skip: int, limit: int, missing: int) -> list[Statement]:
    """``limit`` statements from ``skip`` of ``groups`` ((document, [IRI]) in page order), each
    document's by where its first evidence span starts (``missing`` when it has none), then IRI.
    The statements of the spanned documents are fetched whole and sorted here: their evidence,
    which the page shows anyway, gives the starts (a query of its own cost ≈ 6 CPU-ms at 100k)."""
    rank = {st: n for n, (_, sts) in enumerate(groups) for st in sts}
    found = statements_by_iri(store, list(rank))
    found.sort(key=lambda s: (rank[s.iri], min((e.start for e in s.evidence), default=missing), s.iri))
    return found[skip:skip + limit]


def body_speakers(store, body: Nodes) -> list[ox.NamedNode]:
    """The body (every IRI of its cluster) and everyone who held a post in it, by IRI; kept
    per snapshot (:func:`..store_cache.memo`): 0.1–0.2 s for a body of 569 members at 100k."""
    nodes = body if isinstance(body, list) else [body]

    def compute():
        rows = store.select(f"SELECT DISTINCT ?sp WHERE {{ {graph.values('b', nodes)} ?mb org:organization ?b ; org:member ?sp }}")
        return sorted({n.value for n in nodes} | {r["sp"].value for r in rows})
    return [ox.NamedNode(i) for i in memo(store, "body-speakers", tuple(n.value for n in nodes), compute)]


def _unfiltered_page(store, limit: int, offset: int) -> Page[Statement]:
    """Every statement, newest document first, then by offset in the document. The order of the
    documents and how many statements each holds are computed once per store generation
    (:mod:`..store_cache`); a page reads the statements of exactly the documents it spans."""
    docs, counts = statement_documents(store)
    ends = cached(store, "statements-by-document-ends", lambda: list(itertools.accumulate(counts)))
    spanned, skip = window(ends, docs, limit, offset)
    spanned = [ox.NamedNode(d) for d in spanned if d]
    by_doc: dict[str, list[str]] = {d.value: [] for d in spanned}
    for r in (store.select(f"SELECT ?st ?doc WHERE {{ {_in_graphs(spanned)} }}") if spanned else []):
        by_doc[r["doc"].value].append(r["st"].value)
    items = _in_order(store, list(by_doc.items()), skip, limit, missing=10**9)
    return Page[Statement](total=ends[-1] if ends else 0, limit=limit, offset=offset, items=items)


def _in_graphs(docs: list[ox.NamedNode]) -> str:
    """The statements of each document read in its own graph (a UNION of constant graphs: 4x
    faster than a VALUES of documents, which Oxigraph joins after scanning ck:inDocument)."""
    return " UNION ".join(f"{{ GRAPH {d} {{ ?st a ck:Statement }} BIND({d} AS ?doc) }}" for d in docs)


def statement_documents(store) -> tuple[list[str], list[int]]:
    """:func:`_per_document`, once per store generation."""
    return cached(store, "statements-by-document", lambda: _per_document(store))


def _per_document(store) -> tuple[list[str], list[int]]:
    """Documents holding statements, newest first, and the number of statements of each."""
    # counted inside each document's graph, where its statements live (2 s at 100k documents;
    # a COUNT(DISTINCT) over the union graph took 23 s)
    n = {r["doc"].value: int(py(r["n"])) for r in store.select(
        "SELECT ?doc (COUNT(?st) AS ?n) WHERE { GRAPH ?doc { ?st a ck:Statement } } GROUP BY ?doc")}
    docs = [d for d in graph.document_order(store) if d in n]
    docs += sorted(set(n) - set(docs))  # statements whose document has no ck:Document type
    return docs, [n[d] for d in docs]


STATEMENT_VALUES = {"speaker": "ck:speaker", "kind": "ck:speechKind", "text": "ck:text", "doc": "ck:inDocument",
                    "verb": "ck:speechVerb", "event": "ck:atEvent", "mentions": "ck:mentions"}


def statements_by_iri(store, ids: list[str]) -> list[Statement]:
    """Full :class:`Statement` objects, in the order of ``ids`` (one without a speaker, kind,
    text or document is left out)."""
    if not ids:
        return []
    found = {i: v for i, v in values_of(store, ids, STATEMENT_VALUES).items()
             if all(v.get(k) for k in ("speaker", "kind", "text", "doc"))}
    one = lambda v, k: v[k][0] if v.get(k) else None  # noqa: E731
    linked = {t.value for v in found.values() for k in ("speaker", "event", "mentions") for t in v.get(k, ())}
    refs = graph.refs(store, linked)
    docs = graph.doc_refs(store, {one(v, "doc").value for v in found.values()})
    ev = graph.evidence(store, list(found))
    out = []
    for sid in ids:
        v = found.get(sid)
        if v is None:
            continue
        doc = docs[one(v, "doc").value]
        out.append(Statement(
            id=graph.key_of(sid), iri=sid, speaker=refs[one(v, "speaker").value], kind=one(v, "kind").value,
            verb=py(one(v, "verb")), text=one(v, "text").value, document=doc, date=doc.date,
            event=refs.get(one(v, "event").value) if v.get("event") else None,
            mentions=[refs[m] for m in sorted({t.value for t in v.get("mentions", ())})], evidence=ev.get(sid, [])))
    return out


@router.get("/statements", response_model=Page[Statement], summary="Statements, filtered and paged")
def list_statements(store: StoreDep, search: SearchDep, speaker: str | None = None, body: str | None = None,
                    policy: str | None = None, place: str | None = None, event: str | None = None,
                    kind: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    q: str | None = None, limit: Limit = 20, offset: Offset = 0):
    """Newest first. ``speaker``/``body``/... take an id (``nguyen-van-a``), ``kind/id`` or a full IRI;
    ``q`` searches the statement text ignoring accents and case; dates bound the document date."""
    ref = lambda value, *kinds: graph.cluster(store, graph.ref_or_none(value, kinds, store))  # noqa: E731
    f = StatementFilter(
        speaker=ref(speaker, "person", "organization"), body=ref(body, "organization"),
        policy=ref(policy, "policy"), place=ref(place, "place"), event=ref(event, "event"),
        kind=kind, text=q,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None)
    return respond(statement_page(store, f, limit, offset, search))


@router.get("/statements/{id:path}", response_model=Statement, summary="One statement")
def get_statement(id: str, store: StoreDep):
    found = statements_by_iri(store, [graph.node("statement", id).value])
    if not found:
        raise graph.NotFound(f"no statement with id {id!r}")
    return respond(found[0])
