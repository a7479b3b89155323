"""Entity pages (person, body, policy, place, event): one dict, rendered as HTML and as its JSON twin.

The page of an entity shows the facts of every IRI a researcher merged into it, with their
judgements applied: attributes, relations to other entities, who cited a policy, who spoke at
an event (small SPARQL queries here), and the long lists, one page at a time
(:mod:`.web_lists`): posts, statements, pledges, documents mentioning it and its mentions there.

Public API::

    entity_page(store, iri, paging) -> dict | None
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import pyoxigraph as ox

from camket.curation.view import ResolvedView, load_view

from . import graph
from .routers.pledges import pledges_by_iri
from .routers.statements import statements_by_iri
from .web_data import ENTITY_KINDS, WEB, kind_of, link, one, sorted_refs, web_url
from .web_lists import Paging, documents_list, fact_list, fact_where, mentions, posts_list

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
    for r in one(store, x, f"{graph.values('p', map(ox.NamedNode, ATTRIBUTES))} ?x ?p ?o . BIND(isIRI(?o) AS ?iri)"):
        value = r["o"].rsplit("/", 1)[-1] if r["iri"] == "true" else str(r["o"])
        values[r["p"]].add(value)
    return [{"property": p, "vi": vi, "en": en, "values": sorted(values[p])}
            for p, (vi, en) in ATTRIBUTES.items() if values.get(p)]


def _relations(store, x: list[ox.NamedNode], view: ResolvedView) -> list[dict]:
    props = graph.values("p", map(ox.NamedNode, RELATIONS))
    rows = one(store, x, f"""{{ ?x ?p ?o . {props} BIND("out" AS ?dir) }}
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
    return sorted_refs(store, {view.canonical(r["o"]) for r in one(store, x, body) if r.get("o")})


SPEAKER_OF = "?st ck:speaker ?x ; ck:mentions ?o . ?o a ck:PolicyDocument"
CITED_BY = "{ ?st ck:mentions ?x ; ck:speaker ?o } UNION { ?o ck:cites ?x }"
SPOKE_AT = "?st ck:atEvent ?x ; ck:speaker ?o"


def _sections(store, kind: str, x: list[ox.NamedNode], paging: Paging, view: ResolvedView) -> dict:
    """The kind-specific parts of an entity page (``x``: the entity and the IRIs merged into it)."""
    s: dict[str, Any] = {}
    for name, fetch in (("statements", statements_by_iri), ("pledges", pledges_by_iri)):
        where = fact_where(store, kind, x, name)
        if where is not None:
            s[name] = fact_list(store, where, fetch, paging, name, view)
    if kind in ("person", "organization"):
        s["posts"] = posts_list(store, x, "person" if kind == "person" else "org", paging, view)
        s["policies_cited"] = _linked(store, x, "{ %s } UNION { ?x ck:cites ?o }" % SPEAKER_OF, view)
    elif kind == "policy":
        s["cited_by"] = _linked(store, x, CITED_BY, view)
    elif kind == "event":
        s["speakers"] = _linked(store, x, SPOKE_AT, view)
    return s


def entity_page(store, iri: str, paging: Paging | None = None) -> dict | None:
    """Everything the entity page of ``iri`` shows, with the facts of every IRI merged into it and
    researchers' judgements applied (None when it is no entity of the store)."""
    kind = kind_of(store, iri)
    if kind not in ENTITY_KINDS:
        return None
    paging = paging or Paging(web_url(iri))
    view = load_view(store)
    x = [ox.NamedNode(m) for m in view.members(iri)]
    ref = graph.refs(store, [iri])[iri]
    name = view.name(iri) or ref.name or iri
    names = sorted({n for m in x for n in graph.all_names(store, m)})
    page = {"kind": kind, "iri": iri, "id": ref.id, "name": name, "aliases": [n for n in names if n != name],
            "merged": [m.value for m in x[1:]], "url": web_url(iri),
            "graph_url": web_url(iri).replace(f"{WEB}/id/", f"{WEB}/graph/", 1),
            "attributes": _attributes(store, x), "relations": _relations(store, x, view)}
    page.update(_sections(store, kind, x, paging, view))
    page["documents"] = documents_list(store, x, paging)
    page["evidence"] = mentions(store, x, [d["iri"] for d in page["documents"]["items"]])
    return page
