"""CPU time by stage of an in-process ingest (``bench_ingest``, 1 worker).

The pipeline's own ``report.timings`` are wall-clock, which on a shared
machine mostly measure the neighbours' load. :func:`instrument` wraps, in
this process only, each pipeline component, reading, RDF building, SHACL
validation and the store write with a ``time.process_time`` accumulator.
"""
from __future__ import annotations

import time
from collections import Counter
from functools import wraps

CPU: Counter = Counter()


def _timed(name: str, fn):
    if getattr(fn, "_cpu_stage", None):  # already instrumented
        return fn

    @wraps(fn)
    def wrapper(*args, **kwargs):
        t0 = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            CPU[name] += time.process_time() - t0
    wrapper._cpu_stage = name  # type: ignore[attr-defined]
    return wrapper


def _timed_iter(name: str, fn):
    if getattr(fn, "_cpu_stage", None):
        return fn

    @wraps(fn)
    def wrapper(*args, **kwargs):
        it = fn(*args, **kwargs)
        while True:
            t0 = time.process_time()
            try:
                item = next(it)
            except StopIteration:
                CPU[name] += time.process_time() - t0
                return
            CPU[name] += time.process_time() - t0
            yield item
    wrapper._cpu_stage = name  # type: ignore[attr-defined]
    return wrapper


def instrument(store) -> Counter:
    """Start accumulating CPU seconds per stage for ingests into ``store`` made in this process."""
    import camket.ingest as ingest_mod
    import camket.loaders.extract  # noqa: F401  (registers the components)
    from camket.loaders import pipeline
    for name, fn in list(pipeline.COMPONENTS.items()):
        pipeline.COMPONENTS[name] = _timed(name, fn)
    ingest_mod.iter_documents = _timed_iter("reading", ingest_mod.iter_documents)
    ingest_mod.document_triples = _timed("rdf", ingest_mod.document_triples)
    ingest_mod.to_ntriples = _timed("rdf", ingest_mod.to_ntriples)
    ingest_mod.validate_triples = _timed("shacl", ingest_mod.validate_triples)
    if hasattr(ingest_mod, "digest"):  # what the stored-hooks need of each document, while extracting
        ingest_mod.digest = _timed("digest", ingest_mod.digest)
    for method in ("replace_document", "replace_documents"):
        if hasattr(store, method):
            setattr(store, method, _timed("store", getattr(store, method)))
    if hasattr(ingest_mod, "run_hooks"):  # stored-hooks (search index) once per batch
        ingest_mod.run_hooks = _timed("hooks", ingest_mod.run_hooks)
    CPU.clear()
    return CPU
