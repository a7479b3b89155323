"""Every ck: term the curation graphs write is declared in vocabulary.ttl."""
from pathlib import Path

from rdflib import RDF, Graph

import camket.curation
from camket.curation.judgements import Judgement
from camket.curation.rdf import judgements_graph, resolved_graph
from camket.curation.resolve import resolve
from camket.ontology import CK, ID

VOCAB = Path(camket.curation.__file__).with_name("vocabulary.ttl")


def test_terms_are_declared():
    declared = set(Graph().parse(VOCAB).subjects())
    js = [Judgement(1, "same-as", f"{ID}person/a", f"{ID}person/b", "Lan", "2026-01-01T00:00:00+00:00", "w", "e"),
          Judgement(2, "reject", f"{ID}statement/d/1-5", None, "Lan", "2026-01-01T00:00:00+00:00", "w"),
          Judgement(3, "rename", f"{ID}person/a", "A", "Lan", "2026-01-01T00:00:00+00:00", "w"),
          Judgement(4, "pledge-status", f"{ID}pledge/d/1-5", "stalled", "Lan", "2026-01-01T00:00:00+00:00", "w",
                    withdrawn_at="2026-01-02T00:00:00+00:00", withdrawn_by="Tú", withdrawn_why="x"),
          Judgement(5, "pledge-status", f"{ID}pledge/d/1-5", "kept", "Lan", "2026-01-01T00:00:00+00:00", "w")]
    active = [j for j in js if j.active]
    res = resolve(active, present={f"{ID}person/a"}, moved={f"{ID}statement/d/0-4": f"{ID}statement/d/1-5"})
    used = set()
    for g in (judgements_graph(js), resolved_graph(res)):
        for s, p, o in g:
            used |= {t for t in (p, o if p == RDF.type or str(o).startswith(str(CK)) else None) if t is not None}
    used = {t for t in used if str(t).startswith(str(CK))}
    assert used and used <= declared, sorted(used - declared)
