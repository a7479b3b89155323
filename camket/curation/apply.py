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

import sys
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


FIND_FACTS = f"""SELECT DISTINCT ?node ?x WHERE {{ %s GRAPH ?g {{ ?x a ?type ; ck:inDocument ?doc ; ck:text ?t }}
  {DOC_GRAPHS} FILTER(STR(?t) = ?text) }}"""
FIND_NAMED = f"""SELECT DISTINCT ?node ?x WHERE {{ %s GRAPH ?g {{ ?x a ?type ; schema:name|schema:alternateName ?n }}
  {DOC_GRAPHS} FILTER(LCASE(STR(?n)) = LCASE(?name)) }}"""


def _find(store, query: str, names: list[str], rows: dict[str, tuple]) -> dict[str, str]:
    """Run ``query`` with one VALUES row per lost node; keep nodes found exactly once.
    The terms are serialised by pyoxigraph, never pasted."""
    if not rows:
        return {}
    body = " ".join("(" + " ".join(term_to_sparql(v) for v in (ox.NamedNode(node), *vals)) + ")"
                    for node, vals in rows.items())
    values = f"VALUES (?node {' '.join('?' + n for n in names)}) {{ {body} }}"
    found: dict[str, set[str]] = {}
    for r in store.select(query % values):
        found.setdefault(r["node"].value, set()).add(r["x"].value)
    return {node: xs.pop() for node, xs in found.items() if len(xs) == 1}


def reanchor(store, active: list[Judgement], present: set[str]) -> dict[str, str]:
    """Lost nodes found again: facts by type + document + text, entities by type + name."""
    lost = {node: j.anchors.get(node) or {} for j in active for node in j.iris if node not in present}
    facts = {n: (ox.NamedNode(a["type"]), ox.NamedNode(a["doc"]), a["text"])
             for n, a in lost.items() if a.get("type") and a.get("doc") and a.get("text")}
    named = {n: (ox.NamedNode(a["type"]), a["name"])
             for n, a in lost.items() if n not in facts and a.get("type") and a.get("name")}
    moved = _find(store, FIND_FACTS, ["type", "doc", "text"], facts)
    moved.update(_find(store, FIND_NAMED, ["type", "name"], named))
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


_WRITTEN: dict[tuple[str, str], int] = {}  # (store, graph) -> hash of what this process last wrote


def apply(store, log: Judgements, skip_unchanged: bool = False) -> CurationReport:
    """:func:`compute`, then write ``graph/judgements`` and ``graph/resolved``.
    With ``skip_unchanged`` (the ingest hook), a graph identical to the one this
    process last wrote is not written again."""
    report = compute(store, log)
    where = str(getattr(store, "location", id(store)))
    for graph, build in ((GRAPH_JUDGEMENTS, lambda: judgements_graph(report.log)),
                         (GRAPH_RESOLVED, lambda: resolved_graph(report.resolution))):
        key = (where, graph)
        stamp = hash((log_stamp(log), tuple(sorted(report.resolution.moved.items())),
                      tuple((j.id, tuple(m)) for j, m in report.resolution.orphans), tuple(report.resolution.clusters)))
        if skip_unchanged and _WRITTEN.get(key) == stamp:
            continue
        store.replace_document(graph, build().serialize(format="nt"))
        _WRITTEN[key] = stamp
    return report


def log_stamp(log: Judgements) -> tuple:
    st = log.path.stat()
    return (st.st_mtime_ns, st.st_size)


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


def on_stored(store, graph_iris: list[str]) -> None:
    """Ingest hook: after a batch of documents is (re)stored, re-apply the judgements once."""
    if not set(graph_iris) - {GRAPH_JUDGEMENTS, GRAPH_RESOLVED}:
        return
    try:
        log = log_for(store)
        if log is not None:
            apply(store, log, skip_unchanged=True)
    except Exception as err:  # noqa: BLE001 - curation must never stop an ingest
        print(f"camket curation: judgements not re-applied after {len(graph_iris)} documents "
              f"({graph_iris[0]}, ...): {type(err).__name__}: {err}", file=sys.stderr)
