"""Settings of the HTTP API (limits, CORS, where the search index lives)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_list(name: str) -> list[str]:
    return [v.strip() for v in os.environ.get(name, "").split(",") if v.strip()]


@dataclass
class Settings:
    """What ``create_app`` needs besides the store. Defaults read ``CAMKET_*`` env vars."""

    read_only: bool = True
    query_timeout: float = float(os.environ.get("CAMKET_QUERY_TIMEOUT", "10"))
    max_rows: int = int(os.environ.get("CAMKET_MAX_ROWS", "10000"))
    sparql_workers: int = int(os.environ.get("CAMKET_SPARQL_WORKERS", "4"))
    cors_origins: list[str] = field(default_factory=lambda: _env_list("CAMKET_CORS_ORIGINS"))
    #: methods allowed cross-origin when ``cors_origins`` is set; writes (POST...) only if listed here
    cors_methods: list[str] = field(default_factory=lambda: _env_list("CAMKET_CORS_METHODS") or ["GET", "HEAD"])
    max_request_bytes: int = int(os.environ.get("CAMKET_MAX_REQUEST_BYTES", str(1 << 20)))
    search_path: str | None = os.environ.get("CAMKET_SEARCH_INDEX") or None
    queries_dir: str | None = None
    #: bring the search index in step with the store in the background at start-up
    search_sync: bool = True
    max_page: int = 500
