"""The data behind the researcher web pages (:mod:`camket.api.web`).

Every page is rendered from one plain dict built here, and the same dict is
the page's JSON twin. Facts come from the API's shared fetchers
(:mod:`camket.api.graph`, statement and pledge pages); what the API has no
fetcher for (entity sections, document spans, neighbourhood graph, ad-hoc
SPARQL) is a small SPARQL query here. IRIs reach SPARQL only as terms
serialised by pyoxigraph (``graph.values``), never as pasted text.

Public API::

    web_url(iri) -> "/web/id/person/..." | None
    kind_of(store, iri) -> "person" | "organization" | ... | None
    entity_page(store, iri, limit) -> dict | None
    document_page(store, iri) -> dict | None
    graph_page(store, iri, max_nodes) -> dict | None
    search_page(store, search, q, limit) -> dict
    sparql_page(store, query, name, params, max_rows) -> dict
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

import pyoxigraph as ox

from camket.named_queries import ParamError, coerce_params, load_queries
from camket.ontology import ID, PREFIXES, iri as iris
from camket.store import py

from . import graph
from .posts import posts
from .sparql_exec import QueryError, TooLarge, TooSlow
from .sparql_guard import Refused, check
from .sparql_results import to_csv
from .routers.documents import get_document, list_documents
from .routers.pledges import pledge_page, pledges_by_iri
from .routers.statements import StatementFilter, statement_page, statements_by_iri

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


def _one(store, x: ox.NamedNode, body: str) -> list[dict]:
    """Rows of ``SELECT * WHERE { VALUES ?x {x} body }``."""
    return _rows(store, f"SELECT DISTINCT * WHERE {{ {graph.values('x', [x])} {body} }}")


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
VALUE_LABELS = {"Male": "nam (male)", "Female": "nữ (female)"}
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


def _attributes(store, x: ox.NamedNode) -> list[dict]:
    values: dict[str, set[str]] = defaultdict(set)
    q = f"SELECT DISTINCT ?p ?o WHERE {{ {graph.values('x', [x])} {graph.values('p', map(ox.NamedNode, ATTRIBUTES))} ?x ?p ?o }}"
    for r in store.select(q):
        o = r["o"]
        value = o.value.rsplit("/", 1)[-1] if isinstance(o, ox.NamedNode) else o.value
        values[r["p"].value].add(VALUE_LABELS.get(value, value))
    return [{"property": p, "vi": vi, "en": en, "values": sorted(values[p])}
            for p, (vi, en) in ATTRIBUTES.items() if values.get(p)]


def _relations(store, x: ox.NamedNode) -> list[dict]:
    props = graph.values("p", map(ox.NamedNode, RELATIONS))
    rows = _one(store, x, f"""{{ ?x ?p ?o . {props} BIND("out" AS ?dir) }}
        UNION {{ ?o ?p ?x . {props} BIND("in" AS ?dir) }}""")
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        groups[(r["p"], r["dir"])].add(r["o"])
    refs = graph.refs(store, {o for os_ in groups.values() for o in os_})
    out = []
    for (p, direction), objs in sorted(groups.items()):
        vi, en = RELATIONS[p][0 if direction == "out" else 1]
        items = sorted((link(refs[o]) for o in objs), key=lambda r: r["name"] or r["iri"])
        out.append({"property": p, "direction": direction, "vi": vi, "en": en, "items": items})
    return out


def _linked(store, x: ox.NamedNode, body: str, var: str = "o") -> list[dict]:
    return _refs(store, {r[var] for r in _one(store, x, body) if r.get(var)})


def _documents(store, x: ox.NamedNode, limit: int) -> list[dict]:
    rows = _one(store, x, "?x ck:mentionedIn ?d")
    docs = graph.doc_refs(store, [r["d"] for r in rows])
    return sorted(dump(list(docs.values())), key=lambda d: (d["date"] or "", d["id"]), reverse=True)[:limit]


SPEAKER_OF = "?st ck:speaker ?x ; ck:mentions ?o . ?o a ck:PolicyDocument"
CITED_BY = "{ ?st ck:mentions ?x ; ck:speaker ?o } UNION { ?o ck:cites ?x }"
SPOKE_AT = "?st ck:atEvent ?x ; ck:speaker ?o"


def _sections(store, kind: str, x: ox.NamedNode, limit: int) -> dict:
    """The kind-specific parts of an entity page."""
    s: dict[str, Any] = {}
    if kind in ("person", "organization"):
        s["posts"] = dump(posts(store, **{"person" if kind == "person" else "org": x}))
        s["statements"] = dump(statement_page(store, StatementFilter(speaker=x), limit, 0))
        s["pledges"] = dump(pledge_page(store, limit, 0, actor=x))
        s["policies_cited"] = _linked(store, x, "{ %s } UNION { ?x ck:cites ?o }" % SPEAKER_OF)
    elif kind == "policy":
        s["cited_by"] = _linked(store, x, CITED_BY)
        s["statements"] = dump(statement_page(store, StatementFilter(policy=x), limit, 0))
        ids = {r["pl"] for r in _one(store, x, "{ ?pl ck:fromPolicy ?x } UNION { ?pl ck:actor ?x }")}
        items = dump(pledges_by_iri(store, sorted(ids)[:limit]))
        s["pledges"] = {"total": len(ids), "limit": limit, "offset": 0, "items": items}
    elif kind == "event":
        s["speakers"] = _linked(store, x, SPOKE_AT)
        s["statements"] = dump(statement_page(store, StatementFilter(event=x), limit, 0))
    elif kind == "place":
        s["statements"] = dump(statement_page(store, StatementFilter(place=x), limit, 0))
        s["pledges"] = dump(pledge_page(store, limit, 0, place=x))
    return s


def entity_page(store, iri: str, limit: int = 50) -> dict | None:
    """Everything the entity page of ``iri`` shows (None when it is no entity of the store)."""
    kind = kind_of(store, iri)
    if kind not in ENTITY_KINDS:
        return None
    x = ox.NamedNode(iri)
    ref = graph.refs(store, [iri])[iri]
    names = graph.all_names(store, x)
    page = {"kind": kind, "iri": iri, "id": ref.id, "name": ref.name or iri,
            "aliases": [n for n in names if n != ref.name], "url": web_url(iri),
            "graph_url": web_url(iri).replace(f"{WEB}/id/", f"{WEB}/graph/", 1),
            "attributes": _attributes(store, x), "relations": _relations(store, x)}
    page.update(_sections(store, kind, x, limit))
    page["documents"] = _documents(store, x, limit)
    page["evidence"] = dump(graph.evidence(store, [iri]).get(iri, [])[:limit])
    return page


# ---------------------------------------------------------------- document view

FACT_KINDS = ("statement", "pledge", "membership")


def fact_target(store, iri: str) -> str | None:
    """Where a statement, pledge or post is read from: its first evidence in its document."""
    spans = graph.evidence(store, [iri]).get(iri)
    return evidence_url(spans[0].document_iri, spans[0].start, spans[0].end) if spans else None


def fact_anchor(iri: str) -> str:
    """The id of a fact's entry in the document's side list."""
    return "fact-" + "".join(c if c.isalnum() else "_" for c in iri[len(str(ID)):])


def _fact_spans(doc: dict, key: str, kind: str) -> list[dict]:
    out = []
    for fact in doc[key]:
        fact["anchor"] = fact_anchor(fact["iri"])
        for ev in fact["evidence"]:
            if ev["document_iri"] == doc["iri"]:
                out.append({"start": ev["start"], "end": ev["end"], "kind": kind, "iri": fact["iri"],
                            "label": kind, "url": "#" + fact["anchor"]})
    return out


def _spans(doc: dict) -> list[dict]:
    """Every evidence span of the document: entity mentions and facts."""
    spans = [{"start": ev["start"], "end": ev["end"], "kind": m["entity"]["kind"], "iri": m["entity"]["iri"],
              "label": m["entity"]["name"], "url": m["entity"]["url"]}
             for m in doc["entities"] for ev in m["evidence"] if ev["document_iri"] == doc["iri"]]
    for key, kind in (("memberships", "membership"), ("statements", "statement"), ("pledges", "pledge")):
        spans += _fact_spans(doc, key, kind)
    return sorted(spans, key=lambda sp: (sp["start"], -sp["end"], sp["kind"]))


def document_page(store, iri: str) -> dict | None:
    """The API's document (text and facts) plus every span to highlight (None when no such document)."""
    try:
        doc = dump(get_document(graph.key_of(iri), store))
    except graph.NotFound:
        return None
    doc["kind"], doc["url"] = "document", web_url(iri)
    doc["spans"] = _spans(doc)
    return doc


