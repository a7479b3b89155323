"""Web pages for researchers: search, entity pages, documents, SPARQL, graph view.

Every page lives under ``/web`` and has a JSON twin with the same data: the
same URL with ``.json`` (``/web/search.json?q=...``), or the page URL asked
for with ``Accept: application/json``. Pages are server-rendered Jinja2
templates (``templates/``) over the dicts of :mod:`camket.api.web_data`;
CSS and the bundled graph library (Cytoscape.js, ``static/vendor``) are
served from ``/web/static`` so nothing loads from the internet.

Routes::

    /web                       -> /web/search
    /web/search[.json]?q=      ranked accent-insensitive search of every kind
    /web/id/{kind}/{key}[.json] entity page (person, body, policy, place, event); its long lists
                               a page at a time: ?limit=&{posts,statements,pledges,documents}_offset=
    /web/id/doc/{id}[.json]    document with highlighted spans (#char=s,e)
    /web/graph/{kind}/{key}[.json] neighbourhood graph of an entity
    /web/sparql[.json|.csv]?query=&name=&<param>=   editor, named queries, results
    /web/static/{file}         CSS, JS
"""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from camket.ontology import ID

from . import web_data as data, web_document, web_entity, web_graph, web_models as models, web_search, web_sparql as sparql
from .deps import get_search, get_store
from .web_lists import DEFAULT_LIMIT, LISTS, Paging

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
ENV = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)
ENV.globals.update(web_url=data.web_url, segments=web_document.segments, drawing=web_graph.drawing)
VALUE_LABELS = {  # attribute values as the pages show them: Vietnamese (English)
    "Male": "nam (male)", "Female": "nữ (female)", "party": "Đảng (party)", "ministry": "bộ, ngành (ministry)",
    "department": "sở, cục, vụ (department)", "committee": "ủy ban (committee)", "government": "chính phủ (government)",
    "company": "doanh nghiệp (company)", "international": "tổ chức quốc tế (international)",
    "association": "hiệp hội (association)", "media": "cơ quan báo chí (media)", "other": "khác (other)",
    "city": "thành phố (city)", "province": "tỉnh (province)", "country": "quốc gia (country)",
    "region": "vùng (region)"}
ENV.filters["label"] = lambda value: VALUE_LABELS.get(value, value)
ENV.filters["safe_href"] = lambda url: url if url and url.startswith(("/", "#", "http://", "https://")) else None



def _start_clock(request: Request) -> None:
    request.state.web_t0 = time.perf_counter()


router = APIRouter(prefix="/web", tags=["web pages"], dependencies=[Depends(_start_clock)])


def twin(*schemas: str) -> dict:
    """OpenAPI responses of a page: HTML, or its JSON twin (``schemas``) with ``Accept: application/json``."""
    refs = [{"$ref": f"#/components/schemas/{s}"} for s in schemas]
    schema = refs[0] if len(refs) == 1 else {"anyOf": refs}
    return {200: {"content": {"text/html": {}, "application/json": {"schema": schema}},
                  "description": "The page, or its data (the JSON twin) with `Accept: application/json`."}}


