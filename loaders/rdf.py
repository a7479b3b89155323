"""RDF writer: a finished :class:`~camket.loaders.model.Analysis` -> the document's graph.

:func:`document_triples` returns the pyoxigraph triples the document
contributes (built directly as Oxigraph terms: what ingest validates,
serialises and stores); :func:`document_graph` returns the same triples as
an rdflib ``Graph``. The store keeps them as the named graph
``camket.ontology.iri.document(doc_id)``. What goes in:

* the document (``ck:Document``): source path, sha256, title, publisher,
  date, encoding, full NFC text, extractor version, ingest time (PROV-O);
* each entity with its type, ``schema:name`` as this document first spells
  it, alternate spellings, attributes, and a ``ck:evidence`` span per mention;
* memberships (W3C ORG), statements, pledges, each with evidence;
* evidence spans ``doc#char=s,e`` typed ``ck:EvidenceSpan`` with ``oa:start``,
  ``oa:end``, ``oa:exact`` and ``ck:inDocument``.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Iterable, NamedTuple

import pyoxigraph as ox
from rdflib import Graph, URIRef

from camket import EXTRACTOR_VERSION
from camket.ontology import CK as _CK, DCTERMS as _DCTERMS, ELI as _ELI, OA as _OA, ORG as _ORG, \
    PROV as _PROV, SCHEMA as _SCHEMA, iri


class Terms:
    """A namespace whose attributes are pyoxigraph ``NamedNode`` s (made once each)."""

    def __init__(self, base: str):
        self._base = str(base)

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node


CK, DCTERMS, ELI, OA, ORG, PROV, SCHEMA = (Terms(ns) for ns in (_CK, _DCTERMS, _ELI, _OA, _ORG, _PROV, _SCHEMA))
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = Terms("http://www.w3.org/2001/XMLSchema#")

from .model import Analysis, Entity, Span  # noqa: E402

PLACE_CLASSES = {"city": SCHEMA.City, "province": CK.Province,
                 "country": SCHEMA.Country, "region": CK.Region}
ENTITY_CLASSES = {"person": SCHEMA.Person, "org": ORG.Organization,
                  "policy": CK.PolicyDocument, "event": SCHEMA.Event}
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def entity_iri(ent: Entity) -> URIRef:
    """The IRI of an entity (deterministic; see :mod:`camket.ontology.iri`)."""
    if ent.kind == "policy":
        return iri.policy(ent.attrs.get("number"), ent.attrs.get("policy_type", ""),
                          ent.attrs.get("title") or ent.key)
    if ent.kind == "event":
        return iri.event(ent.key)
    kinds = {"person": "person", "org": "org", "place": "place"}
    return iri.entity(kinds[ent.kind], ent.key)


def date_literal(value: str) -> ox.Literal:
    """ISO date, year-month or year as the matching XSD literal."""
    if len(value) == 4 and value.isdigit():
        return ox.Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return ox.Literal(value, datatype=XSD.gYearMonth)
    return ox.Literal(value, datatype=XSD.date)


def Literal(value, datatype: ox.NamedNode | None = None) -> ox.Literal:  # noqa: N802  (a term constructor)
    """A plain (or typed) literal of ``value``'s text."""
    return ox.Literal(str(value), datatype=datatype) if datatype is not None else ox.Literal(str(value))


