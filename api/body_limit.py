"""Request size limit: bodies over ``Settings.max_request_bytes`` get a JSON 413.

A pure ASGI middleware: a declared ``Content-Length`` over the limit is refused
before the body is read; a streamed (chunked) body is counted as it arrives and
refused as soon as it passes the limit, so an endpoint never holds more than
``max_bytes`` of one request in memory.
"""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse


class BodyLimit:
    """``app.add_middleware(BodyLimit, max_bytes=1 << 20)``."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    def message(self) -> str:
        return f"request body too large: the limit is {self.max_bytes:,} bytes"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            response = JSONResponse({"error": self.message(), "status": 413}, status_code=413)
            return await response(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:  # rendered as JSON by the app's HTTPException handler
                    raise HTTPException(413, self.message())
            return message

        await self.app(scope, counted, send)
