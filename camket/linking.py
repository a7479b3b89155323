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
the smallest IRI), so the result of a batch does not depend on the order of
its documents (a later batch may move a node to the IRI of a now larger
cluster), and a second run over a linked store changes nothing.

After an ingest only the batch's people are compared, with the people of the
store that could match one of them: those bearing one of their names or
holding one of their posts (both are indexed look-ups of exact terms), so
the cost follows the batch, not the store.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

import pyoxigraph as ox

from camket.loaders.extract.resolve import same_person
from camket.ontology import ID
from camket.ontology.iri import canonical

PEOPLE_QUERY = """
SELECT DISTINCT ?p ?name ?title WHERE {
  GRAPH ?g { ?p a schema:Person ; schema:name ?name .
             OPTIONAL { ?m org:member ?p ; ck:title ?title } }
}
"""
# Each query below reads one pattern: a range of one of the store's indexes. A join inside
# ``GRAPH ?g`` (a name and a type, a membership and its title) over the people of a run
# took 2-6 s and grew the writer by ≈ 32 MB of RocksDB caches at 10^5 documents; one
# pattern at a time, 0.1-0.3 s and nothing. Person IRIs are told by their namespace.
NAMES_OF = "SELECT DISTINCT ?p ?name WHERE { VALUES ?p { %s } GRAPH ?g { ?p schema:name ?name } }"
MEMBERSHIPS_OF = "SELECT DISTINCT ?p ?m WHERE { VALUES ?p { %s } GRAPH ?g { ?m org:member ?p } }"
TITLES_OF = "SELECT DISTINCT ?m ?title WHERE { VALUES ?m { %s } GRAPH ?g { ?m ck:title ?title } }"
IN_GRAPHS = "SELECT DISTINCT ?p WHERE { VALUES ?g { %s } GRAPH ?g { ?p a schema:Person } }"
BY_NAME = "SELECT DISTINCT ?p WHERE { VALUES ?name { %s } GRAPH ?g { ?p schema:name ?name } }"
BY_TITLE = "SELECT DISTINCT ?m WHERE { VALUES ?title { %s } GRAPH ?g { ?m ck:title ?title } }"
MEMBERS_OF = "SELECT DISTINCT ?p WHERE { VALUES ?m { %s } GRAPH ?g { ?m org:member ?p } }"
GRAPHS_OF = "SELECT DISTINCT ?p ?g WHERE { VALUES ?p { %s } GRAPH ?g { ?p a schema:Person } }"
COUNTS = ("SELECT ?p (COUNT(?g) AS ?n) WHERE { VALUES ?p { %s } GRAPH ?g { ?p a schema:Person } } "
          "GROUP BY ?p")
CHUNK = 500
RELEASE_EVERY = 0.1
"""Seconds of look-ups between two releases of the store's read caches while linking
(:meth:`camket.store.EmbeddedStore.release_caches`): the seeks of one chunk after another
(a person's names, posts, namesakes, each in every level of an index) fill RocksDB's
block caches within a second. Linking the 9,201 people of 3,000 articles: peak anonymous
memory 151 MB with the flush's 2 s interval, 102 MB at 0.1 s, for 12 % more time."""
PERSON = f"{ID}person/"


def _select_in(store, query: str, terms) -> Iterator[dict]:
    """``query`` % a VALUES list of ``terms`` (pyoxigraph terms, or IRIs as strings),
    serialised by pyoxigraph, run a chunk of terms at a time (rows of one chunk in
    memory at once; IRIs become terms a chunk at a time). Between chunks the store
    may free its read caches (an embedded store does, at most every few seconds):
    reading the people of 10^5 documents grew the writer by ≈ 100 MB of RocksDB caches."""
    terms = sorted(set(terms), key=str)
    release = getattr(store, "release_caches", None)
    for i in range(0, len(terms), CHUNK):
        chunk = (ox.NamedNode(t) if isinstance(t, str) else t for t in terms[i:i + CHUNK])
        rows = store.select(query % " ".join(str(t) for t in chunk))
        if release:
            release(every=RELEASE_EVERY)
        yield from rows


def _people(store, iris=None) -> dict[str, dict]:
    """Names and posts of every person (or of the person IRIs ``iris``), also as the
    stored terms (``name_terms``, ``post_terms``); ``hot``: to be compared (see
    :func:`_pairs`). Their graphs are not kept: a person named in 10^4 documents
    would cost 10^4 rows. Given ``iris``: their names, their memberships (minted
    per person, post and body), then the memberships' titles, one pattern each."""
    people: dict[str, dict] = defaultdict(lambda: {"names": set(), "posts": set(), "hot": True,
                                                   "name_terms": set(), "post_terms": set()})
    if iris is None:
        for row in store.select(PEOPLE_QUERY):
            _add(people[row["p"].value], row["name"], row.get("title"))
        return people
    for row in _select_in(store, NAMES_OF, iris):
        _add(people[row["p"].value], row["name"], None)
    holders: dict[str, set[str]] = defaultdict(set)
    for row in _select_in(store, MEMBERSHIPS_OF, people):
        holders[row["m"].value].add(row["p"].value)
    for row in _select_in(store, TITLES_OF, holders):
        for p in holders[row["m"].value]:
            _add(people[p], None, row["title"])
    return people


