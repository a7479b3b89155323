"""The store side of curation: look nodes up, re-anchor, write the two graphs.

Public API::

    from camket.curation.apply import apply, compute, record, snapshot, present_iris, on_stored
    j, created, report = record(store, log, "same-as", a, b, by=..., why=...)  # check, add, apply
    report = apply(store, log)          # resolve + write graph/judgements and graph/resolved
    print(report.summary())             # merges, re-anchored facts, orphaned judgements
    anchor = snapshot(store, [iri, ...])  # what a judgement remembers of its nodes

A judgement remembers (its ``anchor``) the type, name, document and text of
the nodes it is about. When re-ingest gives a fact a new IRI (its offsets
moved) or an entity a new key, :func:`apply` finds the one node with the same
type and document text (facts) or the same name (entities) and applies the
judgement there ("re-anchored"); when none or several match, the judgement
is reported as orphaned — never silently dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from camket.ontology import ID
from camket.store import term_to_sparql

from .judgements import PAIR_KINDS, Judgement, JudgementError, Judgements, judgements_path, validate
from .rdf import GRAPH_JUDGEMENTS, GRAPH_RESOLVED, judgements_graph, resolved_graph
from .resolve import Resolution, resolve

DOC_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{ID}doc/"))'


def _values(name: str, iris) -> str:
    terms = " ".join(str(ox.NamedNode(i)) for i in sorted(set(iris)))
    return f"VALUES ?{name} {{ {terms} }}"


def present_iris(store, iris) -> set[str]:
    """Those of ``iris`` that are the subject of a triple in some document graph."""
    iris = set(iris)
    if not iris:
        return set()
    rows = store.select(f"SELECT DISTINCT ?x WHERE {{ {_values('x', iris)} GRAPH ?g {{ ?x ?p ?o }} {DOC_GRAPHS} }}")
    return {r["x"].value for r in rows}


SNAPSHOT = f"""SELECT ?x ?type ?name ?doc ?text WHERE {{ GRAPH ?g {{ ?x a ?type .
  OPTIONAL {{ ?x schema:name ?name }} OPTIONAL {{ ?x ck:inDocument ?doc }} OPTIONAL {{ ?x ck:text ?text }} }}
  {DOC_GRAPHS} }}"""


def snapshot(store, iris) -> dict:
    """``{iri: {type, name, doc, text}}`` for the nodes found in the corpus."""
    out: dict[str, dict] = {}
    if not iris:
        return out
    for r in store.select(SNAPSHOT + "\n" + _values("x", iris)):
        seen = out.setdefault(r["x"].value, {})
        for k in ("type", "name", "doc", "text"):
            if r[k] is not None and k not in seen:
                seen[k] = r[k].value
    return out


FIND_FACT = f"""SELECT DISTINCT ?x WHERE {{ %s GRAPH ?g {{ ?x a ?type ; ck:inDocument ?doc ; ck:text ?t }}
  {DOC_GRAPHS} FILTER(STR(?t) = ?text) }}"""
FIND_NAMED = f"""SELECT DISTINCT ?x WHERE {{ %s GRAPH ?g {{ ?x a ?type ; schema:name|schema:alternateName ?n }}
  {DOC_GRAPHS} FILTER(LCASE(STR(?n)) = LCASE(?name)) }}"""


def _inline(query: str, bindings: dict) -> str:
    """``query`` with a VALUES clause inside its WHERE (so FILTERs see the values);
    the terms are serialised by pyoxigraph, never pasted."""
    names = " ".join(f"?{n}" for n in bindings)
    values = " ".join(term_to_sparql(v) for v in bindings.values())
    return query % f"VALUES ({names}) {{ ({values}) }}"


def find_again(store, anchor: dict) -> str | None:
    """The one node matching a remembered anchor, or None (none or ambiguous)."""
    if not anchor.get("type"):
        return None
    if anchor.get("text") and anchor.get("doc"):
        query = _inline(FIND_FACT, {"type": ox.NamedNode(anchor["type"]), "doc": ox.NamedNode(anchor["doc"]),
                                    "text": anchor["text"]})
    elif anchor.get("name"):
        query = _inline(FIND_NAMED, {"type": ox.NamedNode(anchor["type"]), "name": anchor["name"]})
    else:
        return None
    rows = store.select(query)
    return rows[0]["x"].value if len(rows) == 1 else None


def reanchor(store, active: list[Judgement], present: set[str]) -> dict[str, str]:
    moved: dict[str, str] = {}
    for j in active:
        for node in j.iris:
            if node in present or node in moved:
                continue
            found = find_again(store, j.anchors.get(node, {}))
            if found:
                moved[node] = found
    return moved


@dataclass
class CurationReport:
    resolution: Resolution
    total: int
    log: list[Judgement] = field(default_factory=list)

    def to_dict(self) -> dict:
        res = self.resolution
        return {"judgements": self.total, "active": len(res.judgements), "same_as": res.same_as,
                "reanchored": res.moved,
                "orphaned": [{"judgement": j.to_dict(), "missing": m} for j, m in res.orphans]}

    def summary(self) -> str:
        res = self.resolution
        lines = [f"curation: {self.total} judgements ({len(res.judgements)} active); "
                 f"{len(res.clusters)} merged clusters, {len(res.fact_status)} facts judged, "
                 f"{len(res.names)} renamed, {len(res.pledge_status)} pledge statuses"]
        lines += [f"  re-anchored: {old} -> {new}" for old, new in res.moved.items()]
        lines += [f"  ORPHANED (not in the corpus: {', '.join(_missing(j, m))}): {j.describe()}"
                  for j, m in res.orphans]
        return "\n".join(lines)


def located_pairs(store, pairs) -> set[tuple[str, str]]:
    """Those (entity, document) pairs where the document's graph has the entity."""
    pairs = sorted(set(pairs))
    if not pairs:
        return set()
    values = " ".join(f"({ox.NamedNode(x)} {ox.NamedNode(g)})" for x, g in pairs)
    rows = store.select(f"SELECT DISTINCT ?x ?g WHERE {{ VALUES (?x ?g) {{ {values} }} GRAPH ?g {{ ?x ?p ?o }} }}")
    return {(r["x"].value, r["g"].value) for r in rows}


