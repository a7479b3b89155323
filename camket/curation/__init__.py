"""Curation: researchers correct the graph; their judgements survive re-ingest.

Modules:

* :mod:`.judgements` — the judgement log (SQLite beside the store), validation;
* :mod:`.resolve` — what the judgements mean (transitive merges, conflicts);
* :mod:`.rdf` — the graphs ``graph/judgements`` and ``graph/resolved``;
* :mod:`.apply` — re-anchoring, orphan reports, writing the graphs to a store;
* :mod:`.view` — the resolved view for the API and exports;
* :mod:`.candidates` — likely duplicates for ``camket dedupe``;
* :mod:`.cli` — ``camket judge ...`` and ``camket dedupe``.

Importing this package registers :func:`.apply.on_stored` as an ingest hook,
so every (re-)ingested document is followed by re-applying the judgements.
"""
from camket.ingest import STORED_HOOKS

from .apply import apply, on_stored
from .judgements import Judgement, JudgementError, Judgements, judgements_path
from .rdf import GRAPH_JUDGEMENTS, GRAPH_RESOLVED

if on_stored not in STORED_HOOKS:
    STORED_HOOKS.append(on_stored)

__all__ = ["apply", "on_stored", "Judgement", "JudgementError", "Judgements", "judgements_path",
           "GRAPH_JUDGEMENTS", "GRAPH_RESOLVED"]
