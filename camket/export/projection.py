"""The actor network: the store's facts projected onto a typed, weighted graph.

Owns the SPARQL that reads nodes and edges out of the store and the
aggregation of facts into weighted edges. Writers (GEXF, GraphML, CSV) only
ever see a :class:`Projection`.

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

import calendar
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterator

from camket.ontology.iri import fold

NODE_KINDS = ("person", "body", "policy", "place", "event", "statement", "pledge")
FACT_KINDS = ("statement", "pledge")
CLASS_KINDS = {
    "https://schema.org/Person": ("person", None),
    "http://www.w3.org/ns/org#Organization": ("body", None),
    "https://w3id.org/camket/ns#PolicyDocument": ("policy", None),
    "https://schema.org/Event": ("event", None),
    "https://schema.org/Place": ("place", None),
    "https://schema.org/City": ("place", "city"),
    "https://w3id.org/camket/ns#Province": ("place", "province"),
    "https://schema.org/Country": ("place", "country"),
    "https://w3id.org/camket/ns#Region": ("place", "region"),
    "https://w3id.org/camket/ns#Statement": ("statement", None),
    "https://w3id.org/camket/ns#Pledge": ("pledge", None),
}
MEMBER_ROLES = ("thanh vien", "uy vien", "hoi vien", "dang vien", "member")
LABEL_MAX = 120


@dataclass(slots=True)
class Node:
    id: str
    kind: str
    label: str = ""
    subkind: str | None = None
    date: str | None = None            # the entity's own date (policy issued, event held)
    names: Counter | None = field(default_factory=Counter)  # spellings while building
    alternate_names: list[str] = field(default_factory=list)
    docs: set[str] = field(default_factory=set)
    start: str | None = None
    statements: int = 0
    pledges: int = 0
    degree: int = 0


@dataclass(slots=True)
class Edge:
    source: str
    target: str
    kind: str
    facts: set[int] = field(default_factory=set)
    docs: set[str] = field(default_factory=set)
    roles: set[str] | None = None  # posts as written (memberships only)
    start: str | None = None

    @property
    def weight(self) -> int:
        return len(self.facts)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.target, self.kind)


@dataclass
class Projection:
    """Nodes by IRI, edges by (source, target, kind), document ids by IRI."""
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    doc_ids: dict[str, str] = field(default_factory=dict)
    doc_dates: dict[str, str] = field(default_factory=dict)

    def doc_id(self, doc_iri: str) -> str:
        return self.doc_ids.get(doc_iri) or doc_iri.rsplit("/", 1)[-1]

    def sorted_nodes(self) -> list[Node]:
        return sorted(self.nodes.values(), key=lambda n: (NODE_KINDS.index(n.kind), n.label, n.id))

    def sorted_edges(self) -> list[Edge]:
        return sorted(self.edges.values(), key=lambda e: (e.kind, e.source, e.target))

    def kinds(self) -> Counter:
        return Counter(n.kind for n in self.nodes.values())

    def edge_kinds(self) -> Counter:
        return Counter(e.kind for e in self.edges.values())


# ---------------------------------------------------------------- SPARQL
@dataclass(frozen=True)
class EdgeRule:
    kind: str
    pattern: str          # binds ?s ?t (and optionally ?f fact node, ?d date, ?r role) in GRAPH ?g
    mode: str = "both"    # "actor" (facts collapsed), "fact" (facts as nodes) or "both"


EDGE_RULES = (  # ck:speaker / ck:actor imply a Statement / a Pledge: no type pattern needed
    EdgeRule("holds_post_in", "?f a org:Membership ; org:member ?s ; org:organization ?t ."
             " OPTIONAL { ?f ck:attestedOn ?d } OPTIONAL { ?f org:role ?role . ?role schema:name ?r }"),
    EdgeRule("sub_organization_of", "?s org:subOrganizationOf ?t ."),
    EdgeRule("spoke_at", "?f ck:speaker ?s ; ck:atEvent ?t ."),
    EdgeRule("cites", "?s eli:based_on ?t ."),
    EdgeRule("implements", "?s eli:implements ?t ."),
    EdgeRule("issued", "?t eli:passed_by ?s ."),
    EdgeRule("organized", "?t schema:organizer ?s . OPTIONAL { ?t schema:startDate ?d }"),
    EdgeRule("held_in", "?s a schema:Event ; schema:location ?t . OPTIONAL { ?s schema:startDate ?d }"),
    EdgeRule("said_about", "?f ck:speaker ?s ; ck:mentions ?t .", "actor"),
    EdgeRule("cites", "?f ck:cites ?t . { ?f ck:speaker ?s } UNION { ?f ck:actor ?s }", "actor"),
    EdgeRule("committed_to", "?f ck:actor ?s ; ck:fromPolicy ?t .", "actor"),
    EdgeRule("concerns_place", "?f ck:actor ?s ; ck:concernsPlace ?t .", "actor"),
    EdgeRule("said", "?t ck:speaker ?s . BIND(?t AS ?f)", "fact"),
    EdgeRule("mentions", "?s a ck:Statement ; ck:mentions ?t . BIND(?s AS ?f)", "fact"),
    EdgeRule("at_event", "?s a ck:Statement ; ck:atEvent ?t . BIND(?s AS ?f)", "fact"),
    EdgeRule("committed_to", "?t a ck:Pledge ; ck:actor ?s . BIND(?t AS ?f)", "fact"),
    EdgeRule("concerns_place", "?s a ck:Pledge ; ck:concernsPlace ?t . BIND(?s AS ?f)", "fact"),
    EdgeRule("cites", "?s ck:cites ?t . BIND(?s AS ?f)", "fact"),
    EdgeRule("cites", "?s a ck:Pledge ; ck:fromPolicy ?t . BIND(?s AS ?f)", "fact"),
    EdgeRule("from_statement", "?s a ck:Pledge ; ck:fromStatement ?t . BIND(?s AS ?f)", "fact"),
)
EDGE_KINDS = tuple(dict.fromkeys(["member_of"] + [r.kind for r in EDGE_RULES]))

Q_DOCS = "SELECT ?g ?id ?d WHERE { GRAPH ?g { ?g a ck:Document . OPTIONAL { ?g schema:identifier ?id }" \
         " OPTIONAL { ?g dcterms:date ?d } } }"
Q_EVENT_DATES = "SELECT ?g ?d WHERE { GRAPH ?g { ?e a schema:Event ; schema:startDate ?d } }"
Q_SAID_AT = "SELECT ?f ?d WHERE { ?f ck:atEvent ?e . ?e schema:startDate ?d }"
Q_NODES = "SELECT ?n ?c ?g WHERE { GRAPH ?g { ?n a ?c } VALUES ?c { %s } }"
Q_NAMES = "SELECT ?n ?p ?v ?g WHERE { GRAPH ?g { ?n ?p ?v } VALUES ?p { schema:name schema:alternateName %s } }"
Q_ATTRS = "SELECT ?n ?p ?v WHERE { ?n ?p ?v VALUES ?p { ck:orgKind ck:placeType ck:policyType" \
          " eli:date_document schema:startDate %s } }"
FACT_PROPERTIES = {Q_NAMES: "ck:text", Q_ATTRS: "ck:speechKind ck:deadline"}


def node_query(template: str, facts_as_nodes: bool) -> str:
    """``template`` filled for the node kinds asked for (fact classes and properties only when needed)."""
    if template == Q_NODES:
        classes = [c for c, (kind, _) in CLASS_KINDS.items() if facts_as_nodes or kind not in FACT_KINDS]
        return Q_NODES % " ".join(f"<{c}>" for c in classes)
    return template % (FACT_PROPERTIES[template] if facts_as_nodes else "")
Q_COUNTS = {"statements": "SELECT DISTINCT ?n ?f ?g WHERE { GRAPH ?g { ?f ck:speaker ?n } }",
            "pledges": "SELECT DISTINCT ?n ?f ?g WHERE { GRAPH ?g { ?f ck:actor ?n } }"}


def edge_query(rule: EdgeRule) -> str:
    return f"SELECT ?s ?t ?g ?f ?d ?r WHERE {{ GRAPH ?g {{ {rule.pattern} }} }}"


def rows(store, query: str) -> Iterator[dict[str, Any]]:
    """Solutions as dicts of plain strings, streamed when the store allows."""
    solutions = None
    if hasattr(store, "query"):
        solutions = store.query(query)
    if solutions is not None and hasattr(solutions, "variables"):
        names = [v.value for v in solutions.variables]
        for sol in solutions:
            yield {n: _value(sol[n]) for n in names}
    else:
        for row in store.select(query):
            yield {k: _value(v) for k, v in row.items()}


def _value(term) -> str | None:
    return None if term is None else term.value


# ---------------------------------------------------------------- dates
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def iso_day(value: str | None, end: bool = False) -> str | None:
    """"2020" -> "2020-01-01" (or "2020-12-31" with ``end``); junk -> None."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 else 28
        return f"{year}-{month}-{last if end else 1:02d}"
    return f"{year}-12-31" if end else f"{year}-01-01"


def earliest(*dates: str | None) -> str | None:
    known = [d for d in dates if d]
    return min(known) if known else None


# ---------------------------------------------------------------- building
def build(store, filters=None, facts_as_nodes: bool = False) -> Projection:
    """The actor network of ``store`` with ``filters`` (a :class:`~.filters.Filters`) applied."""
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

