"""What the public endpoint refuses before running anything: updates and SERVICE calls.

:func:`check` raises :class:`Refused` (HTTP 403) for a SPARQL Update or a
query that calls ``SERVICE`` (federation would let anyone make the server
fetch other hosts). Strings, IRIs and comments are blanked first so that a
literal "DELETE" or a variable named ``?service`` is not mistaken for one.
"""
from __future__ import annotations

import re

from camket.sparql_text import PROLOGUE as _PROLOGUE, blank

_UPDATE = re.compile(r"^(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_SERVICE = re.compile(r"(?<![\w?$:.-])SERVICE\b(?!\s*:)", re.I)


class Refused(Exception):
    """A request the read-only endpoint will not run (message says why)."""


def is_update(query: str) -> bool:
    body = _PROLOGUE.sub("", blank(query), count=1)
    return bool(_UPDATE.match(body))


def check(query: str) -> None:
    text = blank(query)
    if is_update(query):
        raise Refused("this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP...) is refused")
    if _SERVICE.search(text):
        raise Refused("federated queries are refused: SERVICE calls to other endpoints are not allowed here")
