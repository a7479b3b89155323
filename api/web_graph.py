"""The neighbourhood graph of an entity (drawn by the bundled Cytoscape.js).

Edges are direct links (part of, issued by, implements, held in...) and links
through facts (a post links a person to a body, a statement its speaker to
what it mentions and to the event, a pledge its actor to places and policy).

Public API::

    graph_page(store, iri, max_edges) -> {nodes, edges, ...} | None
    drawing(page) -> {nodes, edges}   # only what graph.js draws (the HTML page embeds it)
"""
from __future__ import annotations

import re

import pyoxigraph as ox

from camket.curation.view import load_view
from camket.store import term_to_sparql

from . import graph
from .web_data import ENTITY_KINDS, kind_of, link, web_url

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
    """One UNION branch per pattern and direction, the centre written in as a serialised term
    (Oxigraph does not push a VALUES binding into UNION branches: 100x slower on 1,000 documents)."""
    c = term_to_sparql(center)
    branches = []
    for i, (_, _, pattern) in enumerate(EDGE_PATTERNS):
        for end, other in (("a", "b"), ("b", "a")):
            fixed = re.sub(rf"\?{end}\b", c, pattern)
            branches.append(f"{{ {fixed} . BIND({c} AS ?{end}) BIND({i} AS ?i) FILTER(isIRI(?{other})) }}")
    return f"SELECT DISTINCT ?a ?b ?i WHERE {{ {' UNION '.join(branches)} }} LIMIT {int(limit)}"


def graph_page(store, iri: str, max_edges: int = 300) -> dict | None:
    """The entity's neighbourhood: nodes (with kind and page) and labelled edges; IRIs a researcher
    merged are drawn as their canonical node."""
    kind = kind_of(store, iri)
    if kind not in ENTITY_KINDS:
        return None
    view = load_view(store)
    rows = [r for m in view.members(iri) for r in store.select(_edge_query(ox.NamedNode(m), max_edges))]
    edges: dict[tuple, dict] = {}
    for r in rows:
        a, b, i = view.canonical(r["a"].value), view.canonical(r["b"].value), int(r["i"].value)
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
        for end in ("source", "target"):
            e[f"{end}_name"], e[f"{end}_url"] = refs[e[end]].name or e[end], web_url(e[end])
    return {"kind": kind, "iri": iri, "name": refs[iri].name or iri, "url": web_url(iri),
            "nodes": nodes, "edges": list(edges.values()), "truncated": len(rows) >= max_edges}


def drawing(page: dict) -> dict:
    """The part of a graph page that ``static/graph.js`` draws: half the bytes of the whole page
    (a province at 10,000 articles: 300 edges), which the JSON twin still serves."""
    return {"nodes": [{k: n[k] for k in ("iri", "id", "name", "url", "kind", "center")} for n in page["nodes"]],
            "edges": [{k: e[k] for k in ("source", "target", "label")} for e in page["edges"]]}
