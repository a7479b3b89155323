"""``Server-Timing: app;dur=<ms>`` on every response: the time the app spent on the request
(routing, dependencies, the lookup, serialisation), without the HTTP parsing of the server and
the network. ``bench/bench_api.py`` reads it to split the API's overhead over the raw store into
what the app costs and what HTTP costs."""
from __future__ import annotations

import time


class ServerTiming:
    """A pure ASGI middleware: ``app.add_middleware(ServerTiming)``."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        t0 = time.perf_counter()

        async def timed(message):
            if message["type"] == "http.response.start":
                ms = 1000 * (time.perf_counter() - t0)
                message = {**message, "headers": [*message.get("headers", []),
                                                  (b"server-timing", f"app;dur={ms:.2f}".encode())]}
            await send(message)

        await self.app(scope, receive, timed)
