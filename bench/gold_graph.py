"""Document graphs straight from the generator's ground truth ("oracle extraction").

Builds, for a generated article, the :class:`~camket.loaders.model.Analysis`
a perfect extractor would return (entities with their spans, posts,
statements, pledges, policies, events, from the gold facts) and writes it
with the project's own RDF writer (:func:`camket.loaders.rdf.document_triples`),
so the graph has exactly camket's shape without paying for extraction. The
query, export and validation benches use it to reach 10k-100k articles on
a small machine; ingest speed is measured on the real pipeline.

    python -m bench.gold_graph --articles 10000 -o /tmp/gold-10k.nq
"""
from __future__ import annotations

import argparse
import sys
from typing import IO

from bench import vocab as V
from bench.generate_corpus import generate
from camket.loaders.model import Analysis, Membership, Pledge, Span, Statement
from camket.loaders.read import make_document

ORG_KINDS = [("Bộ Chính trị", "party"), ("Chính phủ", "government"), ("Bộ ", "ministry"), ("Cục ", "department"),
             ("Sở ", "department"), ("UBND", "committee"), ("Ủy ban", "committee"), ("Hội đồng", "committee"),
             ("Tỉnh ủy", "party"), ("Hiệp hội", "association")]


def org_kind(name: str) -> str:
    return next((kind for prefix, kind in ORG_KINDS if name.startswith(prefix)), "company")


def place_type(name: str) -> str:
    if name in V.CITIES:
        return "city"
    return "country" if name in V.COUNTRIES else "province"


class _Builder:
    def __init__(self, record: dict):
        doc = make_document(record["id"], record["text"], f"{record['id']}.txt", record["text"].encode(), "utf-8",
                            title=record.get("title"), date=record.get("date"))
        self.a = Analysis(doc)

    def span(self, needle: str, after: int = 0) -> Span:
        start = self.a.text.find(needle, after)
        if start < 0:
            start = self.a.text.find(needle)
        return Span(max(start, 0), max(start, 0) + len(needle))

    def ent(self, kind: str, name: str, **attrs):
        return self.a.entity(kind, name, self.span(name), **attrs)


def analysis_from_gold(record: dict, gold: dict) -> Analysis:
    """The analysis a perfect extractor would produce for a generated article."""
    b = _Builder(record)
    people = {p["name"]: b.ent("person", p["name"]) for p in gold["people"]}
    orgs = {o["name"]: b.ent("org", o["name"], org_kind=org_kind(o["name"])) for o in gold["organizations"]}
    places = {p["name"]: b.ent("place", p["name"], place_type=place_type(p["name"])) for p in gold["places"]}
    policies = {}
    for p in gold["policies"]:
        policies[p["id"]] = b.ent("policy", p["title"], number=p["id"], policy_type=p["type"], title=p["title"],
                                  issuer=orgs.get(p["issuer"], p["issuer"]), date=p["date"])
    for e in gold["events"]:
        b.ent("event", e["name"], date=e["date"], place=places.get(e["place"]))
    for r in gold["roles"]:
        org = orgs.get(r["organization"])
        role = r["title"][: r["title"].find(r["organization"])].strip() or r["title"]
        b.a.memberships.append(Membership(people[r["person"]], r["title"], role, org, b.span(r["title"])))
    for s in gold["statements"]:
        span = b.span(s["contains"])
        b.a.statements.append(Statement(people[s["speaker"]], s["kind"], span, evidence=[span]))
    for p in gold["pledges"]:
        actor = policies.get(p["actor"]) or orgs.get(p["actor"])
        if actor is not None:
            span = b.span(p["contains"])
            b.a.pledges.append(Pledge(actor, span, p["deadline"], places=[places[x] for x in p["places"]],
                                      evidence=[span], policy=policies.get(p["actor"])))
    return b.a


def write_gold_nquads(n: int, out: IO[str], seed: int = 7, start: int = 0) -> int:
    """Write the oracle graphs of articles ``start..start+n`` as N-Quads; returns documents written."""
    from camket.loaders.rdf import document_triples, to_ntriples
    from camket.ontology import iri
    from camket.scale import to_nquads
    count = 0
    for record, gold in generate(n, seed, start):
        triples = document_triples(analysis_from_gold(record, gold), "2026-01-01T00:00:00Z")
        out.write(to_nquads(to_ntriples(triples), str(iri.document(record["id"]))))
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", "-n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args(argv)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    try:
        n = write_gold_nquads(args.articles, out, args.seed, args.start)
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"{n} documents written", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