def segments(text: str, spans: list[dict]) -> list[dict]:
    """``text`` cut at every span boundary; each piece knows the spans covering it.

    ``entity`` is the innermost entity span (its kind colours the piece and its
    page is the link), ``facts`` the kinds of facts covering it, ``fact`` the
    innermost fact span (the link when no entity covers the piece).
    """
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    starts: dict[int, list[dict]] = defaultdict(list)
    for sp in spans:
        starts[sp["start"]].append(sp)
    active: list[dict] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp["end"] > a] + starts.get(a, [])
        cover = [sp for sp in active if sp["start"] <= a and sp["end"] >= b]
        ents = sorted((sp for sp in cover if sp["kind"] in ENTITY_KINDS), key=lambda sp: sp["end"] - sp["start"])
        facts = sorted((sp for sp in cover if sp["kind"] in FACT_KINDS), key=lambda sp: sp["end"] - sp["start"])
        out.append({"start": a, "end": b, "text": text[a:b], "entity": ents[0] if ents else None,
                    "fact": facts[0] if facts else None, "facts": sorted({f["kind"] for f in facts})})
    return out


# ---------------------------------------------------------------- neighbourhood graph

EDGE_PATTERNS = [  # (label vi, label en, pattern linking ?a to ?b)
    ("trực thuộc", "part of", "?a org:subOrganizationOf ?b"),
    ("ban hành bởi", "issued by", "?a eli:passed_by ?b"),
    ("thực hiện", "implements", "?a eli:implements ?b"),
    ("căn cứ", "based on", "?a eli:based_on ?b"),
    ("tổ chức tại", "held in", "?a schema:location ?b"),
    ("tổ chức bởi", "organised by", "?a schema:organizer ?b"),
    ("giữ chức", "holds a post in", "?m org:member ?a ; org:organization ?b"),
    ("nhắc đến", "mentions", "?st ck:speaker ?a ; ck:mentions ?b"),
    ("phát biểu tại", "spoke at", "?st ck:speaker ?a ; ck:atEvent ?b"),
    ("cam kết về", "pledge about", "?pl ck:actor ?a ; ck:concernsPlace ?b"),
    ("cam kết theo", "pledge under", "?pl ck:actor ?a ; ck:fromPolicy ?b"),
]


