"""The data behind the researcher web pages (:mod:`camket.api.web`): shared helpers and entity pages.

Every page is rendered from one plain dict, and the same dict is the page's
JSON twin. Facts come from the API's shared fetchers (:mod:`camket.api.graph`,
posts, ``statements_by_iri``, ``pledges_by_iri``); which facts a page lists,
entity attributes and relations, who cited a policy, who spoke at an event
are small SPARQL queries here. IRIs reach SPARQL only as terms serialised by
pyoxigraph (``graph.values``, ``term_to_sparql``), never as pasted text. The other pages' data:
:mod:`.web_document`, :mod:`.web_graph`, :mod:`.web_search`, :mod:`.web_sparql`.

Public API::

    web_url(iri) -> "/web/id/person/..." | None   # the page of a camket IRI
    evidence_url(doc_iri, start, end) -> "/web/id/doc/...#char=s,e"
    dump(model) -> dict                            # API model -> JSON with page urls
    kind_of(store, iri) -> "person" | "organization" | ... | "document" | None
    entity_page(store, iri, limit) -> dict | None
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Iterable
from urllib.parse import quote

import pyoxigraph as ox

from camket.curation.view import ResolvedView, canonical_iri, load_view
from camket.ontology import ID
from camket.store import py, term_to_sparql

from . import graph
from .posts import posts
from .routers.pledges import pledges_by_iri
from .routers.statements import statements_by_iri
from .store_cache import cached

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
    rows = store.select(f"SELECT DISTINCT ?t WHERE {{ {graph.values('x', [ox.NamedNode(iri)])} ?x a ?t }}")
    kinds = {CLASS_KINDS.get(r["t"].value) for r in rows} - {None}
    for k in ("document", "person", "organization", "policy", "event", "place", "statement", "pledge",
              "membership"):
        if k in kinds:
            return k
    return None


def _rows(store, query: str) -> list[dict]:
    return [{k: py(v) for k, v in r.items()} for r in store.select(query)]


def _one(store, xs: list[ox.NamedNode], body: str) -> list[dict]:
    """Rows of ``SELECT DISTINCT * WHERE { body }`` with ``?x`` written in as each serialised term of
    ``xs`` (an entity and the IRIs merged into it) in turn: Oxigraph does not push a VALUES binding
    into UNIONs and GRAPH blocks, and inlined the queries are 10-100x faster."""
    return [row for x in xs
            for row in _rows(store, "SELECT DISTINCT * WHERE { %s }" % re.sub(r"\?x\b", term_to_sparql(x), body))]


def _refs(store, iris_: Iterable[str]) -> list[dict]:
    refs = graph.refs(store, iris_)
    return sorted((link(r) for r in refs.values()), key=lambda r: (r["name"] or "", r["iri"]))


# ---------------------------------------------------------------- entity pages

ATTRIBUTES = {  # literal properties shown on entity pages: (vi, en)
    "https://schema.org/honorificPrefix": ("Danh xưng", "Honorific"),
    "https://schema.org/gender": ("Giới tính", "Gender"),
    "https://w3id.org/camket/ns#orgKind": ("Loại tổ chức", "Kind of body"),
    "https://w3id.org/camket/ns#acronym": ("Viết tắt", "Acronym"),
    "https://w3id.org/camket/ns#placeType": ("Loại địa danh", "Kind of place"),
    "http://data.europa.eu/eli/ontology#id_local": ("Số hiệu", "Number"),
    "https://w3id.org/camket/ns#policyType": ("Loại văn bản", "Type"),
    "http://data.europa.eu/eli/ontology#title": ("Trích yếu", "Title"),
    "http://data.europa.eu/eli/ontology#date_document": ("Ngày ban hành", "Date"),
    "https://w3id.org/camket/ns#issuerName": ("Cơ quan ban hành", "Issuer"),
    "https://schema.org/startDate": ("Ngày", "Date"),
}
RELATIONS = {  # entity-to-entity properties: out label, in label, each (vi, en)
    "http://www.w3.org/ns/org#subOrganizationOf": (("Trực thuộc", "Part of"), ("Đơn vị trực thuộc", "Sub-bodies")),
    "http://data.europa.eu/eli/ontology#passed_by": (("Cơ quan ban hành", "Issued by"),
                                                     ("Văn bản ban hành", "Documents issued")),
    "http://data.europa.eu/eli/ontology#implements": (("Thực hiện văn bản", "Implements"),
                                                      ("Được thực hiện bởi", "Implemented by")),
    "http://data.europa.eu/eli/ontology#based_on": (("Căn cứ", "Based on"), ("Là căn cứ của", "Basis of")),
    "https://schema.org/location": (("Địa điểm", "Location"), ("Sự kiện tại đây", "Events held here")),
    "https://schema.org/organizer": (("Đơn vị tổ chức", "Organizers"), ("Sự kiện đã tổ chức", "Events organised")),
}


def _attributes(store, x: list[ox.NamedNode]) -> list[dict]:
    values: dict[str, set[str]] = defaultdict(set)
    for r in _one(store, x, f"{graph.values('p', map(ox.NamedNode, ATTRIBUTES))} ?x ?p ?o . BIND(isIRI(?o) AS ?iri)"):
        value = r["o"].rsplit("/", 1)[-1] if r["iri"] == "true" else str(r["o"])
        values[r["p"]].add(value)
    return [{"property": p, "vi": vi, "en": en, "values": sorted(values[p])}
            for p, (vi, en) in ATTRIBUTES.items() if values.get(p)]


def _relations(store, x: list[ox.NamedNode], view: ResolvedView) -> list[dict]:
    props = graph.values("p", map(ox.NamedNode, RELATIONS))
    rows = _one(store, x, f"""{{ ?x ?p ?o . {props} BIND("out" AS ?dir) }}
        UNION {{ ?o ?p ?x . {props} BIND("in" AS ?dir) }}""")
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    members = {m.value for m in x}
    for r in rows:
        if r["o"] not in members:
            groups[(r["p"], r["dir"])].add(view.canonical(r["o"]))
    refs = graph.refs(store, {o for os_ in groups.values() for o in os_})
    out = []
    for (p, direction), objs in sorted(groups.items()):
        vi, en = RELATIONS[p][0 if direction == "out" else 1]
        items = sorted((link(refs[o]) for o in objs), key=lambda r: r["name"] or r["iri"])
        out.append({"property": p, "direction": direction, "vi": vi, "en": en, "items": items})
    return out


def _linked(store, x: list[ox.NamedNode], body: str, view: ResolvedView) -> list[dict]:
    """Refs of every ``?o`` the body finds (merged IRIs as their canonical one)."""
    return _refs(store, {view.canonical(r["o"]) for r in _one(store, x, body) if r.get("o")})


def _doc_rank(store) -> dict[str, int]:
    """Every document's place in the newest-first order (computed once per store generation)."""
    return cached(store, "document-rank", lambda: {d: i for i, d in enumerate(
        cached(store, "documents", lambda: graph.newest_documents(store)))})