class _Writer:
    def __init__(self, analysis: Analysis, ingested_at: str | None):
        self.a = analysis
        self.doc_id = analysis.doc.doc_id
        self.doc = ox.NamedNode(iri.document(self.doc_id))
        self.triples: dict[tuple, None] = {}   # insertion-ordered set
        self.spans: set[tuple[int, int]] = set()
        self.iris: dict[int, ox.NamedNode] = {}
        self.ingested_at = ingested_at

    def add(self, s, p, o) -> None:
        if o is not None:
            self.triples[(s, p, o)] = None

    def iri(self, ent: Entity) -> ox.NamedNode:
        """The entity's IRI as a term (computed once per entity per document)."""
        node = self.iris.get(id(ent))
        if node is None:
            node = self.iris[id(ent)] = ox.NamedNode(entity_iri(ent))
        return node

    def text(self, value: str | None) -> ox.Literal | None:
        return ox.Literal(value, language="vi") if value else None

    def evidence(self, node: ox.NamedNode, spans: Iterable[Span]) -> None:
        for span in spans:
            sp = ox.NamedNode(f"{self.doc.value}#char={span.start},{span.end}")
            self.add(node, CK.evidence, sp)
            if (span.start, span.end) in self.spans:
                continue
            self.spans.add((span.start, span.end))
            self.add(sp, RDF_TYPE, CK.EvidenceSpan)
            self.add(sp, CK.inDocument, self.doc)
            self.add(sp, OA.start, ox.Literal(str(span.start), datatype=XSD.integer))
            self.add(sp, OA.end, ox.Literal(str(span.end), datatype=XSD.integer))
            self.add(sp, OA.exact, ox.Literal(span.of(self.a.text)))

    # ------------------------------------------------------------ document
    def document(self) -> None:
        d, src = self.doc, self.a.doc
        self.add(d, RDF_TYPE, CK.Document)
        self.add(d, CK.sourcePath, Literal(src.source))
        self.add(d, CK.sha256, Literal(src.sha256))
        self.add(d, CK.encoding, Literal(src.encoding))
        self.add(d, CK.extractorVersion, Literal(EXTRACTOR_VERSION))
        self.add(d, SCHEMA.text, Literal(self.a.text))
        self.add(d, SCHEMA.identifier, Literal(self.doc_id))
        self.add(d, DCTERMS.title, self.text(src.title))
        self.add(d, DCTERMS.publisher, Literal(src.publisher) if src.publisher else None)
        self.add(d, SCHEMA.url, Literal(src.url) if src.url else None)
        if src.date:
            self.add(d, DCTERMS.date, date_literal(src.date[:10]) if _is_iso(src.date[:10]) else Literal(src.date))
        if self.ingested_at:
            self.add(d, PROV.generatedAtTime, Literal(self.ingested_at, datatype=XSD.dateTime))

    # ------------------------------------------------------------ entities
    def entity(self, ent: Entity) -> ox.NamedNode:
        node = self.iri(ent)
        cls = PLACE_CLASSES.get(ent.attrs.get("place_type"), SCHEMA.Place) if ent.kind == "place" \
            else ENTITY_CLASSES[ent.kind]
        self.add(node, RDF_TYPE, cls)
        label = ent.attrs.get("title") if ent.kind == "policy" and not ent.name else ent.name
        self.add(node, SCHEMA.name, self.text(label))
        for alias in ent.aliases:
            self.add(node, SCHEMA.alternateName, self.text(alias))
        self.add(node, CK.mentionedIn, self.doc)
        # a body only implied by a post ("Phó Thủ tướng X" -> Chính phủ) is attested by that post
        self.evidence(node, ent.spans or [m.span for m in self.a.memberships if m.org is ent])
        getattr(self, f"attrs_{ent.kind}")(node, ent.attrs)
        return node

    def attrs_person(self, node, attrs) -> None:
        gender = {"male": SCHEMA.Male, "female": SCHEMA.Female}.get(attrs.get("gender"))
        self.add(node, SCHEMA.gender, gender)
        self.add(node, SCHEMA.honorificPrefix, self.text(attrs.get("honorific")))

    def attrs_org(self, node, attrs) -> None:
        self.add(node, CK.orgKind, Literal(attrs["org_kind"]) if attrs.get("org_kind") else None)
        self.add(node, CK.acronym, Literal(attrs["acronym"]) if attrs.get("acronym") else None)
        if isinstance(attrs.get("parent"), Entity):
            self.add(node, ORG.subOrganizationOf, self.iri(attrs["parent"]))

    def attrs_place(self, node, attrs) -> None:
        self.add(node, CK.placeType, Literal(attrs["place_type"]) if attrs.get("place_type") else None)

    def attrs_policy(self, node, attrs) -> None:
        self.add(node, ELI.id_local, Literal(attrs["number"]) if attrs.get("number") else None)
        self.add(node, CK.policyType, self.text(attrs.get("policy_type")))
        self.add(node, ELI.title, self.text(attrs.get("title")))
        if attrs.get("date") and _is_iso(attrs["date"]):
            self.add(node, ELI.date_document, date_literal(attrs["date"]))
        issuer = attrs.get("issuer")
        if isinstance(issuer, Entity):
            self.add(node, ELI.passed_by, self.iri(issuer))
        elif issuer:
            self.add(node, CK.issuerName, self.text(issuer))
        for rel, prop in (("implements", ELI.implements), ("based_on", ELI.based_on)):
            for other in attrs.get(rel) or ():
                self.add(node, prop, self.iri(other))

    def attrs_event(self, node, attrs) -> None:
        if attrs.get("date") and _is_iso(attrs["date"]):
            self.add(node, SCHEMA.startDate, date_literal(attrs["date"]))
        if isinstance(attrs.get("place"), Entity):
            self.add(node, SCHEMA.location, self.iri(attrs["place"]))
        for org in attrs.get("organizers") or ():
            self.add(node, SCHEMA.organizer, self.iri(org))

    # ------------------------------------------------------------ facts
    def memberships(self) -> None:
        for m in self.a.memberships:
            person = self.iri(m.person)
            org = self.iri(m.org) if m.org is not None else None
            role = ox.NamedNode(iri.role(m.role or m.title))
            node = ox.NamedNode(iri.membership(person.value, role.value, org.value if org is not None else None))
            self.add(node, RDF_TYPE, ORG.Membership)
            self.add(node, ORG.member, person)
            self.add(node, ORG.organization, org)
            self.add(node, ORG.role, role)
            self.add(role, RDF_TYPE, ORG.Role)
            self.add(role, SCHEMA.name, self.text(m.role or m.title))
            self.add(node, CK.title, self.text(m.title))
            self.add(node, CK.mentionedIn, self.doc)
            if m.date and _is_iso(m.date):
                self.add(node, CK.attestedOn, date_literal(m.date))
            self.evidence(node, [m.span])

    def statements(self) -> dict[int, ox.NamedNode]:
        nodes = {}
        for st in self.a.statements:
            node = ox.NamedNode(iri.fact("statement", self.doc_id, st.span.start, st.span.end))
            nodes[id(st)] = node
            self.add(node, RDF_TYPE, CK.Statement)
            self.add(node, CK.speaker, self.iri(st.speaker))
            self.add(node, CK.text, self.text(st.span.of(self.a.text)))
            self.add(node, CK.speechKind, Literal(st.kind))
            self.add(node, CK.speechVerb, self.text(st.verb))
            self.add(node, CK.inDocument, self.doc)
            for ent in st.mentions:
                self.add(node, CK.mentions, self.iri(ent))
            if st.event is not None:
                self.add(node, CK.atEvent, self.iri(st.event))
            self.evidence(node, st.evidence or [st.span])
        return nodes

    def pledges(self, statement_nodes: dict[int, ox.NamedNode]) -> None:
        for pl in self.a.pledges:
            node = ox.NamedNode(iri.fact("pledge", self.doc_id, pl.span.start, pl.span.end))
            self.add(node, RDF_TYPE, CK.Pledge)
            self.add(node, CK.actor, self.iri(pl.actor))
            self.add(node, CK.text, self.text(pl.span.of(self.a.text)))
            self.add(node, CK.inDocument, self.doc)
            if pl.deadline and _is_iso(pl.deadline):
                self.add(node, CK.deadline, date_literal(pl.deadline))
            self.add(node, CK.quantity, self.text(pl.quantity))
            for place in pl.places:
                self.add(node, CK.concernsPlace, self.iri(place))
            if pl.statement is not None and id(pl.statement) in statement_nodes:
                self.add(node, CK.fromStatement, statement_nodes[id(pl.statement)])
            if pl.policy is not None:
                self.add(node, CK.fromPolicy, self.iri(pl.policy))
            self.evidence(node, pl.evidence or [pl.span])

    def build(self) -> list[ox.Triple]:
        self.document()
        for ent in list(self.a.entities.values()):
            self.entity(ent)
        self.memberships()
        self.pledges(self.statements())
        return [Triple(s, p, o) for s, p, o in self.triples]


