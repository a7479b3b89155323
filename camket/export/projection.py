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

import sys

from camket.ontology.iri import fold

from .dates import earliest, iso_day
from .model import CLASS_KINDS, NODE_KINDS, Edge, Node, Projection
from .sparql import (EDGE_KINDS, EDGE_RULES, Q_ATTRS, Q_COUNTS, Q_DOCS, Q_EVENT_DATES, Q_NAMES, Q_NODES,
                     Q_SAID_AT, EdgeRule, edge_query, node_query, rows)

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
    proj = Projection()
    read_documents(store, proj)
    _read_nodes(store, proj, filters, facts_as_nodes)
    mode = "fact" if facts_as_nodes else "actor"
    said_at = statement_dates(store)
    for rule in EDGE_RULES:
        if rule.mode in ("both", mode):
            _read_edges(store, proj, rule, filters, said_at)
    _read_counts(store, proj, filters)
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
    for row in rows(store, Q_DOCS):
        proj.doc_ids[row["g"]] = row["id"] or row["g"].rsplit("/", 1)[-1]
        day = iso_day(row["d"])
        if day:
            proj.doc_dates[row["g"]] = day
    events: dict[str, str] = {}
    for row in rows(store, Q_EVENT_DATES):
        day = iso_day(row["d"])
        if day and row["g"] in proj.doc_ids and row["g"] not in proj.doc_dates:
            events[row["g"]] = max(events.get(row["g"], day), day)
    proj.doc_dates.update(events)


def _read_nodes(store, proj: Projection, filters, facts_as_nodes: bool) -> None:
    """Every typed entity of the selected documents; ``docs`` keeps those in the date range."""
    for row in rows(store, node_query(Q_NODES, facts_as_nodes)):
        kind, subkind = CLASS_KINDS[row["c"]]
        if not filters.in_document_set(row["g"]):
            continue
        node = proj.nodes.get(row["n"])
        if node is None:
            node = proj.nodes[row["n"]] = Node(row["n"], kind)
        node.subkind = node.subkind or subkind
        if filters.allows_document(row["g"], proj):
            node.docs.add(sys.intern(row["g"]))
    _read_names(store, proj, filters, facts_as_nodes)
    _read_attrs(store, proj, facts_as_nodes)


def _read_names(store, proj: Projection, filters, facts_as_nodes: bool) -> None:
    alternates: dict[str, set[str]] = {}
    for row in rows(store, node_query(Q_NAMES, facts_as_nodes)):
        node = proj.nodes.get(row["n"])
        if node is None or not filters.in_document_set(row["g"]):
            continue
        text = " ".join(row["v"].split())
        if row["p"].endswith("alternateName"):
            alternates.setdefault(node.id, set()).add(text)
        else:
            node.names[text[:LABEL_MAX]] += 1
    for node in proj.nodes.values():
        node.label = min(node.names, key=lambda n: (-node.names[n], -len(n), n)) if node.names \
            else node.id.rsplit("/", 1)[-1]
        others = (set(node.names) | alternates.get(node.id, set())) - {node.label}
        node.alternate_names = sorted(others)
        node.names = None


def _read_attrs(store, proj: Projection, facts_as_nodes: bool) -> None:
    for row in rows(store, node_query(Q_ATTRS, facts_as_nodes)):
        node = proj.nodes.get(row["n"])
        if node is None:
            continue
        prop = row["p"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        if prop in ("date_document", "startDate", "deadline"):
            node.date = earliest(node.date, iso_day(row["v"]))
        else:  # orgKind, placeType, policyType, speechKind: the first one read wins
            node.subkind = node.subkind or row["v"]


def statement_dates(store) -> dict[str, str]:
    """Statement IRI -> the date of the event it was made at (when dated)."""
    dates: dict[str, str] = {}
    for row in rows(store, Q_SAID_AT):
        day = iso_day(row["d"])
        if day:
            dates[row["f"]] = earliest(dates.get(row["f"]), day)
    return dates


def _read_edges(store, proj: Projection, rule: EdgeRule, filters, said_at: dict[str, str]) -> None:
    for row in rows(store, edge_query(rule)):
        source, target, g = proj.nodes.get(row["s"]), proj.nodes.get(row["t"]), row["g"]
        if source is None or target is None or source is target:
            continue
        s, t = source.id, target.id  # share the node's string, not a copy per edge
        date = iso_day(row["d"]) or said_at.get(row["f"]) or proj.doc_dates.get(g)
        if not filters.allows_fact(g, date):
            continue
        kind = "member_of" if rule.kind == "holds_post_in" and _is_member_role(row["r"]) else rule.kind
        edge = proj.edges.get((s, t, kind))
        if edge is None:
            edge = proj.edges[(s, t, kind)] = Edge(s, t, kind)
        edge.facts.add(hash((row["f"] or "", g)))
        edge.docs.add(sys.intern(g))
        if row["r"]:
            edge.roles = (edge.roles or set()) | {" ".join(row["r"].split())}
        edge.start = earliest(edge.start, date)


def _is_member_role(role: str | None) -> bool:
    return bool(role) and fold(role).startswith(MEMBER_ROLES)


def _read_counts(store, proj: Projection, filters) -> None:
    """Statements a node made and pledges it is the actor of (distinct facts)."""
    for attr, query in Q_COUNTS.items():
        seen: set[tuple[str, str]] = set()
        for row in rows(store, query):
            node = proj.nodes.get(row["n"])
            if node is None or not filters.allows_document(row["g"], proj) or (row["n"], row["f"]) in seen:
                continue
            seen.add((row["n"], row["f"]))
            setattr(node, attr, getattr(node, attr) + 1)


def _drop_unused_nodes(proj: Projection) -> None:
    """Nodes whose every mention was filtered out (kept: endpoints of kept edges)."""
    used = {n for e in proj.edges.values() for n in (e.source, e.target)}
    for nid in [n.id for n in proj.nodes.values() if not n.docs and n.id not in used]:
        del proj.nodes[nid]


def finish(proj: Projection) -> None:
    """Degrees and node start dates of the final (filtered) graph."""
    for node in proj.nodes.values():
        node.degree = 0
        node.start = earliest(*(proj.doc_dates.get(g) for g in node.docs))
    for edge in proj.edges.values():
        for nid in (edge.source, edge.target):
            node = proj.nodes[nid]
            node.degree += 1
            node.start = earliest(node.start, edge.start)