def _by_date(store, docs) -> list[str]:
    """``docs`` newest first (then by IRI; undated and unknown last)."""
    rank = _doc_rank(store)
    return sorted(set(docs), key=lambda d: (rank.get(d, len(rank)), d))


def _documents(store, x: list[ox.NamedNode], limit: int) -> tuple[list[dict], int]:
    """The newest ``limit`` documents mentioning ``x``, and how many there are."""
    ids = _by_date(store, (r["d"] for r in _one(store, x, "?x ck:mentionedIn ?d")))
    docs = graph.doc_refs(store, ids[:limit])
    return [dump(docs[d]) for d in ids[:limit]], len(ids)


SPEAKER_OF = "?st ck:speaker ?x ; ck:mentions ?o . ?o a ck:PolicyDocument"
CITED_BY = "{ ?st ck:mentions ?x ; ck:speaker ?o } UNION { ?o ck:cites ?x }"
SPOKE_AT = "?st ck:atEvent ?x ; ck:speaker ?o"
STATEMENTS_OF = {  # the statements (?f) an entity page lists
    "person": "?f ck:speaker ?x",
    "organization": "{ ?f ck:speaker ?x } UNION { ?m org:organization ?x ; org:member ?sp . ?f ck:speaker ?sp }",
    "policy": "?f ck:mentions ?x",
    "event": "?f ck:atEvent ?x",
    "place": "{ ?f ck:mentions ?x } UNION { ?ev schema:location ?x . ?f ck:atEvent ?ev }",
}
PLEDGES_OF = {  # the pledges (?f) an entity page lists
    "person": "?f ck:actor ?x", "organization": "?f ck:actor ?x", "place": "?f ck:concernsPlace ?x",
    "policy": "{ ?f ck:fromPolicy ?x } UNION { ?f ck:actor ?x }",
}


