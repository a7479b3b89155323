"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint.

* ``GET ?query=``, ``POST`` form (``query=``) and ``POST application/sparql-query``;
  ``default-graph-uri`` / ``named-graph-uri`` (repeatable) pick the dataset,
  otherwise the default graph is the union of all document graphs;
* results negotiated from ``Accept`` (or ``?format=``): SPARQL JSON/XML/CSV/TSV
  for SELECT/ASK, Turtle/N-Triples/JSON-LD/RDF-XML/N3 for CONSTRUCT/DESCRIBE;
* a plain ``GET`` returns the service description with VoID statistics;
* refusals, as JSON ``{"error", "status"}``: 400 malformed query, 403 update
  or SERVICE, 406 no acceptable format, 413 too many rows, 415 wrong body
  type, 503 time limit reached.
"""
from __future__ import annotations

import time
from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from ..sparql_exec import QueryError, Result, TooLarge, TooSlow
from ..sparql_guard import Refused, check
from ..sparql_results import GRAPH_FORMATS, SOLUTION_FORMATS, NotAcceptable, negotiate

router = APIRouter(tags=["sparql"])

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RESULT_FORMATS = ["SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N3"]
DOC = {"description": __doc__.split("\n\n")[1] if __doc__ else "",
       "responses": {200: {"content": {m: {} for m in {**SOLUTION_FORMATS, **GRAPH_FORMATS}}}}}


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message, "status": status}, status_code=status)


@router.get("/sparql", summary="SPARQL 1.1 query (GET); service description without ?query", **DOC)
async def sparql_get(request: Request):
    params = _multi(request.url.query)
    if "update" in params:
        return _error(403, "this endpoint is read-only: SPARQL Update is refused")
    if "query" not in params:
        return await _service_description(request, params)
    return await _answer(request, params["query"][0], params)


@router.post("/sparql", summary="SPARQL 1.1 query (POST form or application/sparql-query)", **DOC)
async def sparql_post(request: Request):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = _multi(request.url.query)
    body = (await request.body()).decode("utf-8", errors="replace")
    if ctype == "application/sparql-update":
        return _error(403, "this endpoint is read-only: SPARQL Update is refused")
    if ctype == "application/sparql-query":
        return await _answer(request, body, params)
    if ctype == "application/x-www-form-urlencoded":
        form = _multi(body)
        for k, v in form.items():
            params.setdefault(k, []).extend(v)
        if "update" in form:
            return _error(403, "this endpoint is read-only: SPARQL Update is refused")
        if "query" not in form:
            return _error(400, "missing 'query' form field")
        return await _answer(request, form["query"][0], params)
    return _error(415, f"unsupported content type {ctype or '(none)'}: send application/sparql-query "
                       "or an application/x-www-form-urlencoded form with 'query'")


def _multi(qs: str) -> dict[str, list[str]]:
    return parse_qs(qs, keep_blank_values=True)


async def _answer(request: Request, query: str, params: dict[str, list[str]]) -> Response:
    settings = request.app.state.settings
    try:
        check(query)
        result = await request.app.state.sparql.run(query, params.get("default-graph-uri", []),
                                                     params.get("named-graph-uri", []))
        media, write = negotiate(result.kind, request.headers.get("accept"),
                                 (params.get("format") or params.get("output") or [None])[0])
        return Response(write(result), media_type=media)
    except Refused as err:
        return _error(403, str(err))
    except QueryError as err:
        return _error(400, str(err))
    except NotAcceptable as err:
        return _error(406, str(err))
    except TooSlow:
        return _error(503, f"query stopped: it ran longer than the {settings.query_timeout:g} s limit "
                           "of this endpoint; narrow it down or add a LIMIT")
    except TooLarge:
        return _error(413, f"result too large: more than {settings.max_rows} rows (this endpoint's limit); "
                           "add a LIMIT or page with LIMIT/OFFSET")


async def _service_description(request: Request, params) -> Response:
    endpoint = ox.NamedNode(str(request.url).split("?")[0])
    triples = _description(endpoint, await _void_stats(request))
    accept = request.headers.get("accept") or "text/turtle"
    if "text/html" in accept:
        accept = "text/turtle"
    try:
        media, write = negotiate("graph", accept, (params.get("format") or [None])[0])
    except NotAcceptable as err:
        return _error(406, str(err))
    return Response(write(Result("graph", triples=triples)), media_type=media)


async def _void_stats(request: Request) -> dict:
    """Triples, documents and entities per class; cached for a minute."""
    cache = getattr(request.app.state, "void_cache", None)
    if cache and time.monotonic() - cache[0] < 60:
        return cache[1]
    import anyio
    stats = await anyio.to_thread.run_sync(_compute_stats, request.app.state.store)
    request.app.state.void_cache = (time.monotonic(), stats)
    return stats


def _compute_stats(store) -> dict:
    """The VoID counts stored in the statistics graph (:mod:`camket.void_stats`), else counted
    (≈ 11 CPU-s at 100,000 articles)."""
    from camket import void_stats
    return void_stats.read(store) or void_stats.compute(store)


def _description(endpoint: ox.NamedNode, stats: dict) -> list[ox.Triple]:
    n = lambda iri: ox.NamedNode(iri)  # noqa: E731
    ds, graph = ox.BlankNode(), ox.BlankNode()
    out = [ox.Triple(endpoint, RDF_TYPE, n(SD + "Service")),
           ox.Triple(endpoint, n(SD + "endpoint"), endpoint),
           ox.Triple(endpoint, n(SD + "supportedLanguage"), n(SD + "SPARQL11Query")),
           ox.Triple(endpoint, n(SD + "feature"), n(SD + "UnionDefaultGraph")),
           ox.Triple(endpoint, n(SD + "defaultDataset"), ds),
           ox.Triple(ds, RDF_TYPE, n(SD + "Dataset")),
           ox.Triple(ds, n(SD + "defaultGraph"), graph),
           ox.Triple(graph, RDF_TYPE, n(SD + "Graph")),
           ox.Triple(graph, RDF_TYPE, n(VOID + "Dataset")),
           ox.Triple(graph, n(VOID + "triples"), ox.Literal(stats["triples"])),
           ox.Triple(graph, n(VOID + "documents"), ox.Literal(stats["documents"]))]
    out += [ox.Triple(endpoint, n(SD + "resultFormat"), n(FORMATS + f)) for f in RESULT_FORMATS]
    for cls, count in sorted(stats["classes"].items()):
        part = ox.BlankNode()
        out += [ox.Triple(graph, n(VOID + "classPartition"), part),
                ox.Triple(part, n(VOID + "class"), n(cls)),
                ox.Triple(part, n(VOID + "entities"), ox.Literal(count))]
    return out
