"""Applying judgements: merges, splits, rejections, names and statuses, as data.

Public API::

    from camket.curation.resolve import resolve, conflict, duplicate_of, Resolution
    res = resolve(log.active(), present={...iris in the corpus...}, moved={old: new})
    res.canonical_of(iri)   # one IRI per merged cluster
    res.orphans             # judgements whose entity is gone from the corpus

Positive same-as judgements are transitive (union-find): every cluster gets
one canonical IRI, the earliest-judged member still present in the corpus
(or the earliest-judged one when none is). ``split`` gives the mentions of
an entity in one document their own IRI (``{entity}--in-{doc}``, see
:func:`~camket.curation.judgements.split_iri`), kept apart from the
entity like a not-same-as. ``not-same-as`` keeps two clusters apart: a same-as that would join them — directly or through a chain —
is refused by :func:`conflict`, as is a not-same-as between two IRIs already
merged, and reject against confirm on the same fact. Pure functions: the
store side is :mod:`camket.curation.apply`.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field, replace

from .judgements import PAIR_KINDS, Judgement


class UnionFind:
    """Disjoint sets whose root is the member seen first (stable canonical IRIs)."""

    def __init__(self):
        self.parent: dict[str, str] = {}
        self.order: dict[str, int] = {}

    def add(self, x: str) -> None:
        if x not in self.parent:
            self.parent[x] = x
            self.order[x] = len(self.order)

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            first, second = sorted((ra, rb), key=self.order.__getitem__)
            self.parent[second] = first

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in sorted(self.parent, key=self.order.__getitem__):
            out.setdefault(self.find(x), []).append(x)
        return out


def merges(judgements: list[Judgement]) -> UnionFind:
    uf = UnionFind()
    for j in judgements:
        if j.kind == "same-as":
            uf.union(j.subject, j.object)
    return uf


def same_as_chain(judgements: list[Judgement], a: str, b: str) -> list[Judgement]:
    """The shortest chain of same-as judgements linking ``a`` to ``b``."""
    edges: dict[str, list[tuple[str, Judgement]]] = {}
    for j in judgements:
        if j.kind == "same-as":
            edges.setdefault(j.subject, []).append((j.object, j))
            edges.setdefault(j.object, []).append((j.subject, j))
    back: dict[str, tuple[str, Judgement] | None] = {a: None}
    todo = deque([a])
    while todo:
        x = todo.popleft()
        for y, j in edges.get(x, ()):
            if y not in back:
                back[y] = (x, j)
                todo.append(y)
    chain, x = [], b
    while back.get(x):
        x, j = back[x]
        chain.append(j)
    return chain[::-1]


def apart(judgements: list[Judgement]) -> list[tuple[Judgement, str, str]]:
    """Pairs kept apart: not-same-as, and an entity and what a split made of it."""
    out = [(j, j.subject, j.object) for j in judgements if j.kind == "not-same-as"]
    return out + [(j, j.subject, j.split_iri) for j in judgements if j.kind == "split"]


def _lines(judgements: list[Judgement]) -> str:
    return "\n".join(f"  {j.describe()}" for j in judgements)


def conflict(active: list[Judgement], new: Judgement) -> str | None:
    """Why ``new`` contradicts the ``active`` judgements, or None."""
    if new.kind == "same-as":
        uf = merges(active)
        uf.union(new.subject, new.object)
        for j, a, b in apart(active):
            if uf.find(a) == uf.find(b):
                chain = same_as_chain(active + [new], a, b)
                return (f"refused: merging {new.subject} and {new.object} would make {a} and "
                        f"{b} one entity, but a judgement says they are different:\n"
                        f"{_lines([j])}\nthe merge would go through:\n{_lines(chain)}\n"
                        f"withdraw #{j.id} first (camket judge withdraw {j.id} --by NAME --why TEXT) if it is wrong")
    elif new.kind == "not-same-as":
        if merges(active).find(new.subject) == merges(active).find(new.object):
            chain = same_as_chain(active, new.subject, new.object)
            ids = ", ".join(f"#{j.id}" for j in chain)
            return (f"refused: {new.subject} and {new.object} are already merged by these same-as "
                    f"judgements:\n{_lines(chain)}\nto split them, withdraw the wrong one ({ids}) first "
                    f"(camket judge withdraw ID --by NAME --why TEXT), then record not-same-as")
    elif new.kind in ("reject", "confirm"):
        other = "confirm" if new.kind == "reject" else "reject"
        for j in active:
            if j.kind == other and j.subject == new.subject:
                return (f"refused: {new.subject} cannot be both rejected and confirmed; it is already "
                        f"{other}ed by:\n{_lines([j])}\nwithdraw #{j.id} first if it is wrong")
    return None


def duplicate_of(active: list[Judgement], new: Judgement) -> Judgement | None:
    """An active judgement saying exactly what ``new`` says (so nothing is added)."""
    if new.kind in PAIR_KINDS or new.kind == "split":
        pair = {new.subject, new.object}
        return next((j for j in active if j.kind == new.kind and {j.subject, j.object} == pair), None)
    if new.kind in ("reject", "confirm"):
        return next((j for j in active if j.kind == new.kind and j.subject == new.subject), None)
    latest = [j for j in active if j.kind == new.kind and j.subject == new.subject]
    return latest[-1] if latest and latest[-1].object == new.object else None


@dataclass
class Resolution:
    """What the active judgements mean for the graph."""

    judgements: list[Judgement]
    clusters: dict[str, list[str]] = field(default_factory=dict)      # canonical -> members
    different: list[Judgement] = field(default_factory=list)
    splits: dict[tuple[str, str], Judgement] = field(default_factory=dict)  # (entity, doc) -> split
    fact_status: dict[str, Judgement] = field(default_factory=dict)   # iri -> reject/confirm
    names: dict[str, Judgement] = field(default_factory=dict)         # canonical -> rename
    pledge_status: dict[str, Judgement] = field(default_factory=dict) # pledge -> status
    moved: dict[str, str] = field(default_factory=dict)               # re-anchored old -> new
    orphans: list[tuple[Judgement, list[str]]] = field(default_factory=list)

    def canonical_of(self, iri: str, doc: str | None = None) -> str:
        """The canonical IRI of ``iri`` (as mentioned in document ``doc``, if given)."""
        iri = self.moved.get(iri, iri)
        if doc is not None and (iri, doc) in self.splits:
            iri = self.splits[(iri, doc)].split_iri
        for canon, members in self.clusters.items():
            if iri in members:
                return canon
        return iri

    @property
    def same_as(self) -> dict[str, str]:
        """Every non-canonical member IRI -> its canonical IRI."""
        return {m: c for c, members in self.clusters.items() for m in members if m != c}


def _moved(j: Judgement, moved: dict[str, str]) -> Judgement:
    obj = moved.get(j.object, j.object) if j.kind in PAIR_KINDS else j.object
    return replace(j, subject=moved.get(j.subject, j.subject), object=obj)


def resolve(active: list[Judgement], present: set[str] | None = None,
            moved: dict[str, str] | None = None, located: set[tuple[str, str]] | None = None) -> Resolution:
    """Apply ``active`` judgements (in id order). ``present``: IRIs found in the
    corpus (None = unknown, no orphan report); ``moved``: re-anchored IRIs;
    ``located``: the (entity, document) pairs of splits still in the corpus."""
    moved = moved or {}
    judgements = [_moved(j, moved) for j in sorted(active, key=lambda j: j.id)]
    res = Resolution(judgements, moved=dict(moved))
    if present is not None:
        present = present | {j.split_iri for j in judgements
                             if j.kind == "split" and (located is None or (j.subject, j.object) in located)}
    uf = merges(judgements)
    for root, members in uf.groups().items():
        if len(members) > 1:
            alive = [m for m in members if present is None or m in present]
            res.clusters[(alive or members)[0]] = members
    for j in judgements:
        if j.kind == "not-same-as":
            res.different.append(j)
        elif j.kind == "split":
            res.splits[(j.subject, j.object)] = j
        elif j.kind in ("reject", "confirm"):
            res.fact_status[j.subject] = j
        elif j.kind == "rename":
            res.names[res.canonical_of(j.subject)] = j
        elif j.kind == "pledge-status":
            res.pledge_status[j.subject] = j
        if present is not None:
            missing = [i for i in j.iris if i not in present]
            if j.kind == "split" and located is not None and (j.subject, j.object) not in located:
                missing.append(j.split_iri)
            if missing:
                res.orphans.append((j, missing))
    return res
