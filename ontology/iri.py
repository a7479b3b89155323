"""Deterministic IRIs for everything camket mints.

An IRI is a function of what the text says, never of ingest order, so that
ingesting the same corpus twice gives the same graph and the same actor in two
articles is one node:

* people, bodies, places, roles, events: ``id/{kind}/{key}`` where the key is
  :func:`name_key` of the canonical name (NFC, new-style tone placement, case
  folded, spaces and punctuation to ``-``). Diacritics are kept, so
  "Hà Nam" and "Hạ Nam" stay apart; :func:`fold` gives the accent-free form
  used for search and for ``/people/nguyen-van-binh`` style look-ups.
* policy documents: ``id/policy/{number}`` from the normalised official number
  (``52-NQ/TW`` -> ``52-nq-tw``), else from type and title.
* documents: ``id/doc/{doc_id}``; evidence spans: ``id/doc/{doc_id}#char=s,e``
  (RFC 5147 fragments, so a span IRI says where it points).
* statements, pledges: ``id/{kind}/{doc_id}/{start}-{end}``.
* memberships: ``id/membership/{person}/{role}/{org}``.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from rdflib import URIRef

from . import ID



@functools.lru_cache(maxsize=1 << 16)
def canonical(text: str) -> str:
    """NFC with new-style tone placement and single spaces."""
    from camket.loaders.normalise import canonicalise
    return " ".join(canonicalise(unicodedata.normalize("NFC", text)).split())


class _DropMarks(dict):
    """``str.translate`` table deleting combining marks (category Mn), filled as characters are met."""

    def __missing__(self, code: int):
        keep = None if unicodedata.category(chr(code)) == "Mn" else code
        self[code] = keep
        return keep


_DROP_MARKS = _DropMarks()
_NON_WORD = re.compile(r"[^\w/]+")


def fold(text: str) -> str:
    """Accent-, case- and punctuation-insensitive form ("Hà Nội" -> "ha noi")."""
    text = unicodedata.normalize("NFD", text or "").translate(_DROP_MARKS)
    text = text.replace("đ", "d").replace("Đ", "D").casefold()
    return " ".join(_NON_WORD.sub(" ", text).split())


def name_key(name: str, max_len: int = 80) -> str:
    """Stable IRI key of a name: canonical, case folded, '-' between words."""
    key = canonical(name).casefold()
    key = re.sub(r"[^\w]+", "-", key).strip("-")
    if len(key) > max_len:  # long titles: keep readable head + hash of the whole
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
        key = key[:max_len].rstrip("-") + "-" + digest
    return key or "_"


def entity(kind: str, name: str) -> URIRef:
    return ID[f"{kind}/{name_key(name)}"]


def person(name: str) -> URIRef:
    return entity("person", name)


def organization(name: str) -> URIRef:
    return entity("org", name)


def place(name: str) -> URIRef:
    return entity("place", name)


def role(name: str) -> URIRef:
    return entity("role", name)


def event(name: str, date: str | None = None) -> URIRef:
    return entity("event", f"{name} {date}" if date else name)


def policy(number: str | None, type_: str = "", title: str = "") -> URIRef:
    if number:
        return ID["policy/" + name_key(number.replace("/", "-"))]
    return ID["policy/" + name_key(f"{type_} {title}")]


def document(doc_id: str) -> URIRef:
    return ID["doc/" + doc_key(doc_id)]


def doc_key(doc_id: str) -> str:
    """Documents keep their id's spelling (minus characters IRIs forbid)."""
    key = re.sub(r"[^\w.\-~]+", "-", unicodedata.normalize("NFC", doc_id)).strip("-")
    return key or "_"


def span(doc_id: str, start: int, end: int) -> URIRef:
    return URIRef(f"{document(doc_id)}#char={start},{end}")


def fact(kind: str, doc_id: str, start: int, end: int) -> URIRef:
    return ID[f"{kind}/{doc_key(doc_id)}/{start}-{end}"]


def membership(person_iri: URIRef, role_iri: URIRef, org_iri: URIRef | None) -> URIRef:
    tail = lambda iri: str(iri).rsplit("/", 1)[-1]  # noqa: E731
    org_part = tail(org_iri) if org_iri is not None else "_"
    return ID[f"membership/{tail(person_iri)}/{tail(role_iri)}/{org_part}"]


def key_of(iri: str) -> str:
    """The part after ``id/{kind}/`` (what the API uses as ``{id}``)."""
    rest = str(iri)[len(str(ID)):]
    return rest.split("/", 1)[1] if "/" in rest else rest
