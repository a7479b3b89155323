"""The resolved view, read back from the store, for the API and the exports.

Public API::

    from camket.curation.view import load_view, ResolvedView, CANONICAL_SPARQL
    view = load_view(store)              # reads graph/resolved (cheap; no SQLite needed)
    canonical_iri(store, iri)            # one lookup: where a merged-away IRI points, or None
    cluster_iris(store, canonical)       # the canonical IRI and every IRI merged into it
    view.canonical("https://w3id.org/camket/id/person/lo-van-hung")  # -> canonical IRI
    view.is_rejected(fact_iri); view.name(iri); view.pledge_status(pledge_iri)
    for s, p, o in view.rewrite(triples): ...   # merged IRIs, rejected facts dropped
    for s, p, o, g in view.rewrite_quads(quads): ...  # also per-document splits

Exports that walk the raw triples pass them through :meth:`ResolvedView.rewrite`;
SPARQL users can do the same inside a query with :data:`CANONICAL_SPARQL`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .rdf import GRAPH_RESOLVED

CANONICAL_SPARQL = """# ?x read in document graph ?g -> ?canon (itself unless a judgement split or merged it)
OPTIONAL { GRAPH <https://w3id.org/camket/graph/resolved> { ?split ck:splitFrom ?x ; ck:splitIn ?g } }
BIND(COALESCE(?split, ?x) AS ?x1)
OPTIONAL { GRAPH <https://w3id.org/camket/graph/resolved> { ?x1 owl:sameAs ?merged } }
BIND(COALESCE(?merged, ?x1) AS ?canon)
FILTER NOT EXISTS { GRAPH <https://w3id.org/camket/graph/resolved> { ?x ck:curationStatus "rejected" } }"""

VIEW_QUERY = f"""SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?s ?p ?o }}
  VALUES ?p {{ owl:sameAs ck:curationStatus ck:preferredName ck:pledgeStatus ck:reanchoredTo }} }}"""
SPLIT_QUERY = f"""SELECT ?new ?old ?doc WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?new ck:splitFrom ?old ; ck:splitIn ?doc }} }}"""


@dataclass
class ResolvedView:
    same_as: dict[str, str] = field(default_factory=dict)
    status: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    pledges: dict[str, str] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)
    splits: dict[tuple[str, str], str] = field(default_factory=dict)   # (entity, doc graph) -> split IRI

    def canonical(self, iri: str, graph: str | None = None) -> str:
        """Where ``iri`` now points; pass the document ``graph`` it was read in so splits apply."""
        iri = self.moved.get(iri, iri)
        if graph is not None:
            iri = self.splits.get((iri, graph), iri)
        return self.same_as.get(iri, iri)

    def rejected(self) -> set[str]:
        """Every IRI rejected by a judgement (and the old IRIs of re-anchored ones)."""
        out = {i for i, st in self.status.items() if st == "rejected"}
        return out | {old for old, new in self.moved.items() if new in out}

    def members(self, canonical: str) -> list[str]:
        """``canonical`` and every IRI merged into it."""
        return [canonical] + sorted(old for old, c in self.same_as.items() if c == canonical)

    def is_rejected(self, iri: str) -> bool:
        return self.status.get(self.moved.get(iri, iri)) == "rejected"

    def name(self, iri: str) -> str | None:
        """The researcher's preferred name of the entity, if any."""
        return self.names.get(self.canonical(iri))

    def pledge_status(self, iri: str) -> str | None:
        """``kept``, ``broken``, ... (the term's local name, lower-case-dashed) or None."""
        return self.pledges.get(self.moved.get(iri, iri))

    def rewrite(self, triples: Iterable[tuple]) -> Iterator[tuple]:
        """Triples of plain strings or rdflib/pyoxigraph terms, with merged IRIs
        made canonical and triples about rejected nodes dropped."""
        for s, p, o in triples:
            if self.is_rejected(str(_value(s))) or self.is_rejected(str(_value(o))):
                continue
            yield self._swap(s), p, self._swap(o)

    def rewrite_quads(self, quads: Iterable[tuple]) -> Iterator[tuple]:
        """Like :meth:`rewrite` for (s, p, o, graph) quads: splits apply per document graph."""
        for s, p, o, g in quads:
            if self.is_rejected(str(_value(s))) or self.is_rejected(str(_value(o))):
                continue
            graph = str(_value(g)) if g is not None else None
            yield self._swap(s, graph), p, self._swap(o, graph), g

    def _swap(self, term, graph: str | None = None):
        value = str(_value(term))
        canon = self.canonical(value, graph)
        if canon == value:
            return term
        return type(term)(canon) if not isinstance(term, str) else canon


def _value(term):
    return getattr(term, "value", term)


STATUS_NAMES = {"NotYetRated": "not-yet-rated", "InTheWorks": "in-the-works", "Stalled": "stalled",
                "Compromise": "compromise", "Kept": "kept", "Broken": "broken"}


CANONICAL_ONE = f"""SELECT ?canon WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?x owl:sameAs ?canon }} }}"""


def canonical_iri(store, iri: str) -> str | None:
    """The canonical IRI a merged-away ``iri`` now points to, else None (one small
    query: for an API route that redirects old IRIs)."""
    import pyoxigraph as ox
    rows = store.select(CANONICAL_ONE, {"x": ox.NamedNode(iri)})
    return rows[0]["canon"].value if rows else None


CLUSTER = f"""SELECT DISTINCT ?m WHERE {{ GRAPH <{GRAPH_RESOLVED}> {{ ?m owl:sameAs ?canon }} }}"""


def cluster_iris(store, canonical: str) -> list[str]:
    """``canonical`` and every IRI merged into it: what an entity page queries with
    ``VALUES ?p { ... }`` to show the facts of all its spellings."""
    import pyoxigraph as ox
    rows = store.select(CLUSTER, {"canon": ox.NamedNode(canonical)})
    return [canonical] + sorted(r["m"].value for r in rows)


def load_view(store) -> ResolvedView:
    """The resolved view as the store holds it (empty when nobody judged anything)."""
    view = ResolvedView()
    for r in store.select(VIEW_QUERY):
        s, p, o = r["s"].value, r["p"].value, r["o"].value
        local = p.rsplit("#", 1)[-1]
        if local == "sameAs":
            view.same_as[s] = o
        elif local == "curationStatus":
            view.status[s] = o
        elif local == "preferredName":
            view.names[s] = o
        elif local == "pledgeStatus":
            view.pledges[s] = STATUS_NAMES.get(o.rsplit("#", 1)[-1], o)
        elif local == "reanchoredTo":
            view.moved[s] = o
    for r in store.select(SPLIT_QUERY):
        view.splits[(r["old"].value, r["doc"].value)] = r["new"].value
    return view
