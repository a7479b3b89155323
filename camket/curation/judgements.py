"""Researchers' judgements: the log of corrections, kept apart from extracted facts.

Public API::

    from camket.curation.judgements import Judgements, Judgement, JudgementError
    log = Judgements(judgements_path(store_location))   # a small SQLite file
    j = log.add("same-as", a_iri, b_iri, by="Lan", why="same minister", evidence="doc-2 §3")
    log.withdraw(j.id, by="Lan", why="two different people after all")
    log.active(); log.all(); log.get(7)

A judgement has a kind (:data:`KINDS`), a subject IRI, an object (a second
IRI, a document for ``split``, a preferred name or a pledge status), who,
when (UTC, ISO 8601), why and the evidence the researcher cites. Judgements are never deleted: withdrawing
one keeps it in the log with who/when/why it was withdrawn. Adding a
judgement that contradicts the active ones (same-as against not-same-as,
directly or through a chain of merges; reject against confirm) raises
:class:`JudgementError` with a message naming the judgements in the way.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pyoxigraph as ox

from camket.ontology import ID

KINDS = ("same-as", "not-same-as", "split", "reject", "confirm", "rename", "pledge-status", "unsure")
PAIR_KINDS = ("same-as", "not-same-as", "unsure")
PLEDGE_STATUSES = ("not-yet-rated", "in-the-works", "stalled", "compromise", "kept", "broken")

SCHEMA = """
CREATE TABLE IF NOT EXISTS judgement (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL, subject TEXT NOT NULL, object TEXT,
    by TEXT NOT NULL, at TEXT NOT NULL, why TEXT NOT NULL, evidence TEXT NOT NULL DEFAULT '',
    anchor TEXT NOT NULL DEFAULT '{}',
    withdrawn_at TEXT, withdrawn_by TEXT, withdrawn_why TEXT
);
"""


class JudgementError(ValueError):
    """A judgement refused: malformed, or in conflict with active judgements."""


@dataclass(frozen=True)
class Judgement:
    id: int
    kind: str
    subject: str
    object: str | None
    by: str
    at: str
    why: str
    evidence: str = ""
    anchor: str = "{}"
    withdrawn_at: str | None = None
    withdrawn_by: str | None = None
    withdrawn_why: str | None = None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None

    @property
    def iris(self) -> list[str]:
        """The graph nodes this judgement is about (subject, and object for pairs)."""
        return [self.subject, self.object] if self.kind in PAIR_KINDS else [self.subject]

    @property
    def split_iri(self) -> str | None:
        """For a split: the IRI of the other entity the document's mentions become."""
        return split_iri(self.subject, self.object) if self.kind == "split" else None

    @property
    def anchors(self) -> dict:
        return json.loads(self.anchor or "{}")

    def describe(self) -> str:
        """One line: '#3 same-as A B (by Lan, 2026-01-02T...: "why")'."""
        obj = f" {self.object}" if self.object else ""
        return f'#{self.id} {self.kind} {self.subject}{obj} (by {self.by}, {self.at}: "{self.why}")'

    def to_dict(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__ if k != "anchor"}
        out["active"] = self.active
        return out


def judgements_path(store_location: str | os.PathLike | None) -> Path:
    """Where the judgements of a store live: ``$CAMKET_JUDGEMENTS``, else
    ``<store>.judgements.sqlite`` beside an on-disk store, else
    ``.camket/judgements.sqlite`` for a remote store."""
    if os.environ.get("CAMKET_JUDGEMENTS"):
        return Path(os.environ["CAMKET_JUDGEMENTS"])
    loc = str(store_location or os.environ.get("CAMKET_STORE", ".camket/store"))
    if re.match(r"^[a-z][a-z0-9+.-]*://", loc):
        return Path(".camket/judgements.sqlite")
    return Path(loc.rstrip("/\\") + ".judgements.sqlite")


def expand_iri(text: str) -> str:
    """A full IRI from ``https://...``, ``<...>``, ``id:person/x`` or ``person/x``."""
    text = text.strip().strip("<>")
    if text.startswith("id:"):
        text = str(ID) + text[3:]
    elif re.match(r"^[a-z]+/", text) and "://" not in text:
        text = str(ID) + text
    try:
        ox.NamedNode(text)
    except ValueError as err:
        raise JudgementError(f"not an IRI: {text!r} ({err})") from None
    if "://" not in text:
        raise JudgementError(f"not an IRI: {text!r} (give a full IRI, id:kind/key or kind/key)")
    return text


def split_iri(entity: str, doc: str) -> str:
    """``id/person/x`` split off in ``id/doc/d`` -> ``id/person/x--in-d``."""
    return f"{entity}--in-{doc.rsplit('/', 1)[-1]}"


def kind_of(iri: str) -> str | None:
    """The kind segment of a camket IRI (``person``, ``pledge``...), else None."""
    if not iri.startswith(str(ID)):
        return None
    return iri[len(str(ID)):].split("/", 1)[0]


