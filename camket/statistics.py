"""Precomputed statistics: one small named graph beside the documents, refreshed on ingest.

Counts and rankings over the whole corpus (who speaks most, which bodies the
articles name most) and the names and sub-body closure the analytical named
queries need are expensive to compute at query time on the union of
thousands of document graphs: every entity's name is repeated in each article
that names it, and ``org:subOrganizationOf*`` walks every term of the store.
This module keeps them precomputed in the graph :data:`GRAPH_STATS`
(``https://w3id.org/camket/graph/stats``)::

    <entity> ck:label "…"@vi ;          # its most frequent schema:name (ties: longest, then first);
                                        # kept once SETTLED documents name it, until a rebuild
             ck:documentCount 12 ;      # documents that mention it (ck:mentionedIn)
             ck:statementCount 5 ;      # statements it made (ck:speaker), when > 0
             ck:pledgeCount 2 .         # pledges it is the actor of (ck:actor), when > 0
    <body>   ck:withinBody <above> .    # every body above it (org:subOrganizationOf, transitively)
    <doc>    ck:counted <entity> ;      # bookkeeping: what each document was counted for, so
             ck:statesSubOrganization true .   # a changed document refreshes what it dropped

It never repeats an extracted predicate, so queries over the union of graphs
see the extraction unchanged. :func:`refresh` recomputes only the entities the
given documents mention (and the sub-body closure when they state a
sub-organisation); it is registered in :data:`camket.ingest.STORED_HOOKS`, so
``camket ingest`` and ``camket load`` keep the graph in step (a changed
document also refreshes the entities it no longer mentions). A large batch
(a bulk load) is rebuilt whole by :func:`rebuild`, which is also what
``python -m camket.statistics --store DIR`` runs (after documents were
removed, which no hook reports).

Public API::

    from camket.statistics import GRAPH_STATS, refresh, rebuild, has_statistics, rankings
    refresh(store, [doc_iri, ...])      # what the ingest hook does
    rebuild(store)                      # everything, from scratch
    rankings(store, "statementCount", 10)   # [(iri, label, count), ...]
"""
from __future__ import annotations

import argparse
from collections import defaultdict
from typing import Iterable

import pyoxigraph as ox

from camket.ontology import CK, ID, sparql_prefixes
from camket.store import py

GRAPH_STATS = "https://w3id.org/camket/graph/stats"
COUNTS = ("documentCount", "statementCount", "pledgeCount")
STAT_PREDICATES = ("label",) + COUNTS
BULK = 2000  # batches larger than this (a bulk load) are rebuilt whole
CHUNK = 400  # entities per VALUES block
SETTLED = 50  # an entity named in this many documents keeps its label until a rebuild

Q_HAS_SUBORG = "ASK { GRAPH <%(g)s> { ?a org:subOrganizationOf ?b } }"  # the graph as a constant: a direct look-up
Q_COUNTED = "SELECT ?g ?e WHERE { GRAPH ?g { ?e ck:mentionedIn ?g } }"
CONTRIBUTES = {f"{CK}mentionedIn": "documentCount", f"{CK}speaker": "statementCount", f"{CK}actor": "pledgeCount"}
Q_CONTRIBUTIONS = ("SELECT ?e ?p (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH <%(g)s> { "
                   "{ ?e ck:mentionedIn <%(g)s> BIND(ck:mentionedIn AS ?p) BIND(<%(g)s> AS ?s) } "
                   "UNION { VALUES ?p { ck:speaker ck:actor } ?s ?p ?e } } } GROUP BY ?e ?p")
