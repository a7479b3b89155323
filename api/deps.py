"""Dependency injection: the store, the settings and the search index of the running app."""
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


StoreDep = Annotated[Any, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
SearchDep = Annotated[Any, Depends(get_search)]
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=10**12, description="items to skip")]