def normalise_status(status: str) -> str:
    value = re.sub(r"[\s_]+", "-", status.strip().casefold())
    if value not in PLEDGE_STATUSES:
        raise JudgementError(f"unknown pledge status {status!r}; use one of: {', '.join(PLEDGE_STATUSES)}")
    return value


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Judgements:
    """The judgement log in one SQLite file (created on first write)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            con = sqlite3.connect(str(self.path), timeout=10, isolation_level=None)
            con.row_factory = sqlite3.Row
            con.executescript(SCHEMA)
        except sqlite3.Error as err:
            raise JudgementError(f"cannot use the judgement file {self.path}: {err}") from None
        return con

    def exists(self) -> bool:
        return self.path.exists()

    def all(self) -> list[Judgement]:
        if not self.exists():
            return []
        con = self._connect()
        try:
            return [Judgement(**dict(r)) for r in con.execute("SELECT * FROM judgement ORDER BY id")]
        finally:
            con.close()

    def active(self) -> list[Judgement]:
        return [j for j in self.all() if j.active]

    def get(self, jid: int) -> Judgement:
        for j in self.all():
            if j.id == jid:
                return j
        raise JudgementError(f"no judgement #{jid} in {self.path}")

    def add(self, kind: str, subject: str, obj: str | None = None, *, by: str, why: str,
            evidence: str = "", anchor: dict | None = None) -> tuple[Judgement, bool]:
        """Record a judgement; returns (judgement, created). An identical active
        judgement is returned as it is (created False); a conflict raises."""
        from .resolve import conflict, duplicate_of
        kind, subject, obj = validate(kind, subject, obj, by, why)
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            active = [Judgement(**dict(r)) for r in
                      con.execute("SELECT * FROM judgement WHERE withdrawn_at IS NULL ORDER BY id")]
            candidate = Judgement(0, kind, subject, obj, by.strip(), now(), why.strip(), evidence.strip(),
                                  json.dumps(anchor or {}, ensure_ascii=False))
            same = duplicate_of(active, candidate)
            if same is not None:
                con.execute("ROLLBACK")
                return same, False
            problem = conflict(active, candidate)
            if problem:
                raise JudgementError(problem)
            cur = con.execute(
                "INSERT INTO judgement (kind, subject, object, by, at, why, evidence, anchor)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (kind, subject, obj, candidate.by, candidate.at, candidate.why, candidate.evidence,
                 candidate.anchor))
            con.execute("COMMIT")
            return Judgement(**{**candidate.__dict__, "id": cur.lastrowid}), True
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        finally:
            con.close()

    def withdraw(self, jid: int, *, by: str, why: str) -> Judgement:
        """Mark judgement ``jid`` withdrawn (it stays in the log)."""
        if not (by or "").strip() or not (why or "").strip():
            raise JudgementError("withdrawing a judgement needs --by and --why")
        j = self.get(jid)
        if not j.active:
            raise JudgementError(f"judgement #{jid} was already withdrawn by {j.withdrawn_by} at {j.withdrawn_at}")
        con = self._connect()
        try:
            con.execute("UPDATE judgement SET withdrawn_at=?, withdrawn_by=?, withdrawn_why=? WHERE id=?",
                        (now(), by.strip(), why.strip(), jid))
        finally:
            con.close()
        return self.get(jid)


def validate(kind: str, subject: str, obj: str | None, by: str, why: str) -> tuple[str, str, str | None]:
    """Check the shape of a judgement; returns (kind, subject IRI, object)."""
    if kind not in KINDS:
        raise JudgementError(f"unknown judgement kind {kind!r}; use one of: {', '.join(KINDS)}")
    if not (by or "").strip():
        raise JudgementError("a judgement needs who made it (--by NAME)")
    if not (why or "").strip():
        raise JudgementError("a judgement needs a reason (--why TEXT)")
    subject = expand_iri(subject)
    if kind in PAIR_KINDS:
        obj = expand_iri(obj or "")
        if obj == subject:
            raise JudgementError(f"refused: {kind} needs two different entities, got {subject} twice")
        ka, kb = kind_of(subject), kind_of(obj)
        if kind == "same-as" and ka and kb and ka != kb:
            raise JudgementError(f"refused: cannot merge a {ka} ({subject}) with a {kb} ({obj})")
    elif kind == "split":
        obj = expand_iri(obj or "")
        if not obj.startswith(f"{ID}doc/"):
            raise JudgementError(f"split needs the document whose mentions are someone else (doc/ID), not {obj}")
        if kind_of(subject) in (None, "doc", "statement", "pledge", "membership"):
            raise JudgementError(f"split applies to entities (person, org, place, policy, event), not {subject}")
    elif kind == "rename":
        if not (obj or "").strip():
            raise JudgementError("rename needs the preferred name")
        obj = " ".join(obj.split())
    elif kind == "pledge-status":
        if kind_of(subject) not in (None, "pledge"):
            raise JudgementError(f"pledge-status applies to pledges (id/pledge/...), not {subject}")
        obj = normalise_status(obj or "")
    else:
        obj = None
    return kind, subject, obj
