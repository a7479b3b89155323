"""Extraction throughput on one core, for the whole pipeline and per component.

    python -m bench.bench_extract                 # corpus x10, table appended to BENCHMARKS.md
    python -m bench.bench_extract --repeat 2 --no-append

Runs the default extraction pipeline (no store, no RDF) over the bundled
corpus repeated ``--repeat`` times, pinned to one core, after one warm-up
pass, and reports articles/s and syllables/s for the whole pipeline and the
time of each component from ``analysis.timings``. The NLP models' load time
(first call, cold) is reported apart: it is paid once per process.

It also measures what the underthesea component adds to the actor rules:
people / organizations / places / roles F1 on the seed gold (when
``../shared/eval/seeds/gold`` is found) with and without ``nlp``, and person
recall/precision on a small probe of invented sentences where names appear
bare (no honorific, no title) or as street names.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

from bench.common import ROOT, report, table

GOLD_CANDIDATES = [ROOT.parent / "shared" / "eval" / "seeds" / "gold", Path("/work/shared/eval/seeds/gold")]

# invented sentences: (text, people a careful reader names)
PROBE = [
    ("Theo kế hoạch, Ngô Thanh Tùng sẽ trình bày báo cáo vào buổi chiều.", {"Ngô Thanh Tùng"}),
    ("Sáng nay, Đoàn Minh Triết và Hứa Thị Ngân đã đến thăm nhà máy.", {"Đoàn Minh Triết", "Hứa Thị Ngân"}),
    ("Dự án do Lục Văn Quý khởi xướng từ năm 2015.", {"Lục Văn Quý"}),
    ("Kiến trúc sư Tăng Hoài Nam thiết kế công trình này.", {"Tăng Hoài Nam"}),
    ("Cửa hàng nằm trên đường Lê Duẩn, gần trường Trần Phú.", set()),
    ("Thành phố Hồ Chí Minh và Hà Nội dẫn đầu, Thái Bình Dương là đại dương lớn nhất.", set()),
    ("Ông Khổng Minh Đạt, Giám đốc Sở Tài chính, cho biết Nghiêm Thu Trang sẽ tiếp quản.",
     {"Khổng Minh Đạt", "Nghiêm Thu Trang"}),
    ("Bộ trưởng Bộ Y tế Đàm Thị Hoa làm việc với Quách Văn Lâm.", {"Đàm Thị Hoa", "Quách Văn Lâm"}),
]


def one_core() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (sched_setaffinity unavailable)"


def probe_scores(skip: tuple[str, ...]) -> tuple[float, float, int, int]:
    from camket.loaders.pipeline import default_pipeline
    from camket.loaders.read import SourceDocument
    pipe = default_pipeline(skip=skip)
    tp = pred = gold = 0
    for i, (text, people) in enumerate(PROBE):
        a = pipe(SourceDocument(doc_id=f"p{i}", text=text, source="probe.txt", sha256="0" * 64))
        got = {e.name for e in a.entities_of("person")}
        tp += len(got & people)
        pred += len(got)
        gold += len(people)
    return (tp / pred if pred else 0.0), (tp / gold if gold else 0.0), tp, gold


def seed_f1(gold_dir: Path, skip: tuple[str, ...]) -> dict:
    import json

    from camket.loaders.extract.actors_eval import ACTOR_CATEGORIES, _scorer, to_gold
    from camket.loaders.pipeline import default_pipeline
    from camket.loaders.read import iter_documents
    score = _scorer(gold_dir)
    pipe = default_pipeline(skip=skip)
    preds = {Path(d.source).stem: to_gold(pipe(d), Path(d.source).name)
             for d in iter_documents([str(ROOT / "data" / "corpus")])}
    totals: dict = {}
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        gold = {k: v for k, v in gold.items() if k in ACTOR_CATEGORIES}
        score.score_doc(gold, preds.get(gpath.stem), totals)
    return {cat: score.prf(totals[cat])[2] for cat in ACTOR_CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=10, help="passes over the corpus (default 10)")
    ap.add_argument("--corpus", default=str(ROOT / "data" / "corpus"))
    ap.add_argument("--gold", default=None, help="gold folder for the with/without-NLP F1")
    ap.add_argument("--no-append", action="store_true", help="print only; do not touch BENCHMARKS.md")
    args = ap.parse_args(argv)
    pinned = one_core()

    t0 = time.perf_counter()
    from camket.loaders.extract import nlp as nlp_mod
    from camket.loaders.pipeline import default_pipeline
    from camket.loaders.read import InputError, iter_documents
    nlp_mod._word_tokenize()("Khởi động mô hình.")
    load_s = time.perf_counter() - t0

    docs = [d for d in iter_documents([args.corpus]) if not isinstance(d, InputError)]
    syllables = sum(len(re.findall(r"\w+", d.text)) for d in docs)
    pipe = default_pipeline()
    for d in docs:  # warm-up
        pipe(d)
    per_component: dict[str, float] = {name: 0.0 for name in pipe.names}
    wall = 0.0
    n = 0
    for _ in range(args.repeat):
        for d in docs:
            t = time.perf_counter()
            a = pipe(d)
            wall += time.perf_counter() - t
            n += 1
            for name, s in a.timings.items():
                per_component[name] += s
    rows = [["whole pipeline", wall, wall / n * 1000, n / wall, 100.0]]
    for name, s in sorted(per_component.items(), key=lambda kv: -kv[1]):
        rows.append([name, s, s / n * 1000, n / s if s else float("inf"), 100 * s / wall])
    body = table(["component", "total s", "ms / article", "articles / s (alone)", "% of pipeline"], rows)
    notes = [f"{n} articles: the {len(docs)}-article corpus x{args.repeat} ({syllables * args.repeat:,} "
             f"syllables), one process {pinned}, warm; {n / wall:.1f} articles/s, "
             f"{syllables * args.repeat / wall:,.0f} syllables/s",
             f"NLP model load (import + first tag, once per process): {load_s:.2f} s",
             "load average (1, 5, 15 min) when it ended: " + ", ".join(f"{x:.1f}" for x in os.getloadavg())
             + f" on {os.cpu_count()} cores — other work on the machine slows every figure"]

    # the POS tagger instead of the segmenter alone (CAMKET_NLP=pos)
    os.environ["CAMKET_NLP"] = "pos"
    for d in docs:
        pipe(d)
    pos_s = 0.0
    for _ in range(args.repeat):
        for d in docs:
            pos_s += pipe(d).timings["nlp"]
    os.environ.pop("CAMKET_NLP")
    notes.append(f"nlp with the POS tagger (CAMKET_NLP=pos) instead of the segmenter alone: "
                 f"{pos_s / n * 1000:.1f} ms/article against {per_component['nlp'] / n * 1000:.1f}")

    # the CRF NER on top (CAMKET_NER=1): its cost, and the person tokens it tags that the rules do not
    os.environ["CAMKET_NER"] = "1"
    ner_s, ner_extra, ner_per = 0.0, [], 0
    for d in docs:
        a = pipe(d)
        ner_s += a.timings["nlp"]
        known = {x for e in a.entities_of("person") for x in (e.name, *e.aliases)}
        known_words = {w for x in known for w in x.split()}
        for t in a.tokens:
            if t.ner.endswith("PER"):
                ner_per += 1
                if not set(t.text.split()) <= known_words:
                    ner_extra.append(t.text)
    os.environ.pop("CAMKET_NER")
    notes.append(f"nlp with the CRF NER as well (CAMKET_NER=1): {ner_s / len(docs) * 1000:.0f} ms/article; "
                 f"of its {ner_per} PER tokens, {len(ner_extra)} are outside the people the rules found, "
                 f"e.g. {', '.join(sorted(set(ner_extra))[:8])} — bodies, places and event names, no "
                 "missed person, so the NER is off by default")

    gold_dir = Path(args.gold) if args.gold else next((p for p in GOLD_CANDIDATES if p.exists()), None)
    if gold_dir is not None and gold_dir.exists():
        with_nlp, without = seed_f1(gold_dir, ()), seed_f1(gold_dir, ("nlp",))
        os.environ["CAMKET_NLP"] = "pos"
        with_pos = seed_f1(gold_dir, ())
        os.environ.pop("CAMKET_NLP")
        f1 = table(["actor F1 on the seeds", *with_nlp], [
            ["with nlp (segmenter)", *with_nlp.values()], ["with nlp (POS tagger)", *with_pos.values()],
            ["without nlp (--skip nlp)", *without.values()]])
        body += "\n\n" + f1
    p1, r1, tp1, g1 = probe_scores(())
    os.environ["CAMKET_NLP"] = "pos"
    p2, r2, tp2, g2 = probe_scores(())
    os.environ.pop("CAMKET_NLP")
    p0, r0, tp0, g0 = probe_scores(("nlp",))
    body += "\n\n" + table(["people on the invented probe", "precision", "recall", "found / named"], [
        ["with nlp (segmenter)", p1, r1, f"{tp1} / {g1}"], ["with nlp (POS tagger)", p2, r2, f"{tp2} / {g2}"],
        ["without nlp", p0, r0, f"{tp0} / {g0}"]])
    notes.append("The probe holds bare names (no honorific, no title), street and school names "
                 "after people, and places that look like names; the seeds name every person with "
                 "an honorific, a title or a photo credit, so the rules alone find them all.")
    report("Extraction throughput", "Extraction pipeline, one core", body, notes, append=not args.no_append)
    return 0


if __name__ == "__main__":
    sys.exit(main())
