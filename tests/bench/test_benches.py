"""The bench scripts' plumbing on a handful of articles (the numbers come from `python -m bench...`)."""
from __future__ import annotations

from bench import bench_ingest, bench_queries
from bench.common import append_section, percentile, table
from bench.generate_corpus import write_corpus


def test_append_section_keeps_sections_apart(tmp_path):
    path = tmp_path / "B.md"
    append_section(path, "Ingest", "### run 1\nA")
    append_section(path, "Queries", "### run 2\nB")
    append_section(path, "Ingest", "### run 3\nC")
    text = path.read_text()
    assert text.index("run 1") < text.index("run 3") < text.index("## Queries") < text.index("run 2")


def test_table_and_percentile():
    assert table(["a", "b"], [[1, 2.5]]).splitlines()[2] == "| 1 | 2.50 |"
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5


def test_ingest_run_and_queries_on_a_small_store(tmp_path):
    write_corpus(3, tmp_path / "c.jsonl", tmp_path / "gold", seed=11)
    # extractors change under concurrent work: the spine alone keeps this test about the bench
    from camket.loaders.pipeline import DEFAULT_ORDER
    skip = tuple(n for n in DEFAULT_ORDER if n != "structure")
    run = bench_ingest.run_one(str(tmp_path / "c.jsonl"), str(tmp_path / "store"), 1, skip, None, None)
    assert run["ingested"] == 3 and run["quads"] > 0 and run["store_bytes"] > 0
    assert {"rdf", "shacl", "store"} <= set(run["timings"])
    from camket.store import open_store
    store = open_store(tmp_path / "store")
    ds, _, _ = bench_queries.rdflib_dataset(store)
    cases = bench_queries.named_query_cases(store)[:2] + bench_queries.lookup_cases(store)[-1:]
    rows = bench_queries.latency_rows(store, ds, cases, reps=1, rdflib_budget=1.0)
    assert all(not r[7] for r in rows if r[1] != "")  # same row counts on both engines


def test_a_run_held_to_one_core_runs_on_one_core(tmp_path):
    write_corpus(2, tmp_path / "c.jsonl", None, seed=11)
    run = bench_ingest.spawn(tmp_path / "c.jsonl", tmp_path / "store", 1, ("nlp",), tmp_path / "gold", None, cores=1)
    assert run["ingested"] == 2 and run["cpus"] == 1


def test_bench_rss_at_skips_the_sample_taken_after_the_exit():
    from bench.bench_rss import at
    samples = [(10, 50.0, 0, 40.0, 10.0), (90, 60.0, 0, 50.0, 10.0), (90, 0.0, 0, 0.0, 0.0)]
    assert at(samples, 0.1, 100) == 50.0
    assert at(samples, 1, 100) == 60.0  # none reached 100 documents: the last live sample


def test_bench_rss_row_reports_the_high_water_mark_between_samples():
    from bench.bench_rss import row
    samples = [(10, 50.0, 0, 40.0, 10.0, 55.0), (100, 60.0, 0, 50.0, 10.0, 90.0), (100, 0.0, 0, 0.0, 0.0, 0.0)]
    cells = row(100, {"samples": samples, "seconds": 2.0, "store_mb": 1.0})
    assert cells[1:4] == ["60", "90", "50 / 10"]  # sampled peak, kernel's high-water mark, its parts


def test_ingest_writer_alone_writes_every_article_and_times_it(tmp_path):
    write_corpus(3, tmp_path / "c.jsonl", None, seed=11)
    run = bench_ingest.run_writer(str(tmp_path / "c.jsonl"), str(tmp_path / "store"))
    assert run["n"] == 3 and not run["errors"]
    assert 0 < run["thread_s"] <= run["process_s"] and run["store_s"] > 0
    from camket.store import open_store
    assert len(open_store(tmp_path / "store", read_only=True).documents()) == 3


def test_median_runs_take_turns_in_fresh_stores_and_keep_the_median(tmp_path, monkeypatch):
    calls, walls = [], iter([30.0, 20.0, 10.0, 22.0, 35.0, 21.0])

    def fake_spawn(corpus, store, workers, skip, gold, scorer, cores):
        assert not store.exists() and not (tmp_path / f"{store.name}.search.sqlite").exists()
        store.mkdir()
        (tmp_path / f"{store.name}.search.sqlite").write_text("x")
        calls.append(workers)
        return {"seconds": next(walls), "workers": workers}

    monkeypatch.setattr(bench_ingest, "spawn", fake_spawn)
    runs = bench_ingest.median_runs(tmp_path / "c.jsonl", tmp_path / "gold", None, tmp_path,
                                    bench_ingest.CONFIGS[::2], repeat=3)
    assert calls == [1, 2, 1, 2, 1, 2]
    one, two = runs[bench_ingest.CONFIGS[0][0]], runs[bench_ingest.CONFIGS[2][0]]
    assert (one["seconds"], one["walls"]) == (30.0, [30.0, 10.0, 35.0])
    assert (two["seconds"], two["walls"]) == (21.0, [20.0, 22.0, 21.0])
