"""The whole-store list orders, saved in a file beside the store so a server need not compute them.

The unfiltered ``/documents``, ``/statements``, ``/pledges`` and ``/people``
pages slice orders of the whole store (:mod:`.warm` computes them when a
read-only server starts: ≈ 22 s at 100,000 articles). :func:`save` writes them
to ``<store>.orders.json`` together with a token it also stores in the
statistics graph (:func:`camket.void_stats.write`, which ``python -m
camket.void_stats --store DIR`` runs, calls it). Every ingest drops that token
with the VoID counts (:func:`camket.statistics.refresh`), so the file is used
only while the token in the store is the one it was written with: after any
change :func:`load` returns None and the orders are computed as before.
A remote store has no file beside it: nothing is saved or read.

Public API::

    save(store, token) -> Path | None      # compute and write the orders
    load(store) -> {cache name: value} | None
"""
from __future__ import annotations

import json
import os
from pathlib import Path



def path_of(store) -> Path | None:
    """``<store directory>.orders.json`` for an embedded store, None for a remote one."""
    if getattr(store, "kind", None) != "embedded":
        return None
    return Path(str(store.location).rstrip("/") + ".orders.json")


def compute(store) -> dict:
    """The orders as :mod:`.warm` computes them (no cache involved)."""
    from . import graph
    from .entities import _every
    from .routers.pledges import _ordered
    from .routers.statements import _per_document
    return {"documents": graph.newest_documents(store), "statements-by-document": _per_document(store),
            "entities:person": _every(store, "person"), "pledges": _ordered(store, {})}


def save(store, token: str) -> Path | None:
    """Compute the orders and write them with ``token`` (atomically: a temporary file renamed)."""
    path = path_of(store)
    if path is None:
        return None
    data = {"token": token, "orders": compute(store)}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)
    return path


def load(store) -> dict | None:
    """The saved orders when the store still holds the token they were saved with, else None."""
    from camket import void_stats
    path = path_of(store)
    if path is None or not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not data.get("token") or data["token"] != void_stats.token(store):
        return None
    orders = data["orders"]
    docs, counts = orders["statements-by-document"]
    return {"documents": orders["documents"], "statements-by-document": (docs, counts),
            "entities:person": orders["entities:person"], "pledges": [tuple(k) for k in orders["pledges"]]}
