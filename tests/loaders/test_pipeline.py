"""loaders/pipeline.py: analyses free themselves; long-lived objects leave the collector's reach."""
import gc
import weakref
from pathlib import Path

from camket.loaders import pipeline
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


def test_long_lived_objects_are_frozen_once_at_the_set_documents(monkeypatch):
    calls = []
    monkeypatch.setattr(gc, "freeze", lambda: calls.append(pipeline._analysed))
    monkeypatch.setattr(pipeline, "_analysed", 0)
    for _ in range(max(pipeline.FREEZE_AT) + 1):
        pipeline._freeze_long_lived()
    assert calls == list(pipeline.FREEZE_AT)
