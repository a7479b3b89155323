"""The actor network: the store's facts projected onto a typed, weighted graph.

Owns the reading of nodes and edges out of the store (queries in
:mod:`.sparql`) and the aggregation of facts into weighted edges (data model
in :mod:`.model`). Writers (GEXF, GraphML, CSV) only ever see a
:class:`Projection`.

A node's label is its most frequent schema:name across documents (ties: the
longest, so "Ủy ban nhân dân tỉnh X" over "UBND tỉnh X"); every other
spelling and schema:alternateName goes to ``alternate_names``.

Nodes (kind): ``person`` (schema:Person), ``body`` (org:Organization),
``policy`` (ck:PolicyDocument), ``place`` (schema:Place and subclasses),
``event`` (schema:Event) and, with ``facts_as_nodes=True``, ``statement``
and ``pledge``.

Edges (kind, source -> target, from which facts):

* ``holds_post_in`` person -> body, an org:Membership (``member_of`` when the
  role is plain membership: thành viên, ủy viên, hội viên, đảng viên);
* ``sub_organization_of`` body -> body (org:subOrganizationOf);
* ``said_about`` speaker -> any entity the statement mentions (ck:mentions);
* ``spoke_at`` speaker -> event (ck:atEvent);
* ``cites`` policy -> policy (eli:based_on) and speaker/actor -> policy (ck:cites);
* ``implements`` policy -> policy (eli:implements);
* ``issued`` body -> policy (eli:passed_by);
* ``committed_to`` actor -> policy (a pledge's ck:fromPolicy);
* ``concerns_place`` actor -> place (a pledge's ck:concernsPlace);
* ``organized`` body/person -> event (schema:organizer);
* ``held_in`` event -> place (schema:location).

With ``facts_as_nodes`` the statement/pledge-level edges replace
``said_about``, ``committed_to`` and ``concerns_place``: ``said`` speaker ->
statement, ``mentions`` statement -> entity, ``at_event`` statement -> event,
``committed_to`` actor -> pledge, ``concerns_place`` pledge -> place,
``cites`` statement/pledge -> policy, ``from_statement`` pledge -> statement.

An edge's ``weight`` is the number of supporting facts (one per fact node per
document, or one per document for plain triples); ``documents`` lists the
supporting documents. ``start`` (ISO date) is the earliest date of a
supporting fact: ck:attestedOn of a membership, the schema:startDate of the
event a statement was made at (or of the event itself for ``organized`` and
``held_in``), else the date of its document: dcterms:date, or, for an
undated article, the date of the latest event it reports. A node's ``start`` is the earliest date of a document that
mentions it or of one of its edges.
"""
from __future__ import annotations

import gc
import sys

from camket.ontology.iri import fold

from .dates import earliest, iso_day
from .model import CLASS_KINDS, NODE_KINDS, Edge, Node, Projection
from .sparql import (EDGE_KINDS, EDGE_RULES, Q_COUNTS, Q_COUNTS_TOTAL, Q_DOCS, Q_EVENT_DATES, Q_SAID_AT, EdgeRule,
                     attr_queries, edge_query, fetch, name_queries, node_queries)

__all__ = ["build", "read_documents", "finish", "Projection", "Node", "Edge", "NODE_KINDS", "EDGE_KINDS",
           "EDGE_RULES", "iso_day", "earliest"]

MEMBER_ROLES = ("thanh vien", "uy vien", "hoi vien", "dang vien", "member")
LABEL_MAX = 120


def build(store, filters=None, facts_as_nodes: bool = False, resolved: bool = True) -> Projection:
    """The actor network of ``store`` with ``filters`` (a :class:`~.filters.Filters`) applied.

    With ``resolved`` (the default) researchers' judgements apply first
    (:mod:`camket.curation`): merged nodes are one, rejected facts are gone,
    preferred names label the nodes."""
    if filters is None:
        from .filters import Filters
        filters = Filters()
    paused = gc.isenabled()
    gc.disable()  # hundreds of thousands of small containers, no cycles: the collector would rescan them all
    try:
        return _build(store, filters, facts_as_nodes, resolved)
    finally:
        if paused:
            gc.enable()


