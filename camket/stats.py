"""Store statistics: documents, counts by class, quads, size on disk."""
from __future__ import annotations

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
    return out
