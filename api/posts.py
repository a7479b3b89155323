"""Posts (W3C ORG memberships) of a person or the members of a body, with attestations.

A membership IRI is shared by every document that states the same
(person, role, body); each document adds an attestation with its date, the
post as written and the evidence span.

Public API::

    posts_of(store, cluster, "person" | "org") -> [Post]     # every post, oldest first
    member_page(store, cluster, limit, offset) -> Page[Post]  # a body's members, paged, same order
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from camket.store import py

from . import graph
from .models import Attestation, Page, Post
from .store_cache import memo


def posts(store, person: ox.NamedNode | None = None, org: ox.NamedNode | None = None,
          only: list[str] | None = None) -> list[Post]:
    """Posts of ``person`` or held in ``org``, oldest first; ``only``: just these membership IRIs."""
    if only is not None:
        if not only:
            return []
        only_m = graph.values("m", map(ox.NamedNode, only))
    else:
        only_m = ""
    if person is not None:
        bound = f"?m org:member {person} ; a org:Membership . BIND({person} AS ?p) OPTIONAL {{ ?m org:organization ?org }}"
    else:
        bound = f"?m org:organization {org} ; a org:Membership ; org:member ?p . BIND({org} AS ?org)"
    q = f"""SELECT DISTINCT ?m ?p ?org ?role ?title ?doc ?date ?docdate WHERE {{
      GRAPH ?doc {{ {only_m} {bound} OPTIONAL {{ ?m org:role/schema:name ?role }}
        OPTIONAL {{ ?m ck:title ?title }} OPTIONAL {{ ?m ck:attestedOn ?date }} }}
      OPTIONAL {{ ?doc dcterms:date ?docdate }} }}"""
    rows = store.select(q)
    refs = graph.refs(store, {py(r["p"]) for r in rows} | {py(r["org"]) for r in rows if r["org"] is not None})
    docs = graph.doc_refs(store, {r["doc"].value for r in rows})
    ev = graph.evidence(store, {r["m"].value for r in rows})
    grouped: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        grouped[r["m"].value].append(r)
    out = [_post(m, rs, refs, docs, ev.get(m, [])) for m, rs in grouped.items()]
    out.sort(key=_order)
    return out


def _order(p: Post) -> tuple:
    return (p.first_seen or "9999", p.role or "", p.iri)


def posts_of(store, nodes: list[ox.NamedNode], role: str) -> list[Post]:
    """:func:`posts` of every IRI of a same-as cluster (``role``: "person" or "org"), merged."""
    held = [p for n in nodes for p in posts(store, **{role: n})]
    return sorted({p.iri: p for p in held}.values(), key=_order)


def member_page(store, nodes: list[ox.NamedNode], limit: int, offset: int) -> Page[Post]:
    """The posts held in a body (every IRI of its cluster), in the order of :func:`posts_of`
    (first seen, role, IRI), ``limit`` from ``offset``. The order of every membership is read
    once (one row per attestation, no evidence) and kept per snapshot (0.3–0.7 s for the
    570 posts of the largest body at 100k articles; the full :func:`posts_of` took 4.7 s);
    a page then reads the attestations and evidence of its own posts only."""
    order = memo(store, "member-order", tuple(n.value for n in nodes), lambda: _member_order(store, nodes))
    ids = order[offset:offset + limit]
    held = {p.iri: p for n in nodes for p in posts(store, org=n, only=ids)}
    return Page[Post](total=len(order), limit=limit, offset=offset, items=[held[m] for m in ids if m in held])


def _member_order(store, nodes: list[ox.NamedNode]) -> list[str]:
    """Membership IRIs of the body by (first seen, role, IRI): a post is first seen at the
    earliest of its attestations' dates (the date it states, else its document's). One query
    per IRI of the cluster with the body as a constant (a VALUES of bodies took 4 s of CPU
    at 100k articles instead of 0.2 s), role names from :func:`graph.refs`."""
    seen: dict[str, dict[str, str]] = defaultdict(dict)  # membership -> document -> date
    role_of: dict[str, set[str]] = defaultdict(set)
    for o in nodes:
        for r in store.select(f"""SELECT ?m ?doc ?date ?docdate WHERE {{ GRAPH ?doc {{
            ?m org:organization {o} ; a org:Membership ; org:member ?p .
            OPTIONAL {{ ?m ck:attestedOn ?date }} OPTIONAL {{ ?doc dcterms:date ?docdate }} }} }}"""):
            m, d, date = r["m"].value, r["doc"].value, _s(r["date"]) or _s(r["docdate"])
            if date and not seen[m].get(d):
                seen[m][d] = date
            seen[m].setdefault(d, "")
        for r in store.select(f"SELECT DISTINCT ?m ?r WHERE {{ ?m org:organization {o} ; org:role ?r }}"):
            role_of[r["m"].value].add(r["r"].value)
    names = graph.refs(store, {r for rs in role_of.values() for r in rs})
    role = {m: min((names[r].name or "" for r in rs), default="") for m, rs in role_of.items()}
    first = {m: min((x for x in dates.values() if x), default=None) for m, dates in seen.items()}
    return sorted(seen, key=lambda m: (first[m] or "9999", role.get(m, ""), m))


def _post(m: str, rows: list[dict], refs, docs, spans) -> Post:
    atts = {}
    for r in rows:
        d = r["doc"].value
        date = _s(r["date"]) or _s(r["docdate"])
        prev = atts.get(d)
        if prev is None or (date and not prev.date):
            atts[d] = Attestation(document=docs[d], date=date, title=py(r["title"]),
                                  evidence=[e for e in spans if e.document_iri == d])
    ordered = sorted(atts.values(), key=lambda a: (a.date or "9999", a.document.id))
    dates = [a.date for a in ordered if a.date]
    r0 = rows[0]
    return Post(iri=m, role=py(r0["role"]), person=refs[r0["p"].value],
                organization=refs.get(py(r0["org"])) if r0["org"] is not None else None,
                first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
                attestations=ordered)


def _s(term) -> str | None:
    return None if term is None else str(term.value)
