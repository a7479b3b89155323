"""``camket facts``: per document, the facts in the evaluation's gold format.

Built only from the store, by running the ``facts-*`` named queries in
``queries/`` — never from in-memory extractor objects — so it shows what a
SPARQL user would find. Output (one object per document)::

    {"doc": "x.txt", "people": [{"name", "aliases"}], "organizations": [...],
     "roles": [{"person", "title", "organization"}],
     "policies": [{"id", "type", "issuer", "date", "title", "aliases"}],
     "statements": [{"speaker", "kind", "text"}],
     "pledges": [{"actor", "text", "deadline", "places"}],
     "places": [...], "events": [{"name", "date", "place"}]}
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import PurePath
from typing import Any

import pyoxigraph as ox

from camket.named_queries import get_query
from camket.store import py

CATEGORIES = ["people", "organizations", "roles", "policies", "statements", "pledges", "places", "events"]


def _rows(store, name: str, doc: str | None) -> list[dict[str, Any]]:
    query = get_query(name)
    bindings = {"doc": ox.NamedNode(doc)} if doc else None
    return [{k: py(v) for k, v in row.items()} for row in store.select(query.text, bindings)]


def _grouped(rows, key: str) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        out[(row["doc"], row[key])].append(row)
    return out


def _names(items: list[dict]) -> dict:
    name = items[0]["name"]
    aliases = sorted({r["alias"] for r in items if r.get("alias") and r["alias"] != name})
    return {"name": name, "aliases": aliases}


def collect(store, doc: str | None = None) -> list[dict]:
    """Facts of every document (or of the document with IRI ``doc``)."""
    docs: dict[str, dict] = {}

    def bucket(doc_iri: str) -> dict:
        if doc_iri not in docs:
            docs[doc_iri] = {"doc": None, **{c: [] for c in CATEGORIES}}
        return docs[doc_iri]

    for row in store.select("SELECT ?g ?src ?id WHERE { GRAPH ?g { ?g a ck:Document ; ck:sourcePath ?src ;"
                            " schema:identifier ?id } }", {"g": ox.NamedNode(doc)} if doc else None):
        src = py(row["src"])
        from_file = not re.search(r"\.jsonl:\d+$", src) and src != "<stdin>"
        bucket(row["g"].value)["doc"] = PurePath(src).name if from_file else py(row["id"])

    entities = sorted(_rows(store, "facts-entities", doc),  # the query's ORDER BY, in code points on every
                      key=lambda r: (r["doc"], r["kind"], r["name"], r.get("alias") or ""))  # engine
    for (d, _), items in _grouped(entities, "entity").items():
        bucket(d)[items[0]["kind"]].append(_names(items))
    for (d, _), items in _grouped(_rows(store, "facts-roles", doc), "membership").items():
        r = items[0]
        bucket(d)["roles"].append({"person": r["person"], "title": r["title"], "organization": r.get("org")})
    for (d, _), items in _grouped(_rows(store, "facts-policies", doc), "policy").items():
        r = items[0]
        spellings = {x for x in [r.get("name")] + [i.get("alias") for i in items] if x}
        spellings.discard(r.get("number"))
        bucket(d)["policies"].append({"id": r.get("number"), "type": r["type"], "issuer": r.get("issuer"),
                                      "date": r.get("date"), "title": r.get("title"),
                                      "aliases": sorted(spellings)})
    for (d, _), items in _grouped(_rows(store, "facts-statements", doc), "statement").items():
        r = items[0]  # one row per evidence span: a repeated statement is still one fact
        bucket(d)["statements"].append({"speaker": r["speaker"], "kind": r["kind"], "text": r["text"]})
    for (d, _), items in _grouped(_rows(store, "facts-pledges", doc), "pledge").items():
        r = items[0]
        bucket(d)["pledges"].append({"actor": r["actor"], "text": r["text"], "deadline": r.get("deadline"),
                                     "places": sorted({i["place"] for i in items if i.get("place")})})
    for (d, _), items in _grouped(_rows(store, "facts-events", doc), "event").items():
        r = items[0]
        bucket(d)["events"].append({"name": r["name"], "date": r.get("date"), "place": r.get("place")})
    return [docs[k] for k in sorted(docs, key=lambda k: docs[k]["doc"] or k)]
