"""Cross-document linking: the same person spelled two ways in two articles -> one IRI.

Within a document the ``resolve`` component merges variants and short forms.
Across documents, identical canonical names already share an IRI (IRIs are
minted from the canonical name). What is left are spelling variants
("Balakrishnan" / "Balarkrishnan"): :func:`link_people` runs after each
ingest batch, finds pairs of people whose names are spelling variants (the
``resolve`` component's rule: close foreign spelling, never two Vietnamese
names that differ by a tone) *and* who hold the same post in both, and
rewrites the documents that use the minority spelling's IRI to use the
canonical one. Each document graph keeps its own spelling as ``schema:name``,
so the union shows every spelling of the one node.

The canonical IRI of a cluster is the one used by the most documents (ties:
the smallest IRI), so the result does not depend on ingest order, and a
second run over a linked store changes nothing.
"""
from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from camket.loaders.extract.resolve import same_person
from camket.ontology import ID
from camket.ontology.iri import fold

PEOPLE_QUERY = """
SELECT ?p ?name ?title ?g WHERE {
  GRAPH ?g { ?p a schema:Person ; schema:name ?name .
             OPTIONAL { ?m org:member ?p ; ck:title ?title } }
}
"""


def _people(store) -> dict[str, dict]:
    people: dict[str, dict] = defaultdict(lambda: {"names": set(), "posts": set(), "graphs": set()})
    for row in store.select(PEOPLE_QUERY):
        rec = people[row["p"].value]
        rec["names"].add(row["name"].value)
        rec["graphs"].add(row["g"].value)
        if row.get("title") is not None:
            rec["posts"].add(row["title"].value)
    return people


def _blocks(people: dict[str, dict]) -> dict[str, set[str]]:
    """People sharing a folded first or last word: the only pairs compared."""
    blocks: dict[str, set[str]] = defaultdict(set)
    for iri, rec in people.items():
        for name in rec["names"]:
            words = fold(name).split()
            if words:
                blocks["f:" + words[0]].add(iri)
                blocks["l:" + words[-1]].add(iri)
    return blocks


def clusters(store, touched_graphs: set[str] | None = None) -> list[list[str]]:
    """Groups of person IRIs that are one person (only groups of two or more).
    With ``touched_graphs``, only pairs with a side in those graphs are compared."""
    people = _people(store)
    parent = {iri: iri for iri in people}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: set[tuple[str, str]] = set()
    for members in _blocks(people).values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if (a, b) in seen:
                    continue
                seen.add((a, b))
                ra, rb = people[a], people[b]
                if touched_graphs is not None and not (ra["graphs"] | rb["graphs"]) & touched_graphs:
                    continue
                if same_person(sorted(ra["names"]), sorted(rb["names"]), sorted(ra["posts"]), sorted(rb["posts"])):
                    parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in people:
        groups[find(iri)].append(iri)
    out = []
    for members in groups.values():
        if len(members) > 1:
            members.sort(key=lambda i: (-len(people[i]["graphs"]), i))
            out.append(members)
    return sorted(out)


def _rewrite(store, graph: str, mapping: dict[str, str]) -> None:
    rows = store.select("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": ox.NamedNode(graph)})
    member_prefix = {f"{ID}membership/{old.rsplit('/', 1)[-1]}/": f"{ID}membership/{new.rsplit('/', 1)[-1]}/"
                     for old, new in mapping.items()}

    def term(t):
        if isinstance(t, ox.NamedNode):
            value = mapping.get(t.value, t.value)
            for old, new in member_prefix.items():
                if value.startswith(old):
                    value = new + value[len(old):]
            return str(ox.NamedNode(value))
        return str(t)

    lines = sorted({f"{term(r['s'])} {term(r['p'])} {term(r['o'])} ." for r in rows})
    store.replace_document(graph, "\n".join(lines))


def link_people(store, touched_graphs: set[str] | None = None) -> list[str]:
    """Link spelling variants across documents (see module doc); returns the rewritten graphs."""
    rewritten: dict[str, dict[str, str]] = defaultdict(dict)
    people = None
    for members in clusters(store, touched_graphs):
        canonical, others = members[0], members[1:]
        if people is None:
            people = _people(store)
        for old in others:
            for graph in people[old]["graphs"]:
                rewritten[graph][old] = canonical
    for graph, mapping in sorted(rewritten.items()):
        _rewrite(store, graph, mapping)
    return sorted(rewritten)
