"""The projection's data model: node kinds and the classes they come from,
:class:`Node`, :class:`Edge` (weight = supporting facts) and :class:`Projection`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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
