"""Posts (W3C ORG memberships) of a person or the members of a body, with attestations.

A membership IRI is shared by every document that states the same
(person, role, body); each document adds an attestation with its date, the
post as written and the evidence span.

A busy body's post is attested in tens of documents (the largest body at
100,000 articles: 569 posts, 13,290 attestations), so a page of a body's
members carries the first ``attestations`` attestations of each post (oldest
first) with ``attestation_count``; ``/memberships/{id}/attestations`` pages
through the rest (:func:`attestation_page`). A person's posts carry them all.

What a list needs is read once (:func:`_held`: one row per attestation and
span, without the spans' text) and, for a body, kept per snapshot (saved by
``camket void-stats`` for the largest bodies); a page then reads the text of
its own spans only.

Public API::

    posts_of(store, cluster, "person" | "org") -> [Post]     # every post, oldest first
    member_page(store, cluster, limit, offset, attestations) -> Page[Post]   # a body's members, same order
    attestation_page(store, membership IRI, limit, offset) -> Page[Attestation] | None
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from . import graph
from .models import Attestation, Evidence, Page, Post
from .store_cache import memo

ATTESTATIONS = 3  # attestations of each post on a page of a body's members

# A post as read by :func:`_held` (lists, so that ``camket void-stats`` can save it as JSON):
# [membership, person, organization | None, role | None, [[date, doc, title, [[span, start, end], ...]], ...]]
# with the attestations oldest first (date, then document key).


def _held(store, bound: str) -> list[list]:
    """The posts whose membership ``?m`` ``bound`` selects (inside each document graph), in
    :func:`_order`. Four plain queries, one row per attestation (or span, title, role): one
    query with the span and role patterns as OPTIONALs ran for minutes on the largest body
    at 100k articles (Oxigraph evaluated them over the whole store)."""
    atts: dict[str, dict[str, dict]] = defaultdict(dict)
    head: dict[str, list] = {}
    for r in store.select(f"""SELECT ?m ?p ?org ?doc ?date ?docdate WHERE {{ GRAPH ?doc {{ {bound}
        ?m a org:Membership ; org:member ?p . OPTIONAL {{ ?m org:organization ?org }}
        OPTIONAL {{ ?m ck:attestedOn ?date }} OPTIONAL {{ ?doc dcterms:date ?docdate }} }} }}"""):
        m, d = r["m"].value, r["doc"].value
        head.setdefault(m, [m, r["p"].value, _s(r["org"])])
        a = atts[m].setdefault(d, {"dates": set(), "docdate": _s(r["docdate"]), "titles": set(), "spans": set()})
        if r["date"] is not None:
            a["dates"].add(_s(r["date"]))
    for r in store.select(f"SELECT ?m ?doc ?title WHERE {{ GRAPH ?doc {{ {bound} ?m ck:title ?title }} }}"):
        _add(atts, r, "titles", r["title"].value)
    for r in store.select(f"""SELECT ?m ?doc ?sp ?start ?end WHERE {{ GRAPH ?doc {{ {bound} ?m ck:evidence ?sp .
        ?sp ck:inDocument ?doc ; oa:start ?start ; oa:end ?end }} }}"""):
        _add(atts, r, "spans", (r["sp"].value, int(r["start"].value), int(r["end"].value)))
    roles: dict[str, set[str]] = defaultdict(set)
    for r in store.select(f"SELECT DISTINCT ?m ?r WHERE {{ {bound} ?m org:role ?r }}"):
        roles[r["m"].value].add(r["r"].value)
    names = graph.refs(store, {x for rs in roles.values() for x in rs})
    out = [head[m] + [min((names[x].name for x in roles[m] if names[x].name), default=None), _ordered(byd)]
           for m, byd in atts.items()]
    return sorted(out, key=_order)


def _add(atts: dict, row: dict, field: str, value) -> None:
    a = atts.get(row["m"].value, {}).get(row["doc"].value)
    if a is not None:
        a[field].add(value)


def _ordered(by_doc: dict[str, dict]) -> list[list]:
    """Attestations oldest first: the date a document states for the post, else its own date."""
    out = [[min(a["dates"]) if a["dates"] else a["docdate"], d, min(a["titles"], default=None),
            [list(s) for s in sorted(a["spans"], key=lambda s: (s[1], s[2], s[0]))]] for d, a in by_doc.items()]
    return sorted(out, key=lambda a: (a[0] or "9999", graph.key_of(a[1])))


def _dates(held: list) -> list[str]:
    return sorted(a[0] for a in held[4] if a[0])


def _order(held: list) -> tuple:
    dates = _dates(held)
    return (dates[0] if dates else "9999", held[3] or "", held[0])


def _merged(store, nodes: list[ox.NamedNode], bound: str) -> list[list]:
    """:func:`_held` of every IRI of a cluster (``{x}`` in ``bound``), merged, in order."""
    every = {h[0]: h for n in nodes for h in _held(store, bound.format(x=n))}
    return sorted(every.values(), key=_order)


PERSON, BODY = "?m org:member {x} .", "?m org:organization {x} ."


def posts_of(store, nodes: list[ox.NamedNode], role: str) -> list[Post]:
    """Every post of a person (``role`` "person") or held in a body ("org"), every IRI of a
    same-as cluster merged, oldest first, with all their attestations."""
    return _posts(store, _merged(store, nodes, PERSON if role == "person" else BODY), None)


def member_page(store, nodes: list[ox.NamedNode], limit: int, offset: int,
                attestations: int = ATTESTATIONS) -> Page[Post]:
    """The posts held in a body (every IRI of its cluster) in the order of :func:`posts_of`,
    ``limit`` from ``offset``, each with its first ``attestations`` attestations. What the list
    needs but the spans' text is read once per snapshot (≈ 1 s for the 569 posts of the largest
    body at 100k articles); a page reads the text of its own spans."""
    held = memo(store, "members", tuple(n.value for n in nodes), lambda: _members(store, nodes))
    return Page[Post](total=len(held), limit=limit, offset=offset,
                      items=_posts(store, held[offset:offset + limit], attestations))


def _members(store, nodes: list[ox.NamedNode]) -> list[list]:
    """One query per IRI of the cluster with the body as a constant (a VALUES of bodies took
    4 s of CPU at 100k articles instead of 0.2 s)."""
    return _merged(store, nodes, BODY)


def attestation_page(store, membership: ox.NamedNode, limit: int, offset: int) -> Page[Attestation] | None:
    """The attestations of one post, oldest first, ``limit`` from ``offset``; None when
    ``membership`` is no post."""
    held = _held(store, graph.values("m", [membership]))
    if not held:
        return None
    atts = held[0][4]
    window = atts[offset:offset + limit]
    docs, exact = _texts(store, window)
    return Page[Attestation](total=len(atts), limit=limit, offset=offset,
                             items=[_attestation(a, docs, exact) for a in window])


def _posts(store, held: list[list], limit: int | None) -> list[Post]:
    """:class:`Post` of each held post with its first ``limit`` attestations (None: all)."""
    shown = [h[4] if limit is None else h[4][:limit] for h in held]
    docs, exact = _texts(store, [a for atts in shown for a in atts])
    refs = graph.refs(store, {h[1] for h in held} | {h[2] for h in held if h[2]})
    out = []
    for h, atts in zip(held, shown):
        dates = _dates(h)
        out.append(Post(iri=h[0], role=h[3], person=refs[h[1]], organization=refs[h[2]] if h[2] else None,
                        first_seen=dates[0] if dates else None, last_seen=dates[-1] if dates else None,
                        attestation_count=len(h[4]), attestations=[_attestation(a, docs, exact) for a in atts]))
    return out


def _texts(store, atts: list[list]) -> tuple[dict, dict[str, str]]:
    """The documents of ``atts`` (:func:`graph.doc_refs`) and the exact text of their spans."""
    docs = graph.doc_refs(store, {a[1] for a in atts})
    spans = {s[0] for a in atts for s in a[3]}
    exact = {r["sp"].value: r["x"].value for r in store.select(
        f"SELECT ?sp ?x WHERE {{ {graph.values('sp', map(ox.NamedNode, spans))} ?sp oa:exact ?x }}")} if spans else {}
    return docs, exact


def _attestation(a: list, docs: dict, exact: dict[str, str]) -> Attestation:
    date, doc, title, spans = a
    key = graph.key_of(doc)
    return Attestation(document=docs[doc], date=date, title=title,
                       evidence=[Evidence(document=key, document_iri=doc, exact=exact[sp], start=start, end=end)
                                 for sp, start, end in spans if sp in exact])


def _s(term) -> str | None:
    return None if term is None else str(term.value)
