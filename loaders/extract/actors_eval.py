"""Score the actor components in memory against gold annotations.

``python -m camket.loaders.extract.actors_eval GOLD_DIR [TEXT ...] [--skip nlp]``
runs the pipeline over the texts (default: the bundled corpus), turns each
analysis into the gold format for people, organizations, places and roles
(the categories the actor components own) and scores them with the shared
``score.py`` next to the gold folder. It is a development aid: the project's
own figures come from ``camket facts`` over the store, which this mirrors.
"""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from ..model import Analysis
from ..pipeline import default_pipeline
from ..read import InputError, iter_documents

ACTOR_CATEGORIES = ("people", "organizations", "places", "roles")


def to_gold(analysis: Analysis, doc_name: str) -> dict:
    out: dict = {"doc": doc_name}
    for cat, kind in (("people", "person"), ("organizations", "org"), ("places", "place")):
        out[cat] = [{"name": e.name, "aliases": list(e.aliases)} for e in analysis.entities_of(kind)]
    out["roles"] = [{"person": m.person.name, "title": m.title,
                     "organization": m.org.name if m.org else None} for m in analysis.memberships]
    return out


def _scorer(gold_dir: Path):
    path = gold_dir.parent.parent / "score.py"
    spec = importlib.util.spec_from_file_location("camket_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("texts", nargs="*")
    ap.add_argument("--skip", action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    texts = args.texts or [str(Path(__file__).resolve().parents[2] / "data" / "corpus")]
    pipe = default_pipeline(skip=args.skip)
    preds = {}
    for doc in iter_documents(texts):
        if isinstance(doc, InputError):
            print(doc, file=sys.stderr)
            continue
        preds[Path(doc.source).stem] = to_gold(pipe(doc), Path(doc.source).name)
    score = _scorer(args.gold_dir)
    totals: dict = {}
    import json
    for gpath in sorted(args.gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        gold = {k: v for k, v in gold.items() if k in ACTOR_CATEGORIES or k == "doc"}
        pred = preds.get(gpath.stem)
        score.score_doc(gold, pred, totals)
        if args.verbose and pred:
            doc = score.Doc(gold)
            for cat in ACTOR_CATEGORIES:
                golds, used = list(gold.get(cat, [])), set()
                for p in pred.get(cat, []):
                    hit = next((i for i, g in enumerate(golds) if i not in used
                                and score.match_item(cat, doc, p, g)), None)
                    if hit is None:
                        print(f"  FP {gpath.stem[:20]} {cat}: {p}")
                    else:
                        used.add(hit)
                for i, g in enumerate(golds):
                    if i not in used:
                        print(f"  FN {gpath.stem[:20]} {cat}: {g}")
    print(f"{'category':<14}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for cat in ACTOR_CATEGORIES:
        t = totals.get(cat, {"gold": 0, "pred": 0, "tp": 0})
        p, r, f = score.prf(t)
        print(f"{cat:<14}{t['gold']:>6}{t['pred']:>6}{t['tp']:>6}{p:>7.2f}{r:>7.2f}{f:>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
