"""Posts (W3C ORG memberships) of a person or the members of a body, with attestations.

A membership IRI is shared by every document that states the same
(person, role, body); each document adds an attestation with its date, the
post as written and the evidence span.
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from camket.store import py

from . import graph
from .models import Attestation, Post


def posts(store, person: ox.NamedNode | None = None, org: ox.NamedNode | None = None) -> list[Post]:
    """Posts of ``person`` or held in ``org``, oldest first."""
    if person is not None:
        bound = f"?m org:member {person} ; a org:Membership . BIND({person} AS ?p) OPTIONAL {{ ?m org:organization ?org }}"
    else:
        bound = f"?m org:organization {org} ; a org:Membership ; org:member ?p . BIND({org} AS ?org)"
    q = f"""SELECT DISTINCT ?m ?p ?org ?role ?title ?doc ?date ?docdate WHERE {{
      GRAPH ?doc {{ {bound} OPTIONAL {{ ?m org:role/schema:name ?role }}
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