def _is_iso(value: str) -> bool:
    return bool(_ISO.fullmatch(value or ""))


class Triple(NamedTuple):
    """A triple of pyoxigraph terms, read like ``pyoxigraph.Triple`` (``.subject``,
    ``.predicate``, ``.object``, unpacking) but a plain tuple: its terms are the
    writer's own objects, not new ones made on each access. :func:`to_oxigraph`
    makes ``pyoxigraph.Triple`` s of them for pyoxigraph's own functions."""

    subject: ox.NamedNode
    predicate: ox.NamedNode
    object: ox.NamedNode | ox.Literal


def document_triples(analysis: Analysis, ingested_at: str | None = None) -> list[Triple]:
    """The triples of one analysed document (see module doc), no duplicates."""
    if ingested_at is None:
        ingested_at = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return _Writer(analysis, ingested_at).build()


def to_oxigraph(triples: Iterable[Triple]) -> list[ox.Triple]:
    return [ox.Triple(*t) for t in triples]


def to_ntriples(triples: Iterable[Triple | ox.Triple]) -> str:
    """N-Triples, one line per triple: each term as pyoxigraph writes it in N-Triples
    (the same text as ``pyoxigraph.serialize``; tests/loaders compare them)."""
    return "".join([f"{s} {p} {o} .\n" for s, p, o in triples])


def document_graph(analysis: Analysis, ingested_at: str | None = None) -> Graph:
    """The same triples as :func:`document_triples`, as an rdflib ``Graph``."""
    return Graph().parse(data=to_ntriples(document_triples(analysis, ingested_at)), format="nt")
