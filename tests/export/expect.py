"""Expectations computed from the store with hand-written SPARQL (not with the
exporter's own queries), for the export tests to compare against."""
from __future__ import annotations

from collections import Counter

from camket.store import py

NODE_CLASSES = {
    "person": "schema:Person", "body": "org:Organization", "policy": "ck:PolicyDocument",
    "event": "schema:Event",
    "place": "schema:Place schema:City ck:Province schema:Country ck:Region",
}


def values(store, query: str) -> list[dict]:
    return [{k: py(v) for k, v in row.items()} for row in store.select(query)]


def node_counts(store) -> Counter:
    counts = Counter()
    for kind, classes in NODE_CLASSES.items():
        rows = values(store, f"SELECT (COUNT(DISTINCT ?n) AS ?c) WHERE {{ ?n a ?k VALUES ?k {{ {classes} }} }}")
        if rows[0]["c"]:
            counts[kind] = rows[0]["c"]
    return counts


def node_iris(store) -> set[str]:
    classes = " ".join(NODE_CLASSES.values())
    return {r["n"] for r in values(store, f"SELECT DISTINCT ?n WHERE {{ ?n a ?k VALUES ?k {{ {classes} }} }}")}


def membership_pairs(store) -> set[tuple[str, str]]:
    return {(r["s"], r["t"]) for r in values(
        store, "SELECT DISTINCT ?s ?t WHERE { ?m a org:Membership ; org:member ?s ; org:organization ?t }")}


def said_about_pairs(store) -> set[tuple[str, str]]:
    nodes = node_iris(store)
    rows = values(store, "SELECT DISTINCT ?s ?t WHERE { ?st a ck:Statement ; ck:speaker ?s ; ck:mentions ?t }")
    return {(r["s"], r["t"]) for r in rows if r["s"] in nodes and r["t"] in nodes and r["s"] != r["t"]}


def statements_by(store, speaker: str) -> int:
    return values(store, f"SELECT (COUNT(DISTINCT ?st) AS ?c) WHERE {{ ?st ck:speaker <{speaker}> }}")[0]["c"]


def said_about_weight(store, speaker: str, target: str) -> int:
    """Statements (per document) in which ``speaker`` mentions ``target``."""
    rows = values(store, f"SELECT DISTINCT ?st ?g WHERE {{ GRAPH ?g {{ ?st ck:speaker <{speaker}> ;"
                         f" ck:mentions <{target}> }} }}")
    return len(rows)


def first_date(store, entity: str) -> str | None:
    """Earliest date of a document mentioning ``entity``, of a membership it is
    in, of an event it is (or organised, or hosted) or a statement about it was made at."""
    rows = values(store, f"""SELECT ?d WHERE {{
        {{ GRAPH ?g {{ <{entity}> a ?k . ?g dcterms:date ?d }} }}
        UNION {{ ?m org:member|org:organization <{entity}> ; ck:attestedOn ?d }}
        UNION {{ <{entity}> a schema:Event ; schema:startDate ?d }}
        UNION {{ ?e schema:organizer|schema:location <{entity}> ; schema:startDate ?d }}
        UNION {{ ?st ck:speaker|ck:mentions <{entity}> ; ck:atEvent/schema:startDate ?d }} }}""")
    days = [_day(r["d"]) for r in rows]
    return min(days) if days else None


def _day(value: str) -> str:
    return value + "-01-01" if len(value) == 4 else value + "-01" if len(value) == 7 else value
