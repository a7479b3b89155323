"""The whole-store list orders, computed in the background when the app starts on a snapshot.

The unfiltered ``/documents``, ``/statements``, ``/pledges`` and ``/people`` pages
slice orders computed once per store generation (:mod:`.store_cache`): seconds
at 100,000 articles (documents 1.5 s, statements per document 2 s). On a
read-only snapshot they cannot change, so :func:`warm` computes them in a
daemon thread as soon as the app exists: a first request that comes after
that finds them ready; one that comes earlier waits for the computation it
needs, as it did before. A writable or remote store is left alone (its
orders are re-checked as the store changes). When ``camket void-stats``
saved the orders for this store state (:mod:`.saved_orders`), they are read
from that file instead, with the orders of the largest bodies' pages, and
nothing is computed.

Public API::

    warm(store) -> threading.Thread | None
"""
from __future__ import annotations

import logging
import threading

from .store_cache import is_snapshot

log = logging.getLogger(__name__)


def _orders(store) -> None:
    from . import saved_orders
    from .store_cache import cached
    saved = saved_orders.load(store)
    if saved is not None:  # written for this very store state by ``camket void-stats``
        saved_orders.install(store, saved)
        return
    for name, compute in saved_orders.whole_store().items():  # as the lists' accessors cache them
        cached(store, name, lambda f=compute: f(store))


def warm(store) -> threading.Thread | None:
    """Start computing the list orders of a read-only snapshot; None for any other store."""
    if not is_snapshot(store):
        return None

    def run():
        try:
            _orders(store)
        except Exception as err:  # noqa: BLE001 - a request computes what is missing
            log.warning("list orders not precomputed: %s", err)
    thread = threading.Thread(target=run, daemon=True, name="list-orders")
    thread.start()
    return thread