def _edge_query(center: ox.NamedNode, limit: int) -> str:
    c = graph.values("c", [center])
    branches = []
    for i, (_, _, pattern) in enumerate(EDGE_PATTERNS):
        for end in ("a", "b"):
            fixed = pattern.replace(f"?{end} ", "?c ").replace(f"?{end}", "?c")
            branches.append(f"{{ {fixed} . BIND(?c AS ?{end}) BIND({i} AS ?i) FILTER(isIRI(?a) && isIRI(?b)) }}")
    return f"SELECT DISTINCT ?a ?b ?i WHERE {{ {c} {' UNION '.join(branches)} }} LIMIT {int(limit)}"


def graph_page(store, iri: str, max_edges: int = 300) -> dict | None:
    """The entity's neighbourhood: nodes (with kind and page) and labelled edges."""
    kind = kind_of(store, iri)
    if kind not in ENTITY_KINDS:
        return None
    rows = store.select(_edge_query(ox.NamedNode(iri), max_edges))
    edges: dict[tuple, dict] = {}
    for r in rows:
        a, b, i = r["a"].value, r["b"].value, int(r["i"].value)
        if a == b:
            continue
        vi, en, _ = EDGE_PATTERNS[i]
        e = edges.setdefault((a, b), {"source": a, "target": b, "vi": [], "en": []})
        if vi not in e["vi"]:
            e["vi"].append(vi)
            e["en"].append(en)
    refs = graph.refs(store, {iri} | {n for e in edges for n in e})
    nodes = [{**link(r), "center": r.iri == iri} for r in refs.values()]
    for e in edges.values():
        e["label"] = ", ".join(e["vi"])
    return {"kind": kind, "iri": iri, "name": refs[iri].name or iri, "url": web_url(iri),
            "nodes": nodes, "edges": list(edges.values()), "truncated": len(rows) >= max_edges}


