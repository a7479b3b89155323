"""Store statistics: documents, counts by class, quads, size on disk, and the rankings the
precomputed statistics graph holds (:mod:`camket.statistics`): most quoted, most mentioned."""
from __future__ import annotations

from camket.statistics import has_statistics, rankings
from camket.store import py

CLASS_QUERY = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?class { schema:Person org:Organization schema:Place org:Membership ck:PolicyDocument
                  ck:Statement ck:Pledge schema:Event ck:EvidenceSpan ck:Document }
  ?s a ?class
} GROUP BY ?class ORDER BY ?class
"""
PLACE_QUERY = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . VALUES ?c { schema:City ck:Province schema:Country ck:Region } }"


def store_stats(store) -> dict:
    classes = {py(r["class"]).rsplit("/", 1)[-1].rsplit("#", 1)[-1]: py(r["n"]) for r in store.select(CLASS_QUERY)}
    places = py(store.select(PLACE_QUERY)[0]["n"])
    classes["Place"] = classes.get("Place", 0) + places
    out = {"documents": len(store.documents()), "quads": len(store), "classes": classes}
    if hasattr(store, "size_bytes"):
        out["store size (bytes)"] = store.size_bytes()
    if has_statistics(store):
        for title, count in RANKINGS.items():
            out[title] = _ranked(rankings(store, count, 5))
    return out


RANKINGS = {"most quoted (statements)": "statementCount", "most mentioned (documents)": "documentCount"}


def _ranked(rows: list[tuple[str, str | None, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for iri, label, n in rows:
        key = label or iri
        out[f"{key} ({iri.rsplit('/', 1)[-1]})" if key in out else key] = n
    return out
