"""Old ids of merged nodes keep resolving in the JSON API: a 307 to the canonical id."""
from __future__ import annotations

from urllib.parse import quote

from fastapi.testclient import TestClient

from camket.api.app import create_app
from camket.store import open_store

DOCS = {
    "bai-1.txt": "Ngày 5/4/2024, ông Lê Minh Tuấn, Giám đốc Sở Y tế tỉnh Bến Tre, cho biết tỉnh sẽ xây thêm bệnh viện.\n",
    "bai-2.txt": "Ngày 9/9/2025, ông Lê Minh Tuân, Phó Chủ tịch UBND tỉnh Bến Tre, khẳng định ngành y tế đã hoàn thành kế hoạch.\n",
}


def test_merged_person_id_redirects_to_the_canonical_one(tmp_path, store_dir, run_cli, monkeypatch):
    monkeypatch.setenv("CAMKET_JUDGEMENTS", str(tmp_path / "judgements.sqlite"))
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli("ingest", tmp_path, "--store", store_dir)[0] == 0
    code, out, err = run_cli("judge", "same-as", "person/lê-minh-tuấn", "person/lê-minh-tuân",
                             "--by", "Lan", "--why", "one official", "--store", store_dir)
    assert code == 0, err
    canonical = out.strip().splitlines()[-1].rsplit("/", 1)[-1] if "canonical IRI" in out else None
    store = open_store(store_dir, read_only=True)
    client = TestClient(create_app(store), follow_redirects=False)
    answers = {key: client.get("/people/" + quote(key)) for key in ("lê-minh-tuấn", "lê-minh-tuân")}
    redirected = [k for k, r in answers.items() if r.status_code == 307]
    kept = [k for k, r in answers.items() if r.status_code == 200]
    assert len(redirected) == 1 and len(kept) == 1
    assert answers[redirected[0]].headers["location"] == "/people/" + quote(kept[0])
    if canonical:
        assert kept == [canonical]
    # the statements route of the old id redirects too, keeping the query string
    r = client.get("/people/" + quote(redirected[0]) + "/statements?limit=5")
    assert r.status_code == 307 and r.headers["location"] == "/people/" + quote(kept[0]) + "/statements?limit=5"
    assert client.get(r.headers["location"]).status_code == 200


def _ids(client, path: str) -> set[str]:
    r = client.get(path)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    return {item["iri"] for item in r.json()["items"]}


def test_lookups_of_the_canonical_id_merge_the_facts_of_its_cluster(tmp_path, store_dir, run_cli, monkeypatch):
    monkeypatch.setenv("CAMKET_JUDGEMENTS", str(tmp_path / "judgements.sqlite"))
    for name, text in DOCS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert run_cli("ingest", tmp_path, "--store", store_dir)[0] == 0
    keys = ("lê-minh-tuấn", "lê-minh-tuân")
    before = TestClient(create_app(open_store(store_dir, read_only=True)))
    said = {k: _ids(before, f"/people/{quote(k)}/statements") for k in keys}
    posts = {k: {p["iri"] for p in before.get(f"/people/{quote(k)}").json()["posts"]} for k in keys}
    assert all(said.values()) and said[keys[0]] != said[keys[1]], said  # each said something of his own
    del before
    assert run_cli("judge", "same-as", *(f"person/{k}" for k in keys), "--by", "Lan", "--why", "one official",
                   "--store", store_dir)[0] == 0
    client = TestClient(create_app(open_store(store_dir, read_only=True)), follow_redirects=False)
    canonical = next(k for k in keys if client.get(f"/people/{quote(k)}").status_code == 200)
    everything = said[keys[0]] | said[keys[1]]
    assert _ids(client, f"/people/{quote(canonical)}/statements") == everything
    assert _ids(client, "/statements?speaker=" + quote(canonical)) == everything
    person = client.get(f"/people/{quote(canonical)}").json()
    assert {p["iri"] for p in person["posts"]} == posts[keys[0]] | posts[keys[1]]
    assert person["counts"]["statements"] == len(everything)
    assert {e["document"] for e in person["evidence"]} == {"bai-1", "bai-2"}