Q_SUBORG_DOCS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a org:subOrganizationOf ?b } }"
Q_COUNT = {
    "documentCount": "SELECT ?e (COUNT(DISTINCT ?d) AS ?n) WHERE { %s ?e ck:mentionedIn ?d } GROUP BY ?e",
    "statementCount": "SELECT ?e (COUNT(DISTINCT ?s) AS ?n) WHERE { %s ?s ck:speaker ?e } GROUP BY ?e",
    "pledgeCount": "SELECT ?e (COUNT(DISTINCT ?s) AS ?n) WHERE { %s ?s ck:actor ?e } GROUP BY ?e",
}
Q_NAMES = ("SELECT ?e ?name (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { %%s ?e schema:name ?name } "
           "FILTER(STRSTARTS(STR(?g), \"%sdoc/\")) } GROUP BY ?e ?name" % ID)
Q_EDGES = "SELECT DISTINCT ?a ?b WHERE { ?a org:subOrganizationOf ?b }"


# ------------------------------------------------------------------ computing

def _values(iris: list[str] | None) -> str:
    return "" if iris is None else "VALUES ?e { %s }" % " ".join(f"<{i}>" for i in iris)


def _chunks(iris: list[str] | None) -> Iterable[list[str] | None]:
    if iris is None:
        yield None
        return
    for i in range(0, len(iris), CHUNK):
        yield iris[i:i + CHUNK]


def entity_stats(store, iris: list[str] | None = None, named: list[str] | None = None) -> dict[str, dict]:
    """``{entity: {"label": term, "documentCount": n, ...}}`` for ``iris`` (None: every entity);
    labels only for those in ``named`` when given."""
    out: dict[str, dict] = defaultdict(dict)
    for chunk in _chunks(iris):
        for key, query in Q_COUNT.items():
            for row in store.select(query % _values(chunk)):
                out[row["e"].value][key] = py(row["n"])
    names: dict[str, dict[ox.Literal, int]] = defaultdict(dict)
    for chunk in _chunks(iris if named is None else named):
        if chunk != []:
            for row in store.select(Q_NAMES % _values(chunk)):
                names[row["e"].value][row["name"]] = py(row["n"])
    for e, spellings in names.items():
        if iris is None and "documentCount" not in out.get(e, {}):
            continue  # as in refresh: labels for what documents mention (not roles)
        out[e]["label"] = min(spellings, key=lambda n: (-spellings[n], -len(n.value), n.value))
    return out


def closure(store) -> list[tuple[str, str]]:
    """Every (body, body above it) pair of the sub-organisation hierarchy.

    The direct edges are read and closed here, not by an ``org:subOrganizationOf+``
    path: some engines (Virtuoso 7) refuse a transitive path with no bound start."""
    above: dict[str, set[str]] = {}
    for r in store.select(Q_EDGES):
        above.setdefault(r["a"].value, set()).add(r["b"].value)
    pairs = set()
    for body in above:
        seen, todo = set(), list(above[body])
        while todo:
            b = todo.pop()
            if b not in seen:
                seen.add(b)
                todo.extend(above.get(b, ()))
        pairs.update((body, b) for b in seen if b != body)
    return sorted(pairs)


def _triples(stats: dict[str, dict]) -> list[str]:
    lines = []
    for e, values in sorted(stats.items()):
        if "label" in values:
            lines.append(f"<{e}> <{CK}label> {values['label']} .")
        for key in COUNTS:
            if values.get(key):
                lines.append(f'<{e}> <{CK}{key}> "{values[key]}"^^<http://www.w3.org/2001/XMLSchema#integer> .')
    return lines


def _closure_triples(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"<{a}> <{CK}withinBody> <{b}> ." for a, b in pairs]


# ------------------------------------------------------------------ writing

def _update(store, text: str) -> None:
    update = getattr(store, "update", None)
    if update is not None:
        update(text)
    else:  # the embedded store: its pyoxigraph handle
        store._store.update(sparql_prefixes() + text)


def writable(store) -> bool:
    return not getattr(store, "read_only", False) and (hasattr(store, "update") or hasattr(store, "_store"))


