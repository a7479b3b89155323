"""``/queries``: the named queries of ``queries/*.rq``, listed and runnable with typed parameters.

Parameter values arrive as query-string fields, are coerced to their declared
type (iri, string, int, date, year) and bound as RDF terms in a ``VALUES``
clause (:func:`camket.store.bind`) — never pasted into the query text.
"""
from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request, Response

from camket.named_queries import ParamError, coerce_params, load_queries
from camket.ontology import sparql_prefixes
from camket.sparql_text import inline_values
from camket.store import bind, py, term_to_sparql

from .. import graph
from ..responses import respond
from ..deps import Limit, Offset, SettingsDep
from ..models import NamedQueryInfo, QueryParam, QueryRows
from ..sparql_exec import QueryError, supports_substitutions
from ..sparql_results import negotiate

router = APIRouter(tags=["named queries"])
RESERVED = {"limit", "offset", "format"}


def _queries(settings) -> dict:
    return load_queries(Path(settings.queries_dir) if settings.queries_dir else None)


@router.get("/queries", response_model=list[NamedQueryInfo], summary="The named queries and their parameters")
def list_queries(settings: SettingsDep, request: Request):
    return respond([NamedQueryInfo(name=q.name, title=q.title, description=q.description,
                           params=[QueryParam(name=p.name, type=p.type, optional=p.optional,
                                              description=p.description) for p in q.params],
                           url=str(request.url_for("run_query", name=q.name)))
            for q in _queries(settings).values()])


@router.get("/queries/{name}", response_model=QueryRows, summary="Run a named query",
            responses={400: {"description": "unknown or badly typed parameter"}})
async def run_query(name: str, request: Request, settings: SettingsDep, limit: Limit = 100, offset: Offset = 0,
                    format: str | None = None):
    """Parameters are the query's declared ones, as query-string fields (see ``/queries``).
    ``format`` (json, xml, csv, tsv) returns the standard SPARQL results instead of rows."""
    queries = _queries(settings)
    if name not in queries:
        raise graph.NotFound(f"no named query {name!r} (known: {', '.join(sorted(queries)) or 'none'})")
    q = queries[name]
    raw = {k: v for k, v in request.query_params.items() if k not in RESERVED}
    try:
        bindings = coerce_params(q, raw)
    except ParamError as err:
        raise HTTPException(400, str(err)) from None
    result = await _run(request.app.state.sparql, q.text, bindings)
    if format:
        media, write = negotiate(result.kind, None, format)
        return Response(write(result), media_type=media)
    rows = [{v: py(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    page = rows[offset:offset + limit]
    return respond(QueryRows(name=name, columns=result.variables, rows=page, total=len(rows),
                     truncated=offset + limit < len(rows)))


def plan(store, text: str, bindings: dict) -> tuple[str | None, dict]:
    """How to bind: (query text with a VALUES block inside its WHERE, engine substitutions).
    On the embedded store a parameter the query projects, or one naming a graph
    (``GRAPH ?doc``), is substituted by the engine before evaluation, so the join starts from
    the bound value (at 10k articles: posts-held of one person 9.7 s as VALUES, 1.2 ms
    substituted; who-said-what of one speaker 13.5 s and 31 ms); the others go into a VALUES
    block. The text is None when no VALUES block can be placed."""
    bound = {n: v for n, v in bindings.items() if v is not None}
    subs: dict = {}
    if supports_substitutions(store):
        own = _projected(text)
        subs = {n: v for n, v in bound.items()
                if own is None or n in own or re.search(rf"GRAPH\s+\?{n}\b", text, re.I)}
    values = {n: term_to_sparql(v) for n, v in bound.items() if n not in subs}
    return inline_values(text, values), subs


def _projected(text: str) -> set[str] | None:
    """Variables the (first) SELECT clause projects as such; None for ``SELECT *``."""
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\bSELECT\b(.*?)(?:\bWHERE\b|\{)", body, re.I | re.S)
    if not m:
        return set()
    head = m.group(1)
    while re.search(r"\([^()]*\)", head):  # drop expressions: (SAMPLE(?x) AS ?y) projects ?y, not ?x
        head = re.sub(r"\([^()]*\)", " ", head)
    return None if "*" in head else set(re.findall(r"\?(\w+)", head))


async def _run(executor, text: str, bindings: dict):
    """Bound the fastest valid way (:func:`plan`); if the engine refuses a substitution, with a
    VALUES block inside the WHERE; else as a trailing VALUES (always valid SPARQL)."""
    fast, subs = plan(executor.store, text, bindings)
    if fast is not None and subs:
        try:
            return await executor.run(sparql_prefixes() + fast, substitutions=subs)
        except QueryError:
            fast = inline_values(text, {n: term_to_sparql(v) for n, v in bindings.items() if v is not None})
    if fast is not None and fast != text:
        try:
            return await executor.run(sparql_prefixes() + fast)
        except QueryError as err:
            if "malformed" not in str(err):
                raise
    return await executor.run(sparql_prefixes() + bind(text, bindings))
