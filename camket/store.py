"""The store: where document graphs live and SPARQL runs.

Public API::

    from camket.store import open_store, DEFAULT_STORE
    store = open_store("path/to/dir")        # embedded on-disk Oxigraph
    store.replace_document(doc_iri, ntriples) # atomic: old graph gone, new one in
    rows = store.select(query, {"doc": NamedNode(...)})
    store.document_state(doc_iri)            # (sha256, extractor version) or None

Backends are registered by URL scheme in :data:`BACKENDS` (``open_store``
picks one): a path opens the embedded :class:`EmbeddedStore`; other
backends (a remote SPARQL 1.1 server) register themselves the same way.
Every document is one named graph (its IRI); queries see the union of all
graphs as their default graph.

Parameters are bound by :func:`bind`: a trailing ``VALUES`` clause built from
RDF terms serialised by pyoxigraph, never by pasting user text into a query.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import pyoxigraph as ox

from camket.ontology import ID, sparql_prefixes
from camket.sparql_text import inline_values

DEFAULT_STORE = os.environ.get("CAMKET_STORE", ".camket/store")

Term = Any  # a pyoxigraph NamedNode | Literal | BlankNode


class StoreError(Exception):
    """The store cannot be opened or written (message says why)."""


def to_term(value: Any):
    """A Python value as a pyoxigraph term (terms pass through)."""
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, (bool, int, float)):
        return ox.Literal(value)
    return ox.Literal(str(value))


def term_to_sparql(value: Any) -> str:
    """A Python value or pyoxigraph term written as a SPARQL term (escaped)."""
    return str(to_term(value))


def _checked(bindings: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {n: v for n, v in (bindings or {}).items() if v is not None}
    for n in out:
        if not n.isidentifier():
            raise ValueError(f"invalid parameter name: {n!r}")
    return out


def bind(query: str, bindings: Mapping[str, Any] | None) -> str:
    """``query`` with ``bindings`` as a VALUES block of escaped RDF terms: first in
    the WHERE group where it can go (the engine starts from the bound values and
    aggregates see only them), else appended after the query."""
    values = {n: term_to_sparql(v) for n, v in _checked(bindings).items()}
    if not values:
        return query
    placed = inline_values(query, values)
    if placed is not None:
        return placed
    return f"{query}\nVALUES ({' '.join('?' + n for n in values)}) {{ ({' '.join(values.values())}) }}"


def py(term: Term) -> Any:
    """A pyoxigraph term as a plain Python value (IRI/str/int/...)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in ("integer", "nonNegativeInteger", "int", "long"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    return term.value


class EmbeddedStore:
    """An on-disk Oxigraph store (RocksDB), one named graph per document."""

    kind = "embedded"

    def __init__(self, location: str | os.PathLike, read_only: bool = False):
        self.location = Path(location)
        try:
            self.read_only = read_only
            if read_only:
                self._store = None
                self._read(lambda: None)  # opens, retrying while a writer compacts
            else:
                self.location.mkdir(parents=True, exist_ok=True)
                _fixed_mmap_threshold()
                self._store = ox.Store(str(self.location))
                self._released = time.monotonic()
                self._reopen_seconds = 0.0
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreError(f"store at {self.location} is in use by another camket process "
                                 "(one writer at a time): wait for it to finish, or read it with "
                                 "--read-only") from err
            raise StoreError(f"cannot open store at {self.location}: {err}") from err

    # -- writing --------------------------------------------------------------
    def replace_document(self, graph_iri: str, ntriples: str) -> None:
        """Replace the named graph ``graph_iri`` by ``ntriples`` in one transaction: a new
        graph is loaded straight from the N-Triples (no SPARQL text to parse), an
        existing one is dropped and inserted by one update."""
        graph = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(graph):
            self._store.load(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
            return
        g = f"<{graph_iri}>"
        self._store.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n{ntriples}\n}} }}")

    def replace_documents(self, docs: list[tuple[str, str | bytes]]) -> None:
        """Replace several named graphs (``(graph_iri, ntriples)`` pairs, N-Triples as text or
        UTF-8 bytes) in one transaction: after a crash either all of them are stored or
        none. When none of them is stored yet (a first ingest) their quads are added by
        one transactional ``load`` of N-Quads (:func:`as_nquads`: no Python object per
        quad, unlike parsing them for one ``extend``), or by that ``extend`` when the
        text is not in the line form it converts."""
        if not self.stored_graphs(g for g, _ in docs):
            nquads = as_nquads(docs)
            if nquads is not None:
                self._store.load(nquads, format=ox.RdfFormat.N_QUADS)
            else:
                self._store.extend([ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g))
                                    for g, nt in docs
                                    for t in ox.parse(_utf8(nt), format=ox.RdfFormat.N_TRIPLES)])
            return
        self._store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}> ;\nINSERT DATA {{ GRAPH <{g}> {{\n{_text(nt)}\n}} }}"
                                       for g, nt in docs))

    def remove_document(self, graph_iri: str) -> None:
        self._store.update(f"DROP SILENT GRAPH <{graph_iri}>")

    def load_nquads(self, path_or_bytes) -> None:
        """Bulk-load N-Quads (fast path for ``camket load``)."""
        if isinstance(path_or_bytes, (bytes, str)) and not os.path.exists(str(path_or_bytes)):
            self._store.bulk_load(path_or_bytes, format=ox.RdfFormat.N_QUADS)
        else:
            self._store.bulk_load(path=str(path_or_bytes), format=ox.RdfFormat.N_QUADS)

    def flush(self, release: bool = True) -> None:
        """Write the store's buffers to disk; with ``release``, also free its read caches
        (:meth:`release_caches`, which does so at most every :data:`RELEASE_SECONDS`).
        Ingest calls this every few MB it writes: several times a second with
        full-length articles on two workers, where reopening each time left the
        workers idle 17 % of the time instead of 9 %."""
        if not self.read_only:
            self._store.flush()
            if release:
                self.release_caches()

    def release_caches(self, force: bool = False, every: float | None = None) -> bool:
        """Close and reopen the store, which hands back what RocksDB keeps for reads
        (its block caches, 32 MB shared by the indexes + 128 MB for the strings, and
        the open tables' index and filter blocks): memory that grows with the part
        of the store read since it was opened, up to ≈ 100 MB more at 10^5 documents
        (measured), and which pyoxigraph has no option to bound. Reopening takes
        ≈ 50 ms at 10^5 documents, so unless ``force`` it is done only if the last
        release (or the opening) is :data:`RELEASE_SECONDS` old: callers (a flush, a
        long series of look-ups) can ask as often as they like. Returns whether it
        reopened. Call it between queries: a query result still being read keeps
        the old database open, and the reopening fails. ``every``: a caller's own,
        shorter interval (a run of look-ups that fills the caches fast), stretched so
        that reopening takes at most :data:`REOPEN_SHARE` of the time."""
        if self.read_only:
            return False
        limit = RELEASE_SECONDS if every is None else max(every, self._reopen_seconds / REOPEN_SHARE)
        if not (force or time.monotonic() - self._released >= limit):
            return False
        started = time.monotonic()
        old, self._store = self._store, None
        del old
        try:
            self._store = ox.Store(str(self.location))
            _trim_heap()
            prune_info_logs(self.location)
        except OSError as err:
            if "lock" not in str(err).lower():
                raise
            import gc
            gc.collect()  # an unfinished query result no longer referenced
            try:
                self._store = ox.Store(str(self.location))
            except OSError as err2:
                raise StoreError(f"store at {self.location}: could not reopen it to free its caches "
                                 f"while a query result was still being read: {err2}") from err2
        self._released = time.monotonic()
        self._reopen_seconds = self._released - started
        return True

    # -- reading --------------------------------------------------------------
    def query(self, query: str, bindings: Mapping[str, Any] | None = None, union: bool = True):
        """Run SPARQL; returns pyoxigraph solutions / triples / boolean."""
        return self._read(lambda: self._run(query, bindings, union))

    def select(self, query: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Term]]:
        def run():
            solutions = self._run(query, bindings, True)
            names = [v.value for v in solutions.variables]
            return [{n: s[n] for n in names} for s in solutions]
        return self._read(run)

    def _run(self, query: str, bindings: Mapping[str, Any] | None, union: bool):
        """Bindings go to the engine as substitutions (the fastest: a bound
        ``GRAPH ?g`` is a direct look-up) when it accepts them — it wants the
        variables projected — else into the text by :func:`bind`."""
        bound = _checked(bindings)
        if bound:
            try:
                return self._store.query(sparql_prefixes() + query, use_default_graph_as_union=union,
                                         substitutions={ox.Variable(n): to_term(v) for n, v in bound.items()})
            except RuntimeError as err:
                if "projection" not in str(err):
                    raise
        return self._store.query(sparql_prefixes() + bind(query, bound), use_default_graph_as_union=union)

    def refresh(self) -> None:
        """Read-only stores: reopen to see what a writer committed since."""
        if self.read_only:
            self._store = None
            self._read(lambda: None)

    def _read(self, fn):
        """Run a read; a read-only snapshot whose files a concurrent writer just
        compacted away is reopened and the read retried, after a pause that doubles
        from 10 ms (:data:`READ_RETRIES` times): an open can see the writer's file list
        before the compaction that replaces its files has written the new one, and
        retries with no pause could all fall in that window (seen in CI)."""
        for attempt in range(READ_RETRIES + 1):
            try:
                if self._store is None:
                    self._store = ox.Store.read_only(str(self.location))
                return fn()
            except (RuntimeError, OSError) as err:
                stale = "No such file" in str(err) or "Corruption" in str(err)
                if not (self.read_only and stale) or attempt == READ_RETRIES:
                    raise
                self._store = None
                time.sleep(0.01 * 2 ** attempt)

    def document_state(self, graph_iri: str) -> tuple[str, str] | None:
        rows = self.select("SELECT ?h ?v WHERE { GRAPH ?g { ?g ck:sha256 ?h ; ck:extractorVersion ?v } }",
                           {"g": ox.NamedNode(graph_iri)})
        return (rows[0]["h"].value, rows[0]["v"].value) if rows else None

    def stored_graphs(self, graph_iris: Iterable[str]) -> set[str]:
        """Those of ``graph_iris`` that are named graphs of the store: one key look-up each in
        the store's small list of graphs. A first ingest asks this before the documents'
        states, whose look-ups in the (large) quad indexes would otherwise fill RocksDB's
        block cache with a block per new document and level (memory that grew with the store)."""
        return {g for g in graph_iris if self._store.contains_named_graph(ox.NamedNode(g))}

    def documents(self) -> list[str]:
        """Document graphs only (not the curation or ontology graphs beside them)."""
        prefix = f"{ID}doc/"
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and g.value.startswith(prefix))

    def quads(self) -> Iterable[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def dump(self, output, fmt: ox.RdfFormat = ox.RdfFormat.N_QUADS) -> None:
        self._store.dump(output, format=fmt)

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.location.rglob("*") if p.is_file())

    def __len__(self) -> int:
        return len(self._store)

    def close(self) -> None:
        self.flush(release=False)
        del self._store


