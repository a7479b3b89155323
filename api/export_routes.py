"""``GET /export/{format}``: the exports of :mod:`camket.export` over HTTP.

Formats: gexf, graphml, csv (zip of nodes.csv + edges.csv, or one table with
``?table=nodes|edges``), nquads, trig, turtle, jsonld. Query parameters are
the CLI's filters: ``kinds`` (comma-separated), ``since``, ``until``, ``doc``
(repeatable), ``min_weight``, ``ego``, ``depth``, ``drop_isolates``, plus
``with_facts`` and ``gexf_version``.

The querying and filtering run first (a bad filter is a 400 with a JSON
error); the file then streams from a worker thread through a bounded queue,
so memory stays flat whatever the size. The response carries the format's
media type and a ``Content-Disposition`` download name.
"""
from __future__ import annotations

import io
import queue
import threading
from typing import Annotated, Callable, Iterator

import anyio
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse

from camket.export import FORMATS, Filters, filename, media_type, prepare

try:
    from .deps import get_store
except ImportError:  # pragma: no cover - the API package without deps.py
    def get_store(request: Request):
        return request.app.state.store

router = APIRouter(tags=["export"])
_DONE = object()


class _QueueWriter(io.RawIOBase):
    """A write-only binary stream whose chunks go to a bounded queue."""

    def __init__(self, chunks: queue.Queue, cancelled: threading.Event):
        self.chunks, self.cancelled = chunks, cancelled

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        data = bytes(data)
        while not self.cancelled.is_set():
            try:
                self.chunks.put(data, timeout=0.5)
                return len(data)
            except queue.Full:
                continue
        raise BrokenPipeError("client went away")


def stream(write: Callable) -> Iterator[bytes]:
    """Run ``write(out)`` in a thread and yield what it writes, chunk by chunk.
    Closing the generator (the client went away) stops the writer thread."""
    chunks: queue.Queue = queue.Queue(maxsize=16)
    cancelled = threading.Event()

    def offer(item) -> None:
        while not cancelled.is_set():
            try:
                chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def run():
        try:
            write(io.BufferedWriter(_QueueWriter(chunks, cancelled), buffer_size=1 << 16))
        except BrokenPipeError:
            pass
        except BaseException as err:  # noqa: BLE001 - handed to the response side
            offer(err)
        finally:
            offer(_DONE)

    worker = threading.Thread(target=run, name="camket-export", daemon=True)
    worker.start()
    try:
        while True:
            item = chunks.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        cancelled.set()


def _writer(write: Callable) -> Callable:
    """``write`` followed by a flush of the buffered stream it is given."""
    def run(out):
        write(out)
        out.flush()
    return run


@router.get("/export/{fmt}", summary="Download the actor network (GEXF, GraphML, CSV) or an RDF dump",
            response_class=StreamingResponse,
            responses={200: {"content": {f.media_type: {} for f in FORMATS.values()}}})
async def export_route(
    request: Request, fmt: str,
    kinds: Annotated[str | None, Query(description="node kinds, comma-separated")] = None,
    since: Annotated[str | None, Query(description="facts dated on/after (YYYY[-MM[-DD]])")] = None,
    until: Annotated[str | None, Query(description="facts dated on/before")] = None,
    doc: Annotated[list[str] | None, Query(description="document ids or IRIs (repeatable)")] = None,
    min_weight: Annotated[int, Query(ge=1)] = 1,
    ego: Annotated[str | None, Query(description="entity IRI, IRI tail or name")] = None,
    depth: Annotated[int, Query(ge=0, le=10)] = 1,
    drop_isolates: bool = False,
    with_facts: bool = False,
    gexf_version: Annotated[str, Query(pattern="^1\\.[23]$")] = "1.3",
    table: Annotated[str | None, Query(pattern="^(nodes|edges)$")] = None,
):
    if fmt not in FORMATS:
        raise HTTPException(404, f"unknown export format {fmt!r}; known: {', '.join(FORMATS)}")
    store, table = get_store(request), table if fmt == "csv" else None
    try:
        filters = Filters(kinds=frozenset(k.strip() for k in kinds.split(",") if k.strip()) if kinds else None,
                          since=since, until=until, documents=frozenset(doc) if doc else None,
                          min_weight=min_weight, ego=ego, depth=depth, drop_isolates=drop_isolates)
        write = await anyio.to_thread.run_sync(
            lambda: prepare(store, fmt, filters, gexf_version=gexf_version, facts_as_nodes=with_facts,
                            table=table))
    except ValueError as err:
        raise HTTPException(400, str(err)) from err
    return StreamingResponse(stream(_writer(write)), media_type=media_type(fmt, table),
                             headers={"Content-Disposition": f'attachment; filename="{filename(fmt, table)}"'})
