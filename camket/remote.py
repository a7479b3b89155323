"""A remote SPARQL 1.1 server as a camket store (SPARQL 1.1 Protocol + Graph Store Protocol).

``open_store("http://host:7878")`` returns a :class:`RemoteStore` with the
same methods as :class:`camket.store.EmbeddedStore`: documents are written
with a Graph Store Protocol ``PUT`` of their named graph (atomic per graph
on the server), queries go through the SPARQL 1.1 Protocol and come back as
pyoxigraph results (``pyoxigraph.parse_query_results`` / ``pyoxigraph.parse``).

Endpoint paths default to Oxigraph server's (``/query``, ``/update``,
``/store``); other servers name them in the URL fragment, e.g.
``http://host:3030/ds#query=/ds/query&update=/ds/update&store=/ds/data``
(Fuseki). camket's queries expect the default graph to be the union of the
document graphs: Oxigraph is asked with its ``union-default-graph`` option;
configure other servers that way (Fuseki ``unionDefaultGraph``).
"""
from __future__ import annotations

import io
from collections import defaultdict
from typing import Any, Iterable, Mapping
from urllib.parse import parse_qs, urlsplit

import httpx
import pyoxigraph as ox

from camket.ontology import ID, sparql_prefixes
from camket.store import StoreError, bind, register_backend

SRJ = "application/sparql-results+json"
RESULT_ACCEPT = f"{SRJ}, application/n-triples;q=0.9"


