"""The synthetic corpus generator: deterministic, in the genre, ground truth consistent with the text."""
import json

from bench.generate_corpus import MAX_WORDS, MIN_WORDS, generate, generate_article, write_corpus


def test_same_seed_same_article_any_slice():
    assert generate_article(3, 17) == generate_article(3, 17)
    assert list(generate(3, seed=3, start=15))[2] == generate_article(3, 17)
    assert generate_article(3, 17)[0]["text"] != generate_article(4, 17)[0]["text"]


def test_lengths_in_range_and_varied():
    lengths = [len(rec["text"].split()) for rec, _ in generate(40, seed=1)]
    assert all(MIN_WORDS <= n <= MAX_WORDS + 400 for n in lengths)
    assert max(lengths) - min(lengths) > 500


def test_gold_facts_are_in_the_text():
    for rec, gold in generate(20, seed=2):
        text = rec["text"]
        for cat in ("people", "organizations", "places"):
            assert all(item["name"] in text for item in gold[cat])
        for cat in ("statements", "pledges"):
            for item in gold[cat]:
                assert item["contains"] in text
                assert 5 <= len(item["contains"].split()) <= 12
        for role in gold["roles"]:
            assert role["title"] in text and role["person"] in text
        for pol in gold["policies"]:
            assert pol["id"] in text and pol["title"] in text and pol["issuer"] in text
        for ev in gold["events"]:
            assert ev["name"] in text and ev["place"] in text


def test_genre_features_present():
    facts = [gold for _, gold in generate(30, seed=5)]
    for cat in ("people", "roles", "policies", "statements", "pledges", "events", "places"):
        assert sum(len(g[cat]) for g in facts) > 0, cat
    kinds = {s["kind"] for g in facts for s in g["statements"]}
    assert kinds == {"direct", "reported"}
    names = [p["name"] for g in facts for p in g["people"]]
    assert len(set(names)) > 0.9 * len(names)


def test_write_jsonl_and_txt(tmp_path):
    info = write_corpus(3, tmp_path / "c.jsonl", tmp_path / "gold", seed=9)
    lines = (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3 and info["words"] > 3 * MIN_WORDS - 1
    rec = json.loads(lines[0])
    assert set(rec) >= {"id", "text", "title", "date"}
    gold = json.loads((tmp_path / "gold" / f"{rec['id']}.json").read_text(encoding="utf-8"))
    assert gold["doc"].startswith(rec["id"])
    write_corpus(2, tmp_path / "txt", None, seed=9, fmt="txt")
    assert sorted(p.name for p in (tmp_path / "txt").iterdir()) == ["gen-0000000.txt", "gen-0000001.txt"]
