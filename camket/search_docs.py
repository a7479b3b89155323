"""The search index's documents: full article texts in their own FTS5 table, matched by word pairs.

A document's text is ≈ 1,400 words: in one table with the short rows of people, bodies and
statements, every query read the doclists (with positions) of common name syllables ("nguyen",
"van", "thanh") across 10,000 texts, ≈ 80 % of a search's cost at 10,000 articles. Here the
texts are indexed on their own (``docs``), and so are the consecutive word pairs of the title and
of the text, one token each (``docpairs``: "nguyen van binh" -> ``nguyen_van van_binh``): adjacent
pair tokens are adjacent words, and a pair's doclist is small. (No prefix doclists for pairs: a
query's last pair is a long prefix, read from the term list.)

How documents match (:func:`match`): a one-word query matches the word (a prefix) in the title
or text, as before; a longer query matches the documents where its words stand together, the
last one as a prefix (the phrase of its pairs), in the title or text. Documents that merely hold every word somewhere in a 1,400-word text
(nearly all of them for three common syllables) are no longer hits. They are scored by FTS5
bm25 among documents (title weighted 10x).

Both tables are contentless (``content=''``): texts are kept once, in ``doc_rows``, from which a
row's tokens are recomputed to delete it (FTS5's ``'delete'`` command).

Public API::

    insert(db, rows)                      # camket.search's rows of kind "document"
    forget(db, graph_iris)                # delete those documents' rows
    match(tokens) -> (table, query) | None  # the FTS5 query of a search's tokens
    top(db, match, cap) -> (hits, rows)   # best first: (kind, iri, rowid, score) tuples
    count(db, match, cap) -> int
    labels(db, rowids) -> {rowid: (label, doc)}
"""
from __future__ import annotations

import re
import sqlite3

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5(names, body, prefix = '2 3 4', content = '');
CREATE VIRTUAL TABLE IF NOT EXISTS docpairs USING fts5(names, body, tokenize = "unicode61 tokenchars '_'", content = '');
CREATE TABLE IF NOT EXISTS doc_rows (id INTEGER PRIMARY KEY, iri TEXT, doc TEXT, label TEXT, names TEXT, body TEXT);
CREATE INDEX IF NOT EXISTS doc_rows_doc ON doc_rows(doc);
"""
TABLES = ("docs", "docpairs")  # the FTS5 tables
BM25 = {"docs": "bm25(docs, 10.0, 1.0)", "docpairs": "bm25(docpairs, 10.0, 1.0)"}  # title, text
WEIGHT = 0.35
"""A document's kind weight (1.5 when documents shared the table of the other kinds: their bm25 was
damped by texts ≈ 25x longer than the average row there). Among documents alone a text is of average
length: its bm25 is ≈ 4.3x what it was, relative to the other kinds' (median of 1,532 documents found
both ways by the bench's queries at 10,000 articles), so 1.5 / 4.3: documents rank among the other
things where they ranked before."""
WORD = re.compile(r"[^\W_]+")  # a token of FTS5's unicode61 tokenizer (``_`` separates words)


def pairs(text: str) -> str:
    """The consecutive word pairs of ``text``, a token each: "ông Lê Văn" -> "ông_Lê Lê_Văn"."""
    words = WORD.findall(text)
    return " ".join(f"{a}_{b}" for a, b in zip(words, words[1:]))


def insert(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """Index :mod:`camket.search`'s rows of documents: (kind, iri, doc, label, exact, names, body,
    context) and the pairs of names, body and context."""
    for _, iri, doc, label, _, names, body, _, tpairs, bpairs, _ in rows:
        rowid = db.execute("INSERT INTO doc_rows(iri, doc, label, names, body) VALUES (?,?,?,?,?)",
                           (iri, doc, label, names, body)).lastrowid
        db.execute("INSERT INTO docs(rowid, names, body) VALUES (?,?,?)", (rowid, names, body))
        db.execute("INSERT INTO docpairs(rowid, names, body) VALUES (?,?,?)", (rowid, tpairs, bpairs))


def forget(db: sqlite3.Connection, graph_iris: list[str]) -> None:
    """Delete the rows of the documents ``graph_iris`` (with the tokens they were indexed with)."""
    marks = ",".join("?" * len(graph_iris))
    for rowid, names, body in db.execute(f"SELECT id, names, body FROM doc_rows WHERE doc IN ({marks})",
                                         graph_iris).fetchall():
        db.execute("INSERT INTO docs(docs, rowid, names, body) VALUES ('delete',?,?,?)", (rowid, names, body))
        db.execute("INSERT INTO docpairs(docpairs, rowid, names, body) VALUES ('delete',?,?,?)",
                   (rowid, pairs(names), pairs(body)))
    db.execute(f"DELETE FROM doc_rows WHERE doc IN ({marks})", graph_iris)


def clear(db: sqlite3.Connection) -> None:
    for table in TABLES:
        db.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    db.execute("DELETE FROM doc_rows")


def match(tokens: list[str]) -> tuple[str, str] | None:
    """The table and FTS5 query of a search's (folded) tokens: the one word as a prefix, or the
    phrase of the pairs, the last word a prefix; None when the tokens hold no word."""
    words = WORD.findall(" ".join(tokens))
    if len(words) < 2:
        return ("docs", '"%s"*' % words[0]) if words else None
    return "docpairs", phrase_of_pairs(words)


def phrase_of_pairs(words: list[str]) -> str:
    """The FTS5 phrase of the pairs of ``words`` (at least two), the last word as a prefix."""
    return '"%s"*' % " ".join(f"{a}_{b}" for a, b in zip(words, words[1:]))


def top(db: sqlite3.Connection, query: tuple[str, str], cap: int) -> tuple[list[tuple], int]:
    """The documents matching ``query`` (:func:`match`), at most ``cap`` (newest first), best first,
    as (kind, iri, rowid, score) tuples, and how many were read."""
    table, match = query
    rows = db.execute(f"SELECT rowid, {BM25[table]} FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?",
                      (match, cap)).fetchall()
    iris = dict(db.execute(f"SELECT id, iri FROM doc_rows WHERE id IN ({','.join('?' * len(rows))})",
                           [r[0] for r in rows]).fetchall()) if rows else {}
    hits = [("document", iris[rowid], rowid, rank * WEIGHT) for rowid, rank in rows]
    return sorted(hits, key=lambda h: (h[3], h[1])), len(rows)


def count(db: sqlite3.Connection, query: tuple[str, str], cap: int) -> int:
    table, match = query
    return db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)",
                      (match, cap)).fetchone()[0]


def labels(db: sqlite3.Connection, rowids: list[int]) -> dict[int, tuple]:
    return {r[0]: r[1:] for r in db.execute(
        f"SELECT id, label, doc FROM doc_rows WHERE id IN ({','.join('?' * len(rowids))})", rowids)}
