"""Pydantic response models of the lookups (what /docs shows).

Every fact (statement, pledge, post, mention) carries ``evidence``: the
document, the exact characters and their [start, end) offsets in the
document's stored NFC text (``/documents/{id}`` returns that text).
"""
from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Evidence(BaseModel):
    document: str = Field(description="document id (see /documents/{id})")
    document_iri: str
    exact: str = Field(description="the exact characters the fact was read from")
    start: int = Field(description="offset of the first character (code points, NFC text)")
    end: int = Field(description="offset after the last character")


class Ref(BaseModel):
    id: str
    kind: str
    iri: str
    name: str | None = None


class DocRef(BaseModel):
    id: str
    iri: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None


class Page(BaseModel, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]


class Statement(BaseModel):
    id: str
    iri: str
    speaker: Ref
    kind: str = Field(description="direct (quoted) or reported")
    verb: str | None = None
    text: str
    document: DocRef
    date: str | None = Field(None, description="date of the document")
    event: Ref | None = None
    mentions: list[Ref] = []
    evidence: list[Evidence]


class Pledge(BaseModel):
    id: str
    iri: str
    actor: Ref
    text: str
    deadline: str | None = None
    quantity: str | None = None
    places: list[Ref] = []
    policy: Ref | None = None
    statement: str | None = Field(None, description="IRI of the statement it was made in")
    document: DocRef
    evidence: list[Evidence]


class Attestation(BaseModel):
    document: DocRef
    date: str | None = None
    title: str | None = Field(None, description="the post as written in the document")
    evidence: list[Evidence]


class Post(BaseModel):
    iri: str
    role: str | None
    person: Ref
    organization: Ref | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    attestation_count: int = Field(description="documents attesting the post; ``attestations`` may hold the first "
                                   "ones only (a body's members), /memberships/{id}/attestations pages through all")
    attestations: list[Attestation] = Field(description="oldest first, each with its evidence spans")


class Summary(BaseModel):
    id: str
    kind: str
    iri: str
    name: str | None = None
    documents: int = Field(0, description="number of documents mentioning it")


class Counts(BaseModel):
    documents: int = 0
    posts: int = 0
    statements: int = 0
    pledges: int = 0


class Person(BaseModel):
    id: str
    iri: str
    name: str | None
    aliases: list[str]
    honorific: str | None = None
    gender: str | None = None
    posts: list[Post]
    organizations: list[Ref]
    counts: Counts
    evidence: list[Evidence]


class Organization(BaseModel):
    id: str
    iri: str
    name: str | None
    aliases: list[str]
    org_kind: str | None = None
    acronym: str | None = None
    parents: list[Ref] = []
    sub_organizations: list[Ref] = []
    members: Page[Post] = Field(description="posts held in the body, first seen first (``members_limit``/``members_offset``)")
    statements: Page[Statement] = Field(description="statements of the body or its members, newest first (``limit``/``offset``)")
    evidence: Page[Evidence] = Field(description="where documents name it, by document and offset (``evidence_limit``/``evidence_offset``)")


class Policy(BaseModel):
    id: str
    iri: str
    name: str | None
    number: str | None = None
    type: str | None = None
    title: str | None = None
    issuer: Ref | None = None
    issuer_name: str | None = None
    date: str | None = None
    aliases: list[str] = []
    implements: list[Ref] = []
    based_on: list[Ref] = []
    implemented_by: list[Ref] = []
    cited_by_policies: list[Ref] = []
    cited_by: list[Ref] = Field([], description="speakers whose statements mention it")
    statements: Page[Statement]
    pledges: list[Pledge]
    evidence: list[Evidence]


class Event(BaseModel):
    id: str
    iri: str
    name: str | None
    date: str | None = None
    places: list[Ref] = []
    organizers: list[Ref] = []
    documents: list[DocRef] = []
    statements: Page[Statement]
    evidence: list[Evidence]


class Place(BaseModel):
    id: str
    iri: str
    name: str | None
    place_type: str | None = None
    aliases: list[str] = []
    events: list[Ref] = []
    pledges: list[Pledge] = []
    statements: Page[Statement]
    evidence: list[Evidence]


class Mention(BaseModel):
    entity: Ref
    evidence: list[Evidence]


class MembershipFact(BaseModel):
    iri: str
    person: Ref
    role: str | None = None
    title: str | None = None
    organization: Ref | None = None
    date: str | None = None
    evidence: list[Evidence]


class Document(BaseModel):
    id: str
    iri: str
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    sha256: str | None = None
    text: str
    entities: list[Mention]
    memberships: list[MembershipFact]
    statements: list[Statement]
    pledges: list[Pledge]


class SearchHit(BaseModel):
    kind: str
    id: str
    iri: str
    label: str
    snippet: str | None = None
    document: str | None = None
    score: float


class SearchResults(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    items: list[SearchHit]
    fuzzy: bool = Field(False, description="true when typo-tolerant matching was used")


class QueryParam(BaseModel):
    name: str
    type: str
    optional: bool
    description: str


class NamedQueryInfo(BaseModel):
    name: str
    title: str
    description: str
    params: list[QueryParam]
    url: str


class QueryRows(BaseModel):
    name: str
    columns: list[str]
    rows: list[dict]
    total: int
    truncated: bool = False


class Error(BaseModel):
    error: str
    status: int
