"""JSON responses written straight from the Pydantic models (pydantic-core's encoder).

A route that returns a model lets FastAPI validate it again (in the thread pool,
for a plain ``def`` route) and then encode it: a second thread hop and a second
walk over every statement of the page. The lookups build their models
validated already, so they return :func:`respond` (``response_model`` stays on
the route for the OpenAPI schema)::

    @router.get("/x", response_model=Page[Statement])
    def x(...):
        return respond(statement_page(...))
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, TypeAdapter
from starlette.responses import Response

_ANY = TypeAdapter(Any)


class ModelResponse(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        if isinstance(content, BaseModel):
            return content.model_dump_json().encode("utf-8")
        return _ANY.dump_json(content)


def respond(model: Any, status_code: int = 200) -> ModelResponse:
    """``model`` (a Pydantic model, or a list/dict of them) as a JSON response."""
    return ModelResponse(model, status_code=status_code)
