"""Shared SPARQL helpers of the lookups: ids <-> IRIs, labels, evidence, documents.

Every value a user sends reaches SPARQL only as an RDF term serialised by
pyoxigraph inside a ``VALUES`` block (:func:`values`), never pasted as text.

Public API::

    node(kind, id) -> NamedNode            # raises NotFound on a malformed id
    resolve(store, kind, id) -> NamedNode  # exact IRI, else accent-free match
    cluster(store, node) -> [NamedNode]    # the node and the IRIs merged into it (same-as judgements)
    values(var, terms) -> "VALUES ?var { ... }"
    refs(store, iris) -> {iri: Ref}        # names of entities in one query
    evidence(store, iris) -> {iri: [Evidence]}
    doc_refs(store, doc_iris) -> {iri: DocRef}
    newest_documents(store) -> [doc IRI]   # newest first, then IRI; undated last
    document_order(store) -> [doc IRI]     # the same, kept per store generation
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

import pyoxigraph as ox

from camket.ontology import ID, iri as iris
from camket.store import py, term_to_sparql

from .models import DocRef, Evidence, Ref
from .store_cache import cached, is_snapshot

KIND_PATHS = {"person": "person", "organization": "org", "place": "place", "policy": "policy",
              "event": "event", "statement": "statement", "pledge": "pledge", "document": "doc",
              "membership": "membership", "role": "role"}
PATH_KINDS = {v: k for k, v in KIND_PATHS.items()}
KIND_CLASSES = {
    "person": "schema:Person", "organization": "org:Organization", "policy": "ck:PolicyDocument",
    "event": "schema:Event", "statement": "ck:Statement", "pledge": "ck:Pledge", "document": "ck:Document",
    "place": "schema:Place schema:City ck:Province schema:Country ck:Region",
}


class NotFound(LookupError):
    """Nothing with that id (the message names it)."""


class Moved(Exception):
    """The id names a node a researcher merged into another (camket.curation):
    the app answers with a redirect to the canonical id."""

    def __init__(self, old_key: str, new_key: str):
        super().__init__(f"merged into {new_key}")
        self.old_key, self.new_key = old_key, new_key


def node(kind: str, key: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(f"{ID}{KIND_PATHS[kind]}/{key}")
    except ValueError:
        raise NotFound(f"no {kind} with id {key!r}") from None


def kind_of(iri: str) -> str:
    rest = iri[len(str(ID)):] if iri.startswith(str(ID)) else ""
    return PATH_KINDS.get(rest.split("/", 1)[0], "other")


def key_of(iri: str) -> str:
    return iris.key_of(iri).split("#", 1)[0]


def values(var: str, terms: Iterable[Any]) -> str:
    """A ``VALUES ?var { ... }`` block of safely serialised terms."""
    return f"VALUES ?{var} {{ {' '.join(term_to_sparql(t) for t in terms)} }}"


def exists(store, kind: str, subject: ox.NamedNode) -> bool:
    q = f"ASK {{ {typed(kind, str(subject))} }}"
    return bool(store.query(q))


def typed(kind: str, var: str) -> str:
    """``var`` is of the classes of ``kind``: classes written inline (Oxigraph does not push a
    VALUES block of classes into ``?x a ?c``; it would scan every rdf:type triple)."""
    branches = [f"{{ {var} a {c} }}" for c in _classes(kind)]
    return branches[0] if len(branches) == 1 else " UNION ".join(branches)


def _classes(kind: str) -> list[ox.NamedNode]:
    from camket.ontology import PREFIXES
    out = []
    for curie in KIND_CLASSES[kind].split():
        prefix, local = curie.split(":")
        out.append(ox.NamedNode(PREFIXES[prefix] + local))
    return out


def resolve(store, kind: str, key: str) -> ox.NamedNode:
    """The IRI of ``kind``/``key``; an accent-free key ("nguyen-van-binh") also finds it."""
    subject = node(kind, key)
    if exists(store, kind, subject):
        _raise_if_merged(store, key, subject)
        return subject
    folded = iris.fold(key.replace("-", " "))
    rows = store.select(f"SELECT DISTINCT ?s WHERE {{ {typed(kind, '?s')} }}")
    matches = sorted(r["s"].value for r in rows if iris.fold(key_of(r["s"].value).replace("-", " ")) == folded)
    if not matches:
        raise NotFound(f"no {kind} with id {key!r}")
    return ox.NamedNode(matches[0])


def _raise_if_merged(store, key: str, subject: ox.NamedNode) -> None:
    from camket.curation.view import canonical_iri
    view = _snapshot_view(store)
    canon = view.same_as.get(subject.value) if view else canonical_iri(store, subject.value)
    if canon and canon != subject.value:
        raise Moved(key, key_of(canon))


def _snapshot_view(store):
    """The resolved view (same-as judgements...) of a read-only store, read once per snapshot;
    None for a writable or remote store (judgements recorded through the API show at once)."""
    if not is_snapshot(store):
        return None
    from camket.curation.view import load_view
    return cached(store, "resolved-view", lambda: load_view(store))


def cluster(store, subject: ox.NamedNode | None) -> list[ox.NamedNode] | None:
    """``subject`` first, then every IRI a researcher's same-as judgement merged into it: a lookup
    of a canonical node shows the facts of its whole cluster (None stays None)."""
    if subject is None:
        return None
    from camket.curation.view import cluster_iris
    view = _snapshot_view(store)
    members = view.members(subject.value) if view else cluster_iris(store, subject.value)
    return [ox.NamedNode(i) for i in members]


def each(nodes: ox.NamedNode | list[ox.NamedNode], *patterns: str) -> list[str]:
    """``patterns`` (``{x}`` stands for the entity) written for every IRI of ``nodes``: the
    branches of a UNION over a cluster, each carrying the rest of the query."""
    return [p.format(x=n) for n in (nodes if isinstance(nodes, list) else [nodes]) for p in patterns]


def union_of(alternatives: list[list[str]], rest: str) -> str:
    """A WHERE body: one branch per combination of ``alternatives``, each followed by ``rest``
    (Oxigraph evaluates a join with a UNION by scanning the other side: seconds on a large store)."""
    import itertools
    branches = [" ".join(combo) for combo in itertools.product(*alternatives)]
    if len(branches) <= 1:
        return f"{branches[0] if branches else ''} {rest}"
    return " UNION ".join(f"{{ {b} {rest} }}" for b in branches)


def ref_or_none(value: str | None, kinds: tuple[str, ...], store) -> ox.NamedNode | None:
    """A filter value (full IRI, ``kind/key`` or bare key) as the entity's IRI."""
    if not value:
        return None
    if value.startswith(str(ID)):
        return ox.NamedNode(value)
    head, _, tail = value.partition("/")
    if tail and head in KIND_PATHS.values() and PATH_KINDS[head] in kinds:
        return resolve(store, PATH_KINDS[head], tail)
    for kind in kinds:  # the exact IRI of any kind first: the accent-free fallback of ``resolve``
        try:  # reads every entity of a kind (0.3 s for people at 100k articles)
            if exists(store, kind, node(kind, value)):
                return resolve(store, kind, value)
        except NotFound:
            break
    for kind in kinds:
        try:
            return resolve(store, kind, value)
        except NotFound:
            continue
    raise NotFound(f"no {' or '.join(kinds)} with id {value!r}")