def wants_json(request: Request) -> bool:
    """Content negotiation: JSON when the client asks for it and not for HTML."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def render(request: Request, template: str, page: dict, as_json: bool, status: int = 200) -> Response:
    """The page as HTML, or its data as JSON (the twin), with the server's time in a
    ``Server-Timing`` header: ``data`` (queries) and ``render`` (template or JSON encoding)."""
    t0 = getattr(request.state, "web_t0", None)
    t1 = time.perf_counter()
    if as_json or wants_json(request):
        response: Response = JSONResponse(page, status_code=status)
    else:
        json_url = request.url.path + ".json" + (f"?{request.url.query}" if request.url.query else "")
        html = ENV.get_template(template).render(page=page, json_url=json_url, path=request.url.path)
        response = HTMLResponse(html, status_code=status)
    timing = f"render;dur={(time.perf_counter() - t1) * 1000:.1f}"
    response.headers["Server-Timing"] = (f"data;dur={(t1 - t0) * 1000:.1f}, " if t0 else "") + timing
    return response


def not_found(request: Request, message: str, as_json: bool) -> Response:
    return render(request, "error.html", {"kind": "error", "error": message, "status": 404}, as_json, 404)


# ---------------------------------------------------------------- search

@router.get("", include_in_schema=False)
def home() -> Response:
    return RedirectResponse(f"{data.WEB}/search")


KIND_DOC = Query(None, description="only this kind: person, organization, policy, place, event, statement, "
                                    "pledge, document")


def _search(request: Request, q: str, limit: int, kind: str | None, as_json: bool) -> Response:
    page = web_search.search_page(get_store(request), get_search(request), q, limit, kind)
    return render(request, "search.html", page, as_json)


@router.get("/search.json", summary="Search (JSON twin)", response_model=models.SearchPage)
def search_json(request: Request, q: str = Query("", description="words, accents optional"),
                limit: int = Query(50, ge=1, le=500), kind: str | None = KIND_DOC) -> Any:
    """Ranked hits of every kind (person, organization, policy, place, event, statement) for ``q``,
    accent- and case-insensitive; each hit has its ``kind`` and the ``url`` of its page. Without
    ``q``: the newest documents."""
    return _search(request, q, limit, kind, True)


@router.get("/search", response_class=HTMLResponse, responses=twin("SearchPage"), summary="Search page")
def search_html(request: Request, q: str = Query("", description="words, accents optional"),
                limit: int = Query(50, ge=1, le=500), kind: str | None = KIND_DOC) -> Any:
    """One search box over people, bodies, policies, places, events and statements."""
    return _search(request, q, limit, kind, False)


# ---------------------------------------------------------------- entities and documents

PAGE_LIMIT = Query(DEFAULT_LIMIT, ge=1, le=500, description="items shown of each list (posts, statements, "
                                                              "pledges, documents)")


def paging(request: Request, limit: int = PAGE_LIMIT, posts_offset: int = Query(0, ge=0, description="first post shown"),
           statements_offset: int = Query(0, ge=0, description="first statement shown"),
           pledges_offset: int = Query(0, ge=0, description="first pledge shown"),
           documents_offset: int = Query(0, ge=0, description="first document shown")) -> Paging:
    """Which slice of each list of an entity page is shown; ``prev``/``next`` links move one list."""
    offsets = dict(zip(LISTS, (posts_offset, statements_offset, pledges_offset, documents_offset)))
    return Paging(request.url.path.removesuffix(".json"), limit, offsets)  # url: set from the IRI


def _iri(path: str) -> str:
    return f"{ID}{path.strip('/')}"


def _by_iri(request: Request, path: str, as_json: bool, pages: Paging) -> Response:
    store, iri = get_store(request), _iri(path)
    try:
        kind = data.kind_of(store, iri)
    except ValueError:  # not a valid IRI
        kind = None
    if kind == "document":
        return render(request, "document.html", web_document.document_page(store, iri), as_json)
    if kind in data.ENTITY_KINDS:
        merged_into = data.canonical(store, iri)
        if merged_into and merged_into != iri:  # a researcher merged it: one page per entity
            return RedirectResponse(data.web_url(merged_into) + (".json" if as_json else ""), status_code=303)
        page = web_entity.entity_page(store, iri, replace(pages, url=data.web_url(iri)))
        return render(request, "entity.html", page, as_json)
    if kind in data.FACT_KINDS and not as_json:
        target = web_document.fact_target(store, iri)
        if target:
            return RedirectResponse(target, status_code=303)
    return not_found(request, f"không tìm thấy / not found: {iri}", as_json)


@router.get("/id/{path:path}.json", summary="Entity or document page (JSON twin)",
            response_model=models.EntityPage | models.DocumentPage)
def entity_json(request: Request, path: str, pages: Paging = Depends(paging)) -> Any:
    """The data of the page of ``https://w3id.org/camket/id/{path}``: for a person their posts over
    time, statements with evidence, policies cited and pledges; for a body its members, sub-bodies,
    statements; for a policy its number, type, issuer, date, title, what it implements or is
    implemented by, who cited it, pledges from it; places and events likewise; for a document
    (``doc/{id}``) its text, facts and every ``spans`` entry to highlight. The long lists (``posts``,
    ``statements``, ``pledges``, ``documents``) come one page at a time as ``{total, limit, offset,
    items, prev, next}``; ``{list}_offset`` moves one list, ``prev``/``next`` are the page urls that do;
    ``evidence`` holds the entity's mentions in the documents shown."""
    return _by_iri(request, path, True, pages)


@router.get("/id/{path:path}", response_class=HTMLResponse, responses=twin("EntityPage", "DocumentPage"), summary="Entity or document page")
def entity_html(request: Request, path: str, pages: Paging = Depends(paging)) -> Any:
    """The page of ``https://w3id.org/camket/id/{path}``. Documents highlight every extracted span;
    ``#char=s,e`` highlights and scrolls to one span. Statements and pledges redirect to their
    evidence in the document."""
    return _by_iri(request, path, False, pages)


