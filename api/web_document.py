"""The document view's data: the API's document plus every span to highlight.

Public API::

    document_page(store, iri) -> dict | None   # the API's Document + ``spans``
    segments(text, spans) -> [piece]           # the text cut at span boundaries
    fact_target(store, iri) -> url | None      # where a fact is read from
"""
from __future__ import annotations

from collections import defaultdict

from camket.curation.view import load_view
from camket.ontology import ID

from . import graph
from .routers.documents import document as document_model
from .web_data import ENTITY_KINDS, FACT_KINDS, dump, evidence_url, web_url


def fact_target(store, iri: str) -> str | None:
    """Where a statement, pledge or post is read from: its first evidence in its document."""
    spans = graph.evidence(store, [iri]).get(iri)
    return evidence_url(spans[0].document_iri, spans[0].start, spans[0].end) if spans else None


def fact_anchor(iri: str) -> str:
    """The id of a fact's entry in the document's side list."""
    return "fact-" + "".join(c if c.isalnum() else "_" for c in iri[len(str(ID)):])


def _fact_spans(doc: dict, key: str, kind: str) -> list[dict]:
    out = []
    for fact in doc[key]:
        fact["anchor"] = fact_anchor(fact["iri"])
        for ev in fact["evidence"]:
            if ev["document_iri"] == doc["iri"]:
                out.append({"start": ev["start"], "end": ev["end"], "kind": kind, "iri": fact["iri"],
                            "label": kind, "url": "#" + fact["anchor"]})
    return out


def _spans(doc: dict) -> list[dict]:
    """Every evidence span of the document: entity mentions and facts."""
    spans = [{"start": ev["start"], "end": ev["end"], "kind": m["entity"]["kind"], "iri": m["entity"]["iri"],
              "label": m["entity"]["name"], "url": m["entity"]["url"]}
             for m in doc["entities"] for ev in m["evidence"] if ev["document_iri"] == doc["iri"]]
    for key, kind in (("memberships", "membership"), ("statements", "statement"), ("pledges", "pledge")):
        spans += _fact_spans(doc, key, kind)
    return sorted(spans, key=lambda sp: (sp["start"], -sp["end"], sp["kind"]))


def document_page(store, iri: str) -> dict | None:
    """The API's document (text and facts) plus every span to highlight (None when no such document)."""
    try:
        doc = dump(document_model(store, graph.key_of(iri)))
    except graph.NotFound:
        return None
    doc["kind"], doc["source_url"], doc["url"] = "document", doc.get("url"), web_url(iri)
    doc["spans"] = _spans(doc)
    view = load_view(store)  # the article stays as extracted; judged facts are marked in the side list
    for fact in doc["statements"] + doc["pledges"] + doc["memberships"]:
        fact["curation"], fact["pledge_status"] = view.status.get(fact["iri"]), view.pledge_status(fact["iri"])
    return doc


def segments(text: str, spans: list[dict]) -> list[dict]:
    """``text`` cut at every span boundary; each piece knows the spans covering it.

    ``entity`` is the innermost entity span (its kind colours the piece and its
    page is the link), ``facts`` the kinds of facts covering it, ``fact`` the
    innermost fact span (the link when no entity covers the piece).
    """
    cuts = sorted({0, len(text), *(s["start"] for s in spans), *(s["end"] for s in spans)})
    starts: dict[int, list[dict]] = defaultdict(list)
    for sp in spans:
        starts[sp["start"]].append(sp)
    active: list[dict] = []
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [sp for sp in active if sp["end"] > a] + starts.get(a, [])
        cover = [sp for sp in active if sp["start"] <= a and sp["end"] >= b]
        ents = sorted((sp for sp in cover if sp["kind"] in ENTITY_KINDS), key=lambda sp: sp["end"] - sp["start"])
        facts = sorted((sp for sp in cover if sp["kind"] in FACT_KINDS), key=lambda sp: sp["end"] - sp["start"])
        out.append({"start": a, "end": b, "text": text[a:b], "entity": ents[0] if ents else None,
                    "fact": facts[0] if facts else None, "facts": sorted({f["kind"] for f in facts})})
    return out