def refs(store, nodes: Iterable[str]) -> dict[str, Ref]:
    """A :class:`Ref` (id, kind, name) for each IRI; the name is the smallest spelling (a policy's
    number first). Names are kept per store generation (:mod:`.store_cache`): a body or a
    province carries its name in every document graph that mentions it, thousands at 10k
    articles, and reading them again for every page cost 100+ ms."""
    nodes = sorted({n for n in nodes if n})
    known = cached(store, "names", dict)
    missing = [n for n in nodes if n not in known]
    if missing:
        known.update(_names(store, missing))
    return {n: Ref(id=key_of(n), kind=kind_of(n), iri=n, name=known[n]) for n in nodes}


def _names(store, nodes: list[str]) -> dict[str, str | None]:
    """One DISTINCT UNION of names and numbers: OPTIONALs would return (and convert) a row per
    document graph and spelling pair (64 ms instead of 6 ms for 40 places at 1,000 documents)."""
    q = f"""SELECT DISTINCT ?e ?label ?k WHERE {{ {values('e', map(ox.NamedNode, nodes))}
      {{ ?e schema:name ?label BIND(1 AS ?k) }} UNION {{ ?e eli:id_local ?label BIND(0 AS ?k) }} }}"""
    names: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for r in store.select(q):
        names[r["e"].value].add((int(r["k"].value), r["label"].value))
    return {n: min(names[n])[1] if names[n] else None for n in nodes}