# ---------------------------------------------------------------- search

SEARCH_KINDS = ("person", "organization", "policy", "place", "event", "statement")
_LABELS_Q = """SELECT ?e ?c ?n WHERE { VALUES ?c { schema:Person org:Organization ck:PolicyDocument schema:Event
    schema:Place schema:City ck:Province schema:Country ck:Region }
  ?e a ?c . { ?e schema:name ?n } UNION { ?e schema:alternateName ?n } UNION { ?e eli:id_local ?n }
  UNION { ?e eli:title ?n } UNION { ?e ck:acronym ?n } }"""
_STATEMENTS_Q = "SELECT ?e ?n WHERE { ?e a ck:Statement ; ck:text ?n }"
_FALLBACK: dict[int, tuple[int, list]] = {}


def _fallback_index(store) -> list[tuple[str, str, str, str]]:
    """(kind, iri, text, folded text) of every searchable label; rebuilt when the store changes."""
    n_docs = len(store.documents())
    cached = _FALLBACK.get(id(store))
    if cached and cached[0] == n_docs:
        return cached[1]
    entries = [(CLASS_KINDS[r["c"].value], r["e"].value, r["n"].value) for r in store.select(_LABELS_Q)]
    entries += [("statement", r["e"].value, r["n"].value) for r in store.select(_STATEMENTS_Q)]
    index = [(k, e, t, " " + iris.fold(t) + " ") for k, e, t in set(entries)]
    _FALLBACK[id(store)] = (n_docs, index)
    return index


def _score(q: str, words: list[str], folded: str) -> float:
    if folded.strip() == q:
        return 3.0
    if f" {q} " in folded:
        return 2.0 if folded.startswith(f" {q} ") else 1.5
    if all(f" {w}" in folded for w in words):
        return 1.0
    return 0.0


def fallback_search(store, q: str, limit: int) -> list[dict]:
    """Accent-insensitive search without the search index: every word must start a word of the label."""
    fq = iris.fold(q)
    words = fq.split()
    best: dict[str, dict] = {}
    for kind, e, text, folded in _fallback_index(store) if words else ():
        score = _score(fq, words, folded) - (0.5 if kind == "statement" else 0.0)
        if score > 0 and score > best.get(e, {}).get("score", 0):
            best[e] = {"kind": kind, "iri": e, "id": graph.key_of(e), "label": text, "score": score}
    hits = sorted(best.values(), key=lambda h: (-h["score"], len(h["label"]), h["label"]))[:limit]
    names = graph.refs(store, [h["iri"] for h in hits if h["kind"] != "statement"])
    for h in hits:
        if h["kind"] != "statement" and names[h["iri"]].name and names[h["iri"]].name != h["label"]:
            h["snippet"], h["label"] = h["label"], names[h["iri"]].name
    return hits


def search_page(store, search, q: str, limit: int = 50, kind: str | None = None) -> dict:
    """Ranked hits of every kind (or of ``kind``) for ``q``; with no ``q``, the newest documents."""
    q, kind = (q or "").strip(), kind or None
    hits, total, fuzzy = [], 0, False
    if q and search is not None:
        total, hits, fuzzy = search.search(q, kinds=[kind] if kind else None, limit=limit)
        hits = [dict(h) for h in hits]
    elif q:
        hits = [h for h in fallback_search(store, q, limit) if kind in (None, h["kind"])]
        total = len(hits)
    _fact_links(store, hits)
    for h in hits:
        h.setdefault("url", web_url(h["iri"]))
    page = {"kind": "search", "query": q, "filter": kind, "total": total, "fuzzy": fuzzy, "items": hits}
    if not q:
        page["documents"] = dump(list_documents(store, 20, 0).items)
    return page