def _newest_first(store, ids: list[str], limit: int) -> list[str]:
    """The first ``limit`` facts by their document's date (newest first), then document and
    offset: documents are ranked from the cached order, offsets read for the facts kept only."""
    if not ids:
        return []
    in_doc: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, f"SELECT ?f ?doc WHERE {{ {graph.values('f', map(ox.NamedNode, ids))} ?f ck:inDocument ?doc }}"):
        in_doc[r["doc"]].append(r["f"])
    kept: list[str] = []
    for doc in _by_date(store, in_doc):
        if len(kept) >= limit:
            break
        kept += sorted(set(in_doc[doc]) - set(kept))
    start: dict[str, int] = {}
    for r in _rows(store, f"""SELECT ?f (MIN(?s) AS ?start) WHERE {{ {graph.values('f', map(ox.NamedNode, kept))}
        ?f ck:evidence/oa:start ?s }} GROUP BY ?f""") if kept else []:
        start[r["f"]] = r["start"]
    doc_of = {f: d for d, fs in in_doc.items() for f in fs}
    rank = _doc_rank(store)
    kept.sort(key=lambda f: (rank.get(doc_of[f], len(rank)), doc_of[f], start.get(f, 1 << 30), f))
    return kept[:limit]


def _fact_page(store, x: list[ox.NamedNode], pattern: str, fetch, limit: int, view: ResolvedView) -> dict:
    """A page of the facts ``pattern`` selects, fetched by the API's fetcher (``statements_by_iri``...).

    The selection runs on its own: joined with other patterns, Oxigraph plans a UNION badly
    (a body's statements: 1.8 ms alone, 13-40 s inside the API's filter on 1,000 documents)."""
    ids = [f for f in dict.fromkeys(r["f"] for r in _one(store, x, pattern)) if not view.is_rejected(f)]
    items = dump(fetch(store, _newest_first(store, ids, limit)))
    for item in items:  # what researchers judged: confirmed, and how a pledge fared
        item["curation"], item["pledge_status"] = view.status.get(item["iri"]), view.pledge_status(item["iri"])
    return {"total": len(ids), "limit": limit, "offset": 0, "items": items}


def _sections(store, kind: str, x: list[ox.NamedNode], limit: int, view: ResolvedView) -> dict:
    """The kind-specific parts of an entity page (``x``: the entity and the IRIs merged into it)."""
    s: dict[str, Any] = {"statements": _fact_page(store, x, STATEMENTS_OF[kind], statements_by_iri, limit, view)}
    if kind in PLEDGES_OF:
        s["pledges"] = _fact_page(store, x, PLEDGES_OF[kind], pledges_by_iri, limit, view)
    if kind in ("person", "organization"):
        role = "person" if kind == "person" else "org"
        held = [p for m in x for p in posts(store, **{role: m}) if not view.is_rejected(p.iri)]
        s["posts"] = dump(sorted(held, key=lambda p: (p.first_seen or "9999", p.role or "", p.iri)))
        s["policies_cited"] = _linked(store, x, "{ %s } UNION { ?x ck:cites ?o }" % SPEAKER_OF, view)
    elif kind == "policy":
        s["cited_by"] = _linked(store, x, CITED_BY, view)
    elif kind == "event":
        s["speakers"] = _linked(store, x, SPOKE_AT, view)
    return s


def canonical(store, iri: str) -> str | None:
    """The IRI a researcher's same-as judgement merged ``iri`` into, or None."""
    return canonical_iri(store, iri)


def entity_page(store, iri: str, limit: int = 20) -> dict | None:
    """Everything the entity page of ``iri`` shows, with the facts of every IRI merged into it and
    researchers' judgements applied (None when it is no entity of the store)."""
    kind = kind_of(store, iri)
    if kind not in ENTITY_KINDS:
        return None
    view = load_view(store)
    x = [ox.NamedNode(m) for m in view.members(iri)]
    ref = graph.refs(store, [iri])[iri]
    name = view.name(iri) or ref.name or iri
    names = sorted({n for m in x for n in graph.all_names(store, m)})
    page = {"kind": kind, "iri": iri, "id": ref.id, "name": name, "aliases": [n for n in names if n != name],
            "merged": [m.value for m in x[1:]], "url": web_url(iri),
            "graph_url": web_url(iri).replace(f"{WEB}/id/", f"{WEB}/graph/", 1),
            "attributes": _attributes(store, x), "relations": _relations(store, x, view)}
    page.update(_sections(store, kind, x, limit, view))
    page["documents"], page["documents_total"] = _documents(store, x, limit)
    spans = graph.evidence(store, [m.value for m in x])
    page["evidence"] = dump(sorted((e for m in x for e in spans.get(m.value, [])),
                                   key=lambda e: (e.document, e.start))[:limit])
    return page