class RemoteStore:
    """A SPARQL 1.1 server, one named graph per document (see module doc)."""

    kind = "remote"

    def __init__(self, url: str, read_only: bool = False, timeout: float = 60.0):
        parts = urlsplit(url)
        self.location = url
        self.base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"
        opts = {k: v[0] for k, v in parse_qs(parts.fragment).items()}
        root = f"{parts.scheme}://{parts.netloc}"
        self.query_url = root + opts.get("query", parts.path.rstrip("/") + "/query")
        self.update_url = root + opts.get("update", parts.path.rstrip("/") + "/update")
        self.store_url = root + opts.get("store", parts.path.rstrip("/") + "/store")
        self.read_only = read_only
        self.search_index_path = None
        self.http = httpx.Client(timeout=timeout)
        try:
            self.http.get(self.query_url, params={"query": "ASK {}"}, headers={"Accept": SRJ}).raise_for_status()
        except httpx.HTTPError as err:
            raise StoreError(f"cannot reach SPARQL server at {url}: {err}") from err

    # -- writing --------------------------------------------------------------
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.location} was opened read-only")

    def replace_document(self, graph_iri: str, ntriples: str) -> None:
        """Graph Store Protocol PUT: the server swaps the whole named graph."""
        self._writable()
        r = self._send(self.http.build_request(
            "PUT", self.store_url, params={"graph": graph_iri}, content=ntriples.encode("utf-8"),
            headers={"Content-Type": "application/n-triples"}), f"storing {graph_iri}")
        self._check(r, f"storing {graph_iri}")

    def remove_document(self, graph_iri: str) -> None:
        self._writable()
        r = self._send(self.http.build_request("DELETE", self.store_url, params={"graph": graph_iri}),
                       f"removing {graph_iri}")
        if r.status_code != 404:
            self._check(r, f"removing {graph_iri}")

    def load_nquads(self, path_or_bytes) -> None:
        """Load N-Quads: one Graph Store Protocol POST per graph."""
        self._writable()
        data = path_or_bytes if isinstance(path_or_bytes, bytes) else open(path_or_bytes, "rb").read()
        graphs: dict[str, list] = defaultdict(list)
        for q in ox.parse(io.BytesIO(data), format=ox.RdfFormat.N_QUADS):
            graphs[q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""].append(q.triple)
        for g, triples in graphs.items():
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            params = {"graph": g} if g else {"default": ""}
            r = self._send(self.http.build_request(
                "POST", self.store_url, params=params, content=body,
                headers={"Content-Type": "application/n-triples"}), f"loading graph {g or 'default'}")
            self._check(r, f"loading graph {g or 'default'}")

    def update(self, text: str) -> None:
        """A SPARQL 1.1 Update (camket's prefixes declared), form-encoded to the update endpoint."""
        self._writable()
        req = self.http.build_request("POST", self.update_url, data={"update": sparql_prefixes() + text})
        self._check(self._send(req, "an update"), "an update")

    def flush(self) -> None:
        """Nothing to do: the server commits each request."""

    # -- reading --------------------------------------------------------------
    def sparql(self, query: str, default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = (),
               union: bool = True):
        """Run ``query`` as written; returns pyoxigraph solutions, a boolean or a list of triples."""
        form: dict[str, list[str]] = {"query": [query], "default-graph-uri": list(default_graphs),
                                      "named-graph-uri": list(named_graphs)}
        union_flag = {"union-default-graph": ""} if union and not (default_graphs or named_graphs) else {}
        # form-encoded POST: the query method every SPARQL 1.1 server accepts
        # (Virtuoso 7 never answers a POST of application/sparql-query)
        req = self.http.build_request("POST", self.query_url, params=union_flag, data=form,
                                      headers={"Accept": RESULT_ACCEPT})
        r = self._send(req, "the query", stream=True)
        if r.status_code >= 400:
            r.read()
            r.close()
            if r.status_code == 400:
                raise SyntaxError(r.text.strip()[:500])
            self._check(r, "query")
        ctype = r.headers.get("content-type", "").split(";")[0].strip()
        body = _Stream(r)  # results are parsed as they arrive, so a caller may stop early
        if ctype == SRJ:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        quads = ox.parse(body, format=ox.RdfFormat.from_media_type(ctype) or ox.RdfFormat.N_TRIPLES)
        return (q.triple for q in quads)

    def query(self, query: str, bindings: Mapping[str, Any] | None = None, union: bool = True):
        return self.sparql(sparql_prefixes() + bind(query, bindings), union=union)

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[dict]:
        solutions = self.query(query, bindings)
        names = [v.value for v in solutions.variables]
        return [{n: s[n] for n in names} for s in solutions]

    def document_state(self, graph_iri: str) -> tuple[str, str] | None:
        rows = self.select("SELECT ?h ?v WHERE { GRAPH ?g { ?g ck:sha256 ?h ; ck:extractorVersion ?v } }",
                           {"g": ox.NamedNode(graph_iri)})
        return (rows[0]["h"].value, rows[0]["v"].value) if rows else None

    def documents(self) -> list[str]:
        """Document graphs only (not curation or ontology graphs beside them)."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"].value for r in rows if r["g"].value.startswith(f"{ID}doc/"))

    def quads(self) -> Iterable[ox.Quad]:
        for r in self.select("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield ox.Quad(r["s"], r["p"], r["o"], r["g"])

    def dump(self, output, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        ox.serialize(self.quads(), output, format=fmt)

    def __len__(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"].value)

    def close(self) -> None:
        self.http.close()

    def _send(self, request: httpx.Request, what: str, stream: bool = False) -> httpx.Response:
        """Send, turning a transport failure into a :class:`StoreError` that names the server."""
        try:
            return self.http.send(request, stream=stream)
        except httpx.HTTPError as err:
            raise StoreError(f"SPARQL server at {self.location} did not answer {what}: "
                             f"{type(err).__name__} {err}".rstrip()) from err

    @staticmethod
    def _check(r: httpx.Response, what: str) -> None:
        if r.status_code >= 400:
            raise StoreError(f"SPARQL server refused {what}: HTTP {r.status_code} {r.text.strip()[:300]}")


class _Stream(io.RawIOBase):
    """A streamed HTTP response body as a binary file (closes the response when closed)."""

    def __init__(self, response: httpx.Response):
        self.response, self.chunks, self.buf = response, response.iter_bytes(), b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self.buf:
            try:
                self.buf = next(self.chunks)
            except StopIteration:
                return 0
        n = min(len(b), len(self.buf))
        b[:n], self.buf = self.buf[:n], self.buf[n:]
        return n

    def close(self) -> None:
        self.response.close()
        super().close()


def _open(location: str, read_only: bool) -> RemoteStore:
    return RemoteStore(location, read_only)


register_backend("http", _open)
