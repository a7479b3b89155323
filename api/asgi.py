"""The app of one uvicorn worker process, for ``camket serve --workers N``.

uvicorn starts N processes that each import an app factory; the parent writes
what ``camket serve`` was given into ``CAMKET_SERVE`` (JSON: store location
and :class:`Settings` fields) and every worker opens the store read-only
itself (an embedded store opens read-only any number of times; only one
process may write). The parent keeps the search index in step with the store,
so the workers do not race to build it.

uvicorn hands the workers a listening socket it made with ``socket.socket(AF_INET)``
(protocol 0), and asyncio sets ``TCP_NODELAY`` only on sockets whose protocol reads
``IPPROTO_TCP``: the workers' keep-alive connections then wait ~40 ms per response
(Nagle's algorithm meets the client's delayed ACK). :func:`http_protocol` gives
uvicorn's fastest HTTP/1.1 protocol (httptools' C parser when installed, else
h11) with ``TCP_NODELAY`` set on every connection.

    uvicorn.run("camket.api.asgi:app_from_env", factory=True, workers=2, http=http_protocol())
"""
from __future__ import annotations

import dataclasses
import json
import os
import socket

from camket.store import open_store

from .settings import Settings

ENV = "CAMKET_SERVE"


def export(store_location: str | None, settings: Settings) -> None:
    """Put what the workers need into the environment they inherit."""
    os.environ[ENV] = json.dumps({"store": store_location, "settings": dataclasses.asdict(settings)})


try:  # httptools' C parser (a dependency); h11 is uvicorn's pure-Python fallback
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _HttpProtocol
except ImportError:  # pragma: no cover
    from uvicorn.protocols.http.h11_impl import H11Protocol as _HttpProtocol


class NoDelayHttp(_HttpProtocol):
    """uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection (a module-level
    class: uvicorn pickles it into each worker process)."""

    def connection_made(self, transport) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)


def http_protocol() -> type:
    """The protocol class ``camket serve --workers N`` gives uvicorn."""
    return NoDelayHttp


def app_from_env():
    from .app import create_app
    job = json.loads(os.environ[ENV])
    settings = Settings(**{**job["settings"], "search_sync": False})
    return create_app(open_store(job["store"], read_only=True), settings)
