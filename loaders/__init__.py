"""Loaders: source text in, one RDF graph per document out.

The pipeline (see :mod:`camket.loaders.pipeline`) is a list of small named
components, spaCy style; each reads and adds to an
:class:`~camket.loaders.model.Analysis`::

    read (camket.loaders.read)  ->  normalise  ->  paragraphs/sentences
    -> mention finders -> fact builders -> resolver -> RDF writer (camket.loaders.rdf)

Public API::

    from camket.loaders.read import iter_documents, InputError
    from camket.loaders.pipeline import Pipeline, default_pipeline
    from camket.loaders.rdf import document_triples, document_graph
"""