def _graph(request: Request, path: str, as_json: bool) -> Response:
    try:
        merged_into = data.canonical(get_store(request), _iri(path))
    except ValueError:  # not a valid IRI (found by schemathesis): a 404, not a 500
        return not_found(request, f"không tìm thấy / not found: {path}", as_json)
    if merged_into and merged_into != _iri(path):
        url = data.web_url(merged_into).replace(f"{data.WEB}/id/", f"{data.WEB}/graph/", 1)
        return RedirectResponse(url + (".json" if as_json else ""), status_code=303)
    page = web_graph.graph_page(get_store(request), _iri(path))
    if page is None:
        return not_found(request, f"không tìm thấy / not found: {_iri(path)}", as_json)
    return render(request, "graph.html", page, as_json)


@router.get("/graph/{path:path}.json", summary="Neighbourhood graph (JSON twin)", response_model=models.GraphPage)
def graph_json(request: Request, path: str) -> Any:
    """Nodes (kind, name, page url) and labelled edges around the entity ``id/{path}``."""
    return _graph(request, path, True)


@router.get("/graph/{path:path}", response_class=HTMLResponse, responses=twin("GraphPage"), summary="Neighbourhood graph")
def graph_html(request: Request, path: str) -> Any:
    """The entity's neighbourhood drawn with Cytoscape.js (bundled; no network needed)."""
    return _graph(request, path, False)


# ---------------------------------------------------------------- SPARQL

async def _sparql(request: Request, query: str | None, name: str | None, fmt: str) -> Response:
    params = {k: v for k, v in request.query_params.items() if k not in ("query", "name", "run") and v != ""}
    qdir = request.app.state.settings.queries_dir
    page: dict = {"kind": "sparql", "name": name, "params": params, "queries": sparql.named_query_list(qdir),
                  "query": query or "", "result": None, "error": None}
    try:
        page["query"] = sparql.query_text(query, name, qdir)
        if page["query"] and (query or "run" in request.query_params or fmt != "html"):
            bound = sparql.bindings(name, params, qdir)
            result = await sparql.run_sparql(request.app.state.sparql, page["query"], bound)
            if fmt == "csv":
                return Response(sparql.to_csv(result), media_type="text/csv; charset=utf-8",
                                headers={"Content-Disposition": f'attachment; filename="{name or "query"}.csv"'})
            page["result"] = sparql.result_table(result)
    except sparql.SparqlFailure as err:
        page["error"] = str(err)
    status = 400 if page["error"] and fmt != "html" else 200
    if fmt == "csv":
        return JSONResponse({"error": page["error"], "status": status}, status_code=status)
    return render(request, "sparql.html", page, fmt == "json", status)


QUERY_DOC = Query(None, description="SPARQL text (the usual prefixes ck:, org:, schema:, eli:, oa: are declared)")
NAME_DOC = Query(None, description="a named query of queries/; its parameters are further query parameters")


@router.get("/sparql.json", summary="SPARQL page (JSON twin)", response_model=models.SparqlPage)
async def sparql_json(request: Request, query: str | None = QUERY_DOC, name: str | None = NAME_DOC) -> Any:
    """The named queries, the query and its results (columns, rows of cells with page urls)."""
    return await _sparql(request, query, name, "json")


@router.get("/sparql.csv", summary="SPARQL results as CSV", response_class=Response,
            responses={200: {"content": {"text/csv": {}}}})
async def sparql_csv(request: Request, query: str | None = QUERY_DOC, name: str | None = NAME_DOC) -> Any:
    """The results of ``query`` (or of the named query ``name``) as a CSV download."""
    return await _sparql(request, query, name, "csv")


@router.get("/sparql", response_class=HTMLResponse, responses=twin("SparqlPage"), summary="SPARQL page")
async def sparql_html(request: Request, query: str | None = QUERY_DOC, name: str | None = NAME_DOC) -> Any:
    """Editor, named queries one click away, results as a table with CSV/JSON download."""
    return await _sparql(request, query, name, "html")


# ---------------------------------------------------------------- static files

@router.get("/static/{name:path}", include_in_schema=False)
def static(name: str) -> Response:
    path = (STATIC / name).resolve()
    if STATIC not in path.parents or not path.is_file():
        return JSONResponse({"error": f"no such file: {name}", "status": 404}, status_code=404)
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})
