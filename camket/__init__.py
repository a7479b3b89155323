"""camket: a knowledge graph of actors, policies and commitments from Vietnamese texts.

Packages (see README "Architecture"):

* :mod:`camket.ontology` — vocabulary and IRI rules
* :mod:`camket.loaders`  — reading and extraction pipeline
* :mod:`camket.shapes`   — SHACL shapes and validation
* :mod:`camket.store`    — the store (embedded Oxigraph or a remote SPARQL server)
* :mod:`camket.queries`  — named SPARQL queries (``.rq`` files)
* :mod:`camket.api`      — the FastAPI app
* :mod:`camket.cli`      — the ``camket`` command
"""
__version__ = "0.1.0"
EXTRACTOR_VERSION = "0.1.0"
