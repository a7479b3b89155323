"""Named SPARQL queries: the ``.rq`` files in ``queries/``, datasette style.

Each file starts with a header of comment lines::

    # title: Who said what
    # description: Statements of one speaker with their evidence.
    # param: speaker iri optional — the person or body who spoke
    # param: limit int optional — at most this many rows

Public API::

    from camket.named_queries import load_queries, get_query, coerce_params
    q = get_query("who-said-what")
    rows = store.select(q.text, coerce_params(q, {"speaker": "https://..."}))

Parameter values are typed (iri, string, int, date, year) and bound by the
store as RDF terms in a VALUES clause — never pasted into the query text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import pyoxigraph as ox

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
if not QUERY_DIR.is_dir():  # installed (non-editable): package data
    import camket.queries as _q
    QUERY_DIR = Path(_q.__file__).parent

PARAM_TYPES = ("iri", "string", "int", "date", "year")
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    optional: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path = field(compare=False)


class ParamError(ValueError):
    """A parameter value that does not fit its declared type (message says which)."""


_PARAM = re.compile(r"^(\w+)\s+(\w+)(\s+optional)?\s*(?:[-—:]+\s*(.*))?$")


def parse_query(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "param":
            m = _PARAM.match(value)
            if not m or m.group(2) not in PARAM_TYPES:
                raise ValueError(f"{path}: bad param line {value!r} (want 'name type [optional] — text')")
            params.append(Param(m.group(1), m.group(2), bool(m.group(3)), (m.group(4) or "").strip()))
        elif key in ("title", "description"):
            meta[key] = (meta.get(key, "") + " " + value).strip()
    return NamedQuery(name=path.stem, title=meta.get("title", path.stem),
                      description=meta.get("description", ""), params=tuple(params),
                      text=text, path=path)


@lru_cache(maxsize=None)
def _load(directory: str) -> dict[str, NamedQuery]:
    return {p.stem: parse_query(p) for p in sorted(Path(directory).glob("*.rq"))}


def load_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    return _load(str(directory or QUERY_DIR))


def get_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or any ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" and path.is_file():
        return parse_query(path)
    queries = load_queries()
    if name_or_path not in queries:
        known = ", ".join(sorted(queries)) or "none"
        raise KeyError(f"no named query {name_or_path!r} (known: {known})")
    return queries[name_or_path]


def coerce(param: Param, value: Any) -> Any:
    """``value`` as the RDF term ``param`` declares (raises :class:`ParamError`)."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    raw = str(value)
    try:
        if param.type == "iri":
            if not re.match(r"^[a-zA-Z][\w+.-]*:[^\s<>\"{}|\\^`]*$", raw):
                raise ValueError("not an absolute IRI")
            return ox.NamedNode(raw)
        if param.type == "int":
            return ox.Literal(str(int(raw)), datatype=ox.NamedNode(XSD + "integer"))
        if param.type == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
                raise ValueError("not a date YYYY-MM-DD")
            return ox.Literal(raw, datatype=ox.NamedNode(XSD + "date"))
        if param.type == "year":
            if not re.fullmatch(r"\d{4}", raw):
                raise ValueError("not a year YYYY")
            return ox.Literal(raw, datatype=ox.NamedNode(XSD + "gYear"))
        return ox.Literal(raw)
    except ValueError as err:
        raise ParamError(f"parameter {param.name!r}: {raw[:60]!r} is {err} (type {param.type})") from None


def coerce_params(query: NamedQuery, values: Mapping[str, Any]) -> dict[str, Any]:
    """Typed bindings for ``query`` from raw values; checks names and required ones."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(values) - set(declared))
    if unknown:
        raise ParamError(f"unknown parameter(s) for {query.name}: {', '.join(unknown)}")
    out = {}
    for p in query.params:
        v = values.get(p.name)
        if v is None or v == "":
            if not p.optional:
                raise ParamError(f"parameter {p.name!r} is required by {query.name}")
            continue
        out[p.name] = coerce(p, v)
    return out
