"""Schemas of the web pages' JSON twins (what ``/docs`` shows for ``/web/...json``).

The twins are the dicts :mod:`camket.api.web_data` builds; these models only
document them (the routes return the dicts as they are). Every ref and
evidence entry also carries ``url``: its web page, or the document view
anchored at the span (``/web/id/doc/{id}#char=s,e``).
"""
from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .models import DocRef, Document, Evidence, Page, Pledge, Post, Statement


T = TypeVar("T")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class WebList(Page[T], Generic[T]):
    """One page of a long list of an entity page (the same in the HTML page and its twin): the
    API's :class:`~camket.api.models.Page` (``offset`` is the page url's ``{list}_offset``) with
    links to the pages before and after it."""
    prev: str | None = Field(None, description="the page url showing the previous items of this list")
    next: str | None = Field(None, description="the page url showing the next items of this list")


class WebRef(_Open):
    id: str
    kind: str
    iri: str
    name: str | None = None
    url: str | None = Field(None, description="the web page of the entity")


class WebSearchHit(_Open):
    kind: str = Field(description="person, organization, policy, place, event, statement, pledge or document")
    iri: str
    label: str
    snippet: str | None = None
    score: float | None = None
    url: str = Field(description="its page; for a statement or pledge, its evidence in the document")


class SearchPage(_Open):
    kind: str = "search"
    query: str
    filter: str | None = None
    total: int
    fuzzy: bool = False
    items: list[WebSearchHit]
    documents: list[DocRef] | None = Field(None, description="newest documents (only without a query)")


class Attribute(_Open):
    property: str
    vi: str
    en: str
    values: list[str]


class Relation(_Open):
    property: str
    direction: str = Field(description="'out' (this entity is the subject) or 'in'")
    vi: str
    en: str
    items: list[WebRef]


class EntityPage(_Open):
    kind: str = Field(description="person, organization, policy, event or place")
    iri: str
    id: str
    name: str
    aliases: list[str]
    url: str
    graph_url: str
    attributes: list[Attribute]
    relations: list[Relation]
    posts: WebList[Post] | None = Field(None, description="person: posts over time; body: members and posts")
    statements: WebList[Statement] | None = None
    pledges: WebList[Pledge] | None = None
    policies_cited: list[WebRef] | None = Field(None, description="person or body: policies their statements cite")
    cited_by: list[WebRef] | None = Field(None, description="policy: speakers (and documents) citing it")
    speakers: list[WebRef] | None = Field(None, description="event: who spoke there")
    documents: WebList[DocRef] = Field(description="the documents mentioning it, newest first")
    evidence: list[Evidence] = Field(description="its mentions in the documents shown (a few per document)")


class HighlightSpan(_Open):
    start: int
    end: int
    kind: str = Field(description="entity kind, or statement / pledge / membership")
    iri: str
    label: str | None = None
    url: str = Field(description="the entity's page, or '#fact-...' (the fact in the side list)")


class DocumentPage(Document):
    model_config = ConfigDict(extra="allow")
    kind: str = "document"
    source_url: str | None = Field(None, description="where the article was published (``url`` is its web page)")
    spans: list[HighlightSpan] = Field(description="every extracted span, in text order")


class GraphNode(WebRef):
    center: bool


class GraphEdge(_Open):
    source: str
    target: str
    source_name: str
    target_name: str
    source_url: str | None = None
    target_url: str | None = None
    label: str
    vi: list[str]
    en: list[str]


class GraphPage(_Open):
    kind: str
    iri: str
    name: str
    url: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


class ResultTable(_Open):
    kind: str = Field(description="select, ask or graph")
    columns: list[str]
    total: int
    truncated: bool = False
    rows: list[list[dict[str, Any] | None]] = Field(
        description="cells: type (uri, literal, bnode), value, url (uri), short (prefixed name), lang, datatype")


class SparqlPage(_Open):
    kind: str = "sparql"
    name: str | None = None
    params: dict[str, str]
    queries: list[dict[str, Any]]
    query: str
    result: ResultTable | None = None
    error: str | None = None
