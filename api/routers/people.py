"""``/people``: people, their posts over time, bodies, counts and statements."""
from __future__ import annotations

from fastapi import APIRouter

from camket.store import py

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SearchDep, StoreDep
from ..entities import evidence, first, label_and_aliases, props, summaries
from ..models import Counts, Page, Person, Statement, Summary
from ..posts import posts_of
from .statements import StatementFilter, statement_page

router = APIRouter(tags=["people"])


@router.get("/people", response_model=Page[Summary], summary="People, by name")
def list_people(store: StoreDep, limit: Limit = 20, offset: Offset = 0):
    return respond(summaries(store, "person", limit, offset))


@router.get("/people/{id}", response_model=Person, summary="A person: posts over time, bodies, counts")
def get_person(id: str, store: StoreDep):
    """``id`` is the key of the person's IRI; the accent-free spelling (``nguyen-van-a``) works too.
    A person researchers merged others into shows the facts of every merged IRI."""
    p = graph.resolve(store, "person", id)
    x = graph.cluster(store, p)
    name, aliases = label_and_aliases(store, x)
    attrs = props(store, x, honorific="schema:honorificPrefix", gender="schema:gender")
    held = posts_of(store, x, "person")
    orgs = {q.organization.iri: q.organization for q in held if q.organization is not None}
    return respond(Person(id=graph.key_of(p.value), iri=p.value, name=name, aliases=aliases,
                  honorific=first(attrs["honorific"]),
                  gender=first([g.rsplit("/", 1)[-1].lower() for g in attrs["gender"]]),
                  posts=held, organizations=sorted(orgs.values(), key=lambda r: (r.name or "", r.iri)),
                  counts=_counts(store, x, len(held)), evidence=evidence(store, x)))


def _counts(store, x: list, n_posts: int) -> Counts:
    branches = graph.each(x, "{{ {x} ck:mentionedIn ?d }}", "{{ ?st ck:speaker {x} }}", "{{ ?pl ck:actor {x} }}")
    q = f"""SELECT (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?st) AS ?sts) (COUNT(DISTINCT ?pl) AS ?pls)
      WHERE {{ {" UNION ".join(branches)} }}"""
    r = store.select(q)[0]
    return Counts(documents=py(r["docs"]), posts=n_posts, statements=py(r["sts"]), pledges=py(r["pls"]))


@router.get("/people/{id}/statements", response_model=Page[Statement], summary="What a person said")
def person_statements(id: str, store: StoreDep, search: SearchDep, limit: Limit = 20, offset: Offset = 0):
    """Newest first, each with the document and the exact evidence span."""
    p = graph.resolve(store, "person", id)
    return respond(statement_page(store, StatementFilter(speaker=graph.cluster(store, p)), limit, offset, search))
