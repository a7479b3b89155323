"""bench.cpu_stages: CPU time by stage of an in-process ingest, the digests for the hooks included."""
from __future__ import annotations

import camket.ingest as ingest_mod
from bench.cpu_stages import instrument
from camket.loaders import pipeline
from camket.store import open_store


def test_every_stage_is_timed_and_the_digests_apart_from_the_hooks(tmp_path, monkeypatch):
    import camket.search  # noqa: F401  (a hook with a digest)
    for name in ("iter_documents", "document_triples", "to_ntriples", "validate_triples", "digest", "run_hooks"):
        monkeypatch.setattr(ingest_mod, name, getattr(ingest_mod, name))  # restored after the test
    monkeypatch.setattr(pipeline, "COMPONENTS", dict(pipeline.COMPONENTS))
    store = open_store(tmp_path / "s")
    cpu = instrument(store)
    report = ingest_mod.ingest(["data/corpus"], store, on_error=lambda m: None, link=False)
    assert report.ingested
    assert {"reading", "rdf", "shacl", "digest", "store", "hooks"} <= set(cpu)
    assert cpu["digest"] > 0 and cpu["hooks"] > 0