def _fact_links(store, hits: list[dict]) -> None:
    """Statement and pledge hits link to their evidence in the document and name who said it."""
    for kind, fetch, who in (("statement", statements_by_iri, "speaker"), ("pledge", pledges_by_iri, "actor")):
        by_iri = {h["iri"]: h for h in hits if h["kind"] == kind}
        for fact in fetch(store, list(by_iri)):
            h, person = by_iri[fact.iri], getattr(fact, who)
            ev = fact.evidence[0] if fact.evidence else None
            h["url"] = evidence_url(ev.document_iri, ev.start, ev.end) if ev else web_url(fact.document.iri)
            h["snippet"], h["label"] = h.get("snippet") or fact.text, person.name or "?"
            h["who_url"] = web_url(person.iri)


# ---------------------------------------------------------------- SPARQL page

class SparqlFailure(Exception):
    """A query the SPARQL page cannot run (message says why, shown to the user)."""


def named_query_list(directory: str | None = None) -> list[dict]:
    """The named queries of ``queries/``, each with the link that loads it in the editor."""
    return [{"name": q.name, "title": q.title, "description": q.description,
             "params": [vars(p) for p in q.params],
             "url": f"{WEB}/sparql?name={quote(q.name)}" + ("" if _required(q) else "&run=1")}
            for q in load_queries(Path(directory) if directory else None).values()]


def _required(q) -> bool:
    return any(not p.optional for p in q.params)


def named_query(name: str, directory: str | None = None):
    queries = load_queries(Path(directory) if directory else None)
    if name not in queries:
        raise SparqlFailure(f"không có truy vấn / no named query {name!r} (known: {', '.join(sorted(queries))})")
    return queries[name]


def query_text(query: str | None, name: str | None, directory: str | None = None) -> str:
    """What the editor shows: the user's text, else the named query's text."""
    if query and query.strip():
        return query
    return named_query(name, directory).text if name else ""


def runnable(query: str, name: str | None, params: dict[str, str], directory: str | None = None) -> str:
    """The query to run: the usual prefixes, the text, the named query's parameters bound as VALUES."""
    from camket.ontology import sparql_prefixes
    from camket.store import bind
    try:
        bindings = coerce_params(named_query(name, directory), params) if name else None
    except ParamError as err:
        raise SparqlFailure(str(err.args[0])) from None
    return sparql_prefixes() + bind(query, bindings)


async def run_sparql(executor, text: str):
    """Run through the API's guarded, time- and size-limited executor."""
    try:
        check(text)
        return await executor.run(text)
    except (Refused, QueryError) as err:
        raise SparqlFailure(str(err)) from None
    except TooSlow:
        raise SparqlFailure(f"truy vấn quá lâu / query stopped after {executor.timeout:g} s; add a LIMIT") from None
    except TooLarge:
        raise SparqlFailure(f"quá nhiều dòng / more than {executor.max_rows} rows; add a LIMIT") from None


def short_iri(value: str) -> str:
    """``id:person/...``, ``schema:name``: an IRI with its usual prefix (as the editor declares them)."""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def _cell(t: Any) -> dict | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value, "url": web_url(t.value) or t.value, "short": short_iri(t.value)}
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if not t.language else None
        return {"type": "literal", "value": t.value, "lang": t.language,
                "datatype": None if dt == "http://www.w3.org/2001/XMLSchema#string" else dt}
    return {"type": "bnode" if isinstance(t, ox.BlankNode) else "triple", "value": str(t)}


def result_table(result, max_shown: int = 1000) -> dict:
    """An executor result as columns and rows of cells (links on camket IRIs)."""
    if result.kind == "ask":
        return {"kind": "ask", "boolean": result.boolean, "columns": ["boolean"],
                "rows": [[{"type": "literal", "value": str(result.boolean).lower()}]], "total": 1}
    if result.kind == "graph":
        cols = ["subject", "predicate", "object"]
        rows = [[t.subject, t.predicate, t.object] for t in result.triples]
    else:
        cols, rows = result.variables, result.rows
    return {"kind": result.kind, "columns": cols, "total": len(rows), "truncated": len(rows) > max_shown,
            "rows": [[_cell(t) for t in row] for row in rows[:max_shown]]}


__all__ = ["web_url", "kind_of", "entity_page", "document_page", "graph_page", "search_page",
           "segments", "fact_target", "run_sparql", "to_csv", "SparqlFailure", "named_query_list", "query_text", "runnable", "result_table", "ParamError"]
