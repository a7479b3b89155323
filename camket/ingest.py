"""Ingest: documents in, validated named graphs out. Shared by the CLI and the API.

Public API::

    from camket.ingest import ingest, extract, IngestReport
    report = ingest(["data/corpus"], store, workers=2)
    print(report.summary())

For each document: read (errors reported, batch goes on) -> skip if the store
already holds the same bytes read by the same extractor version -> extract
(pipeline) -> RDF triples -> the shapes' compiled checks (a failing document
is not stored; the report names the document, focus node, path and message) ->
replace the document's named graph atomically. With ``workers > 1``
extraction runs in a process pool and this process stays the one writer; the
pool is handed :data:`PREFETCH` documents per worker ahead, so the workers go
on while a batch commits, and hands back compressed N-Triples.

Writes are batched: up to :data:`BATCH_DOCS` documents (or :data:`BATCH_BYTES`,
or what :data:`BATCH_SECONDS` gathered) go to the store in one transaction,
then :data:`STORED_HOOKS` run once for the batch. A document is stored once
its batch committed: after a crash the store holds whole documents only, and
a re-run skips them and does the rest. Stored states are looked up a chunk
at a time, and the store's write buffers are flushed every
:data:`FLUSH_BYTES`, so memory does not grow with the corpus.
"""
from __future__ import annotations

import bisect
import gc
import hashlib
import heapq
import pickle
import re
import sys
import time
import zlib
from array import array
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from camket.loaders.pipeline import Pipeline
from camket.loaders.rdf import document_triples, to_ntriples
from camket.loaders.read import DEFAULT_MAX_BYTES, InputError, SourceDocument, iter_documents
from camket.ontology import ID, SCHEMA, iri
from camket.shapes import Violation, validate_triples
from camket import EXTRACTOR_VERSION


class InvalidDocument(Exception):
    """A document whose graph violates the shapes; nothing of it is stored."""

    def __init__(self, source: str, violations: list[Violation]):
        self.source, self.violations = source, violations
        lines = "\n".join(f"    {v}" for v in violations[:20])
        more = f"\n    ... and {len(violations) - 20} more" if len(violations) > 20 else ""
        super().__init__(f"{source}: graph violates the shapes, not stored:\n{lines}{more}")

    def __reduce__(self):  # picklable, so a worker process can hand it back to the writer
        return (InvalidDocument, (self.source, self.violations))


@dataclass
class Extracted:
    """What extraction of one document hands to the writer."""

    doc_id: str
    source: str
    graph_iri: str
    nt: str | bytes
    """The document's N-Triples; after :meth:`pack` (a worker's last step) UTF-8 compressed by
    zlib (level 1: ≈ 9× smaller for 0.3 ms), so that a result fits the 64 KB pipe it goes
    back through (raw it is ≈ 110 KB and the worker waited for the writer's process to
    read it) and the results waiting for the writer take little memory."""
    counts: dict[str, int]
    timings: dict[str, float]
    digests: dict[str, object] | bytes = field(default_factory=dict)
    """What each stored-hook with a ``digest`` needs of this document, computed from
    its triples here (see :data:`STORED_HOOKS`), by hook key (read it by
    :attr:`hook_digests`); after :meth:`pack` pickled and compressed: the search rows
    (≈ 43 KB pickled, with the document's text) made a result 46 KB, so the 64 KB pipe
    the workers share held one result at a time (17 KB packed, for 0.3 ms)."""
    size: int = field(init=False)
    """Characters of the N-Triples (what batches are cut by)."""

    def __post_init__(self):
        self.size = len(self.nt)

    def pack(self) -> Extracted:
        if isinstance(self.nt, str):
            self.nt = zlib.compress(self.nt.encode("utf-8"), 1)
        if isinstance(self.digests, dict):
            self.digests = zlib.compress(pickle.dumps(self.digests, pickle.HIGHEST_PROTOCOL), 1)
        return self

    @property
    def hook_digests(self) -> dict[str, object]:
        return self.digests if isinstance(self.digests, dict) else pickle.loads(zlib.decompress(self.digests))

    @property
    def ntriples(self) -> str:
        return self.nt if isinstance(self.nt, str) else zlib.decompress(self.nt).decode("utf-8")

    @property
    def utf8(self) -> bytes:
        """The N-Triples as UTF-8 bytes (what the store loads: no text decoded and encoded again)."""
        return self.nt.encode("utf-8") if isinstance(self.nt, str) else zlib.decompress(self.nt)


