"""Judgement log and resolution without a store: transitivity, conflicts, canonical IRIs."""
from __future__ import annotations

import pytest

from camket.curation.judgements import JudgementError, Judgements, expand_iri, judgements_path
from camket.curation.rdf import judgements_graph, resolved_graph
from camket.curation.resolve import resolve
from camket.curation.view import ResolvedView
from camket.ontology import ID

P = [f"person/p{i}" for i in range(6)]


def full(short):
    return f"{ID}{short}"


@pytest.fixture
def log(tmp_path):
    return Judgements(tmp_path / "j.sqlite")


def add(log, kind, a, b=None, by="Tú", why="read both articles"):
    return log.add(kind, a, b, by=by, why=why)[0]


def test_transitive_merges_give_one_canonical_iri(log):
    add(log, "same-as", P[0], P[1])
    add(log, "same-as", P[2], P[3])
    add(log, "same-as", P[3], P[1])           # joins the two clusters
    res = resolve(log.active())
    assert res.same_as == {full(P[1]): full(P[0]), full(P[2]): full(P[0]), full(P[3]): full(P[0])}
    assert res.canonical_of(full(P[2])) == full(P[0])
    # the earliest-judged member still in the corpus is canonical
    res = resolve(log.active(), present={full(p) for p in P[1:4]})
    assert res.canonical_of(full(P[0])) == full(P[1])
    assert [j.id for j, missing in res.orphans] == [1]


def test_conflicts_refused_with_the_judgements_in_the_way(log):
    add(log, "not-same-as", P[0], P[4], why="different provinces")
    add(log, "same-as", P[0], P[1])
    add(log, "same-as", P[1], P[2])
    with pytest.raises(JudgementError) as err:
        add(log, "same-as", P[2], P[4])
    msg = str(err.value)
    assert "#1 not-same-as" in msg and "different provinces" in msg and "#2 same-as" in msg and "#3 same-as" in msg
    with pytest.raises(JudgementError, match="already merged"):
        add(log, "not-same-as", P[2], P[0])
    add(log, "reject", "statement/d/1-9")
    with pytest.raises(JudgementError, match="both rejected and confirmed"):
        add(log, "confirm", "statement/d/1-9")
    assert len(log.all()) == 4                # nothing refused was stored


def test_duplicates_and_withdrawal(log):
    first = add(log, "same-as", P[0], P[1])
    again, created = log.add("same-as", P[1], P[0], by="Tú", why="again")
    assert again.id == first.id and not created
    log.withdraw(first.id, by="Tú", why="mistake")
    assert log.active() == [] and len(log.all()) == 1
    with pytest.raises(JudgementError, match="already withdrawn"):
        log.withdraw(first.id, by="Tú", why="twice")
    add(log, "not-same-as", P[0], P[1])       # allowed once the merge is withdrawn
    g = judgements_graph(log.all())
    assert len(list(g.subjects())) > 0 and "mistake" in g.serialize(format="nt")


def test_status_changes_are_history_latest_wins(log):
    add(log, "pledge-status", "pledge/d/5-40", "kept")
    add(log, "pledge-status", "pledge/d/5-40", "broken")
    j, created = log.add("pledge-status", "pledge/d/5-40", "Kept ", by="Tú", why="re-rated")
    assert created and j.object == "kept"
    res = resolve(log.active())
    assert res.pledge_status[full("pledge/d/5-40")].object == "kept"
    assert "Kept" in resolved_graph(res).serialize(format="nt")


def test_iri_forms_and_paths(tmp_path, monkeypatch):
    assert expand_iri("id:person/a") == expand_iri("person/a") == expand_iri(f"<{ID}person/a>") == full("person/a")
    with pytest.raises(JudgementError, match="not an IRI"):
        expand_iri("Lò Văn Hùng")
    assert str(judgements_path(tmp_path / "store")) == f"{tmp_path}/store.judgements.sqlite"
    assert str(judgements_path("http://localhost:7878")).endswith(".camket/judgements.sqlite")
    monkeypatch.setenv("CAMKET_JUDGEMENTS", str(tmp_path / "x.sqlite"))
    assert judgements_path("anything") == tmp_path / "x.sqlite"


def test_view_rewrites_merged_and_drops_rejected():
    view = ResolvedView(same_as={"b": "a"}, status={"f2": "rejected"}, moved={"f-old": "f2"})
    triples = [("f1", "speaker", "b"), ("f2", "speaker", "a"), ("b", "name", "B")]
    assert list(view.rewrite(triples)) == [("f1", "speaker", "a"), ("a", "name", "B")]
    assert view.canonical("b") == "a" and view.is_rejected("f-old")