def _utf8(nt: str | bytes) -> bytes:
    return nt if isinstance(nt, bytes) else nt.encode("utf-8")


def _text(nt: str | bytes) -> str:
    return nt.decode("utf-8") if isinstance(nt, bytes) else nt


_NOT_PLAIN = (b".#", b". #", b".\t#")
"""Bytes after which :func:`as_nquads` does not convert a text (a false alarm only costs the slower path)."""


def as_nquads(docs: list[tuple[str, str | bytes]]) -> bytes | None:
    """The N-Triples of each ``(graph_iri, ntriples)`` placed in its graph, as one N-Quads text:
    every line ``s p o .`` becomes ``s p o <graph_iri> .`` (a byte replace: N-Triples never holds
    a raw line break inside a term). None when a document is not only such lines (a blank line,
    a line not ending in `` .``, maybe a comment after a triple): the caller parses it then.
    Blank nodes keep their labels, as when parsed (one label in two documents: one node)."""
    parts = []
    for graph_iri, nt in docs:
        data = _utf8(nt)
        if data and not data.endswith(b"\n"):
            data += b"\n"
        if data.count(b" .\n") != data.count(b"\n") or any(m in data for m in _NOT_PLAIN):
            return None
        parts.append(data.replace(b" .\n", f" <{graph_iri}> .\n".encode("utf-8")))
    return b"".join(parts)