def rebuild(store) -> int:
    """Recompute the whole statistics graph; returns its number of triples."""
    counted = [(r["g"].value, r["e"].value) for r in store.select(Q_COUNTED)]
    flagged = [r["g"].value for r in store.select(Q_SUBORG_DOCS)]
    lines = (_triples(entity_stats(store)) + _closure_triples(closure(store))
             + _bookkeeping(counted, flagged))
    store.replace_document(GRAPH_STATS, "\n".join(lines))
    return len(lines)


def refresh(store, graph_iris: Iterable[str] | str, digests: dict | None = None) -> None:
    """Recompute the statistics of what the documents ``graph_iris`` mention now or mentioned
    when last counted (see module doc). ``digests`` (:func:`contributions_of_triples` by
    graph, what ingest computed while extracting) spare reading those documents back."""
    docs = [graph_iris] if isinstance(graph_iris, str) else [g for g in graph_iris if g != GRAPH_STATS]
    if not docs or not writable(store):
        return
    from camket import void_stats
    void_stats.drop(store)  # the VoID counts, when written, are stale now
    if len(docs) > BULK or not has_statistics(store):
        rebuild(store)
        return
    digests = digests or {}
    known = {g: digests[g] for g in docs if g in digests}
    added = {**_contributions(store, [g for g in docs if g not in known]), **{g: d[0] for g, d in known.items()}}
    counted = [(g, e) for g, by_entity in added.items() for e, n in by_entity.items() if n.get("documentCount")]
    flagged = [g for g in docs if (known[g][1] if g in known else store.query(Q_HAS_SUBORG % {"g": g}))]
    before = _bookkeeping_held(store, docs)
    dropped = {o[1:-1] for _, p, o in before if p == "counted"}
    touched = sorted({e for _, e in counted} | dropped)
    if touched:
        stored = _stored(store, touched)
        settled = {e for e, v in stored.items() if "label" in v and (py(v.get("documentCount")) or 0) >= SETTLED}
        # a settled entity none of these documents counted before, or one they all name by its
        # label (digests tell): add their share to its counts (an exact recount would read all
        # its mentions, thousands for a body in every article)
        complete = len(known) == len(docs)
        grown = (settled | _same_label(stored, known, complete)) - dropped
        # new to the statistics: named and mentioned only by these documents, all digested
        fresh = {e for e in touched if e not in stored and e not in dropped} if complete else set()
        stats = entity_stats(store, [e for e in touched if e not in grown and e not in fresh],
                             [e for e in touched if e not in settled and e not in grown and e not in fresh])
        shares = _summed(added)
        for e in grown | fresh:
            stats[e] = {k: (py(stored.get(e, {}).get(k)) or 0) + shares.get(e, {}).get(k, 0) for k in COUNTS}
        for e in settled | grown:
            if "label" in stored[e]:
                stats[e]["label"] = stored[e]["label"]
        spelled = _spellings(known) if fresh else {}
        for e in fresh:
            if (label := _most_spelled(spelled.get(e))) is not None:
                stats[e]["label"] = label
        _write(store, "DELETE DATA", [f"<{e}> <{CK}{p}> {o} ." for e, v in stored.items() for p, o in v.items()])
        _write(store, "INSERT DATA", _triples(stats))
    _write(store, "DELETE DATA", [f"<{d}> <{CK}{p}> {o} ." for d, p, o in before])
    _write(store, "INSERT DATA", _bookkeeping(counted, flagged))
    restated = any(p == "statesSubOrganization" for _, p, _ in before)
    edges = None if restated or len(known) < len(docs) else {e for g in flagged for e in known[g][1]}
    if (flagged or restated) and not (edges is not None and _closed(store, edges)):
        _update(store, f"DELETE WHERE {{ GRAPH <{GRAPH_STATS}> {{ ?a ck:withinBody ?b }} }}")
        _write(store, "INSERT DATA", _closure_triples(closure(store)))