KEEP_IDS = 1000
"""Document ids an :class:`IngestReport` keeps of each kind (the first ones); the counts are whole."""


@dataclass
class IngestReport:
    """What an ingest did: counts of documents ingested and unchanged, with the first
    :data:`KEEP_IDS` ids of each (keeping every id took ≈ 25 MB at 10^5 documents),
    every failure, the facts and the time by stage."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    timings: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    n_ingested: int = 0
    n_unchanged: int = 0
    to_link: set[str] | None = field(default=None, repr=False)
    """Person IRIs named by the documents stored, collected batch by batch (``None``: no
    linking): linking at the end compares them, without every document's IRI in memory."""

    @property
    def ok(self) -> bool:
        return not self.failed

    def stored(self, doc_id: str) -> None:
        self.n_ingested += 1
        if len(self.ingested) < KEEP_IDS:
            self.ingested.append(doc_id)

    def skipped(self, doc_id: str) -> None:
        self.n_unchanged += 1
        if len(self.unchanged) < KEEP_IDS:
            self.unchanged.append(doc_id)

    def summary(self) -> str:
        facts = ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())) or "none"
        return (f"documents: {self.n_ingested} ingested, {self.n_unchanged} unchanged (skipped), "
                f"{len(self.failed)} failed; facts: {facts}; {self.seconds:.1f} s")


StoredHook = Callable[..., None]
STORED_HOOKS: list[StoredHook] = []
"""Called as ``hook(store, graph_iris)`` after each batch of document graphs is
committed (e.g. the search index keeps in step with ingest), once per batch so
a hook can write the whole batch in one transaction. Register with
``STORED_HOOKS.append(fn)``.

A hook with a ``digest`` attribute, ``digest(graph_iri, triples) -> data``, has it
run on each document's triples while it is extracted (in the worker, when there
are workers), and is then called as ``hook(store, graph_iris, {graph_iri: data})``
so it need not read the documents back from the store. When a digest is missing
(a journal replay after a crash, linking's rewrites, a worker that did not import
the hook) it is called as ``hook(store, graph_iris)`` and reads the store."""

FINISHED_HOOKS: list[Callable[[object, "IngestReport"], None]] = []
"""Called as ``hook(store, report)`` once at the end of an ingest run that stored documents,
after the linking: upkeep that pays off once per run rather than per batch (e.g. the search
index merges its segments after a bulk ingest). Register with ``FINISHED_HOOKS.append(fn)``."""

BATCH_DOCS = 256
"""Documents written per store transaction (also: states looked up per query)."""
BATCH_BYTES = 4 << 20
"""... or fewer, when their N-Triples (or texts, when looking states up) reach this size:
a transaction's peak memory is ≈ 10 bytes per character of N-Triples in it (RocksDB's
write batch and memtables; measured +58 MB for 50 documents of 108k), so this
bounds the writer's peak whatever the workers deliver in :data:`BATCH_SECONDS`."""
BATCH_SECONDS = 1.0
"""... or fewer, so a slow extraction does not hold completed documents back long."""
PREFETCH = 128
"""Documents per worker handed to the pool ahead of the writer. The writer hands out
no document while it commits a batch (≈ 10 ms per document in it) or flushes the
store, so this many must cover a commit or the workers stop: with 8 per worker they
waited for input ≈ 15 % of the time (``bench_ingest``'s "workers idle"), with 32 11 %,
with 128 4 % (≈ 7 MB of documents and compressed results in flight on two workers)."""
WORKER_NICENESS = 5
"""Pool workers run this much nicer than the writer, so the writer, the one process
every document goes through, is never the one waiting for a core: with three processes
on two cores sharing them evenly, the writer fell behind, the workers filled the window
and waited, and the writer's backlog was committed alone at the end (both cores busy
≈ 92 % of a 1,000-article run on two workers; with the writer first, ≈ 99 %)."""
FLUSH_BYTES = 4 << 20
"""The store's write buffers are flushed to disk after this many bytes of N-Triples,
and the freed memory handed back to the system: Oxigraph's RocksDB keeps up to
several 128 MB memtables per index before it flushes on its own, so without
this the writer's memory grew with the corpus (~8 bytes of RSS per byte of
N-Triples written: 1.7 GB after 5,000 articles)."""

