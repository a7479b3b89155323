"""The camket vocabulary on the Python side.

Public API::

    from camket.ontology import CK, ORG, PROV, SCHEMA, ELI, OA, DCTERMS, ID
    from camket.ontology import iri          # minting rules (see camket.ontology.iri)
    from camket.ontology import ONTOLOGY_PATH, PREFIXES

The Turtle file ``camket.ttl`` beside this module documents every term (with
Vietnamese and English labels); this module only names the namespaces so
that Python code and SPARQL text share one spelling of each.
"""
from pathlib import Path

from rdflib import Namespace
from rdflib.namespace import OWL, RDF, RDFS, XSD

CK = Namespace("https://w3id.org/camket/ns#")
ID = Namespace("https://w3id.org/camket/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
OA = Namespace("http://www.w3.org/ns/oa#")
DCTERMS = Namespace("http://purl.org/dc/terms/")

ONTOLOGY_PATH = Path(__file__).with_name("camket.ttl")
ONTOLOGY_GRAPH = "https://w3id.org/camket/graph/ontology"

PREFIXES = {
    "ck": str(CK), "id": str(ID), "org": str(ORG), "prov": str(PROV),
    "schema": str(SCHEMA), "eli": str(ELI), "oa": str(OA),
    "dcterms": str(DCTERMS), "rdf": str(RDF), "rdfs": str(RDFS),
    "xsd": str(XSD), "owl": str(OWL),
}


def sparql_prefixes() -> str:
    """The PREFIX lines every named query may rely on."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


__all__ = ["CK", "ID", "ORG", "PROV", "SCHEMA", "ELI", "OA", "DCTERMS",
           "ONTOLOGY_PATH", "ONTOLOGY_GRAPH", "PREFIXES", "sparql_prefixes"]
