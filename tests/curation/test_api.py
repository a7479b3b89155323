"""``/curation`` routes: off by default, bearer token when on, conflicts 409, public reads."""
from __future__ import annotations

from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient

from camket.api.app import create_app
from camket.api.settings import Settings
from camket.store import open_store

TEXT = ("[Mùa A Páo], Chủ tịch {Ủy ban xã Tả Phìn}, đến họp. [Mua A Pao] nói: \"Xã cần thêm trường\". "
        "[Mùa A Páo] cam kết làm xong cầu treo.\n")
A, B = "person/mùa-a-páo", "person/mua-a-pao"
TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client(tmp_path, corpus, run_cli, monkeypatch):
    monkeypatch.delenv("CAMKET_CURATION_TOKEN", raising=False)
    assert run_cli("ingest", corpus({"x.txt": TEXT}), "--store", tmp_path / "store")[0] == 0
    store = open_store(tmp_path / "store")
    app = create_app(store, Settings(), search=False)
    if not any(getattr(r, "path", "").startswith("/curation") for r in app.routes):
        from camket.api.curation_routes import router
        app.include_router(router)
    with TestClient(app) as c:
        yield c
    store.close()


def post(client, body, headers=AUTH):
    return client.post("/curation/judgements", json={"by": "Hà", "why": "same man, two spellings", **body},
                       headers=headers)


def test_writes_are_off_by_default(client):
    r = post(client, {"kind": "same-as", "subject": A, "object": B})
    assert r.status_code == 403 and "off" in r.json()["error"]
    assert client.get("/curation/judgements").json()["judgements"] == []


def test_token_required_and_conflicts_refused(client, monkeypatch):
    monkeypatch.setenv("CAMKET_CURATION_TOKEN", TOKEN)
    assert post(client, {"kind": "same-as", "subject": A, "object": B}, headers={}).status_code == 401
    bad = {"Authorization": "Bearer wrong-token-wrong-token"}
    assert post(client, {"kind": "same-as", "subject": A, "object": B}, headers=bad).status_code == 401
    r = post(client, {"kind": "same-as", "subject": A, "object": B})
    assert r.status_code == 201, r.text
    assert r.json()["canonical"].endswith(A)
    r = post(client, {"kind": "not-same-as", "subject": B, "object": A})
    assert r.status_code == 409 and "already merged" in r.json()["error"]
    r = post(client, {"kind": "same-as", "subject": A, "object": "person/no-one"})
    assert r.status_code == 422 and "not in the store" in r.json()["error"]
    # public reads: the log and where an old IRI now points (and a redirect)
    assert [j["kind"] for j in client.get("/curation/judgements").json()["judgements"]] == ["same-as"]
    old = f"https://w3id.org/camket/id/{B}"
    got = client.get("/curation/canonical", params={"iri": old}).json()
    assert got["merged"] and got["canonical"].endswith(A)
    r = client.get("/curation/canonical", params={"iri": old, "redirect": "true"}, follow_redirects=False)
    assert r.status_code == 307 and unquote(r.headers["location"]) == f"/id/{A}"
    # withdraw, then the split is accepted
    assert client.post("/curation/judgements/1/withdraw", json={"by": "Hà", "why": "cousins"},
                       headers=AUTH).status_code == 200
    assert post(client, {"kind": "not-same-as", "subject": B, "object": A}).status_code == 201
    assert client.get("/curation/report").json()["same_as"] == {}


def test_short_token_keeps_writes_off(client, monkeypatch):
    monkeypatch.setenv("CAMKET_CURATION_TOKEN", "short")
    r = post(client, {"kind": "same-as", "subject": A, "object": B}, headers={"Authorization": "Bearer short"})
    assert r.status_code == 403
