"""Shared helpers of the researcher web pages (:mod:`camket.api.web`): page urls, kinds, rows.

Every page is rendered from one plain dict, and the same dict is the page's
JSON twin. Facts come from the API's shared fetchers (:mod:`camket.api.graph`,
posts, ``statements_by_iri``, ``pledges_by_iri``). IRIs reach SPARQL only as
terms serialised by pyoxigraph (``graph.values``, ``term_to_sparql``), never as
pasted text. The pages' data: :mod:`.web_entity` (entity pages, their long lists
in :mod:`.web_lists`), :mod:`.web_document`, :mod:`.web_graph`, :mod:`.web_search`,
:mod:`.web_sparql`.

Public API::

    web_url(iri) -> "/web/id/person/..." | None   # the page of a camket IRI
    evidence_url(doc_iri, start, end) -> "/web/id/doc/...#char=s,e"
    dump(model) -> dict                            # API model -> JSON with page urls
    kind_of(store, iri) -> "person" | "organization" | ... | "document" | None
    rows(store, query) -> [{var: python value}]
    one(store, xs, body) -> rows of body with ?x each of xs (inlined)
    sorted_refs(store, iris) -> [ref dict with url], by name
    canonical(store, iri) -> the IRI it was merged into | None
"""
from __future__ import annotations

import re
from typing import Any, Iterable
from urllib.parse import quote

import pyoxigraph as ox

from camket.curation.view import canonical_iri
from camket.ontology import ID
from camket.store import py, term_to_sparql

from . import graph

WEB = "/web"
CLASS_KINDS = {
    "https://schema.org/Person": "person", "http://www.w3.org/ns/org#Organization": "organization",
    "https://w3id.org/camket/ns#PolicyDocument": "policy", "https://schema.org/Event": "event",
    "https://schema.org/Place": "place", "https://schema.org/City": "place",
    "https://w3id.org/camket/ns#Province": "place", "https://schema.org/Country": "place",
    "https://w3id.org/camket/ns#Region": "place", "https://w3id.org/camket/ns#Document": "document",
    "https://w3id.org/camket/ns#Statement": "statement", "https://w3id.org/camket/ns#Pledge": "pledge",
    "http://www.w3.org/ns/org#Membership": "membership",
}
ENTITY_KINDS = ("person", "organization", "policy", "event", "place")
FACT_KINDS = ("statement", "pledge", "membership")


def web_url(iri: str | None) -> str | None:
    """The web page of a camket IRI (fragment kept), or None for other IRIs."""
    if not iri or not iri.startswith(str(ID)):
        return None
    rest, _, frag = iri[len(str(ID)):].partition("#")
    return f"{WEB}/id/{quote(rest, safe='/-_.~')}" + (f"#{frag}" if frag else "")


def link(ref: Any) -> dict:
    """A Ref (model or dict) as a dict with its web ``url``."""
    d = ref.model_dump() if hasattr(ref, "model_dump") else dict(ref)
    d["url"] = web_url(d.get("iri"))
    return d


def dump(model: Any) -> Any:
    """A pydantic model (or list of them) as JSON-ready dicts with web urls on refs."""
    if isinstance(model, list):
        return [dump(m) for m in model]
    d = model.model_dump() if hasattr(model, "model_dump") else model
    return _with_urls(d)


def _with_urls(value: Any) -> Any:
    if isinstance(value, dict):
        out = {k: _with_urls(v) for k, v in value.items()}
        if "iri" in out and "url" not in out:
            out["url"] = web_url(out["iri"])
        if "document_iri" in out and "start" in out:
            out["url"] = evidence_url(out["document_iri"], out["start"], out["end"])
        return out
    if isinstance(value, list):
        return [_with_urls(v) for v in value]
    return value


def evidence_url(doc_iri: str, start: int, end: int) -> str | None:
    base = web_url(doc_iri)
    return f"{base}#char={start},{end}" if base else None


def kind_of(store, iri: str) -> str | None:
    """The page kind of ``iri`` from its rdf:type (None when the store does not know it)."""
    types = store.select(f"SELECT DISTINCT ?t WHERE {{ {graph.values('x', [ox.NamedNode(iri)])} ?x a ?t }}")
    kinds = {CLASS_KINDS.get(r["t"].value) for r in types} - {None}
    for k in ("document", "person", "organization", "policy", "event", "place", "statement", "pledge",
              "membership"):
        if k in kinds:
            return k
    return None


def rows(store, query: str) -> list[dict]:
    return [{k: py(v) for k, v in r.items()} for r in store.select(query)]


def one(store, xs: list[ox.NamedNode], body: str) -> list[dict]:
    """Rows of ``SELECT DISTINCT * WHERE { body }`` with ``?x`` written in as each serialised term of
    ``xs`` (an entity and the IRIs merged into it) in turn: Oxigraph does not push a VALUES binding
    into UNIONs and GRAPH blocks, and inlined the queries are 10-100x faster."""
    return [row for x in xs
            for row in rows(store, "SELECT DISTINCT * WHERE { %s }" % re.sub(r"\?x\b", term_to_sparql(x), body))]


def sorted_refs(store, iris_: Iterable[str]) -> list[dict]:
    refs = graph.refs(store, iris_)
    return sorted((link(r) for r in refs.values()), key=lambda r: (r["name"] or "", r["iri"]))


def canonical(store, iri: str) -> str | None:
    """The IRI a researcher's same-as judgement merged ``iri`` into, or None."""
    return canonical_iri(store, iri)