READ_RETRIES = 6
"""Reopens of a read-only snapshot a read may need while a writer compacts (≈ 0.6 s of pauses in all)."""

REOPEN_SHARE = 0.25
"""A caller's shorter release interval (``release_caches(every=...)``) is stretched so that
reopening takes at most this share of the time (a reopen takes longer as the store grows)."""

RELEASE_SECONDS = 2.0
"""Least time between two releases of the read caches (:meth:`EmbeddedStore.release_caches`)
(a reopen takes ≈ 50 ms at 10^5 documents): at most ≈ 2.5 % of a writer's time."""

MMAP_THRESHOLD = 256 << 10
"""Allocations from this size up get their own memory map, handed back when freed.
glibc raises its threshold (up to 32 MB) each time such a block is freed, after
which RocksDB's 1 MB memtable blocks come from the heap and stay there between
flushes: with the threshold fixed, 10,000 tiny articles peaked at 90 MB of
anonymous memory instead of 113 (1,000: 75 instead of 98), at the same CPU time."""


def _fixed_mmap_threshold() -> None:
    """Fix glibc's ``M_MMAP_THRESHOLD`` at :data:`MMAP_THRESHOLD` for this process (set in
    process when a store is opened for writing)."""
    _libc("mallopt", -3, MMAP_THRESHOLD)  # -3: M_MMAP_THRESHOLD


