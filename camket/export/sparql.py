"""The SPARQL the projection runs, and nothing else.

One query per relation (:data:`EDGE_RULES`: a graph pattern binding ``?s``
``?t`` and optionally ``?f`` the fact node, ``?d`` its own date, ``?r`` the
role), plus the document, node, name, attribute and count queries.
:func:`rows` streams solutions as dicts of plain strings from any store
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
