"""``camket judge ...`` and ``camket dedupe``: curation from the terminal.

    camket judge same-as A B --by NAME --why TEXT [--evidence TEXT]
    camket judge not-same-as A B --by NAME --why TEXT
    camket judge split ENTITY DOC --by NAME --why TEXT   # its mentions in DOC are someone else
    camket judge reject FACT --by NAME --why TEXT     (and: confirm FACT)
    camket judge rename ENTITY "Preferred name" --by NAME --why TEXT
    camket judge pledge-status PLEDGE kept --by NAME --why TEXT
    camket judge withdraw ID --by NAME --why TEXT
    camket judge list [--all] [--format table|json]
    camket judge check            # re-apply; report re-anchored and orphaned judgements
    camket judge export [--format turtle|nt]
    camket dedupe [--review --by NAME] [--kind person] [--limit N] [--format table|json]

IRIs may be written in full, as ``id:person/key`` or as ``person/key``.
``--by`` defaults to ``$CAMKET_USER``. Every change re-writes the graphs
``graph/judgements`` and ``graph/resolved`` in the store. Importing this
module also wraps ``camket ingest`` so that the curation report (merges,
re-anchored and orphaned judgements) follows every ingest.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from contextlib import contextmanager

from camket.cli import COMMANDS, EXTRA_PARSERS, command
from camket.store import StoreError, open_store

from .apply import apply, record
from .candidates import Candidate, find_candidates
from .judgements import JudgementError, Judgements, judgements_path
from .rdf import judgements_graph

def _log(args) -> Judgements:
    return Judgements(args.judgements or judgements_path(args.store))


def _by(args) -> str:
    by = args.by or os.environ.get("CAMKET_USER", "")
    if not by.strip():
        raise JudgementError("say who is judging: --by NAME (or set CAMKET_USER)")
    return by


def cmd_judge(args) -> int:
    log = _log(args)
    action = args.judge_command
    if action == "list":
        return _list(log, args)
    if action == "export":
        sys.stdout.write(judgements_graph(log.all()).serialize(format=args.format))
        return 0
    with opened(args.store) as store:
        return _judge_in(store, log, action, args)


@contextmanager
def opened(location):
    """The store, closed afterwards even when a judgement is refused."""
    try:
        store = open_store(location)
    except StoreError:  # an earlier command's store may wait for the cycle collector
        gc.collect()
        store = open_store(location)
    try:
        yield store
    finally:
        store.close()


def _judge_in(store, log: Judgements, action: str, args) -> int:
    if action == "check":
        print(apply(store, log).summary())
        return 0
    if action == "withdraw":
        j = log.withdraw(args.id, by=_by(args), why=args.why)
        print(f"withdrew #{j.id}: {j.kind} {j.subject} {j.object or ''}".rstrip())
        print(apply(store, log).summary(), file=sys.stderr)
        return 0
    obj = getattr(args, "other", None) or getattr(args, "value", None) or _doc(getattr(args, "doc", None))
    j, created, report = record(store, log, action, args.subject, obj, by=_by(args), why=args.why or "",
                                evidence=args.evidence or "", force=args.force)
    print(("recorded " if created else "already recorded, nothing added: ") + j.describe())
    if j.kind == "same-as":
        canon = report.resolution.canonical_of(j.subject)
        print(f"canonical IRI: {canon}")
    print(report.summary(), file=sys.stderr)
    return 0


def _doc(value: str | None) -> str | None:
    """A document given by its id (``a``) or IRI (``doc/a``, ``id:doc/a``, full)."""
    if not value or "/" in value or ":" in value:
        return value
    from camket.ontology import iri
    return str(iri.document(value))


def _list(log: Judgements, args) -> int:
    items = log.all() if args.all else log.active()
    if args.format == "json":
        json.dump([j.to_dict() for j in items], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for j in items:
        gone = "" if j.active else f"  [withdrawn by {j.withdrawn_by}, {j.withdrawn_at}: {j.withdrawn_why}]"
        print(j.describe() + gone)
    print(f"({len(items)} judgements)", file=sys.stderr)
    return 0


def cmd_dedupe(args) -> int:
    log = _log(args)
    with opened(args.store) as store:
        found = find_candidates(store, log.active(), tuple(args.kind or ("person", "org")), args.limit)
        if args.review:
            return review(store, log, found, _by(args), sys.stdin, sys.stdout)
    if args.format == "json":
        json.dump([c.to_dict() for c in found], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for n, c in enumerate(found, 1):
            sys.stdout.write(show(n, c))
        print(f"({len(found)} candidate pairs)", file=sys.stderr)
    return 0


def show(n: int, c: Candidate) -> str:
    lines = [f"{n}. {short(c.a)}  ~  {short(c.b)}   [{'; '.join(c.reasons)}]"]
    for side, items in (("A", c.evidence_a), ("B", c.evidence_b)):
        for e in items[:3]:
            lines.append(f'   {side} {e.doc}: "{e.exact}" ... {e.context} ...')
    return "\n".join(lines) + "\n"


def short(iri: str) -> str:
    from camket.ontology import ID
    return iri[len(str(ID)):] if iri.startswith(str(ID)) else iri


REVIEW_KEYS = {"a": "same-as", "r": "not-same-as", "u": "unsure"}
REVIEW_HELP = "[a]ccept (same) / [r]eject (different) / [u]nsure / [s]kip / [q]uit; a reason may follow: a same post"


def review(store, log: Judgements, found: list[Candidate], by: str, inp, out) -> int:
    """Interactive review: one line of input per candidate pair."""
    done = 0
    for n, c in enumerate(found, 1):
        out.write(show(n, c) + f"   {REVIEW_HELP}\n   > ")
        out.flush()
        line = inp.readline()
        if not getattr(inp, "isatty", lambda: False)():
            out.write("\n")  # input piped: keep one answer per line in the transcript
        if not line or line.strip().lower() in ("q", "quit"):
            break
        key, _, note = line.strip().partition(" ")
        kind = REVIEW_KEYS.get(key.lower()[:1])
        if kind is None:
            continue
        why = note.strip() or f"dedupe review: {'; '.join(c.reasons)}"
        try:
            j, _, _ = record(store, log, kind, c.a, c.b, by=by, why=why, force=True)
            out.write(f"   recorded {j.describe()}\n")
            done += 1
        except JudgementError as err:
            out.write(f"   {err}\n")
    out.write(f"{done} judgements recorded\n")
    return 0


def add_parsers(sub, store_help: str) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", default=None, help=store_help)
    common.add_argument("--judgements", default=None,
                        help="judgement file (default: $CAMKET_JUDGEMENTS or <store>.judgements.sqlite)")
    who = argparse.ArgumentParser(add_help=False)
    who.add_argument("--by", default=None, help="who judges (default: $CAMKET_USER)")
    who.add_argument("--why", required=True, help="the reason, in a sentence")
    who.add_argument("--evidence", default="", help="the evidence cited (document, quote, URL)")
    who.add_argument("--force", action="store_true", help="record even if a node is not in the store")

    p = sub.add_parser("judge", help="record a researcher's judgement (merge, split, reject, rename, pledge status)")
    jsub = p.add_subparsers(dest="judge_command", required=True)
    for kind, help_, extra in (("same-as", "A and B are one entity (transitive)", "other"),
                               ("not-same-as", "A and B are different (prevents merges)", "other"),
                               ("split", "the entity's mentions in DOC are someone else", "doc"),
                               ("reject", "a fact (or node) is wrong", None),
                               ("confirm", "a fact (or node) is right", None),
                               ("rename", "set the preferred name of an entity", "value"),
                               ("pledge-status", "rate a pledge: not-yet-rated, in-the-works, stalled, "
                                                 "compromise, kept, broken", "value")):
        q = jsub.add_parser(kind, help=help_, parents=[common, who])
        q.add_argument("subject", help="IRI (full, id:kind/key or kind/key)")
        if extra:
            q.add_argument(extra, help={"other": "second IRI", "doc": "document id or IRI"}.get(extra, "name or status"))
    q = jsub.add_parser("withdraw", help="withdraw a judgement (it stays in the log)", parents=[common])
    q.add_argument("id", type=int)
    q.add_argument("--by", default=None)
    q.add_argument("--why", required=True)
    q = jsub.add_parser("list", help="list judgements", parents=[common])
    q.add_argument("--all", action="store_true", help="include withdrawn judgements")
    q.add_argument("--format", choices=["table", "json"], default="table")
    jsub.add_parser("check", help="re-apply judgements; report re-anchored and orphaned ones", parents=[common])
    q = jsub.add_parser("export", help="the judgements as RDF (PROV-O) on stdout", parents=[common])
    q.add_argument("--format", choices=["turtle", "nt", "xml", "json-ld"], default="turtle")

    p = sub.add_parser("dedupe", help="list likely duplicate people/bodies across articles; --review to judge",
                       parents=[common])
    p.add_argument("--kind", action="append", choices=["person", "org"], help="only this kind (repeatable)")
    p.add_argument("--limit", type=int, default=None, help="at most N pairs")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--review", action="store_true", help="review interactively (reads stdin)")
    p.add_argument("--by", default=None, help="who reviews (default: $CAMKET_USER)")


def _ingest_then_report(original):
    def run(args) -> int:
        code = original(args)
        log = Judgements(judgements_path(args.store))
        if log.exists():
            try:
                with opened(args.store) as store:
                    print(apply(store, log).summary(), file=sys.stderr)
            except JudgementError as err:
                print(f"camket curation: {err}", file=sys.stderr)
                return 1
        return code
    run.__wrapped__ = original
    return run


command("judge")(cmd_judge)
command("dedupe")(cmd_dedupe)
if add_parsers not in EXTRA_PARSERS:
    EXTRA_PARSERS.append(add_parsers)
if "ingest" in COMMANDS and not hasattr(COMMANDS["ingest"], "__wrapped__"):
    COMMANDS["ingest"] = _ingest_then_report(COMMANDS["ingest"])