def _build(store, filters, facts_as_nodes: bool, resolved: bool) -> Projection:
    proj = Projection()
    mode = "fact" if facts_as_nodes else "actor"
    rules = [rule for rule in EDGE_RULES if rule.mode in ("both", mode)]
    everything = filters.documents is None and not filters.dated  # counted by the store, not row by row
    nodes, attrs = node_queries(facts_as_nodes), attr_queries(facts_as_nodes)
    names = name_queries(facts_as_nodes, per_document=not everything)
    counts = Q_COUNTS_TOTAL if everything else Q_COUNTS
    results = iter(fetch(store, [Q_DOCS, Q_EVENT_DATES, Q_SAID_AT] + [q for _, q in nodes + names + attrs]
                         + [edge_query(rule) for rule in rules] + list(counts.values())))
    _documents(proj, next(results), next(results))
    said_at = statement_dates(next(results))
    for cls, _ in nodes:
        _read_nodes(proj, filters, CLASS_KINDS[cls], next(results))
    _read_names(proj, filters, [(prop, next(results)) for prop, _ in names], counted=everything)
    for prop, _ in attrs:
        _read_attrs(proj, prop, next(results))
    for rule in rules:
        _read_edges(proj, rule, filters, said_at, next(results))
    for attr in counts:
        _read_counts(proj, filters, attr, next(results))
    _drop_unused_nodes(proj)
    if resolved:
        from camket.curation.network import resolve_projection
        from camket.curation.view import load_view
        resolve_projection(proj, load_view(store))
    filters.apply(proj)
    finish(proj)
    return proj


def read_documents(store, proj: Projection) -> None:
    """Document ids and dates: dcterms:date, else the latest event the document reports."""
    docs, events = fetch(store, [Q_DOCS, Q_EVENT_DATES])
    _documents(proj, docs, events)


def _documents(proj: Projection, docs: list[tuple], event_dates: list[tuple]) -> None:
    for g, doc_id, d in docs:
        proj.doc_ids[g] = doc_id or g.rsplit("/", 1)[-1]
        day = iso_day(d)
        if day:
            proj.doc_dates[g] = day
    events: dict[str, str] = {}
    for g, d in event_dates:
        day = iso_day(d)
        if day and g in proj.doc_ids and g not in proj.doc_dates:
            events[g] = max(events.get(g, day), day)
    proj.doc_dates.update(events)


def _read_nodes(proj: Projection, filters, kinds: tuple[str, str | None], rows: list[tuple]) -> None:
    """Every entity typed ``kinds``'s class in the selected documents; ``docs`` keeps those in the date range."""
    kind, subkind = kinds
    nodes, everything = proj.nodes, filters.documents is None and not filters.dated
    for n, g in rows:
        if not everything and not filters.in_document_set(g):
            continue
        node = nodes.get(n)
        if node is None:
            node = nodes[n] = Node(n, kind)
        node.subkind = node.subkind or subkind
        if everything or filters.allows_document(g, proj):
            node.docs.add(sys.intern(g))


def _read_names(proj: Projection, filters, results: list[tuple[str, list[tuple]]], counted: bool) -> None:
    """Labels and alternate names from rows (node, name, document), or (node, name, number of
    documents) when ``counted`` by the store."""
    alternates: dict[str, set[str]] = {}
    nodes, everything = proj.nodes, counted or filters.documents is None
    for prop, rows in results:
        alternate = prop.endswith("alternateName")
        for n, v, g_or_count in rows:
            node = nodes.get(n)
            if node is None or not (everything or filters.in_document_set(g_or_count)):
                continue
            text = " ".join(v.split())
            if alternate:
                alternates.setdefault(node.id, set()).add(text)
            else:
                node.names[text[:LABEL_MAX]] += int(g_or_count) if counted else 1
    for node in nodes.values():
        node.label = min(node.names, key=lambda n: (-node.names[n], -len(n), n)) if node.names \
            else node.id.rsplit("/", 1)[-1]
        others = (set(node.names) | alternates.get(node.id, set())) - {node.label}
        node.alternate_names = sorted(others)
        node.names = None


