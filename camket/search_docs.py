"""The search index's documents: full article texts in their own FTS5 table, matched by word pairs.

A document's text is ≈ 1,400 words: in one table with the short rows of people, bodies and
statements, every query read the doclists (with positions) of common name syllables ("nguyen",
"van", "thanh") across 10,000 texts, ≈ 80 % of a search's cost at 10,000 articles. Here the
texts are indexed on their own, with the consecutive word pairs of the title and of the text
as extra tokens ("nguyen van binh" -> ``nguyen_van van_binh``): a pair's doclist is small.

How documents match (:func:`match`): a one-word query matches the word (a prefix) in the title
or text, as before; a longer query matches the documents holding each consecutive pair of its
words (the last pair's second word as a prefix), in the title or text: the documents where the
words stand together. Documents that merely hold every word somewhere in a 1,400-word text
(nearly all of them for three common syllables) are no longer hits. They are scored by FTS5
bm25 among documents (title weighted 10x).

The table is contentless (``content=''``): texts are kept once, in ``doc_rows``, from which a
row's tokens are recomputed to delete it (FTS5's ``'delete'`` command).

Public API::

    insert(db, rows)                      # camket.search's rows of kind "document"
    forget(db, graph_iris)                # delete those documents' rows
    match(tokens) -> str | None           # the FTS5 query of a search's tokens
    top(db, match, cap) -> (hits, rows)   # best first: (kind, iri, rowid, score) tuples
    count(db, match, cap) -> int
    labels(db, rowids) -> {rowid: (label, doc)}
"""
from __future__ import annotations

import re
import sqlite3

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(names, body, tpairs, bpairs,
  tokenize = "unicode61 tokenchars '_'", prefix = '2 3 4', content = '');
CREATE TABLE IF NOT EXISTS doc_rows (id INTEGER PRIMARY KEY, iri TEXT, doc TEXT, label TEXT, names TEXT, body TEXT);
CREATE INDEX IF NOT EXISTS doc_rows_doc ON doc_rows(doc);
"""
BM25 = "bm25(docs, 10.0, 1.0, 10.0, 1.0)"  # title, text, title pairs, text pairs
WEIGHT = 0.35
"""A document's kind weight (1.5 when documents shared the table of the other kinds: their bm25 was
damped by texts ≈ 25x longer than the average row there). Among documents alone a text is of average
length: its bm25 is ≈ 4.3x what it was, relative to the other kinds' (median of 1,532 documents found
both ways by the bench's queries at 10,000 articles), so 1.5 / 4.3: documents rank among the other
things where they ranked before."""
WORD = re.compile(r"[^\W_]+")  # a token of FTS5's unicode61 tokenizer (``_`` separates words)


def pairs(text: str) -> str:
    words = WORD.findall(text)
    return " ".join(f"{a}_{b}" for a, b in zip(words, words[1:]))


def _values(names: str, body: str) -> tuple[str, str, str, str]:
    """The indexed columns of a document: ``_`` is a word character of this table (pairs),
    not of the text, so it is blanked in the text."""
    names, body = names.replace("_", " "), body.replace("_", " ")
    return names, body, pairs(names), pairs(body)


def insert(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """Index rows of documents shaped as :mod:`camket.search`'s (kind, iri, doc, label, exact, names,
    body, context, names' pairs, body's pairs, context's pairs), texts with ``_`` blanked."""
    for _, iri, doc, label, _, names, body, _, tpairs, bpairs, _ in rows:
        rowid = db.execute("INSERT INTO doc_rows(iri, doc, label, names, body) VALUES (?,?,?,?,?)",
                           (iri, doc, label, names, body)).lastrowid
        db.execute("INSERT INTO docs(rowid, names, body, tpairs, bpairs) VALUES (?,?,?,?,?)",
                   (rowid, names, body, tpairs, bpairs))


def forget(db: sqlite3.Connection, graph_iris: list[str]) -> None:
    """Delete the rows of the documents ``graph_iris`` (with the tokens they were indexed with)."""
    marks = ",".join("?" * len(graph_iris))
    for rowid, names, body in db.execute(f"SELECT id, names, body FROM doc_rows WHERE doc IN ({marks})",
                                         graph_iris).fetchall():
        db.execute("INSERT INTO docs(docs, rowid, names, body, tpairs, bpairs) VALUES ('delete',?,?,?,?,?)",
                   (rowid, *_values(names, body)))
    db.execute(f"DELETE FROM doc_rows WHERE doc IN ({marks})", graph_iris)


def clear(db: sqlite3.Connection) -> None:
    db.execute("INSERT INTO docs(docs) VALUES ('delete-all')")
    db.execute("DELETE FROM doc_rows")


def match(tokens: list[str]) -> str | None:
    """The FTS5 query of a search's (folded) tokens: the one word as a prefix, or every
    consecutive pair, the last one a prefix; None when the tokens hold no word."""
    words = WORD.findall(" ".join(tokens))
    if not words:
        return None
    if len(words) == 1:
        return '{names body}: "%s"*' % words[0]
    return '{tpairs bpairs}: "%s"*' % " ".join(f"{a}_{b}" for a, b in zip(words, words[1:]))


def top(db: sqlite3.Connection, query: str, cap: int) -> tuple[list[tuple], int]:
    """The documents matching ``query``, at most ``cap`` (newest first), best first, as
    (kind, iri, rowid, score) tuples, and how many were read."""
    rows = db.execute(f"SELECT rowid, {BM25} FROM docs WHERE docs MATCH ? ORDER BY rowid DESC LIMIT ?",
                      (query, cap)).fetchall()
    iris = dict(db.execute(f"SELECT id, iri FROM doc_rows WHERE id IN ({','.join('?' * len(rows))})",
                           [r[0] for r in rows]).fetchall()) if rows else {}
    hits = [("document", iris[rowid], rowid, rank * WEIGHT) for rowid, rank in rows]
    return sorted(hits, key=lambda h: (h[3], h[1])), len(rows)


def count(db: sqlite3.Connection, query: str, cap: int) -> int:
    return db.execute("SELECT COUNT(*) FROM (SELECT 1 FROM docs WHERE docs MATCH ? LIMIT ?)",
                      (query, cap)).fetchone()[0]


def labels(db: sqlite3.Connection, rowids: list[int]) -> dict[int, tuple]:
    return {r[0]: r[1:] for r in db.execute(
        f"SELECT id, label, doc FROM doc_rows WHERE id IN ({','.join('?' * len(rowids))})", rowids)}