def _missing(j: Judgement, missing: list[str]) -> list[str]:
    return [f"{j.subject} in {j.object}" if m == j.split_iri else m for m in missing]


def compute(store, log: Judgements) -> CurationReport:
    """Resolve the active judgements against the corpus in ``store`` (writes nothing)."""
    everything = log.all()
    active = [j for j in everything if j.active]
    present = present_iris(store, {i for j in active for i in j.iris})
    moved = reanchor(store, active, present)
    located = located_pairs(store, [(j.subject, j.object) for j in active if j.kind == "split"])
    res = resolve(active, present | set(moved.values()), moved, located)
    return CurationReport(res, len(everything), everything)


def apply(store, log: Judgements) -> CurationReport:
    """:func:`compute`, then write ``graph/judgements`` and ``graph/resolved``."""
    report = compute(store, log)
    store.replace_document(GRAPH_JUDGEMENTS, judgements_graph(report.log).serialize(format="nt"))
    store.replace_document(GRAPH_RESOLVED, resolved_graph(report.resolution).serialize(format="nt"))
    return report


def record(store, log: Judgements, kind: str, subject: str, obj: str | None, *, by: str, why: str,
           evidence: str = "", force: bool = False) -> tuple[Judgement, bool, CurationReport]:
    """Check the nodes exist, record the judgement (conflicts raise), re-apply.
    Returns (judgement, created, report). Shared by ``camket judge`` and the API."""
    kind, subject, obj = validate(kind, subject, obj, by, why)
    nodes = [subject, obj] if kind in PAIR_KINDS else [subject]
    splits = {j.split_iri for j in log.active() if j.kind == "split"}
    missing = sorted(set(nodes) - present_iris(store, nodes) - splits)
    if kind == "split" and not missing and not located_pairs(store, [(subject, obj)]):
        missing = [f"{subject} in {obj}"]
    if missing and not force:
        raise JudgementError(f"not in the store: {', '.join(missing)} (check the IRI; --force records it anyway)")
    j, created = log.add(kind, subject, obj, by=by, why=why, evidence=evidence, anchor=snapshot(store, nodes))
    return j, created, apply(store, log)


def log_for(store) -> Judgements | None:
    """The judgement log beside ``store`` when one exists."""
    location = getattr(store, "location", None)
    log = Judgements(judgements_path(location))
    return log if log.exists() else None


def on_stored(store, graph_iri: str) -> None:
    """Ingest hook: after a document is (re)stored, re-apply the judgements."""
    if graph_iri in (GRAPH_JUDGEMENTS, GRAPH_RESOLVED):
        return
    log = log_for(store)
    if log is not None:
        apply(store, log)