def _read_attrs(proj: Projection, prop: str, rows: list[tuple]) -> None:
    nodes = proj.nodes
    dated = prop.split(":", 1)[-1] in ("date_document", "startDate", "deadline")
    for n, v in rows:
        node = nodes.get(n)
        if node is None:
            continue
        if dated:
            node.date = earliest(node.date, iso_day(v))
        else:  # orgKind, placeType, policyType, speechKind: the first one read wins
            node.subkind = node.subkind or v


def statement_dates(rows: list[tuple]) -> dict[str, str]:
    """Statement IRI -> the date of the event it was made at (when dated), from (statement, date) rows."""
    dates: dict[str, str] = {}
    for f, d in rows:
        day = iso_day(d)
        if day:
            dates[f] = earliest(dates.get(f), day)
    return dates


def _read_edges(proj: Projection, rule: EdgeRule, filters, said_at: dict[str, str], rows: list[tuple]) -> None:
    nodes, edges, doc_dates = proj.nodes, proj.edges, proj.doc_dates
    everything = filters.documents is None and not filters.dated
    member_roles: dict[str, bool] = {}
    for s_, t_, g, f, d, r in rows:
        source, target = nodes.get(s_), nodes.get(t_)
        if source is None or target is None or source is target:
            continue
        s, t = source.id, target.id  # share the node's string, not a copy per edge
        date = (d and iso_day(d)) or said_at.get(f) or doc_dates.get(g)
        if not everything and not filters.allows_fact(g, date):
            continue
        kind = rule.kind
        if kind == "holds_post_in" and r is not None:
            if r not in member_roles:
                member_roles[r] = _is_member_role(r)
            kind = "member_of" if member_roles[r] else kind
        edge = edges.get((s, t, kind))
        if edge is None:
            edge = edges[(s, t, kind)] = Edge(s, t, kind)
        edge.facts.add(hash((f or "", g)))
        edge.docs.add(sys.intern(g))
        if r:
            edge.roles = (edge.roles or set()) | {" ".join(r.split())}
        if date and (edge.start is None or date < edge.start):
            edge.start = date


def _is_member_role(role: str | None) -> bool:
    return bool(role) and fold(role).startswith(MEMBER_ROLES)


def _read_counts(proj: Projection, filters, attr: str, rows: list[tuple]) -> None:
    """Statements a node made, or pledges it is the actor of (distinct facts): from rows
    (node, fact, document), or (node, count) as the store counted them when nothing is filtered."""
    seen: set[tuple[str, str]] = set()
    nodes = proj.nodes
    if rows and len(rows[0]) == 2:
        for n, count in rows:
            if n in nodes:
                setattr(nodes[n], attr, int(count))
        return
    for n, f, g in rows:
        node = nodes.get(n)
        if node is None or not filters.allows_document(g, proj) or (n, f) in seen:
            continue
        seen.add((n, f))
        setattr(node, attr, getattr(node, attr) + 1)


def _drop_unused_nodes(proj: Projection) -> None:
    """Nodes whose every mention was filtered out (kept: endpoints of kept edges)."""
    used = {n for e in proj.edges.values() for n in (e.source, e.target)}
    for nid in [n.id for n in proj.nodes.values() if not n.docs and n.id not in used]:
        del proj.nodes[nid]


def finish(proj: Projection) -> None:
    """Degrees and node start dates of the final (filtered) graph."""
    nodes, doc_dates = proj.nodes, proj.doc_dates
    for node in nodes.values():
        node.degree = 0
        days = [day for g in node.docs if (day := doc_dates.get(g))]
        node.start = min(days) if days else None
    for edge in proj.edges.values():
        start = edge.start
        for nid in (edge.source, edge.target):
            node = nodes[nid]
            node.degree += 1
            if start and (node.start is None or start < node.start):
                node.start = start