_PIPELINE: Pipeline | None = None


def _pipeline(skip: tuple[str, ...] = ()) -> Pipeline:
    global _PIPELINE
    if _PIPELINE is None or tuple(sorted(skip)) != getattr(_PIPELINE, "_skip", ()):
        _PIPELINE = Pipeline(skip=skip)
        _PIPELINE._skip = tuple(sorted(skip))  # type: ignore[attr-defined]
    return _PIPELINE


def count_facts(analysis) -> dict[str, int]:
    counts = Counter(e.kind for e in analysis.entities.values())
    counts["membership"] = len(analysis.memberships)
    counts["statement"] = len(analysis.statements)
    counts["pledge"] = len(analysis.pledges)
    return dict(counts)


def extract(doc: SourceDocument, skip: tuple[str, ...] = (), ingested_at: str | None = None) -> Extracted:
    """Run the pipeline on one document and return its validated N-Triples."""
    analysis = _pipeline(skip)(doc)
    t0 = time.perf_counter()
    triples = document_triples(analysis, ingested_at)
    timings = dict(analysis.timings)
    timings["rdf"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    violations = [v for v in validate_triples(triples) if v.severity == "Violation"]
    timings["shacl"] = time.perf_counter() - t0
    if violations:
        raise InvalidDocument(doc.source, violations)
    t0 = time.perf_counter()
    ntriples = to_ntriples(triples)
    timings["rdf"] += time.perf_counter() - t0
    graph_iri = str(iri.document(doc.doc_id))
    t0 = time.perf_counter()
    digests = digest(graph_iri, triples)
    timings["digest"] = time.perf_counter() - t0
    return Extracted(doc.doc_id, doc.source, graph_iri, ntriples, count_facts(analysis), timings, digests)


def digest(graph_iri: str, triples: list) -> dict[str, object]:
    """Each digesting stored-hook's summary of one document's triples, by hook key."""
    return {_hook_key(h): h.digest(graph_iri, triples) for h in STORED_HOOKS if hasattr(h, "digest")}


FREEZE_AT = (2, 33)
"""With ``ingest(freeze_gc=True)`` (``camket ingest``), before the 2nd and the 33rd document a
process extracts, what it holds then (gazetteers, lexicons, the segmenter's model, loaded by
the first documents) is moved out of the cyclic garbage collector's reach (``gc.collect();
gc.freeze()``): those objects live as long as the process, and each full pass of the
collector over them cost ≈ 1.5 ms per document at ingest (analyses themselves hold no
reference cycles: they are freed as soon as they are dropped). An option of the ingest, not
of the pipeline, so that a long-running process that also analyses documents (the API)
keeps its collector whole."""
_extracted_here = 0


def freeze_long_lived() -> None:
    """Count one more document extracted by this process; freeze at :data:`FREEZE_AT`."""
    global _extracted_here
    _extracted_here += 1
    if _extracted_here in FREEZE_AT:
        gc.collect()
        gc.freeze()


def _extract_safe(args) -> Extracted | Exception:
    doc, skip, freeze_gc = args
    if freeze_gc:
        freeze_long_lived()
    try:
        return extract(doc, skip)
    except InvalidDocument as err:
        return err
    except Exception as err:  # an extractor bug must not stop the batch
        return InputError(doc.source, f"extraction failed: {type(err).__name__}: {err}")


_LAST_DONE: list[float] = []


def _lower_priority() -> None:
    """A pool worker's initializer: :data:`WORKER_NICENESS`."""
    import os
    os.nice(WORKER_NICENESS)


def _extract_in_worker(args) -> Extracted | Exception:
    """:func:`_extract_safe` in a pool worker, which also records in ``timings["idle"]``
    how long the worker spent since its previous document: handing that result back
    and waiting for this document (the writer's process feeds and drains the pool)."""
    started = time.perf_counter()
    res = _extract_safe(args)
    if isinstance(res, Extracted):
        res.pack().timings["idle"] = started - _LAST_DONE[0] if _LAST_DONE else 0.0
    _LAST_DONE[:] = [time.perf_counter()]
    return res


class Progress:
    """A one-line progress bar on stderr when it is a terminal."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.n = 0

    def step(self, label: str) -> None:
        self.n += 1
        if self.enabled:
            self.stream.write(f"\r\033[K[{self.n}] {label[-70:]}")
            self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.n:
            self.stream.write("\r\033[K")


def ingest(paths: Iterable[str], store, workers: int = 1, max_bytes: int = DEFAULT_MAX_BYTES,
           force: bool = False, skip: tuple[str, ...] = (), on_error: Callable[[str], None] | None = None,
           progress: Progress | None = None, stdin=None, link: bool = True,
           freeze_gc: bool = False) -> IngestReport:
    """Ingest every document under ``paths`` into ``store`` (see module doc); ``freeze_gc``: the
    extracting processes (this one, or the workers) freeze what they hold after their first
    documents (:data:`FREEZE_AT`: a batch ingest; a server leaves it off)."""
    report = IngestReport(to_link=set() if link else None)
    t_start = time.perf_counter()
    on_error = on_error or (lambda msg: print(msg, file=sys.stderr))
    progress = progress or Progress()

    def fail(msg: str) -> None:
        report.failed.append(msg)
        on_error(msg)

    replay_pending_hooks(store, link)
    todo = _pending(iter_documents(paths, max_bytes, stdin=stdin), store, force, report, fail)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers, initializer=_lower_priority) as pool:
            results = _bounded_map(pool, _extract_in_worker, ((d, skip, freeze_gc) for d in todo),
                                   window=PREFETCH * workers)
            _write_all(results, store, report, fail, progress)
    else:
        _write_all(map(_extract_safe, ((d, skip, freeze_gc) for d in todo)), store, report, fail, progress)
    progress.done()
    if link and report.n_ingested:
        report.facts["linked documents"] += _link_graphs(store, people=report.to_link)
    _journal_clear(store, "link")
    for hook in FINISHED_HOOKS if report.n_ingested else ():
        hook(store, report)
    report.seconds = time.perf_counter() - t_start
    return report


PERSON_LINE = re.compile(rb"^<(%s[^>]*)> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%s> \.$"
                         % (re.escape(f"{ID}person/".encode()), re.escape(str(SCHEMA.Person).encode())), re.M)
"""A person's type line in a document's N-Triples: the people a batch names, read from what was
stored (what :func:`camket.linking.people_in` would ask the store, without a query per batch:
those queries and the cache releases they asked for cost ≈ 3 CPU-ms per article)."""


def _collect_people(report: IngestReport, texts: list[bytes]) -> None:
    """The people of a committed batch (``texts``: its documents' N-Triples), for cross-document
    linking (camket.linking) of spelling variants at the end of the ingest: what it compares
    grows with the people named, not with the documents naming them. The batch's graphs are
    journalled meanwhile (:func:`_commit`), so a crash before the linking is made good next time."""
    if report.to_link is not None:
        report.to_link |= {m.decode() for text in texts for m in PERSON_LINE.findall(text)}


def _link_graphs(store, graphs=None, people=None) -> int:
    from camket.linking import link_people
    rewritten = link_people(store, set(graphs) if graphs else None, people)
    if rewritten:
        run_hooks(store, rewritten)
    return len(rewritten)


def run_hooks(store, graph_iris: list[str], digests: dict[str, dict[str, object]] | None = None) -> None:
    """Tell every :data:`STORED_HOOKS` hook that ``graph_iris`` were (re)stored; ``digests``
    (by graph, then hook key: :attr:`Extracted.digests`) go to the hooks they are for."""
    for hook in STORED_HOOKS:
        key = _hook_key(hook)
        if digests and hasattr(hook, "digest") and all(key in digests.get(g, {}) for g in graph_iris):
            hook(store, list(graph_iris), {g: digests[g][key] for g in graph_iris})
        else:
            hook(store, list(graph_iris))


def _hook_key(hook) -> str:
    return f"{hook.__module__}.{hook.__qualname__}"


def _journal(store, kind: str = "hooks"):
    """The file beside an embedded store naming the graphs whose hooks (or linking)
    may not have run."""
    from pathlib import Path
    location = getattr(store, "location", None)
    return Path(f"{location}.{kind}-pending") if isinstance(location, Path) else None


def _journal_write(store, graph_iris: list[str], kind: str = "hooks", append: bool = False) -> None:
    """Name ``graph_iris`` in a journal (replacing it, or adding to it), synced to disk."""
    import os
    if (path := _journal(store, kind)) is not None:
        with open(path, "a" if append else "w", encoding="utf-8") as f:
            f.write("".join(f"{g}\n" for g in graph_iris))
            f.flush()
            os.fsync(f.fileno())


def _journal_clear(store, kind: str = "hooks") -> None:
    if (path := _journal(store, kind)) is not None:
        path.unlink(missing_ok=True)


def replay_pending_hooks(store, link: bool = True) -> None:
    """A crash between a batch's commit and its hooks (or before the linking at the
    end of an ingest) left the derived data (search index, statistics, links) behind
    the store: run them for those of the journalled documents that were stored (a
    re-run skips them as unchanged)."""
    for kind in ("hooks", "link"):
        path = _journal(store, kind)
        if path is None or not path.exists():
            continue
        graphs = [g for g in path.read_text(encoding="utf-8").split("\n") if g]
        stored = sorted(g for i in range(0, len(graphs), BATCH_DOCS)
                        for g in document_states(store, graphs[i:i + BATCH_DOCS]))
        if stored and kind == "hooks":
            run_hooks(store, stored)
        elif stored and link:
            _link_graphs(store, stored)
        _journal_clear(store, kind)


def _bounded_map(pool, fn, items: Iterator, window: int) -> Iterator:
    """``pool.map`` that keeps at most ``window`` items in flight (``Executor.map``
    submits the whole input at once: every document of the corpus in memory)."""
    from collections import deque
    pending: deque = deque()
    for item in items:
        pending.append(pool.submit(fn, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _chunks(items: Iterable, size_of: Callable[[object], int]) -> Iterator[list]:
    """``items`` in lists of up to :data:`BATCH_DOCS` items and about :data:`BATCH_BYTES`
    (by ``size_of``), each list cut early when :data:`BATCH_SECONDS` have passed."""
    chunk, size, started = [], 0, time.perf_counter()
    for item in items:
        chunk.append(item)
        size += size_of(item)
        if len(chunk) >= BATCH_DOCS or size >= BATCH_BYTES or time.perf_counter() - started >= BATCH_SECONDS:
            yield chunk
            chunk, size, started = [], 0, time.perf_counter()
    if chunk:
        yield chunk


class SeenIds:
    """The document ids met so far in a run, for telling duplicates, in ≈ 8 bytes each (a
    set of 10^5 ids took 9 MB): each id's 64-bit BLAKE2 digest, the recent ones in a set,
    merged into one sorted array searched by bisection when they are :data:`MERGE_EVERY`
    or an eighth of the array (so a merge costs O(1) per id whatever the run's size). Two
    different ids share a digest with odds ≈ n²/2^65 (3·10^-10 at 10^5 ids, 3·10^-6 at
    10^7): the second would be reported as a duplicate and not stored, a failure the report
    names, never a silent loss."""

    MERGE_EVERY = 4096

    def __init__(self):
        self.sorted, self.recent = array("Q"), set()

    @staticmethod
    def _key(doc_id: str) -> int:
        return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "little")

    def __contains__(self, doc_id: str) -> bool:
        key = self._key(doc_id)
        i = bisect.bisect_left(self.sorted, key)
        return key in self.recent or (i < len(self.sorted) and self.sorted[i] == key)

    def add(self, doc_id: str) -> None:
        self.recent.add(self._key(doc_id))
        if len(self.recent) >= max(self.MERGE_EVERY, len(self.sorted) // 8):  # merged as a stream
            self.sorted, self.recent = array("Q", heapq.merge(self.sorted, sorted(self.recent))), set()


def _pending(docs: Iterator, store, force: bool, report: IngestReport, fail) -> Iterator[SourceDocument]:
    seen = SeenIds()

    def fresh() -> Iterator[SourceDocument]:
        for doc in docs:
            if isinstance(doc, InputError):
                fail(str(doc))
            elif doc.doc_id in seen:
                fail(f"{doc.source}: duplicate document id {doc.doc_id!r} in this batch (first one kept)")
            else:
                seen.add(doc.doc_id)
                yield doc

    for chunk in _chunks(fresh(), lambda d: len(d.text)):
        states = {} if force else document_states(store, [str(iri.document(d.doc_id)) for d in chunk])
        for doc in chunk:
            if states.get(str(iri.document(doc.doc_id))) == (doc.sha256, EXTRACTOR_VERSION):
                report.skipped(doc.doc_id)
            else:
                yield doc


def document_states(store, graph_iris: list[str]) -> dict[str, tuple[str, str]]:
    """``{graph_iri: (sha256, extractor version)}`` of those stored, in one query (asked only
    about the graphs the store holds, when it can tell: :meth:`EmbeddedStore.stored_graphs`)."""
    import pyoxigraph as ox
    if hasattr(store, "stored_graphs"):
        present = store.stored_graphs(graph_iris)
        graph_iris = [g for g in graph_iris if g in present]
        if not graph_iris:
            return {}
    values = " ".join(str(ox.NamedNode(g)) for g in graph_iris)
    rows = store.select(f"SELECT ?g ?h ?v WHERE {{ VALUES ?g {{ {values} }} "
                        "GRAPH ?g { ?g ck:sha256 ?h ; ck:extractorVersion ?v } }")
    return {r["g"].value: (r["h"].value, r["v"].value) for r in rows}


def _write_all(results, store, report: IngestReport, fail, progress: Progress) -> None:
    """Write the extracted documents a batch per transaction (see :func:`_chunks`); a
    document is stored once its batch committed, and the hooks run once per batch."""
    def ok(results) -> Iterator[Extracted]:
        for res in results:
            if isinstance(res, Exception):
                fail(str(res))
            else:
                yield res

    unflushed = 0
    for batch in _chunks(ok(results), lambda r: r.size):
        _commit(batch, store, report, fail, progress)
        unflushed += sum(r.size for r in batch)
        if unflushed >= FLUSH_BYTES and hasattr(store, "flush"):
            store.flush()  # an embedded store also frees its read caches and trims the heap
            unflushed = 0


def _commit(batch: list[Extracted], store, report: IngestReport, fail, progress: Progress) -> None:
    t0 = time.perf_counter()
    _journal_write(store, [r.graph_iri for r in batch])
    # linked at the end of the ingest, or, if a crash comes first, by the next ingest
    # (which skips the batch's documents as unchanged)
    _journal_write(store, [r.graph_iri for r in batch], "link", append=True)
    texts = [r.utf8 for r in batch]
    try:
        if len(batch) > 1 and hasattr(store, "replace_documents"):
            store.replace_documents([(r.graph_iri, text) for r, text in zip(batch, texts)])
        else:
            for res in batch:
                store.replace_document(res.graph_iri, res.ntriples)
    except Exception as err:  # noqa: BLE001 - report, keep the batch going
        if len(batch) > 1:  # find the one that cannot be stored; store the others
            for res in batch:
                _commit([res], store, report, fail, progress)
        else:
            fail(f"{batch[0].source}: not stored: {err}")
        return
    t1 = time.perf_counter()
    run_hooks(store, [r.graph_iri for r in batch], {r.graph_iri: r.hook_digests for r in batch})
    _journal_clear(store)
    _collect_people(report, texts)
    t2 = time.perf_counter()
    for res in batch:
        res.timings["store"] = (t1 - t0) / len(batch)
        res.timings["hooks"] = (t2 - t1) / len(batch)
        report.stored(res.doc_id)
        report.facts.update(res.counts)
        report.timings.update(res.timings)
        progress.step(res.source)


import camket.statistics  # noqa: E402,F401  (registers its hook: precomputed statistics follow ingest)
