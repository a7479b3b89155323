"""``/documents``: the source documents, their text and every fact read from them with its span."""
from __future__ import annotations

import pyoxigraph as ox
from fastapi import APIRouter

from camket.store import py

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, StoreDep
from ..entities import first, props
from ..models import Document, DocRef, MembershipFact, Mention, Page
from .pledges import pledges_by_iri
from .statements import statements_by_iri

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[DocRef], summary="Documents, newest first")
def list_documents(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    return respond(document_list(store, limit, offset))


def document_list(store, limit: int, offset: int) -> Page[DocRef]:
    order = graph.document_order(store)
    ids = order[offset:offset + limit]
    refs = graph.doc_refs(store, ids)
    return Page[DocRef](total=len(order), limit=limit, offset=offset, items=[refs[d] for d in ids])



@router.get("/documents/{id}", response_model=Document, summary="A document, its text and every fact with its span")
def get_document(id: str, store: StoreDep):
    return respond(document(store, id))


def document(store, id: str) -> Document:
    """The document ``id`` with its text and every fact read from it."""
    d = graph.node("document", id)
    a = props(store, d, text="schema:text", title="dcterms:title", publisher="dcterms:publisher",
              date="dcterms:date", url="schema:url", source="ck:sourcePath", sha256="ck:sha256",
              type="rdf:type")
    if not a["type"]:
        raise graph.NotFound(f"no document with id {id!r}")
    in_doc = lambda cls, var: _in_doc(store, d, cls, var)  # noqa: E731
    return Document(id=graph.key_of(d.value), iri=d.value, text=first(a["text"]) or "",
                    title=first(a["title"]), publisher=first(a["publisher"]), date=first(a["date"]),
                    url=first(a["url"]), source=first(a["source"]), sha256=first(a["sha256"]),
                    entities=_mentions(store, d), memberships=_memberships(store, d),
                    statements=statements_by_iri(store, in_doc("ck:Statement", "ck:inDocument")),
                    pledges=pledges_by_iri(store, in_doc("ck:Pledge", "ck:inDocument")))


def _in_doc(store, d: ox.NamedNode, cls: str, prop: str) -> list[str]:
    rows = store.select(f"""SELECT ?x (MIN(?s) AS ?start) WHERE {{ {graph.values('d', [d])}
      ?x a {cls} ; {prop} ?d . OPTIONAL {{ ?x ck:evidence/oa:start ?s }} }} GROUP BY ?x ORDER BY ?start ?x""")
    return [r["x"].value for r in rows]


def _spans_here(store, d: ox.NamedNode, nodes) -> dict:
    return dict(graph.evidence(store, nodes, document=d.value))


def _mentions(store, d: ox.NamedNode) -> list[Mention]:
    rows = store.select(f"SELECT DISTINCT ?e WHERE {{ GRAPH {d} {{ ?e ck:mentionedIn {d} "
                        "FILTER NOT EXISTS { ?e a org:Membership } } }")
    nodes = [r["e"].value for r in rows]
    refs, spans = graph.refs(store, nodes), _spans_here(store, d, nodes)
    out = [Mention(entity=refs[n], evidence=spans.get(n, [])) for n in nodes]
    out.sort(key=lambda m: (m.evidence[0].start if m.evidence else 10**9, m.entity.iri))
    return out


def _memberships(store, d: ox.NamedNode) -> list[MembershipFact]:
    rows = store.select(f"""SELECT ?m ?p ?org ?role ?title ?date WHERE {{
      GRAPH {d} {{ ?m a org:Membership ; org:member ?p . OPTIONAL {{ ?m org:organization ?org }}
        OPTIONAL {{ ?m org:role/schema:name ?role }} OPTIONAL {{ ?m ck:title ?title }}
        OPTIONAL {{ ?m ck:attestedOn ?date }} }} }}""")
    refs = graph.refs(store, {r["p"].value for r in rows} | {py(r["org"]) for r in rows})
    spans = _spans_here(store, d, [r["m"].value for r in rows])
    out = [MembershipFact(iri=r["m"].value, person=refs[r["p"].value], role=py(r["role"]), title=py(r["title"]),
                          organization=refs.get(py(r["org"])) if r["org"] is not None else None,
                          date=None if r["date"] is None else str(r["date"].value),
                          evidence=spans.get(r["m"].value, [])) for r in _first_per(rows, "m")]
    out.sort(key=lambda m: (m.evidence[0].start if m.evidence else 10**9, m.iri))
    return out


def _first_per(rows: list[dict], var: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for r in rows:
        seen.setdefault(r[var].value, r)
    return list(seen.values())
