"""Entity lists and attributes shared by the people/organization/policy/event/place routers.

``subject`` arguments take one IRI or a same-as cluster (:func:`graph.cluster`: the
canonical IRI first, then the IRIs merged into it); a cluster's values are merged.
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from camket.store import py

from . import graph
from .models import Evidence, Page, Summary
from .store_cache import cached, memo


def summaries(store, kind: str, limit: int, offset: int) -> Page[Summary]:
    """Entities of ``kind`` in IRI-key order (their canonical names, so alphabetical), with
    how many documents mention each; names and counts are fetched for the page only."""
    everyone = entity_order(store, kind)
    total = len(everyone)
    page = [ox.NamedNode(e) for e in everyone[offset:offset + limit]]
    refs = graph.refs(store, [e.value for e in page])
    docs = {r["e"].value: py(r["n"]) for r in store.select(
        f"SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {graph.values('e', page)} ?e ck:mentionedIn ?d }} GROUP BY ?e")} \
        if page else {}
    items = [Summary(id=graph.key_of(e.value), kind=kind, iri=e.value, name=refs[e.value].name,
                     documents=docs.get(e.value, 0)) for e in page]
    return Page[Summary](total=total, limit=limit, offset=offset, items=items)


def entity_order(store, kind: str) -> list[str]:
    """:func:`_every`, once per store generation."""
    return cached(store, f"entities:{kind}", lambda: _every(store, kind))


def _every(store, kind: str) -> list[str]:
    """Every IRI of ``kind``, sorted here: Oxigraph's ORDER BY over IRIs costs seconds at 20k+ entities."""
    return sorted({r["e"].value for r in store.select(f"SELECT DISTINCT ?e WHERE {{ {graph.typed(kind, '?e')} }}")})


def _members(subject) -> list[ox.NamedNode]:
    return subject if isinstance(subject, list) else [subject]


def props(store, subject, **preds: str) -> dict[str, list[str]]:
    """Values of each predicate of ``subject`` (``name="schema:name"``), sorted, as strings.
    DISTINCT: a body states its kind in every document naming it (13,290 rows, 39 ms, for the
    largest at 100k articles; 5 ms distinct), and kept per snapshot like names (:func:`graph.refs`)."""
    key = (tuple(m.value for m in _members(subject)), tuple(sorted(preds.items())))
    return memo(store, "props", key, lambda: _props(store, _members(subject), preds))


def _props(store, members: list[ox.NamedNode], preds: dict[str, str]) -> dict[str, list[str]]:
    unions = " UNION ".join(f'{{ {m} {p} ?v . BIND("{k}" AS ?k) }}' for m in members for k, p in preds.items())
    out: dict[str, set[str]] = defaultdict(set)
    for r in store.select(f"SELECT DISTINCT ?k ?v WHERE {{ {unions} }}"):
        out[r["k"].value].add(r["v"].value)
    return {k: sorted(out.get(k, ())) for k in preds}


def linked(store, subject, pattern: str) -> list:
    """:class:`Ref` of every ``?x`` matching ``pattern`` (which uses ``?s`` for the subject)."""
    members = _members(subject)
    rows = store.select(f"SELECT DISTINCT ?x WHERE {{ {graph.values('s', members)} {pattern} }}")
    found = {r["x"].value for r in rows if isinstance(r["x"], ox.NamedNode)} - {m.value for m in members}
    refs = graph.refs(store, found)
    return sorted(refs.values(), key=lambda r: (r.name or "", r.iri))


def first(values: list[str]) -> str | None:
    return values[0] if values else None


def label_and_aliases(store, subject) -> tuple[str | None, list[str]]:
    """The canonical IRI's name, and every other spelling of the cluster (kept per snapshot:
    5 ms for a body named in 13,290 places)."""
    members = _members(subject)
    name = graph.refs(store, [members[0].value])[members[0].value].name
    names = memo(store, "all-names", tuple(m.value for m in members),
                 lambda: sorted({n for m in members for n in graph.all_names(store, m)}))
    return name, [n for n in names if n != name]


def evidence(store, subject) -> list:
    """Evidence spans of the subject (every IRI of a cluster), in document then offset order."""
    spans = graph.evidence(store, [m.value for m in _members(subject)])
    return sorted((e for m in _members(subject) for e in spans.get(m.value, [])),
                  key=lambda e: (e.document, e.start, e.end))



def evidence_page(store, subject, limit: int, offset: int) -> Page[Evidence]:
    """:func:`evidence`, ``limit`` spans from ``offset`` (the largest body at 100k articles has
    13,290): the spans' order (document, start, end) is read without their text and kept per
    snapshot; a page reads the text of its own spans only."""
    members = tuple(m.value for m in _members(subject))
    order = memo(store, "evidence-order", members, lambda: _evidence_order(store, members))
    window = order[offset:offset + limit]
    exact = {r["sp"].value: r["exact"].value for r in store.select(
        f"SELECT ?sp ?exact WHERE {{ {graph.values('sp', {ox.NamedNode(w[3]) for w in window})} ?sp oa:exact ?exact }}")} \
        if window else {}
    items = [Evidence(document=key, document_iri=doc, exact=exact[sp], start=start, end=end)
             for key, start, end, sp, doc in window if sp in exact]
    return Page[Evidence](total=len(order), limit=limit, offset=offset, items=items)


def _evidence_order(store, members: tuple[str, ...]) -> list[tuple]:
    """(document key, start, end, span, document) of each span, one per member it is evidence of."""
    rows = store.select(f"""SELECT DISTINCT ?x ?sp ?doc ?start ?end WHERE {{ {graph.values('x', map(ox.NamedNode, members))}
      ?x ck:evidence ?sp . ?sp ck:inDocument ?doc ; oa:start ?start ; oa:end ?end ; oa:exact ?exact }}""")
    return sorted((graph.key_of(r["doc"].value), py(r["start"]), py(r["end"]), r["sp"].value, r["doc"].value)
                  for r in rows)
