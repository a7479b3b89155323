"""The resolved view applied to the exported actor network (``camket.export``).

Public API::

    from camket.curation.network import resolve_projection
    proj = build_projection(store, filters)
    resolve_projection(proj, load_view(store))   # in place
    finish(proj)                                 # camket.export.projection: degrees, dates again

Merged-away nodes are folded into their canonical node (documents, counts,
spellings), edges re-pointed and merged (facts, documents, roles, earliest
start), edges that a merge turns into loops dropped; a researcher's preferred
name becomes the label (the extracted one stays among the alternate names);
rejected nodes and rejected facts (statements, pledges, posts) are removed,
and an edge left with no supporting fact is dropped.
"""
from __future__ import annotations

from .view import ResolvedView


def resolve_projection(proj, view: ResolvedView) -> None:
    rejected = view.rejected()
    if not (rejected or view.same_as or view.names):
        return
    for nid in [n for n in proj.nodes if n in rejected]:
        del proj.nodes[nid]
    _merge_nodes(proj, view)
    for nid, node in proj.nodes.items():
        name = view.name(nid)
        if name and name != node.label:
            node.alternate_names = sorted(set(node.alternate_names) | {node.label} - {name})
            node.label = name
    _rewire_edges(proj, view, rejected)


def _merge_nodes(proj, view: ResolvedView) -> None:
    for nid in list(proj.nodes):
        canon = view.canonical(nid)
        if canon == nid:
            continue
        node = proj.nodes.pop(nid)
        target = proj.nodes.get(canon)
        if target is None:
            node.id = canon
            proj.nodes[canon] = node
            continue
        target.alternate_names = sorted((set(target.alternate_names) | set(node.alternate_names)
                                         | {node.label}) - {target.label})
        target.docs |= node.docs
        target.statements += node.statements
        target.pledges += node.pledges
        target.date = target.date or node.date
        target.subkind = target.subkind or node.subkind


def _rewire_edges(proj, view: ResolvedView, rejected: set[str]) -> None:
    dropped = {hash((f, g)) for f in rejected for g in proj.doc_ids}  # how projection keys facts
    edges = {}
    for e in proj.edges.values():
        facts = e.facts - dropped
        s, t = view.canonical(e.source), view.canonical(e.target)
        if not facts or s == t or s not in proj.nodes or t not in proj.nodes:
            continue
        key = (s, t, e.kind)
        if key not in edges:
            e.source, e.target, e.facts = s, t, set(facts)
            edges[key] = e
            continue
        kept = edges[key]
        kept.facts |= facts
        kept.docs |= e.docs
        if e.roles:
            kept.roles = (kept.roles or set()) | set(e.roles)
        kept.start = min(d for d in (kept.start, e.start) if d) if (kept.start or e.start) else None
    proj.edges = edges
