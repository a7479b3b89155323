"""loaders/pipeline.py: analyses free themselves; the collector is left alone."""
import gc
import weakref
from pathlib import Path

from camket.loaders.pipeline import Pipeline
from camket.loaders.read import iter_documents

CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


def test_an_analysis_is_freed_as_soon_as_it_is_dropped():
    doc = next(iter_documents([str(sorted(CORPUS.glob("*.txt"))[0])]))
    was = gc.isenabled()
    gc.disable()  # no cyclic collector: only reference counts may free it
    try:
        analysis = Pipeline()(doc)
        assert analysis.nlp is not None and analysis.entities
        ref = weakref.ref(analysis)
        del analysis
        assert ref() is None
    finally:
        if was:
            gc.enable()


def test_the_pipeline_leaves_the_collector_alone(monkeypatch):
    """Freezing long-lived objects is the ingest's choice (camket.ingest.FREEZE_AT), not the
    pipeline's: a server analysing documents keeps its collector whole."""
    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(1))
    doc = next(iter_documents([str(sorted(CORPUS.glob("*.txt"))[0])]))
    nlp = Pipeline(["structure", "dates"])
    for _ in range(3):
        nlp(doc)
    assert calls == []