def _summed(added: dict[str, dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    """The documents' contributions (:func:`_contributions`) added up by entity, in one pass
    (summing them per entity over every document cost batch size × entities)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for by_entity in added.values():
        for e, counts in by_entity.items():
            mine = out[e]
            for k, n in counts.items():
                mine[k] = mine.get(k, 0) + n
    return out


def _closed(store, edges: set[tuple[str, str]]) -> bool:
    """Whether the closure held already has every (body, body above) edge of ``edges``: new
    documents stating only such edges leave the hierarchy as it was (most articles restate
    the same few ministries' departments), so it is not recomputed (a read of every edge)."""
    held: set[tuple[str, str]] = set()
    bodies = sorted({a for a, _ in edges})
    for chunk in _chunks(bodies):
        held.update((r["e"].value, r["b"].value) for r in store.select(
            f"SELECT ?e ?b WHERE {{ GRAPH <{GRAPH_STATS}> {{ {_values(chunk)} ?e ck:withinBody ?b }} }}"))
    return edges <= held


def _contributions(store, docs: list[str]) -> dict[str, dict[str, dict[str, int]]]:
    """What each document adds to the counts: {document: {entity: {count name: n}}}."""
    out: dict[str, dict[str, dict[str, int]]] = {}
    for g in docs:
        by_entity: dict[str, dict[str, int]] = defaultdict(dict)
        for r in store.select(Q_CONTRIBUTIONS % {"g": g}):
            by_entity[r["e"].value][CONTRIBUTES[r["p"].value]] = py(r["n"])
        out[g] = by_entity
    return out


def _spellings(known: dict[str, tuple]) -> dict[str, dict[tuple[str, str], int]]:
    """For each entity the digested documents name: how many of them use each of its spellings
    ((N-Triples, text) pairs), counted in one pass over the documents."""
    out: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for _, _, names in known.values():
        for e, spelled in names.items():
            counts = out[e]
            for spelling in spelled:
                counts[spelling] += 1
    return out


def _most_spelled(spellings: dict[tuple[str, str], int] | None) -> str | None:
    """The spelling (N-Triples) the most of these documents use (``spellings``: an entity's, by
    :func:`_spellings`), as :func:`entity_stats` picks a label (ties: the longest, then the first)."""
    if not spellings:
        return None
    return min(spellings, key=lambda n: (-spellings[n], -len(n[1]), n[1]))[0]


def _same_label(stored: dict[str, dict], known: dict[str, tuple], complete: bool) -> set[str]:
    """Entities counted before whose every spelling in these documents (``known``: digests of all
    of them, ``complete``) is their label (none when they have none): it stays the most frequent."""
    if not complete:
        return set()
    spellings: dict[str, set[str]] = defaultdict(set)
    for _, _, names in known.values():
        for e, spelled in names.items():
            spellings[e].update(spelled)
    return {e for e, v in stored.items()
            if {nt for nt, _ in spellings.get(e, ())} <= ({str(v["label"])} if "label" in v else set())}


def contributions_of_triples(graph_iri: str, triples) -> tuple[dict, list[tuple[str, str]], dict[str, set[str]]]:
    """What the document adds to the counts (as :func:`_contributions` reads it back), the
    sub-organisation edges it states and the spellings ((N-Triples, text) pairs) of what it names, from its
    triples as ingest built them."""
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    edges, names = [], defaultdict(set)
    for t in triples:
        p = t.predicate.value
        if p in CONTRIBUTES:
            if p != f"{CK}mentionedIn":
                sources[(t.object.value, CONTRIBUTES[p])].add(t.subject.value)
            elif t.object.value == graph_iri:
                sources[(t.subject.value, "documentCount")].add(graph_iri)
        elif p == _SUBORG:
            edges.append((t.subject.value, t.object.value))
        elif p == _NAME:
            names[t.subject.value].add((str(t.object), t.object.value))
    by_entity: dict[str, dict[str, int]] = defaultdict(dict)
    for (e, count), subjects in sources.items():
        by_entity[e][count] = len(subjects)
    return by_entity, sorted(edges), dict(names)


_SUBORG = "http://www.w3.org/ns/org#subOrganizationOf"
_NAME = "https://schema.org/name"


def _bookkeeping(counted: list[tuple[str, str]], flagged: list[str]) -> list[str]:
    """What each document was counted for: the entities it mentions, whether it states a sub-body."""
    return ([f"<{d}> <{CK}counted> <{e}> ." for d, e in counted]
            + [f'<{d}> <{CK}statesSubOrganization> "true"^^<http://www.w3.org/2001/XMLSchema#boolean> .'
               for d in flagged])


def _bookkeeping_held(store, docs: list[str]) -> list[tuple[str, str, str]]:
    """(document, predicate name, object as N-Triples) of the bookkeeping held for ``docs``."""
    out = []
    for chunk in _chunks(docs):
        values = "VALUES ?d { %s }" % " ".join(f"<{d}>" for d in chunk)
        for r in store.select(f"SELECT ?d ?p ?o WHERE {{ GRAPH <{GRAPH_STATS}> {{ {values} ?d ?p ?o }} }}"):
            name = r["p"].value[len(str(CK)):]
            if name in ("counted", "statesSubOrganization"):
                out.append((r["d"].value, name, str(r["o"])))
    return out


def _stored(store, iris: list[str]) -> dict[str, dict[str, object]]:
    """The statistics (not the closure) held now for ``iris``: {entity: {predicate name: term}}."""
    out: dict[str, dict[str, object]] = defaultdict(dict)
    for chunk in _chunks(iris):  # VALUES inside the GRAPH block: one index look-up per entity
        for r in store.select(f"SELECT ?e ?p ?o WHERE {{ GRAPH <{GRAPH_STATS}> {{ {_values(chunk)} ?e ?p ?o }} }}"):
            name = r["p"].value[len(str(CK)):]
            if name in STAT_PREDICATES:
                out[r["e"].value][name] = r["o"]
    return out


def _write(store, operation: str, lines: list[str]) -> None:
    if lines:
        _update(store, "%s { GRAPH <%s> {\n%s\n} }" % (operation, GRAPH_STATS, "\n".join(lines)))


# ------------------------------------------------------------------ reading

def has_statistics(store) -> bool:
    return bool(store.query(f"ASK {{ GRAPH <{GRAPH_STATS}> {{ ?s ?p ?o }} }}"))


def rankings(store, count: str, limit: int = 10) -> list[tuple[str, str | None, int]]:
    """The entities with the highest ``count`` (one of :data:`COUNTS`): (iri, label, n)."""
    if count not in COUNTS:
        raise ValueError(f"count must be one of {', '.join(COUNTS)}")
    rows = store.select(f"SELECT ?e ?l ?n WHERE {{ GRAPH <{GRAPH_STATS}> {{ ?e ck:{count} ?n "
                        f"OPTIONAL {{ ?e ck:label ?l }} }} }} ORDER BY DESC(?n) ?l ?e LIMIT {int(limit)}")
    return [(r["e"].value, py(r["l"]), py(r["n"])) for r in rows]


def _on_stored(store, graph_iris, digests: dict | None = None) -> None:
    refresh(store, graph_iris, digests)


_on_stored.digest = contributions_of_triples  # type: ignore[attr-defined]


def register_hook() -> None:
    from camket.ingest import STORED_HOOKS
    if _on_stored not in STORED_HOOKS:
        STORED_HOOKS.append(_on_stored)


def main(argv: list[str] | None = None) -> int:
    from camket.store import DEFAULT_STORE, open_store
    ap = argparse.ArgumentParser(description="Rebuild the precomputed statistics graph of a store.")
    ap.add_argument("--store", default=DEFAULT_STORE)
    args = ap.parse_args(argv)
    store = open_store(args.store)
    print(f"{rebuild(store)} statistics triples in <{GRAPH_STATS}>")
    store.close()
    return 0


register_hook()

if __name__ == "__main__":
    raise SystemExit(main())
