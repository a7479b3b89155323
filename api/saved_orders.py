"""List orders saved in a file beside the store, so a read-only server need not compute them.

The unfiltered ``/documents``, ``/statements``, ``/pledges`` and ``/people``
pages slice orders of the whole store (:mod:`.warm` computes them when a
read-only server starts: ≈ 22 s at 100,000 articles), and a large body's page
computes the order of its members, statements and evidence on its first
request (≈ 5 s for the largest body at 100k). :func:`save` writes both — the
whole-store orders and those of the :data:`TOP_BODIES` bodies with the most
posts — to ``<store>.orders.json``, with a token it also stores in the
statistics graph (``camket void-stats`` runs it after
:func:`camket.void_stats.write`). Every ingest drops that token with the VoID
counts (:func:`camket.statistics.refresh`), so the file is used only while the
store holds the token it was written with: after any change :func:`load`
returns None and everything is computed as before. A remote store has no
file beside it: nothing is saved or read.

Public API::

    save(store, token) -> Path | None      # compute and write the orders
    load(store) -> Saved | None            # Saved.values: {cache name: order}; Saved.memo: [(family, key, value)]
    install(store, saved)                  # put them in the store's cache (:mod:`.store_cache`)
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pyoxigraph as ox

from .statement_order import Ordered

TOP_BODIES = 20
MEMO_FAMILIES = ("body-speakers", "members", "evidence-order", "statement-order")
Q_TOP_BODIES = ("SELECT ?b (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m org:organization ?b } "
                "GROUP BY ?b ORDER BY DESC(?n) ?b LIMIT %d")


@dataclass
class Saved:
    values: dict
    memo: list[tuple[str, object, object]]


def path_of(store) -> Path | None:
    """``<store directory>.orders.json`` for an embedded store, None for a remote one."""
    if getattr(store, "kind", None) != "embedded":
        return None
    return Path(str(store.location).rstrip("/") + ".orders.json")


def whole_store() -> dict[str, Callable[[Any], Any]]:
    """The whole-store list orders: cache name (:mod:`.store_cache`) -> the function computing it
    (no cache involved). The one table :func:`compute`, :func:`load` and :mod:`.warm` read; the
    routers' accessors (``graph.document_order``...) cache the same functions under these names."""
    from . import graph
    from .entities import _every
    from .routers.pledges import _ordered
    from .routers.statements import _per_document
    return {"documents": graph.newest_documents, "statements-by-document": _per_document,
            "entities:person": lambda store: _every(store, "person"), "pledges": lambda store: _ordered(store, {})}


_FROM_JSON = {"statements-by-document": lambda v: (v[0], v[1]), "pledges": lambda v: [tuple(k) for k in v]}


def compute(store) -> dict:
    """Every order of :func:`whole_store`, computed."""
    return {name: fn(store) for name, fn in whole_store().items()}


def _entity_orders(path: Path) -> list[list]:
    """The per-body orders of the largest bodies, computed on a read-only snapshot by the
    functions a body's page calls, read back from its cache."""
    from camket.store import open_store
    from . import graph
    from .entities import evidence_page
    from .posts import member_page
    from .routers.statements import StatementFilter, statement_page
    from .store_cache import memo_items
    reader = open_store(path, read_only=True)
    for r in reader.select(Q_TOP_BODIES % TOP_BODIES):
        x = graph.cluster(reader, ox.NamedNode(r["b"].value))
        member_page(reader, x, 1, 0)
        statement_page(reader, StatementFilter(body=x), 1, 0)
        evidence_page(reader, x, 1, 0)
    return [[family, key, _encode(value)] for family in MEMO_FAMILIES for key, value in memo_items(reader, family)]


def _encode(value):
    if isinstance(value, Ordered):
        return {"groups": value.groups, "total": value.total}
    return value


def _decode(family: str, key, value) -> tuple:
    if family == "statement-order":
        return key, Ordered(groups=[(d, sts) for d, sts in value["groups"]], total=value["total"])
    if family == "evidence-order":
        value = [tuple(v) for v in value]
    return tuple(key), value


def save(store, token: str) -> Path | None:
    """Compute the orders and write them with ``token`` (atomically: a temporary file renamed)."""
    path = path_of(store)
    if path is None:
        return None
    store.flush()
    data = {"token": token, "orders": compute(store), "memo": _entity_orders(store.location)}
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(tmp, path)
    return path


def load(store) -> Saved | None:
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
    if set(orders) != set(whole_store()):
        return None
    values = {name: _FROM_JSON.get(name, list)(value) for name, value in orders.items()}
    return Saved(values=values, memo=[(f, *_decode(f, k, v)) for f, k, v in data.get("memo", []) if f in MEMO_FAMILIES])


def install(store, saved: Saved) -> None:
    """Put ``saved`` in the store's cache, as if computed there."""
    from .store_cache import cached, memo
    for name, value in saved.values.items():
        cached(store, name, lambda v=value: v)
    for family, key, value in saved.memo:
        memo(store, family, key, lambda v=value: v)
