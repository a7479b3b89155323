"""Dependency injection: the store, the settings and the search index of the running app.

``get_store`` & co. are plain functions (routes that hold the ``Request`` call
them); the ``*Dep`` annotations use ``async`` twins, because FastAPI runs a plain
``def`` dependency in its thread pool: a thread hop per dependency per request
for what is an attribute read.
"""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Query, Request

from .settings import Settings


def get_store(request: Request) -> Any:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_search(request: Request) -> Any:
    """The :class:`camket.search.SearchIndex` of the store, or None when there is none."""
    return getattr(request.app.state, "search", None)


async def _store(request: Request) -> Any:
    return request.app.state.store


async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _search(request: Request) -> Any:
    return getattr(request.app.state, "search", None)


StoreDep = Annotated[Any, Depends(_store)]
SettingsDep = Annotated[Settings, Depends(_settings)]
SearchDep = Annotated[Any, Depends(_search)]
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10**12, description="items to skip")]
