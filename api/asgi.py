"""The app of one uvicorn worker process, for ``camket serve --workers N``.

uvicorn starts N processes that each import an app factory; the parent writes
what ``camket serve`` was given into ``CAMKET_SERVE`` (JSON: store location
and :class:`Settings` fields) and every worker opens the store read-only
itself (an embedded store opens read-only any number of times; only one
process may write). The parent keeps the search index in step with the store,
so the workers do not race to build it.

    uvicorn.run("camket.api.asgi:app_from_env", factory=True, workers=2)
"""
from __future__ import annotations

import dataclasses
import json
import os

from camket.store import open_store

from .settings import Settings

ENV = "CAMKET_SERVE"


def export(store_location: str | None, settings: Settings) -> None:
    """Put what the workers need into the environment they inherit."""
    os.environ[ENV] = json.dumps({"store": store_location, "settings": dataclasses.asdict(settings)})


def app_from_env():
    from .app import create_app
    job = json.loads(os.environ[ENV])
    settings = Settings(**{**job["settings"], "search_sync": False})
    return create_app(open_store(job["store"], read_only=True), settings)