def _add(rec: dict, name, title) -> None:
    if name is not None:
        rec["names"].add(name.value)
        rec["name_terms"].add(name)
    if title is not None:
        rec["posts"].add(title.value)
        rec["post_terms"].add(title)


def _graphs(store, iris) -> dict[str, set[str]]:
    """The document graphs naming each of the person IRIs ``iris``."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in _select_in(store, GRAPHS_OF, iris):
        out[r["p"].value].add(r["g"].value)
    return out


def _documents(store, iris) -> dict[str, int]:
    """How many document graphs name each of the person IRIs ``iris`` (counted by the
    store: a person named in 10^5 documents costs one row, not 10^5 graph IRIs)."""
    return {r["p"].value: int(r["n"].value) for r in _select_in(store, COUNTS, iris)}


def people_in(store, graphs) -> set[str]:
    """The person IRIs named in the document graphs ``graphs``."""
    return {r["p"].value for r in _select_in(store, IN_GRAPHS, graphs)}


def _around(store, hot: set[str]) -> dict[str, dict]:
    """The people ``hot`` and every person who bears one of their names or holds one
    of their posts: all that :func:`same_person` could pair them with."""
    batch = _people(store, hot)
    names = {t for rec in batch.values() for t in rec["name_terms"]}
    names |= {ox.Literal(canonical(t.value), language=t.language) if t.language else ox.Literal(canonical(t.value))
              for t in names}
    near = {r["p"].value for r in _select_in(store, BY_NAME, names) if r["p"].value.startswith(PERSON)}
    posts = {r["m"].value for r in _select_in(store, BY_TITLE, {t for rec in batch.values() for t in rec["post_terms"]})}
    near |= {r["p"].value for r in _select_in(store, MEMBERS_OF, posts)}
    near = _people(store, near - set(batch))
    for rec in near.values():
        rec["hot"] = False  # named in none of the touched documents: compared with ``hot`` only
    return {**batch, **near}


def _blocks(people: dict[str, dict]) -> dict[str, set[str]]:
    """People sharing a name or a post (as :func:`same_person` compares them): the only
    pairs that can be one person, so the only pairs compared."""
    blocks: dict[str, set[str]] = defaultdict(set)
    for iri, rec in people.items():
        for name in rec["names"]:
            blocks["n:" + canonical(name).casefold()].add(iri)
        for post in rec["posts"]:
            blocks["p:" + canonical(post).casefold()].add(iri)
    return blocks


def clusters(store, touched_graphs: set[str] | None = None, people: set[str] | None = None) -> list[list[str]]:
    """Groups of person IRIs that are one person (only groups of two or more), the
    canonical IRI first. With ``touched_graphs`` (or the person IRIs ``people``), only
    pairs with a side in those graphs (or among those people) are compared."""
    return _ranked(store, _compared(store, touched_graphs, people))


def _compared(store, touched_graphs: set[str] | None, people: set[str] | None) -> dict[str, dict]:
    if touched_graphs is None and people is None:
        return _people(store)
    hot = set(people or ()) | (people_in(store, touched_graphs) if touched_graphs else set())
    return _around(store, hot)


def _ranked(store, people: dict[str, dict]) -> list[list[str]]:
    """The clusters among ``people``, each sorted by documents naming them (most first,
    then IRI)."""
    groups = _clusters(people)
    counts = _documents(store, {i for members in groups for i in members})
    for members in groups:
        members.sort(key=lambda i: (-counts.get(i, 0), i))
    return sorted(groups)


def _pairs(people: dict[str, dict]):
    """Each pair of each block once (``a < b``), only pairs with a ``hot`` side. Two people
    sharing a name and a post are a pair of two blocks: no set of the pairs seen is kept
    to drop the second (it grows with the square of a block: the holders of a common post
    over years of articles; at 5,000 articles linking's Python peak 69 → 46 MB), and
    :func:`_clusters` skips a pair already joined."""
    for members in _blocks(people).values():
        ordered = sorted(members)
        for a in ordered:
            if people[a]["hot"]:
                for b in ordered:
                    if a != b and (a < b or not people[b]["hot"]):
                        yield (a, b) if a < b else (b, a)


def _clusters(people: dict[str, dict]) -> list[list[str]]:
    parent = {iri: iri for iri in people}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in _pairs(people):
        if find(a) == find(b):
            continue  # joined already (through this pair's other block, or others)
        ra, rb = people[a], people[b]
        if same_person(sorted(ra["names"]), sorted(rb["names"]), sorted(ra["posts"]), sorted(rb["posts"])):
            parent[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for iri in people:
        groups[find(iri)].append(iri)
    return [members for members in groups.values() if len(members) > 1]


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


def link_people(store, touched_graphs: set[str] | None = None, people: set[str] | None = None) -> list[str]:
    """Link spelling variants across documents (see module doc): all the store's people,
    or those named in ``touched_graphs`` and the person IRIs ``people`` (an ingest
    collects these batch by batch: they do not grow with the documents naming
    them). Returns the rewritten graphs."""
    rewritten: dict[str, dict[str, str]] = defaultdict(dict)
    groups = _ranked(store, _compared(store, touched_graphs, people))
    moved = {old: members[0] for members in groups for old in members[1:]}
    for old, graphs in _graphs(store, moved).items():  # only the minority spellings' documents
        for graph in graphs:
            rewritten[graph][old] = moved[old]
    for graph, mapping in sorted(rewritten.items()):
        _rewrite(store, graph, mapping)
    return sorted(rewritten)
