"""Likely duplicates across articles, with the evidence on both sides (``camket dedupe``).

Public API::

    from camket.curation.candidates import find_candidates, Candidate
    for c in find_candidates(store, judged=log.active()):
        print(c.a, c.b, c.reasons, c.evidence_a, c.evidence_b)

IRIs are keyed by the canonical name, so the same spelling is already one
node; what is left are spellings that differ. Signals (same kind only):

* **same folded name** — equal without accents/case/punctuation
  ("Lò Văn Hùng" / "Lo Van Hung" / "Lò Văn Hưng"), names or alternate names;
* **close spelling** — folded names with the same number of syllables that
  differ in one syllable by one edit. Safeguards: for people the given name
  (last syllable) must be identical, since "Lan"/"Loan" or "Hà"/"Hải" are
  different names — unless both spellings are longer than any Vietnamese
  syllable (a foreign surname: "Balakrishnan"/"Balarkrishnan"); syllables
  under three letters never count;
* **same post in the same body** — two people holding the same role in the
  same body in different articles whose given names agree.

Pairs already judged (same-as, not-same-as or unsure) are left out.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from camket.loaders.extract.resolve import edit_distance
from camket.ontology import ORG, SCHEMA
from camket.ontology.iri import fold

from .apply import DOC_GRAPHS
from .judgements import Judgement
from .resolve import merges

KIND_CLASSES = {"person": SCHEMA.Person, "org": ORG.Organization}
CONTEXT = 60
LONG_SYLLABLE = 7  # longer than any Vietnamese syllable ("nghiêng"): a foreign name part

NAMES = f"""SELECT ?e ?type ?name WHERE {{ GRAPH ?g {{ ?e a ?type ; schema:name|schema:alternateName ?name }}
  {DOC_GRAPHS} FILTER(?type IN (schema:Person, org:Organization)) }}"""
SPANS = f"""SELECT ?e ?doc ?id ?s ?end ?exact WHERE {{ GRAPH ?g {{ ?e a ?type ; ck:evidence ?sp .
  ?sp ck:inDocument ?doc ; oa:start ?s ; oa:end ?end ; oa:exact ?exact . ?doc schema:identifier ?id }}
  {DOC_GRAPHS} FILTER(?type IN (schema:Person, org:Organization)) }} ORDER BY ?e ?id ?s"""
POSTS = f"""SELECT DISTINCT ?person ?role ?org ?doc WHERE {{ GRAPH ?g {{ ?m a org:Membership ;
  org:member ?person ; org:role ?role ; org:organization ?org ; ck:mentionedIn ?doc }} {DOC_GRAPHS} }}"""


@dataclass
class Evidence:
    doc: str
    exact: str
    context: str


@dataclass
class Candidate:
    a: str
    b: str
    kind: str
    reasons: list[str] = field(default_factory=list)
    evidence_a: list[Evidence] = field(default_factory=list)
    evidence_b: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        ev = lambda items: [e.__dict__ for e in items]  # noqa: E731
        return {"a": self.a, "b": self.b, "kind": self.kind, "reasons": self.reasons,
                "evidence_a": ev(self.evidence_a), "evidence_b": ev(self.evidence_b)}


def close_spelling(a: str, b: str, kind: str) -> bool:
    """Folded names one edit apart in one syllable, with the safeguards above."""
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if kind == "person" and ta[-1] != tb[-1] and min(len(x), len(y)) < LONG_SYLLABLE:
        return False
    return min(len(x), len(y)) >= 3 and edit_distance(x, y, 1) == 1


def _kind(types: set[str]) -> str | None:
    for kind, cls in KIND_CLASSES.items():
        if str(cls) in types:
            return kind
    return None


def _names(store) -> tuple[dict[str, set[str]], dict[str, str]]:
    names: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for r in store.select(NAMES):
        names[r["e"].value].add(fold(r["name"].value))
        types[r["e"].value].add(r["type"].value)
    kinds = {e: k for e, t in types.items() if (k := _kind(t))}
    return names, kinds


def _pairs_by_name(names, kinds) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_folded: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e, folded in names.items():
        for f in folded:
            by_folded[(kinds.get(e, "?"), f)].add(e)
    for (kind, f), ents in by_folded.items():
        for a, b in _combinations(ents):
            found[(a, b)].append(f'same folded name "{f}"')
    for (kind, f), (_, g) in _close_pairs(by_folded):
        for a in by_folded[(kind, f)]:
            for b in by_folded[(kind, g)]:
                if a != b:
                    found[tuple(sorted((a, b)))].append(f'close spelling "{f}" / "{g}"')
    return found


def _close_pairs(by_folded) -> set:
    """Pairs of folded names passing :func:`close_spelling`. Names differing in
    one syllable share their first or their last one: block on both."""
    blocks: dict[tuple, list[tuple[str, str]]] = defaultdict(list)
    for (kind, f) in by_folded:
        toks = f.split()
        blocks[(kind, len(toks), 0, toks[0])].append((kind, f))
        blocks[(kind, len(toks), -1, toks[-1])].append((kind, f))
    return {(x, y) for block in blocks.values() for x, y in _combinations(block) if close_spelling(x[1], y[1], x[0])}


def _pairs_by_post(store, names) -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    holders: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(POSTS):
        holders[(r["role"].value, r["org"].value)][r["person"].value].add(r["doc"].value)
    for (role, org), people in holders.items():
        for a, b in _combinations(people):
            given = {n.split()[-1] for n in names.get(a, ()) if n} & {n.split()[-1] for n in names.get(b, ()) if n}
            if given and people[a] != people[b]:
                found[(a, b)].append(f"same post {_tail(role)} in {_tail(org)}, same given name")
    return found


def _combinations(items):
    items = sorted(items)
    return [(x, y) for i, x in enumerate(items) for y in items[i + 1:]]


def _tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _evidence(store) -> dict[str, list[Evidence]]:
    texts: dict[str, str] = {}
    out: dict[str, list[Evidence]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for r in store.select(SPANS):
        e, doc = r["e"].value, r["doc"].value
        if (e, doc) in seen:  # one span per document is enough for a reviewer
            continue
        seen.add((e, doc))
        if doc not in texts:
            rows = store.select("SELECT ?t WHERE { ?d schema:text ?t }", {"d": r["doc"]})
            texts[doc] = rows[0]["t"].value if rows else ""
        s, end = int(r["s"].value), int(r["end"].value)
        text = texts[doc]
        context = " ".join(text[max(0, s - CONTEXT):end + CONTEXT].split())
        out[e].append(Evidence(r["id"].value, r["exact"].value, context))
    return out


def _judged(judged: list[Judgement]):
    uf = merges(judged)
    pairs = {frozenset((j.subject, j.object)) for j in judged if j.kind in ("not-same-as", "unsure")}
    return lambda a, b: uf.find(a) == uf.find(b) or frozenset((a, b)) in pairs


def find_candidates(store, judged: list[Judgement] = (), kinds: tuple[str, ...] = ("person", "org"),
                    limit: int | None = None) -> list[Candidate]:
    """Likely duplicate pairs, strongest first (most signals), with evidence."""
    names, entity_kinds = _names(store)
    found = _pairs_by_name(names, entity_kinds)
    for pair, reasons in _pairs_by_post(store, names).items():
        found[pair].extend(reasons)
    is_judged = _judged(list(judged))
    pairs = [(p, r) for p, r in found.items()
             if entity_kinds.get(p[0]) in kinds and entity_kinds.get(p[0]) == entity_kinds.get(p[1])
             and not is_judged(*p)]
    pairs.sort(key=lambda pr: (-len(pr[1]), pr[0]))
    pairs = pairs[:limit] if limit else pairs
    evidence = _evidence(store) if pairs else {}
    return [Candidate(a, b, entity_kinds[a], sorted(set(r)), evidence.get(a, []), evidence.get(b, []))
            for (a, b), r in pairs]