INFO_LOGS_KEPT = 4
"""RocksDB's informational logs (``LOG.old.*``) kept beside the current ``LOG`` of a store:
it starts one at every opening, and an ingest reopens the store every few seconds
(:meth:`EmbeddedStore.release_caches`), which left 113 of them (16 MB) after 10^5 short
articles, up to RocksDB's limit of 1,000. They play no part in recovery."""


def prune_info_logs(location: str | os.PathLike, keep: int = INFO_LOGS_KEPT) -> None:
    """Delete all but the ``keep`` newest ``LOG.old.*`` files of the store at ``location``."""
    old = sorted(Path(location).glob("LOG.old.*"), key=lambda p: p.name)  # named by a timestamp
    for path in old[:max(len(old) - keep, 0)]:
        path.unlink(missing_ok=True)


def _trim_heap() -> None:
    """Return the C heap's free pages to the system (glibc keeps what RocksDB freed otherwise)."""
    _libc("malloc_trim", 0)


def _libc(function: str, *args) -> None:
    """Call glibc's ``function``; nothing where there is no glibc."""
    import ctypes
    try:
        getattr(ctypes.CDLL("libc.so.6"), function)(*args)
    except (OSError, AttributeError):
        pass


Opener = Callable[[str, bool], Any]
BACKENDS: dict[str, Opener] = {}


def register_backend(scheme: str, opener: Opener) -> None:
    """Open locations starting with ``scheme`` (e.g. ``"http"``) with ``opener``."""
    BACKENDS[scheme] = opener


def open_store(location: str | os.PathLike | None = None, read_only: bool = False):
    """Open the store at ``location`` (a path, or a URL of a registered backend)."""
    location = str(location or DEFAULT_STORE)
    if location.startswith(("http://", "https://")):
        import camket.remote  # noqa: F401  (registers the "http" backend)
    for scheme, opener in BACKENDS.items():
        if location.startswith(scheme + "://") or location.startswith(scheme + "s://"):
            return opener(location, read_only)
    return EmbeddedStore(location, read_only=read_only)