def all_names(store, subject: ox.NamedNode) -> list[str]:
    q = f"""SELECT DISTINCT ?n WHERE {{ {values('e', [subject])}
      {{ ?e schema:name ?n }} UNION {{ ?e schema:alternateName ?n }} }}"""
    return sorted({r["n"].value for r in store.select(q)})


def evidence(store, nodes: Iterable[str], document: str | None = None) -> dict[str, list[Evidence]]:
    """Evidence spans of each IRI, in document then offset order; with ``document``
    (an IRI), only the spans in that document (read from its graph alone)."""
    nodes = sorted({n for n in nodes if n})
    out: dict[str, list[Evidence]] = defaultdict(list)
    if not nodes:
        return out
    pattern = "?x ck:evidence ?sp . ?sp ck:inDocument ?doc ; oa:start ?start ; oa:end ?end ; oa:exact ?exact"
    if document:
        pattern = f"GRAPH {ox.NamedNode(document)} {{ {pattern} }}"
    q = f"""SELECT DISTINCT ?x ?doc ?start ?end ?exact WHERE {{ {values('x', map(ox.NamedNode, nodes))}
      {pattern} }}"""
    for r in store.select(q):
        out[r["x"].value].append(Evidence(document=key_of(r["doc"].value), document_iri=r["doc"].value,
                                          exact=r["exact"].value, start=py(r["start"]), end=py(r["end"])))
    for spans in out.values():
        spans.sort(key=lambda e: (e.document, e.start, e.end))
    return out


def doc_refs(store, docs: Iterable[str]) -> dict[str, DocRef]:
    """Title, date and publisher of each document (kept per store generation, like names)."""
    docs = sorted({d for d in docs if d})
    known = cached(store, "doc-refs", dict)
    missing = [d for d in docs if d not in known]
    if missing:
        q = f"""SELECT ?d ?title ?date ?publisher WHERE {{ {values('d', map(ox.NamedNode, missing))}
          OPTIONAL {{ ?d dcterms:title ?title }} OPTIONAL {{ ?d dcterms:date ?date }}
          OPTIONAL {{ ?d dcterms:publisher ?publisher }} }}"""
        for r in store.select(q):
            d = r["d"].value
            known[d] = DocRef(id=key_of(d), iri=d, title=py(r["title"]), date=_str(r["date"]),
                              publisher=py(r["publisher"]))
    return {d: known[d] for d in docs if d in known}


def newest_documents(store) -> list[str]:
    """Every document IRI, newest date first, then by IRI (undated last); sorted here, once
    per store generation (the lists cache it: :mod:`.store_cache`), not by an ORDER BY per page.
    Read as two plain patterns inside each document's own graph (≈ 1.5 s at 100k documents;
    one OPTIONAL + GROUP BY over the union graph took ≈ 13 s)."""
    docs = {r["d"].value for r in store.select("SELECT ?d WHERE { GRAPH ?d { ?d a ck:Document } }")}
    dates: dict[str, str] = {}
    for r in store.select("SELECT ?d ?x WHERE { GRAPH ?d { ?d dcterms:date ?x } }"):
        d, x = r["d"].value, str(r["x"].value)
        if d in docs and x > dates.get(d, ""):
            dates[d] = x
    dated = sorted((dates.get(d, ""), d) for d in docs)
    dated.sort(key=lambda t: t[0], reverse=True)  # stable: newest first, then IRI; undated last
    return [d for _, d in dated]


def document_order(store) -> list[str]:
    """:func:`newest_documents`, computed once per store generation (:mod:`.store_cache`)."""
    return cached(store, "documents", lambda: newest_documents(store))


def _str(term) -> str | None:
    return None if term is None else str(term.value)


def count(store, where: str) -> int:
    rows = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return int(py(rows[0]["n"])) if rows else 0
