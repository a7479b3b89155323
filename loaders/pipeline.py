"""The extraction pipeline: a list of small named components, spaCy style.

A component is a function ``fn(analysis) -> None`` registered under a name
with :func:`component`. :class:`Pipeline` runs them in order and times each
(``analysis.timings``), so a bench can say where the time goes and a test
can run one component alone::

    from camket.loaders.pipeline import Pipeline, default_pipeline
    nlp = default_pipeline()                 # every registered default, in order
    analysis = nlp(source_document)
    nlp = Pipeline(["structure", "places"])  # just these

Components live in :mod:`camket.loaders.extract`; importing that package
registers them. ``DEFAULT_ORDER`` is the order of the default pipeline.
"""
from __future__ import annotations

import time
from typing import Callable, Iterable

from .model import Analysis
from .read import SourceDocument

Component = Callable[[Analysis], None]
COMPONENTS: dict[str, Component] = {}

DEFAULT_ORDER = [
    "structure",      # paragraphs and sentences
    "nlp",            # underthesea word segmentation / POS / NER (offsets kept)
    "dates",          # document and event dates
    "places",         # gazetteer places
    "organizations",  # bodies, acronyms, sub-organisations
    "people",         # person names, honorifics, gender
    "roles",          # posts: role word + body, both orders
    "policies",       # policy documents, numbers, issuers, relations
    "events",         # forums, summits, workshops
    "statements",     # direct quotations and reported speech
    "pledges",        # commitments, targets, deadlines
    "resolve",        # merge variants and short forms within the document
]


def component(name: str) -> Callable[[Component], Component]:
    """Register ``fn`` as the pipeline component called ``name``."""
    def register(fn: Component) -> Component:
        COMPONENTS[name] = fn
        return fn
    return register


class Pipeline:
    """Runs named components over a document."""

    def __init__(self, names: Iterable[str] | None = None, skip: Iterable[str] = ()):
        from . import extract  # noqa: F401  (registers the components)
        wanted = list(names) if names is not None else list(DEFAULT_ORDER)
        skip = set(skip)
        missing = [n for n in wanted if n not in COMPONENTS]
        if missing:
            raise KeyError(f"unknown pipeline component(s): {', '.join(missing)}")
        self.names = [n for n in wanted if n not in skip]

    def __call__(self, doc: SourceDocument) -> Analysis:
        analysis = Analysis(doc)
        for name in self.names:
            t0 = time.perf_counter()
            COMPONENTS[name](analysis)
            analysis.timings[name] = time.perf_counter() - t0
        return analysis


def default_pipeline(skip: Iterable[str] = ()) -> Pipeline:
    return Pipeline(skip=skip)
