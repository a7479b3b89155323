"""The judgements and their effect as RDF: two named graphs beside the documents.

Public API::

    from camket.curation.rdf import GRAPH_JUDGEMENTS, GRAPH_RESOLVED, judgements_graph, resolved_graph

* ``https://w3id.org/camket/graph/judgements`` — every judgement ever made
  (withdrawn ones too), as ``ck:Judgement`` nodes ``id/judgement/{n}`` with
  ``ck:judgementKind``, ``ck:about``, ``ck:other`` / ``ck:value``, and PROV-O:
  ``prov:wasAttributedTo`` (a ``prov:Agent`` with a ``schema:name``),
  ``prov:generatedAtTime``, ``ck:reason``, ``ck:citesEvidence``;
  withdrawn ones also ``prov:invalidatedAtTime``, ``ck:withdrawnBy``,
  ``ck:withdrawalReason``.
* ``https://w3id.org/camket/graph/resolved`` — what the active judgements
  mean: ``old owl:sameAs canonical``, ``a owl:differentFrom b``,
  ``new ck:splitFrom entity ; ck:splitIn doc`` (a split: the entity's
  mentions in that document are ``new``),
  ``fact ck:curationStatus "rejected"|"confirmed"``, ``entity ck:preferredName``,
  ``pledge ck:pledgeStatus ck:Kept`` (…), each with ``ck:judgedBy`` the
  judgement; ``judgement ck:missingNode iri`` for judgements whose node is
  gone from the corpus and ``old ck:reanchoredTo new`` for facts found again
  under a new IRI.

The resolved graph never repeats an extracted predicate (no ``schema:name``),
so queries over the union of graphs still see the raw extraction unchanged.
"""
from __future__ import annotations

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import OWL, XSD

from camket.ontology import CK, ID, PROV, SCHEMA, iri

from .judgements import PAIR_KINDS, Judgement
from .resolve import Resolution

GRAPH_JUDGEMENTS = "https://w3id.org/camket/graph/judgements"
GRAPH_RESOLVED = "https://w3id.org/camket/graph/resolved"
STATUS_TERMS = {"not-yet-rated": CK.NotYetRated, "in-the-works": CK.InTheWorks, "stalled": CK.Stalled,
                "compromise": CK.Compromise, "kept": CK.Kept, "broken": CK.Broken}


def judgement_iri(jid: int) -> URIRef:
    return ID[f"judgement/{jid}"]


def agent_iri(name: str) -> URIRef:
    return ID[f"researcher/{iri.name_key(name)}"]


def _agent(g: Graph, name: str) -> URIRef:
    node = agent_iri(name)
    g.add((node, RDF.type, PROV.Agent))
    g.add((node, SCHEMA.name, Literal(name)))
    return node


def _when(value: str) -> Literal:
    return Literal(value, datatype=XSD.dateTime)


def add_judgement(g: Graph, j: Judgement) -> URIRef:
    node = judgement_iri(j.id)
    g.add((node, RDF.type, CK.Judgement))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, CK.judgementKind, Literal(j.kind)))
    g.add((node, CK.about, URIRef(j.subject)))
    if j.kind in PAIR_KINDS or j.kind == "split":
        g.add((node, CK.other, URIRef(j.object)))
    elif j.kind == "pledge-status":
        g.add((node, CK.value, STATUS_TERMS[j.object]))
    elif j.object:
        g.add((node, CK.value, Literal(j.object, lang="vi")))
    g.add((node, PROV.wasAttributedTo, _agent(g, j.by)))
    g.add((node, PROV.generatedAtTime, _when(j.at)))
    g.add((node, CK.reason, Literal(j.why)))
    if j.evidence:
        g.add((node, CK.citesEvidence, Literal(j.evidence)))
    if not j.active:
        g.add((node, PROV.invalidatedAtTime, _when(j.withdrawn_at)))
        g.add((node, CK.withdrawnBy, _agent(g, j.withdrawn_by)))
        g.add((node, CK.withdrawalReason, Literal(j.withdrawn_why or "")))
    return node


def _graph() -> Graph:
    g = Graph()
    for prefix, ns in (("ck", CK), ("id", ID), ("prov", PROV), ("schema", SCHEMA), ("owl", OWL)):
        g.bind(prefix, ns)
    return g


def judgements_graph(judgements: list[Judgement]) -> Graph:
    g = _graph()
    for j in judgements:
        add_judgement(g, j)
    return g


def resolved_graph(res: Resolution) -> Graph:
    g = _graph()
    for old, canon in sorted(res.same_as.items()):
        g.add((URIRef(old), OWL.sameAs, URIRef(canon)))
    for j in res.different:
        g.add((URIRef(j.subject), OWL.differentFrom, URIRef(j.object)))
    for (entity, doc), j in res.splits.items():
        new = URIRef(j.split_iri)
        g.add((new, CK.splitFrom, URIRef(entity)))
        g.add((new, CK.splitIn, URIRef(doc)))
        g.add((new, OWL.differentFrom, URIRef(entity)))
        g.add((new, CK.judgedBy, judgement_iri(j.id)))
    for fact, j in res.fact_status.items():
        g.add((URIRef(fact), CK.curationStatus, Literal("rejected" if j.kind == "reject" else "confirmed")))
        g.add((URIRef(fact), CK.judgedBy, judgement_iri(j.id)))
    for canon, j in res.names.items():
        g.add((URIRef(canon), CK.preferredName, Literal(j.object, lang="vi")))
        g.add((URIRef(canon), CK.judgedBy, judgement_iri(j.id)))
    for pledge, j in res.pledge_status.items():
        g.add((URIRef(pledge), CK.pledgeStatus, STATUS_TERMS[j.object]))
        g.add((URIRef(pledge), CK.judgedBy, judgement_iri(j.id)))
    for old, new in res.moved.items():
        g.add((URIRef(old), CK.reanchoredTo, URIRef(new)))
    for j, missing in res.orphans:
        for node in missing:
            g.add((judgement_iri(j.id), CK.missingNode, URIRef(node)))
    return g
