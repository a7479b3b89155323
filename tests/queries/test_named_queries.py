"""The named queries (who said what, citing policies, policy relations, pledges by deadline,
speakers at events, posts held, members of a body) on a small invented article.

People, bodies, places and posts are put in by hand (the actor components are
replaced for this test), so the queries are tested against known facts; the
policy, event, statement and pledge components run for real.
"""
from __future__ import annotations

import pytest

import camket.loaders.extract  # noqa: F401  (registers the components)
from camket.ingest import ingest
from camket.loaders import pipeline
from camket.loaders.model import Membership, Span
from camket.named_queries import coerce_params, get_query, load_queries
from camket.ontology import iri
from camket.store import open_store

ARTICLE = (
    "Ngày 9/5/2024, Hội thảo Nông nghiệp số vùng cao 2024 do Sở Nông nghiệp tỉnh Bình Lâm tổ chức "
    "đã diễn ra tại Bình Lâm.\n"
    "Phát biểu khai mạc, ông Hà Quang Vũ, Giám đốc Sở Nông nghiệp tỉnh Bình Lâm, nhấn mạnh, Nghị quyết số "
    "19-NQ/TW, ngày 16/6/2022 của Bộ Chính trị là kim chỉ nam cho nông nghiệp vùng cao.\n"
    "Chính phủ đã ban hành Nghị quyết số 26/NQ-CP, ngày 6/3/2023 ban hành Chương trình hành động để thực "
    "hiện Nghị quyết 19, đồng thời giao các bộ triển khai.\n"
    "“Chúng tôi sẽ số hóa toàn bộ hồ sơ đất nông nghiệp của tỉnh trong hai năm tới”, ông Hà Quang Vũ nói.\n"
    "Sở Nông nghiệp tỉnh Bình Lâm sẽ xây dựng 3 vùng trồng rau thông minh tại Bình Lâm đến năm 2026.\n"
)
PEOPLE = {"Hà Quang Vũ": "male"}
ORGS = {"Sở Nông nghiệp tỉnh Bình Lâm": "department", "Bộ Chính trị": "party", "Chính phủ": "government"}
PLACES = {"Bình Lâm": "province"}


def _occurrences(analysis, name):
    start = analysis.canon.find(name)
    while start >= 0:
        yield Span(start, start + len(name))
        start = analysis.canon.find(name, start + 1)


def _mark(kind, names, attr):
    def component(analysis):
        for name, value in names.items():
            for span in _occurrences(analysis, name):
                if kind == "place" and any(span in s for e in analysis.entities_of("org") for s in e.spans):
                    continue
                analysis.entity(kind, name, span, **{attr: value})
    return component


def _roles(analysis):
    person = analysis.entities.get("person:hà quang vũ")
    org = analysis.entities.get("org:sở nông nghiệp tỉnh bình lâm")
    if person and org:
        span = next(_occurrences(analysis, "Giám đốc Sở Nông nghiệp tỉnh Bình Lâm"))
        analysis.memberships.append(Membership(person, "Giám đốc Sở Nông nghiệp tỉnh Bình Lâm",
                                               "Giám đốc", org, span, "2024-05-09"))


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setitem(pipeline.COMPONENTS, "nlp", lambda a: None)
    mp.setitem(pipeline.COMPONENTS, "resolve", lambda a: None)
    mp.setitem(pipeline.COMPONENTS, "organizations", _mark("org", ORGS, "org_kind"))
    mp.setitem(pipeline.COMPONENTS, "places", lambda a: None)
    mp.setitem(pipeline.COMPONENTS, "people", _mark("person", PEOPLE, "gender"))
    mp.setitem(pipeline.COMPONENTS, "roles", lambda a: (_mark("place", PLACES, "place_type")(a), _roles(a)))
    base = tmp_path_factory.mktemp("nq")
    (base / "article.txt").write_text(ARTICLE, encoding="utf-8")
    st = open_store(base / "store")
    report = ingest([str(base / "article.txt")], st)
    mp.undo()
    assert not report.failed, report.failed
    yield st
    st.close()


def run(store, name, **params):
    q = get_query(name)
    rows = store.select(q.text, coerce_params(q, params))
    return [{k: (v.value if v is not None else None) for k, v in r.items()} for r in rows]


PERSON = str(iri.person("Hà Quang Vũ"))
ORG = str(iri.organization("Sở Nông nghiệp tỉnh Bình Lâm"))


def test_every_named_query_has_a_header():
    mine = ["who-said-what", "statements-citing-policy", "policy-relations", "pledges-by-deadline",
            "speakers-at-event", "posts-held", "members-of-body"]
    queries = load_queries()
    for name in mine:
        q = queries[name]
        assert q.title and q.description and q.params, name


def test_who_said_what_by_speaker(store):
    rows = run(store, "who-said-what", speaker=PERSON)
    kinds = sorted(r["kind"] for r in rows)
    assert kinds == ["direct", "reported"]
    assert all(r["speakerName"] == "Hà Quang Vũ" for r in rows)
    assert any("kim chỉ nam" in r["text"] for r in rows)
    assert all(r["evidence"] and r["event"] == "Hội thảo Nông nghiệp số vùng cao 2024" for r in rows)
    assert run(store, "who-said-what", speaker=ORG) == []
    assert len(run(store, "who-said-what")) == 2


def test_statements_citing_a_policy_by_number(store):
    rows = run(store, "statements-citing-policy", number="19-NQ/TW")
    assert [r["speakerName"] for r in rows] == ["Hà Quang Vũ"]
    assert run(store, "statements-citing-policy", number="99-NQ/TW") == []


def test_policy_relations(store):
    rows = run(store, "policy-relations", policy=str(iri.policy("26/NQ-CP")))
    assert [(r["number"], r["relation"], r["otherNumber"]) for r in rows] == [("26/NQ-CP", "implements", "19-NQ/TW")]
    back = run(store, "policy-relations", policy=str(iri.policy("19-NQ/TW")))
    assert [(r["relation"], r["otherNumber"]) for r in back] == [("implemented by", "26/NQ-CP")]


def test_pledges_by_deadline_and_actor(store):
    rows = run(store, "pledges-by-deadline", year=2026)
    assert [(r["actorName"], r["deadline"], r["quantity"]) for r in rows] == [
        ("Sở Nông nghiệp tỉnh Bình Lâm", "2026", "3")]
    assert rows[0]["places"] == "Bình Lâm"
    assert len(run(store, "pledges-by-deadline", actor=ORG)) == 1
    assert run(store, "pledges-by-deadline", year=2031) == []


def test_speakers_at_event(store):
    rows = run(store, "speakers-at-event")
    assert [(r["eventName"], r["speakerName"], r["statements"], r["date"]) for r in rows] == [
        ("Hội thảo Nông nghiệp số vùng cao 2024", "Hà Quang Vũ", "2", "2024-05-09")]
    assert run(store, "speakers-at-event", speaker=ORG) == []


def test_posts_held_and_members_of_body(store):
    posts = run(store, "posts-held", person=PERSON)
    assert [(r["role"], r["orgName"], r["attestedOn"]) for r in posts] == [
        ("Giám đốc", "Sở Nông nghiệp tỉnh Bình Lâm", "2024-05-09")]
    members = run(store, "members-of-body", org=ORG)
    assert [(r["personName"], r["role"]) for r in members] == [("Hà Quang Vũ", "Giám đốc")]

