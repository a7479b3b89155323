"""camket.api: the FastAPI app serving the store over HTTP.

* ``/sparql`` — a read-only SPARQL 1.1 Protocol endpoint (:mod:`.routers.sparql`)
* lookups — people, statements, bodies, policies, pledges, events, places,
  documents, each fact with its evidence (:mod:`.routers`)
* ``/search`` — accent-insensitive search (:mod:`camket.search`)
* ``/queries`` — the named queries of ``queries/``

Build the app with :func:`camket.api.app.create_app`; run it with ``camket serve``.
"""
