"""Whole-store results the list endpoints reuse: orders and totals, kept per store generation.

``/people``, ``/statements``, ``/pledges`` and ``/documents`` without a filter sort
or count everything in the store (seconds at 10,000 articles); a page of them
only slices that order. :func:`cached` computes such a result once per store
*generation*:

* a read-only embedded store is a snapshot (``EmbeddedStore.refresh`` opens a
  new one), so the generation is the snapshot itself: exact;
* any other store (writable, remote) is fingerprinted by the states of its
  documents (graph, sha256, extractor version), recomputed at most every
  ``FINGERPRINT_TTL`` seconds: after an ingest a list may lag that long.

Public API::

    order = cached(store, "people", lambda: compute(store))
    order = memo(store, "statement-order", key, compute)   # per key, the MEMO_SIZE latest keys,
                                                            # snapshots only (else computed each call)
    memo_items(store, "statement-order") -> [(key, value)]  # what is kept of a family now
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import OrderedDict
from typing import Any, Callable

FINGERPRINT_TTL = 5.0
MEMO_SIZE = 64
STATES = "SELECT ?g ?h ?v WHERE { GRAPH ?g { ?g a ck:Document ; ck:sha256 ?h ; ck:extractorVersion ?v } }"

_lock = threading.RLock()  # guards the tables; computations hold a lock of their own name


class _State:
    """What is cached for one store object (kept on it as ``_list_cache``: it dies with the store)."""

    def __init__(self):
        self.values: dict[str, Any] = {}
        self.locks: dict[str, threading.Lock] = {}
        self.generation: Any = None
        self.snapshot: tuple[Any, int] | None = None  # (the snapshot object, a number per snapshot seen)
        self.fingerprint: tuple[float, str] | None = None


def _state(store) -> _State:
    state = getattr(store, "_list_cache", None)
    if state is None:
        state = store._list_cache = _State()
    return state


def is_snapshot(store) -> bool:
    """A read-only embedded store: what it holds changes only when it is refreshed."""
    return bool(getattr(store, "read_only", False)) and hasattr(store, "_store")


def generation(store) -> Any:
    """Changes whenever the store's content may have changed (see the module docstring)."""
    state = _state(store)
    if is_snapshot(store):
        store._read(lambda: None)  # (re)opens a snapshot a writer compacted away
        seen = state.snapshot
        if seen is None or seen[0] is not store._store:
            seen = state.snapshot = (store._store, (seen[1] + 1) if seen else 0)
        return ("snapshot", seen[1])
    now = time.monotonic()
    if state.fingerprint is None or now - state.fingerprint[0] > FINGERPRINT_TTL:
        rows = sorted(f"{r['g'].value} {r['h'].value} {r['v'].value}" for r in store.select(STATES))
        state.fingerprint = (now, hashlib.sha1("\n".join(rows).encode()).hexdigest())
    return ("states", state.fingerprint[1])


def cached(store, name: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per (store, generation, name); concurrent first calls compute once,
    while other names are computed or read meanwhile (a lock per name)."""
    gen, state = generation(store), _state(store)
    values = state.values
    if state.generation == gen and name in values:
        return values[name]
    with _lock:
        if state.generation != gen:
            state.values, state.locks, state.generation = {}, {}, gen
        values, lock = state.values, state.locks.setdefault(name, threading.Lock())
    with lock:
        if name not in values:
            values[name] = compute()
        return values[name]


def memo(store, family: str, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()`` of one ``key`` of ``family`` (a filtered list's order, one body's members),
    kept for the :data:`MEMO_SIZE` most recently used keys of a read-only snapshot. Any other
    store computes it at every call: a per-key answer must show an ingest at once, and the
    fingerprint of a writable store costs a whole-store read."""
    if not is_snapshot(store):
        return compute()
    table, locks = cached(store, f"memo:{family}", lambda: (OrderedDict(), {}))
    with _lock:
        if key in table:
            table.move_to_end(key)
            return table[key]
        lock = locks.setdefault(key, threading.Lock())
    with lock:  # one computation per key; other keys meanwhile
        with _lock:
            if key in table:
                return table[key]
        value = compute()
        with _lock:
            table[key] = value
            while len(table) > MEMO_SIZE:
                locks.pop(table.popitem(last=False)[0], None)
        return value


def memo_items(store, family: str) -> list[tuple[Any, Any]]:
    """The (key, value) pairs :func:`memo` keeps of ``family`` now (empty off a snapshot)."""
    if not is_snapshot(store):
        return []
    table, _ = cached(store, f"memo:{family}", lambda: (OrderedDict(), {}))
    with _lock:
        return list(table.items())
