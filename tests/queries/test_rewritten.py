"""The analytical named queries, rewritten to read one document graph at a time and the
sub-body closure from the statistics graph, give what their first versions (kept in
``legacy/``: union of graphs, ``org:subOrganizationOf*``) gave, on a small hand-made corpus
in camket's shape: the same posts, people and names repeated in several articles, a chain
of three bodies, events, evidence, places and policies.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from camket import statistics
from camket.named_queries import coerce_params, get_query, parse_query
from camket.store import open_store

LEGACY = Path(__file__).parent / "legacy"
ID, CK = "https://w3id.org/camket/id/", "https://w3id.org/camket/ns#"
S, ORG, ELI, OA = "https://schema.org/", "http://www.w3.org/ns/org#", "http://data.europa.eu/eli/ontology#", \
    "http://www.w3.org/ns/oa#"
A = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CHAIN = ("org/cuc-a", "org/bo-b", "org/chinh-phu")  # Cục A under Bộ B under Chính phủ
NAMES = {"org/cuc-a": "Cục A", "org/bo-b": "Bộ B", "org/chinh-phu": "Chính phủ", "org/so-c": "Sở C",
         "person/an": "Nguyễn An", "person/binh": "Trần Bình", "role/cuc-truong": "Cục trưởng",
         "role/bo-truong": "Bộ trưởng", "role/giam-doc": "Giám đốc", "place/ha-noi": "Hà Nội",
         "event/dien-dan": "Diễn đàn X", "policy/52-nq-tw": "Nghị quyết 52"}
CLASSES = {"org": ORG + "Organization", "person": S + "Person", "role": ORG + "Role",
           "place": CK + "Province", "event": S + "Event", "policy": CK + "PolicyDocument"}
# doc -> posts (membership key, person, role, body), statements (speaker, event, policy), pledges (actor, place)
DOCS = {
    "d1": {"posts": [("an-cuc", "person/an", "role/cuc-truong", "org/cuc-a"),
                     ("binh-bo", "person/binh", "role/bo-truong", "org/bo-b")],
           "said": [("person/an", "event/dien-dan", "policy/52-nq-tw")], "pledges": [("org/cuc-a", "place/ha-noi")],
           "sub": [("org/cuc-a", "org/bo-b")]},
    "d2": {"posts": [("an-cuc", "person/an", "role/cuc-truong", "org/cuc-a")],
           "said": [("person/an", None, None), ("person/binh", "event/dien-dan", None)],
           "pledges": [("org/bo-b", None)], "sub": [("org/bo-b", "org/chinh-phu")]},
    "d3": {"posts": [("binh-so", "person/binh", "role/giam-doc", "org/so-c")],
           "said": [("person/binh", None, "policy/52-nq-tw")], "pledges": [("person/binh", "place/ha-noi")],
           "sub": []},
}


def _doc_quads(doc: str, facts: dict) -> list[str]:
    g = f"<{ID}doc/{doc}>"
    out = [f"{g} <{A}> <{CK}Document> {g} ."]

    def q(s, p, o):
        out.append(f"{s} <{p}> {o} {g} .")

    def entity(key):
        q(f"<{ID}{key}>", A, f"<{CLASSES[key.split('/')[0]]}>")
        q(f"<{ID}{key}>", S + "name", f'"{NAMES[key]}"@vi')
        if not key.startswith("role/"):
            q(f"<{ID}{key}>", CK + "mentionedIn", g)
        if key.startswith("event/") and doc == "d1":  # d2 reports a statement at it, d1 dates and places it
            q(f"<{ID}{key}>", S + "startDate", '"2024-05-09"^^<http://www.w3.org/2001/XMLSchema#date>')
            q(f"<{ID}{key}>", S + "location", f"<{ID}place/ha-noi>")
            entity("place/ha-noi")
        if key.startswith("policy/"):
            q(f"<{ID}{key}>", ELI + "id_local", '"52-NQ/TW"')

    for key, person, role, body in facts["posts"]:
        m = f"<{ID}membership/{key}>"
        for k in (person, role, body):
            entity(k)
        q(m, A, f"<{ORG}Membership>")
        q(m, ORG + "member", f"<{ID}{person}>")
        q(m, ORG + "role", f"<{ID}{role}>")
        q(m, ORG + "organization", f"<{ID}{body}>")
        q(m, CK + "title", f'"{NAMES[role]} {NAMES[body]}"@vi')
        q(m, CK + "mentionedIn", g)
        q(m, CK + "attestedOn", '"2024-05-09"^^<http://www.w3.org/2001/XMLSchema#date>')
    for i, (speaker, event, policy) in enumerate(facts["said"]):
        st, span = f"<{ID}statement/{doc}/{i}>", f"<{ID}doc/{doc}#char={i},{i + 9}>"
        entity(speaker)
        q(st, A, f"<{CK}Statement>")
        q(st, CK + "speaker", f"<{ID}{speaker}>")
        q(st, CK + "speechKind", '"direct"')
        q(st, CK + "speechVerb", '"nói"@vi')
        q(st, CK + "text", f'"lời {i} của {doc}"@vi')
        q(st, CK + "inDocument", g)
        q(st, CK + "evidence", span)
        q(span, OA + "exact", f'"câu {i} của {doc}"')
        for rel, key in ((CK + "atEvent", event), (CK + "mentions", policy)):
            if key:
                entity(key)
                q(st, rel, f"<{ID}{key}>")
    for i, (actor, place) in enumerate(facts["pledges"]):
        pl = f"<{ID}pledge/{doc}/{i}>"
        entity(actor)
        q(pl, A, f"<{CK}Pledge>")
        q(pl, CK + "actor", f"<{ID}{actor}>")
        q(pl, CK + "text", f'"cam kết {i} của {doc}"@vi')
        q(pl, CK + "inDocument", g)
        q(pl, CK + "deadline", '"2026"^^<http://www.w3.org/2001/XMLSchema#gYear>')
        if place:
            entity(place)
            q(pl, CK + "concernsPlace", f"<{ID}{place}>")
    for child, parent in facts["sub"]:
        entity(child)
        entity(parent)
        q(f"<{ID}{child}>", ORG + "subOrganizationOf", f"<{ID}{parent}>")
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("rewritten") / "store")
    nq = "\n".join(line for doc, facts in DOCS.items() for line in _doc_quads(doc, facts)) + "\n"
    store.load_nquads(nq.encode())
    statistics.rebuild(store)
    yield store
    store.close()


def _rows(store, query, params: dict) -> list[tuple]:
    rows = store.select(query.text, coerce_params(query, params))
    return sorted(tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows)


CASES = [("members-of-body", {}), ("members-of-body", {"org": ID + "org/chinh-phu"}),
         ("members-of-body", {"org": ID + "org/bo-b"}), ("members-of-body", {"org": ID + "org/cuc-a"}),
         ("members-of-body", {"org": ID + "org/so-c"}),
         ("posts-held", {}), ("posts-held", {"person": ID + "person/an"}),
         ("posts-held", {"person": ID + "person/binh"}),
         ("pledges-by-deadline", {}), ("pledges-by-deadline", {"actor": ID + "org/cuc-a"}),
         ("pledges-by-deadline", {"year": "2026"}),
         ("speakers-at-event", {}), ("speakers-at-event", {"event": ID + "event/dien-dan"}),
         ("speakers-at-event", {"speaker": ID + "person/binh"}),
         ("who-said-what", {}), ("who-said-what", {"speaker": ID + "person/an"}),
         ("statements-citing-policy", {}), ("statements-citing-policy", {"policy": ID + "policy/52-nq-tw"})]


@pytest.mark.parametrize("name,params", CASES, ids=[f"{n}-{'-'.join(p) or 'all'}" for n, p in CASES])
def test_rewritten_query_gives_the_legacy_rows(store, name, params):
    new = _rows(store, get_query(name), params)
    old = _rows(store, parse_query(LEGACY / f"{name}.rq"), params)
    assert new == old
    assert new, "the case should have rows, or it proves nothing"


def test_members_of_a_body_include_those_of_the_bodies_under_it(store):
    rows = store.select(get_query("members-of-body").text, {"org": statistics_term(ID + "org/chinh-phu")})
    people = {r["personName"].value: r["unit"].value for r in rows}
    assert people == {"Nguyễn An": "Cục A", "Trần Bình": "Bộ B"}  # two and one levels down
    assert {r["orgName"].value for r in rows} == {"Chính phủ"}


def statistics_term(value: str):
    import pyoxigraph as ox
    return ox.NamedNode(value)


def test_people_in_a_body_read_in_the_post_graph_are_those_of_the_union_graph(store):
    from bench.bench_queries import PEOPLE_IN_BODY
    union = "SELECT DISTINCT ?p ?name WHERE { ?m org:organization ?org ; org:member ?p . ?p schema:name ?name }"
    for body in ("org/cuc-a", "org/bo-b", "org/so-c", "org/chinh-phu"):
        bound = {"org": statistics_term(ID + body)}
        new = {(r["p"].value, r["name"].value) for r in store.select(PEOPLE_IN_BODY, bound)}
        assert new == {(r["p"].value, r["name"].value) for r in store.select(union, bound)}
        assert new or body == "org/chinh-phu"
