"""Entity lists and attributes shared by the people/organization/policy/event/place routers."""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from camket.store import py

from . import graph
from .models import Page, Summary


def summaries(store, kind: str, limit: int, offset: int) -> Page[Summary]:
    """Entities of ``kind`` in IRI-key order (their canonical names, so alphabetical), with
    how many documents mention each; names and counts are fetched for the page only."""
    everyone = sorted({r["e"].value for r in store.select(f"SELECT DISTINCT ?e WHERE {{ {graph.typed(kind, '?e')} }}")})
    total = len(everyone)  # sorted here: Oxigraph's ORDER BY over IRIs costs seconds at 20k+ entities
    page = [ox.NamedNode(e) for e in everyone[offset:offset + limit]]
    refs = graph.refs(store, [e.value for e in page])
    docs = {r["e"].value: py(r["n"]) for r in store.select(
        f"SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE {{ {graph.values('e', page)} ?e ck:mentionedIn ?d }} GROUP BY ?e")} \
        if page else {}
    items = [Summary(id=graph.key_of(e.value), kind=kind, iri=e.value, name=refs[e.value].name,
                     documents=docs.get(e.value, 0)) for e in page]
    return Page[Summary](total=total, limit=limit, offset=offset, items=items)


def props(store, subject: ox.NamedNode, **preds: str) -> dict[str, list[str]]:
    """Values of each predicate of ``subject`` (``name="schema:name"``), sorted, as strings."""
    unions = " UNION ".join(f'{{ {subject} {p} ?v . BIND("{k}" AS ?k) }}' for k, p in preds.items())
    out: dict[str, set[str]] = defaultdict(set)
    for r in store.select(f"SELECT ?k ?v WHERE {{ {unions} }}"):
        out[r["k"].value].add(r["v"].value)
    return {k: sorted(out.get(k, ())) for k in preds}


def linked(store, subject: ox.NamedNode, pattern: str) -> list:
    """:class:`Ref` of every ``?x`` matching ``pattern`` (which uses ``?s`` for the subject)."""
    rows = store.select(f"SELECT DISTINCT ?x WHERE {{ {graph.values('s', [subject])} {pattern} }}")
    refs = graph.refs(store, {r["x"].value for r in rows if isinstance(r["x"], ox.NamedNode)})
    return sorted(refs.values(), key=lambda r: (r.name or "", r.iri))


def first(values: list[str]) -> str | None:
    return values[0] if values else None


def label_and_aliases(store, subject: ox.NamedNode) -> tuple[str | None, list[str]]:
    name = graph.refs(store, [subject.value])[subject.value].name
    return name, [n for n in graph.all_names(store, subject) if n != name]
