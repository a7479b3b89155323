"""``/curation``: record researchers' judgements over HTTP (off by default), read them back.

Reading is public: ``GET /curation/judgements`` (the log, with who/when/why),
``GET /curation/report`` (merges, re-anchored and ORPHANED judgements) and
``GET /curation/canonical?iri=...`` (where an old, merged-away IRI now points;
``?redirect=true`` answers 307 to the canonical entity's ``/id/...`` page).

Writing (``POST /curation/judgements``, ``POST /curation/judgements/{id}/withdraw``)
is OFF unless the server is started with ``CAMKET_CURATION_TOKEN`` set (at
least 16 characters) on a writable store; then each request must carry
``Authorization: Bearer <token>``. Refusals are 403 (off / read-only store),
401 (missing or wrong token), 409 (conflicting judgement, message says which
judgements are in the way), 422 (malformed: unknown kind, node not in the store).
"""
from __future__ import annotations

import hmac
import os
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, Field

from camket.curation.apply import apply, compute, record
from camket.curation.judgements import KINDS, JudgementError, Judgements, judgements_path
from camket.curation.view import load_view
from camket.ontology import ID

router = APIRouter(prefix="/curation", tags=["curation"])
TOKEN_ENV = "CAMKET_CURATION_TOKEN"
MIN_TOKEN = 16


def get_log(request: Request) -> Judgements:
    path = getattr(request.app.state, "judgements_path", None)
    return Judgements(path or judgements_path(getattr(request.app.state.store, "location", None)))


def require_writer(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    """403 unless writing is switched on; 401 unless the bearer token matches."""
    token = os.environ.get(TOKEN_ENV, "")
    if not token:
        raise HTTPException(403, f"recording judgements over HTTP is off; the server enables it with {TOKEN_ENV}")
    if len(token) < MIN_TOKEN:
        raise HTTPException(403, f"recording judgements is off: {TOKEN_ENV} is shorter than {MIN_TOKEN} characters")
    if getattr(request.app.state.store, "read_only", False):
        raise HTTPException(403, "the store is open read-only; judgements cannot be recorded")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a valid bearer token is required (Authorization: Bearer <token>)")


LogDep = Annotated[Judgements, Depends(get_log)]
Writer = Depends(require_writer)


class JudgementIn(BaseModel):
    kind: Literal["same-as", "not-same-as", "split", "reject", "confirm", "rename", "pledge-status", "unsure"]
    subject: str = Field(description="IRI (full, id:kind/key or kind/key)")
    object: str | None = Field(None, description="second IRI, document IRI (split), preferred name or pledge status")
    by: str = Field(min_length=1, description="who judges")
    why: str = Field(min_length=1, description="the reason")
    evidence: str = ""
    force: bool = Field(False, description="record even if a node is not in the store")


class WithdrawIn(BaseModel):
    by: str = Field(min_length=1)
    why: str = Field(min_length=1)


@router.get("/judgements", summary="The judgement log (who, when, why, evidence)")
def list_judgements(log: LogDep, withdrawn: bool = Query(False, alias="all", description="include withdrawn ones")):
    items = log.all() if withdrawn else log.active()
    return {"judgements": [j.to_dict() for j in items], "kinds": list(KINDS)}


@router.get("/report", summary="What the judgements do now: merges, re-anchored and orphaned judgements")
def report(request: Request, log: LogDep):
    return compute(request.app.state.store, log).to_dict()


@router.get("/canonical", summary="The canonical IRI of a (possibly merged) entity")
def canonical(request: Request, iri: str, redirect: bool = False):
    view = load_view(request.app.state.store)
    canon = view.canonical(iri)
    if redirect:
        path = canon[len(str(ID)):] if canon.startswith(str(ID)) else None
        if path is None:
            raise HTTPException(404, f"not a camket IRI: {canon}")
        return RedirectResponse(f"/id/{path}", status_code=307)
    return {"iri": iri, "canonical": canon, "merged": canon != iri, "rejected": view.is_rejected(iri),
            "preferred_name": view.name(iri), "pledge_status": view.pledge_status(iri)}


@router.post("/judgements", status_code=201, dependencies=[Writer], summary="Record a judgement (token needed)")
def add_judgement(body: JudgementIn, request: Request, log: LogDep):
    store = request.app.state.store
    try:
        j, created, rep = record(store, log, body.kind, body.subject, body.object, by=body.by, why=body.why,
                                 evidence=body.evidence, force=body.force)
    except JudgementError as err:
        msg = str(err)
        raise HTTPException(409 if msg.startswith("refused") else 422, msg) from None
    return {"judgement": j.to_dict(), "created": created,
            "canonical": rep.resolution.canonical_of(j.subject) if j.kind == "same-as" else None}


@router.post("/judgements/{jid}/withdraw", dependencies=[Writer], summary="Withdraw a judgement (token needed)")
def withdraw(jid: int, body: WithdrawIn, request: Request, log: LogDep):
    try:
        j = log.withdraw(jid, by=body.by, why=body.why)
    except JudgementError as err:
        raise HTTPException(404 if "no judgement" in str(err) else 409, str(err)) from None
    apply(request.app.state.store, log)
    return {"judgement": j.to_dict()}
