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
extraction runs in a process pool and this process stays the one writer.
"""
from __future__ import annotations

import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from camket.loaders.pipeline import Pipeline
from camket.loaders.rdf import document_triples, to_ntriples
from camket.loaders.read import DEFAULT_MAX_BYTES, InputError, SourceDocument, iter_documents
from camket.ontology import iri
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
    ntriples: str
    counts: dict[str, int]
    timings: dict[str, float]


@dataclass
class IngestReport:
    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    facts: Counter = field(default_factory=Counter)
    timings: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        facts = ", ".join(f"{k} {v}" for k, v in sorted(self.facts.items())) or "none"
        return (f"documents: {len(self.ingested)} ingested, {len(self.unchanged)} unchanged (skipped), "
                f"{len(self.failed)} failed; facts: {facts}; {self.seconds:.1f} s")


StoredHook = Callable[[object, str], None]
STORED_HOOKS: list[StoredHook] = []
"""Called as ``hook(store, graph_iri)`` after each document graph is stored
(e.g. the search index keeps in step with ingest). Register with
``STORED_HOOKS.append(fn)``."""

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
    return Extracted(doc.doc_id, doc.source, str(iri.document(doc.doc_id)),
                     ntriples, count_facts(analysis), timings)


def _extract_safe(args) -> Extracted | Exception:
    doc, skip = args
    try:
        return extract(doc, skip)
    except InvalidDocument as err:
        return err
    except Exception as err:  # an extractor bug must not stop the batch
        return InputError(doc.source, f"extraction failed: {type(err).__name__}: {err}")


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
           progress: Progress | None = None, stdin=None, link: bool = True) -> IngestReport:
    """Ingest every document under ``paths`` into ``store`` (see module doc)."""
    report = IngestReport()
    t_start = time.perf_counter()
    on_error = on_error or (lambda msg: print(msg, file=sys.stderr))
    progress = progress or Progress()

    def fail(msg: str) -> None:
        report.failed.append(msg)
        on_error(msg)

    todo = _pending(iter_documents(paths, max_bytes, stdin=stdin), store, force, report, fail)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = pool.map(_extract_safe, ((d, skip) for d in todo), chunksize=4)
            _write_all(results, store, report, fail, progress)
    else:
        _write_all(map(_extract_safe, ((d, skip) for d in todo)), store, report, fail, progress)
    progress.done()
    if link and report.ingested:
        _link(store, report)
    report.seconds = time.perf_counter() - t_start
    return report


def _link(store, report: IngestReport) -> None:
    """Cross-document linking of spelling variants (camket.linking) after the batch."""
    from camket.linking import link_people
    touched = {str(iri.document(d)) for d in report.ingested}
    rewritten = link_people(store, touched)
    report.facts["linked documents"] += len(rewritten)
    for graph in rewritten:
        for hook in STORED_HOOKS:
            hook(store, graph)


def _pending(docs: Iterator, store, force: bool, report: IngestReport, fail) -> Iterator[SourceDocument]:
    seen: set[str] = set()
    for doc in docs:
        if isinstance(doc, InputError):
            fail(str(doc))
            continue
        if doc.doc_id in seen:
            fail(f"{doc.source}: duplicate document id {doc.doc_id!r} in this batch (first one kept)")
            continue
        seen.add(doc.doc_id)
        if not force and store.document_state(str(iri.document(doc.doc_id))) == (doc.sha256, EXTRACTOR_VERSION):
            report.unchanged.append(doc.doc_id)
            continue
        yield doc


def _write_all(results, store, report: IngestReport, fail, progress: Progress) -> None:
    for res in results:
        if isinstance(res, Exception):
            fail(str(res))
            continue
        try:
            t0 = time.perf_counter()
            store.replace_document(res.graph_iri, res.ntriples)
            res.timings["store"] = time.perf_counter() - t0
        except Exception as err:  # noqa: BLE001 - report, keep the batch going
            fail(f"{res.source}: not stored: {err}")
            continue
        for hook in STORED_HOOKS:
            hook(store, res.graph_iri)
        report.ingested.append(res.doc_id)
        report.facts.update(res.counts)
        report.timings.update(res.timings)
        progress.step(res.source)


import camket.statistics  # noqa: E402,F401  (registers its hook: precomputed statistics follow ingest)
