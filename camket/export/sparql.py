"""The SPARQL the projection runs, and nothing else.

One query per relation (:data:`EDGE_RULES`: a graph pattern binding ``?s``
``?t`` and optionally ``?f`` the fact node, ``?d`` its own date, ``?r`` the
role), plus the document, node, name, attribute and count queries.
:func:`fetch` runs a list of them (from both ends at once on a large embedded
store, :mod:`.parallel`) and returns their solutions as tuples of plain
strings; :func:`rows` streams one query's as dicts. Both work on any store
backend (``query`` returning pyoxigraph solutions, else ``select``).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from .model import CLASS_KINDS, FACT_KINDS


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
# One query per class / property, with the class or property as a constant: the store then
# decodes only the varying terms of each row (decoding terms is most of the cost of reading).
Q_NODES = "SELECT ?n ?g WHERE { GRAPH ?g { ?n a <%s> } }"
Q_NAMES = "SELECT ?n ?v ?g WHERE { GRAPH ?g { ?n %s ?v } }"
Q_ATTRS = "SELECT ?n ?v WHERE { ?n %s ?v }"
NAME_PROPERTIES, FACT_NAME_PROPERTIES = ("schema:name", "schema:alternateName"), ("ck:text",)
ATTR_PROPERTIES = ("ck:orgKind", "ck:placeType", "ck:policyType", "eli:date_document", "schema:startDate")
FACT_ATTR_PROPERTIES = ("ck:speechKind", "ck:deadline")


def node_queries(facts_as_nodes: bool) -> list[tuple[str, str]]:
    """(class IRI, query) for the node kinds asked for (fact classes only when needed)."""
    return [(c, Q_NODES % c) for c, (kind, _) in CLASS_KINDS.items() if facts_as_nodes or kind not in FACT_KINDS]


def name_queries(facts_as_nodes: bool, per_document: bool = True) -> list[tuple[str, str]]:
    """(property, query) for the names and alternate names (and fact texts when asked for): rows
    (node, name, document), or (node, name, number of documents) when not ``per_document``."""
    props = NAME_PROPERTIES + (FACT_NAME_PROPERTIES if facts_as_nodes else ())
    return [(p, (Q_NAMES if per_document else Q_NAMES_COUNTED) % p) for p in props]


def attr_queries(facts_as_nodes: bool) -> list[tuple[str, str]]:
    """(property, query) for the attributes read, in the order their first value wins."""
    props = ATTR_PROPERTIES + (FACT_ATTR_PROPERTIES if facts_as_nodes else ())
    return [(p, Q_ATTRS % p) for p in props]


Q_COUNTS = {"statements": "SELECT DISTINCT ?n ?f ?g WHERE { GRAPH ?g { ?f ck:speaker ?n } }",
            "pledges": "SELECT DISTINCT ?n ?f ?g WHERE { GRAPH ?g { ?f ck:actor ?n } }"}
# with no document or date filter, the store counts (fewer rows, fewer terms to decode):
Q_NAMES_COUNTED = "SELECT ?n ?v (COUNT(*) AS ?c) WHERE { GRAPH ?g { ?n %s ?v } } GROUP BY ?n ?v"
Q_COUNTS_TOTAL = {"statements": "SELECT ?n (COUNT(DISTINCT ?f) AS ?c) WHERE { ?f ck:speaker ?n } GROUP BY ?n",
                  "pledges": "SELECT ?n (COUNT(DISTINCT ?f) AS ?c) WHERE { ?f ck:actor ?n } GROUP BY ?n"}


def edge_query(rule: EdgeRule) -> str:
    return f"SELECT ?s ?t ?g ?f ?d ?r WHERE {{ GRAPH ?g {{ {rule.pattern} }} }}"


def rows(store, query: str) -> Iterator[dict[str, Any]]:
    """Solutions as dicts of plain strings, streamed when the store allows."""
    names, tuples = _solutions(store, query)
    for row in tuples:
        yield dict(zip(names, row))


PARALLEL_MIN_BYTES = 32 << 20  # smaller embedded stores are read in this process (a helper would not pay)


def fetch(store, queries: list[str], parallel: bool = True) -> Iterator[list[tuple]]:
    """The solutions of each query as tuples of plain strings (None when unbound), in the order
    of its SELECT, one query after the other (lazily: read each before asking for the next). On a
    large embedded store (``parallel``) a helper process runs them from the other end of the list
    (:mod:`.parallel`: pyoxigraph holds the GIL, threads would not help)."""
    run = lambda q: list(_solutions(store, q)[1])  # noqa: E731
    location = _parallel_location(store) if parallel and len(queries) > 1 else None
    if location is None:
        return (run(q) for q in queries)
    from camket.ontology import sparql_prefixes

    from .parallel import fetch_two_processes
    return fetch_two_processes(location, queries, run, sparql_prefixes())


def _parallel_location(store) -> str | None:
    if getattr(store, "kind", None) != "embedded" or not hasattr(store, "size_bytes"):
        return None
    return str(store.location) if store.size_bytes() >= PARALLEL_MIN_BYTES else None


def _solutions(store, query: str) -> tuple[list[str], Iterator[tuple]]:
    solutions = store.query(query) if hasattr(store, "query") else None
    if solutions is not None and hasattr(solutions, "variables"):
        names = [v.value for v in solutions.variables]
        return names, (tuple(None if t is None else t.value for t in sol) for sol in solutions)
    selected = store.select(query)
    names = list(selected[0]) if selected else []
    return names, (tuple(_value(r[n]) for n in names) for r in selected)
