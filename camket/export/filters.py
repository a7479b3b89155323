"""Filters shared by every export format.

* ``documents``: only facts from these documents (ids like ``bai-1`` or IRIs);
* ``since`` / ``until``: only facts dated in this range (ISO date, year-month
  or year; inclusive). A fact's date is its own (ck:attestedOn, the date of
  the event a statement was made at) or else its document's (see
  :mod:`.projection`); undated facts are left out once a range is given;
* ``kinds``: node kinds to keep (edges need both ends kept);
* ``min_weight``: edges supported by fewer facts are dropped;
* ``ego`` / ``depth``: only the entities within ``depth`` hops (either
  direction) of one entity, named by IRI, IRI key or name;
* ``drop_isolates``: leave out nodes without edges.

Document and date filters act on facts before they are counted, so weights
are "facts inside the selection". The graph filters then act on the
projection in the order kinds, min_weight, ego, isolates. RDF dumps keep the
named graphs of the selected documents (:func:`selected_documents`).
"""
from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from camket.ontology import iri
from camket.ontology.iri import fold

from .projection import NODE_KINDS, Projection, build, iso_day, read_documents


@dataclass(frozen=True)
class Filters:
    """What to keep (see module doc); invalid values raise ValueError saying why."""
    kinds: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    documents: frozenset[str] | None = None
    min_weight: int = 1
    ego: str | None = None
    depth: int = 1
    drop_isolates: bool = False

    def __post_init__(self):
        unknown = set(self.kinds or ()) - set(NODE_KINDS)
        if unknown:
            raise ValueError(f"unknown node kind(s) {sorted(unknown)}; known: {', '.join(NODE_KINDS)}")
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and iso_day(value) is None:
                raise ValueError(f"{name}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.depth < 0 or self.min_weight < 1:
            raise ValueError("depth must be >= 0 and min_weight >= 1")
        if self.documents is not None:  # normalise ids to document IRIs
            object.__setattr__(self, "documents", frozenset(
                d if d.startswith(("http://", "https://")) else str(iri.document(d)) for d in self.documents))

    # -- fact level -----------------------------------------------------------
    @property
    def dated(self) -> bool:
        return bool(self.since or self.until)

    @property
    def graph_filters(self) -> bool:
        return bool(self.kinds or self.min_weight > 1 or self.ego or self.drop_isolates)

    @property
    def active(self) -> bool:
        return self.dated or self.documents is not None or self.graph_filters

    def in_document_set(self, doc_iri: str) -> bool:
        return self.documents is None or doc_iri in self.documents

    def in_range(self, day: str | None) -> bool:
        if not self.dated:
            return True
        if day is None:
            return False
        return (not self.since or day >= iso_day(self.since)) and \
            (not self.until or day <= iso_day(self.until, end=True))

    def allows_document(self, doc_iri: str, proj: Projection) -> bool:
        return self.in_document_set(doc_iri) and self.in_range(proj.doc_dates.get(doc_iri))

    def allows_fact(self, doc_iri: str, day: str | None) -> bool:
        """A fact from ``doc_iri`` dated ``day`` (its own date, else its document's)."""
        return self.in_document_set(doc_iri) and self.in_range(day)

    # -- graph level ----------------------------------------------------------
    def apply(self, proj: Projection) -> Projection:
        """Kinds, min weight, ego network and isolates, in place."""
        if self.kinds:
            keep_nodes(proj, {n.id for n in proj.nodes.values() if n.kind in self.kinds})
        if self.min_weight > 1:
            for key in [k for k, e in proj.edges.items() if e.weight < self.min_weight]:
                del proj.edges[key]
        if self.ego:
            keep_nodes(proj, ego_network(proj, resolve_entity(proj, self.ego), self.depth))
        if self.drop_isolates:
            linked = {n for e in proj.edges.values() for n in (e.source, e.target)}
            keep_nodes(proj, linked)
        return proj


def keep_nodes(proj: Projection, ids: set[str]) -> None:
    """Only nodes in ``ids`` and the edges between them."""
    for nid in [n for n in proj.nodes if n not in ids]:
        del proj.nodes[nid]
    for key in [k for k, e in proj.edges.items() if e.source not in ids or e.target not in ids]:
        del proj.edges[key]


def ego_network(proj: Projection, centre: str, depth: int) -> set[str]:
    """Node ids within ``depth`` undirected hops of ``centre``."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in proj.edges.values():
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    seen, frontier = {centre}, deque([(centre, 0)])
    while frontier:
        nid, dist = frontier.popleft()
        if dist == depth:
            continue
        for other in neighbours[nid] - seen:
            seen.add(other)
            frontier.append((other, dist + 1))
    return seen


def resolve_entity(proj: Projection, ref: str) -> str:
    """The node named by ``ref``: an IRI, an IRI tail ("person/le-van-a", with or
    without diacritics) or a name or alternate name (accent-insensitive)."""
    if ref in proj.nodes:
        return ref
    key = fold(ref)
    tiers = [lambda n: n.id.endswith("/" + ref.strip("/")),
             lambda n: "/" in ref and fold(n.id).endswith(key),
             lambda n: fold(n.label) == key or key in {fold(a) for a in n.alternate_names}]
    for matches in tiers:
        found = sorted(n.id for n in proj.nodes.values() if matches(n))
        if len(found) == 1:
            return found[0]
        if found:
            raise ValueError(f"ego: {ref!r} is ambiguous, use one of: {', '.join(found[:10])}")
    raise ValueError(f"ego: no entity called {ref!r} in the selected graph")


def selected_documents(store, filters: Filters) -> list[str] | None:
    """IRIs of the named graphs an RDF dump keeps under ``filters`` (sorted);
    None when nothing is filtered (the whole dataset, default graph included).

    Document and date filters pick documents directly; graph filters (kinds,
    min weight, ego, isolates) keep the documents supporting an edge of the
    filtered actor network (or mentioning a node, when it has no edges).
    """
    if not filters.active:
        return None
    if filters.graph_filters:
        proj = build(store, filters)
        docs = {g for e in proj.edges.values() for g in e.docs} or \
            {g for n in proj.nodes.values() for g in n.docs}
        return sorted(docs)
    proj = Projection()
    read_documents(store, proj)
    return sorted(g for g in proj.doc_ids if filters.allows_document(g, proj))
