"""The SPARQL page's data: named queries, the query to run, results as a table.

Queries run through the API's guarded executor (read-only, time- and
row-limited) and its named-query runner: parameters are bound as RDF terms
(engine substitution or VALUES), never pasted into the text.

Public API::

    named_query_list(directory) -> [{name, title, description, params, url}]
    query_text(query, name, directory) -> str       # what the editor shows
    bindings(name, params, directory) -> {param: term}
    await run_sparql(executor, query, bound) -> Result   # raises SparqlFailure
    result_table(result) -> {columns, rows, ...}    # cells link camket IRIs
"""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox

from camket.named_queries import ParamError, coerce_params, load_queries
from camket.ontology import PREFIXES

from .routers.queries import _run as run_bound
from .sparql_exec import QueryError, TooLarge, TooSlow
from .sparql_guard import Refused, check
from .sparql_results import to_csv
from .web_data import WEB, web_url

__all__ = ["SparqlFailure", "named_query_list", "query_text", "bindings", "run_sparql", "result_table",
           "short_iri", "to_csv"]


class SparqlFailure(Exception):
    """A query the SPARQL page cannot run (message says why, shown to the user)."""


def named_query_list(directory: str | None = None) -> list[dict]:
    """The named queries of ``queries/``, each with the link that loads it in the editor."""
    return [{"name": q.name, "title": q.title, "description": q.description,
             "params": [vars(p) for p in q.params],
             "url": f"{WEB}/sparql?name={quote(q.name)}" + ("" if _required(q) else "&run=1")}
            for q in load_queries(Path(directory) if directory else None).values()]


def _required(q) -> bool:
    return any(not p.optional for p in q.params)


def named_query(name: str, directory: str | None = None):
    queries = load_queries(Path(directory) if directory else None)
    if name not in queries:
        raise SparqlFailure(f"không có truy vấn / no named query {name!r} (known: {', '.join(sorted(queries))})")
    return queries[name]


def query_text(query: str | None, name: str | None, directory: str | None = None) -> str:
    """What the editor shows: the user's text, else the named query's text."""
    if query and query.strip():
        return query
    return named_query(name, directory).text if name else ""


def bindings(name: str | None, params: dict[str, str], directory: str | None = None) -> dict:
    """The named query's parameters as typed RDF terms (raises :class:`SparqlFailure`)."""
    try:
        return coerce_params(named_query(name, directory), params) if name else {}
    except ParamError as err:
        raise SparqlFailure(str(err.args[0])) from None


async def run_sparql(executor, query: str, bound: dict):
    """Run ``query`` (usual prefixes declared) with ``bound`` parameters the fastest valid way
    (the API's named-query runner) through its guarded, time- and size-limited executor."""
    try:
        check(query)
        return await run_bound(executor, query, bound)
    except (Refused, QueryError, ValueError) as err:
        raise SparqlFailure(str(err)) from None
    except TooSlow:
        raise SparqlFailure(f"truy vấn quá lâu / query stopped after {executor.timeout:g} s; add a LIMIT") from None
    except TooLarge:
        raise SparqlFailure(f"quá nhiều dòng / more than {executor.max_rows} rows; add a LIMIT") from None


def short_iri(value: str) -> str:
    """``id:person/...``, ``schema:name``: an IRI with its usual prefix (as the editor declares them)."""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and len(value) > len(ns):
            return f"{prefix}:{value[len(ns):]}"
    return value


def _cell(t: Any) -> dict | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value, "url": web_url(t.value) or t.value, "short": short_iri(t.value)}
    if isinstance(t, ox.Literal):
        dt = t.datatype.value if not t.language else None
        return {"type": "literal", "value": t.value, "lang": t.language,
                "datatype": None if dt == "http://www.w3.org/2001/XMLSchema#string" else dt}
    return {"type": "bnode" if isinstance(t, ox.BlankNode) else "triple", "value": str(t)}


def result_table(result, max_shown: int = 1000) -> dict:
    """An executor result as columns and rows of cells (links on camket IRIs)."""
    if result.kind == "ask":
        return {"kind": "ask", "boolean": result.boolean, "columns": ["boolean"],
                "rows": [[{"type": "literal", "value": str(result.boolean).lower()}]], "total": 1}
    if result.kind == "graph":
        cols = ["subject", "predicate", "object"]
        rows = [[t.subject, t.predicate, t.object] for t in result.triples]
    else:
        cols, rows = result.variables, result.rows
    return {"kind": result.kind, "columns": cols, "total": len(rows), "truncated": len(rows) > max_shown,
            "rows": [[_cell(t) for t in row] for row in rows[:max_shown]]}
