"""Full-text search: an SQLite FTS5 side index over folded names and texts.

The store has no full-text index, so camket keeps one beside it: for an
embedded store at ``DIR`` the file ``DIR.search.sqlite``; for a remote store
a path given by ``CAMKET_SEARCH_INDEX`` / the API settings, else one under
``~/.cache/camket``. Rows are per (thing, document) and are folded with
:func:`camket.ontology.iri.fold` (no accents, no case), so "nguyen van binh",
"nghi quyet 52" and "ha noi" match. Documents' full texts have a table of their own, matched
by word pairs (:mod:`camket.search_docs`). The distinct spellings of the ``names``
table make name look-ups typo-tolerant (:mod:`camket.search_fuzzy`, used when
the exact-token search finds nothing).

It stays in step with ingest through :data:`camket.ingest.STORED_HOOKS`
(registered on import) and :meth:`SearchIndex.sync` re-indexes documents whose
hash or extractor version changed (the API syncs on start-up).

Public API::

    idx = SearchIndex.for_store(store)          # open (and create) the store's index
    idx.sync(store)                             # index new/changed, drop removed documents
    total, hits, fuzzy = idx.search("ha noi", kinds=["person"], limit=20, offset=0)
    idx.statement_iris("ha noi")                # statement IRIs whose text matches
    idx.tidy()                                  # merge segments once grown by a tenth (ingest's end)
    idx.warm()                                  # build the typo matcher now (server start)
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from camket import search_docs
from camket.ontology import ID
from camket.ontology.iri import fold, key_of

ENTITY_KINDS = {"person": "person", "org": "organization", "place": "place", "policy": "policy", "event": "event"}
WEIGHTS = {"person": 3.0, "organization": 3.0, "policy": 3.0, "place": 2.5, "event": 2.5,
           "document": 1.5, "statement": 1.0, "pledge": 1.0}
BM25 = "bm25(entries, 0, 0, 0, 0, 0, 10.0, 1.0, 2.0)"  # names, body, context
CANDIDATES = 500  # rows ranked per query (see SearchIndex._top)
MMAP_BYTES = 1 << 30  # reads map the index (see SearchIndex._db); writes do not (SearchIndex._writing)
COUNT_CAP = 10000  # matching rows counted for ``total``
ENTRIES = """CREATE VIRTUAL TABLE IF NOT EXISTS %s USING fts5(
  kind UNINDEXED, iri UNINDEXED, doc UNINDEXED, label UNINDEXED, exact UNINDEXED,
  names, body, context, tokenize = 'unicode61', prefix = '2 3 4');"""
"""The main table. ``prefix``: FTS5 keeps doclists of every 2-, 3- and 4-letter token prefix, so the
last word of a query, matched as a prefix ("bui quoc tri" -> ``tri*``), reads one doclist instead
of merging those of every word it begins (trinh, trien, tri...: in nearly every article's text):
the slowest queries at 10,000 articles went from ≈ 36 to ≈ 14 CPU-ms for a ≈ 15 % larger index."""
PAIRS = """CREATE VIRTUAL TABLE IF NOT EXISTS pairs USING fts5(names, body, context,
  tokenize = "unicode61 tokenchars '_'", content = '');"""
"""The consecutive word pairs of each row of ``entries`` (same rowid), one token each ("nguyen van binh"
-> ``nguyen_van van_binh``): adjacent pair tokens are adjacent words, so the phrase stage asks for the
phrase of pairs (:func:`_phrase`), whose doclists are far smaller than those of common name syllables:
the same rows, the same counts, ≈ 1/15 of the cost for a name at 10,000 articles. Contentless: a row's
pairs are recomputed from its texts to delete it. No prefix doclists: a query's last pair is a long prefix."""
PAIRS_BM25 = "bm25(pairs, 10.0, 1.0, 2.0)"
VERSION = 4  # PRAGMA user_version of the current layout: pairs, documents in their own tables (see _migrate)
SCHEMA = ENTRIES % "entries" + PAIRS + search_docs.SCHEMA + """
CREATE VIRTUAL TABLE IF NOT EXISTS names USING fts5(
  kind UNINDEXED, iri UNINDEXED, doc UNINDEXED, label UNINDEXED, folded, tokenize = 'trigram');
CREATE TABLE IF NOT EXISTS indexed (doc TEXT PRIMARY KEY, state TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
FTS_TABLES = ("entries", "pairs", "names", *search_docs.TABLES)
MERGE_GROWTH = 0.1
""":meth:`SearchIndex.tidy` merges the index's segments once it holds this share more documents
than when they were last merged. FTS5 writes each transaction (an ingest batch) as a new b-tree
segment and merges them only level by level, so an index built batch by batch holds 8–19
segments per table at 10,000 articles, and a query seeks every term in each: merged into one,
a long policy title costs ≈ 0.6x as much. A merge rewrites the table (≈ 3 s for the whole index at
10,000 articles), so it waits for the index to grow by a tenth: at most ≈ 10 rewrites per
doubling, none after a run of small ingests into a large store until they add up."""


def default_path(store) -> Path:
    if getattr(store, "search_index_path", None):
        return Path(store.search_index_path)
    if env := os.environ.get("CAMKET_SEARCH_INDEX"):
        return Path(env)
    location = getattr(store, "location", None)
    if isinstance(location, Path):
        return location.parent / (location.name + ".search.sqlite")
    digest = hashlib.sha1(str(location).encode()).hexdigest()[:12]
    return Path.home() / ".cache" / "camket" / f"search-{digest}.sqlite"


class SearchIndex:
    _open: dict[str, "SearchIndex"] = {}
    _lock = threading.Lock()
    _names_lock = threading.Lock()  # builds of the in-memory name matcher (see _names)

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write = threading.Lock()
        with self._db() as db:
            db.execute("PRAGMA journal_mode=WAL")
            _migrate(db)
            db.executescript(SCHEMA)
            db.execute(f"PRAGMA user_version={VERSION}")

    @classmethod
    def for_store(cls, store, path: str | os.PathLike | None = None, build: bool = False) -> "SearchIndex":
        """The (shared) index of ``store``; ``build`` syncs it with the store first."""
        p = str(Path(path) if path else default_path(store))
        with cls._lock:
            idx = cls._open.get(p) or cls._open.setdefault(p, cls(p))
        if build:
            idx.sync(store)
        return idx

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")  # pages shared through the OS cache by every thread's connection
        return db

    # ---------------------------------------------------------------- writing
    @contextmanager
    def _writing(self):
        """This thread's connection in a write transaction, not memory-mapped meanwhile: an
        ingest reads (merges) the index's pages while it writes, and mapped they stayed in its
        resident memory, which then grew with the index (readers keep the map: see :meth:`_db`)."""
        with self._write:
            db = self._db()
            db.execute("PRAGMA mmap_size=0")
            try:
                with db:
                    yield db
            finally:
                db.execute(f"PRAGMA mmap_size={MMAP_BYTES}")

    def sync(self, store) -> int:
        """Index documents that are new or changed, forget removed ones; returns how many changed."""
        states = {r["g"].value: state_text(r["h"].value, r["v"].value) for r in store.select(
            "SELECT ?g ?h ?v WHERE { GRAPH ?g { ?g a ck:Document ; ck:sha256 ?h ; ck:extractorVersion ?v } }")}
        known = dict(self._db().execute("SELECT doc, state FROM indexed").fetchall())
        changed = [g for g, s in states.items() if known.get(g) != s]
        for g in changed:
            self.index_document(store, g, states[g])
        for g in set(known) - set(states):
            self.remove_document(g)
        if changed:
            self.tidy()
        return len(changed) + len(set(known) - set(states))

    def remove_document(self, graph_iri: str) -> None:
        with self._writing() as db:
            _forget_pairs(db, [graph_iri])
            for table in ("entries", "names", "indexed"):
                db.execute(f"DELETE FROM {table} WHERE doc = ?", (graph_iri,))
            search_docs.forget(db, [graph_iri])

    def index_document(self, store, graph_iri: str, state: str | None = None) -> None:
        """(Re)index the named graph ``graph_iri`` of ``store``."""
        self.index_documents(store, [graph_iri], None if state is None else {graph_iri: state})

    def index_documents(self, store, graph_iris: list[str], states: dict[str, str] | None = None,
                        rows: dict[str, tuple[list[tuple], list[tuple]]] | None = None) -> None:
        """(Re)index the named graphs ``graph_iris`` of ``store`` in one SQLite transaction; their
        ``rows`` (:func:`rows_of_triples`) when the caller has them, else read from the store."""
        if states is None:
            from camket.ingest import document_states
            states = {g: state_text(*st) for g, st in document_states(store, graph_iris).items()}
        rows = {g: rows[g] if rows and g in rows else _rows(store, ox.NamedNode(g)) for g in graph_iris}
        with self._writing() as db:
            _forget(db, graph_iris)
            for graph_iri, (entries, names) in rows.items():
                search_docs.insert(db, [r for r in entries if r[0] == "document"])
                _insert(db, [r for r in entries if r[0] != "document"])
                db.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
                db.execute("INSERT OR REPLACE INTO indexed VALUES (?, ?)", (graph_iri, states.get(graph_iri, "")))

    def tidy(self, growth: float = MERGE_GROWTH) -> bool:
        """Merge each FTS5 table's segments into one (FTS5 ``optimize``) when the index holds
        ``growth`` more documents than at the last merge (see :data:`MERGE_GROWTH`; 0: now)."""
        with self._writing() as db:  # not memory-mapped: counting maps the whole table
            docs = db.execute("SELECT COUNT(*) FROM indexed").fetchone()[0]
            last = db.execute("SELECT value FROM meta WHERE key = 'merged_docs'").fetchone()
            if growth > 0 and last is not None and docs < (1 + growth) * int(last[0]):
                return False
            _optimize(db)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('merged_docs', ?)", (str(docs),))
        return True

    def rebuild(self, store) -> int:
        with self._writing() as db:
            for table in ("entries", "names", "indexed"):
                db.execute(f"DELETE FROM {table}")
            db.execute("INSERT INTO pairs(pairs) VALUES ('delete-all')")
            search_docs.clear(db)
        return self.sync(store)

    # ---------------------------------------------------------------- reading
    def search(self, q: str, kinds: list[str] | None = None, limit: int = 20,
               offset: int = 0, typos: bool = True) -> tuple[int, list[dict], bool | None]:
        """(total, hits, fuzzy) for ``q``; hits are dicts of kind, id, iri, label, snippet, document, score.
        When no thing holds every word, names close to ``q`` are looked for (``fuzzy`` True), unless
        ``typos`` is False: then ``fuzzy`` is None (not looked for; the first look-up after the index
        changed reads every name, seconds at 10,000 articles)."""
        tokens = _tokens(q)
        if not tokens:
            return 0, [], False
        total, hits = self._ranked(tokens, fold(q), kinds, limit, offset)
        if total:
            return total, hits, False
        if not typos:
            return 0, [], None
        fuzzy = self._fuzzy(fold(q), kinds)
        return len(fuzzy), fuzzy[offset:offset + limit], True

    def statement_iris(self, q: str, limit: int = 10000) -> list[str]:
        tokens = _tokens(q)
        if not tokens:
            return []
        rows = self._db().execute("SELECT DISTINCT iri FROM entries WHERE entries MATCH ? AND kind = 'statement' "
                                  "LIMIT ?", (_match(tokens, prefix=False), limit)).fetchall()
        return [r[0] for r in rows]

    def _ranked(self, tokens: list[str], folded: str, kinds, limit: int, offset: int) -> tuple[int, list[dict]]:
        """Things matching the query, by FTS5 bm25 (names weighted 10x) x kind weight, exact names
        first. A query of several words matches where its words stand together (the phrase of
        their pairs, :data:`PAIRS`; documents by their own table, :mod:`camket.search_docs`); only
        when they stand together nowhere does it match the things that hold every word anywhere
        (Vietnamese words are syllables: "ha", "quang", "thang" scattered over a statement are
        three common words, not the name). Each stage ranks at most ``CANDIDATES`` rows per table
        (see :meth:`_top`). ``total`` adds up the documents and the other things: the number of
        distinct things when at most ``CANDIDATES`` rows match, else the number of matching
        (thing, document) rows, counted up to ``COUNT_CAP``."""
        cap = max(CANDIDATES, 3 * (offset + limit))
        phrase, ekinds, dquery = _phrase(tokens), _entity_kinds(kinds), _doc_query(tokens, kinds)
        match = phrase or _match(tokens)
        hits, rows = self._top(match, folded, ekinds, cap, phrase is not None) if ekinds != [] else ([], 0)
        docs, drows = search_docs.top(self._db(), dquery, cap) if dquery else ([], 0)
        if phrase is not None and not hits and not docs and ekinds != []:  # the words together nowhere
            phrase, match = None, _match(tokens)
            hits, rows = self._top(match, folded, ekinds, cap)
        total = _known_total(rows, hits, cap)
        total = total if total is not None else self._count(match, ekinds, phrase is not None)
        total += drows if drows < cap else search_docs.count(self._db(), dquery, COUNT_CAP)
        return total, self._hits(sorted(hits + docs, key=lambda h: (h[3], h[1]))[offset:offset + limit])

    def _count(self, match: str, kinds, pairs: bool = False) -> int:
        """What :meth:`_ranked` counts for the things other than documents (``kinds``: theirs)
        matching ``match`` (``pairs``: a phrase of pairs, :data:`PAIRS`)."""
        if kinds == []:
            return 0
        kind_sql, args = _kind_filter(kinds)
        source = "entries WHERE entries" if not pairs else \
            "pairs p JOIN entries e ON e.rowid = p.rowid WHERE pairs" if kinds else "pairs p WHERE pairs"
        db = self._db()
        rowids = [r[0] for r in db.execute(f"SELECT {'p.' if pairs else ''}rowid FROM {source} MATCH ? {kind_sql} "
                                           "LIMIT ?", (match, *args, CANDIDATES + 1))]  # the match read once when few rows
        if len(rowids) <= CANDIDATES:
            return db.execute(f"SELECT COUNT(DISTINCT iri) FROM entries WHERE rowid IN ({','.join('?' * len(rowids))})",
                              rowids).fetchone()[0]
        return db.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} MATCH ? {kind_sql} LIMIT ?)",
                          (match, *args, COUNT_CAP)).fetchone()[0]  # no column read: cheap

    def _hits(self, top: list[tuple]) -> list[dict]:
        """Hit dicts of (kind, iri, rowid, score) tuples: labels and documents read for these rows only."""
        rowids = [h[2] for h in top if h[0] != "document"]
        rows = {r[0]: r[1:] for r in self._db().execute(
            f"SELECT rowid, label, doc FROM entries WHERE rowid IN ({','.join('?' * len(rowids))})", rowids)}
        docs = search_docs.labels(self._db(), [h[2] for h in top if h[0] == "document"])
        return [_hit(kind, iri, *(docs if kind == "document" else rows)[rowid], score) for kind, iri, rowid, score in top]

    def _top(self, match: str, folded: str, kinds, cap: int, pairs: bool = False) -> tuple[list[tuple], int]:
        """The rows matching ``match``, at most ``cap`` of them (newest indexed first), scored by
        bm25 x kind weight with exact names first: the best row per thing, best first, and how
        many rows were read. Bounded
        because FTS5 scores every matching row before it can sort: a common name syllable
        ("nguyen") matches tens of thousands of (thing, document) rows at 10,000 articles.
        bm25 keeps its whole-index statistics, so a row scores the same capped or not; a thing
        is found as long as one of its rows is among the ``cap`` newest. ``pairs``: ``match`` is a
        phrase of pairs (:data:`PAIRS`), scored by bm25 there."""
        kind_sql, args = _kind_filter(kinds)
        sql = (f"SELECT p.rowid, {PAIRS_BM25}, kind, iri, exact FROM pairs p JOIN entries e ON e.rowid = p.rowid "
               f"WHERE pairs MATCH ? {kind_sql} ORDER BY p.rowid DESC LIMIT ?") if pairs else \
            f"SELECT rowid, {BM25}, kind, iri, exact FROM entries WHERE entries MATCH ? {kind_sql} ORDER BY rowid DESC LIMIT ?"
        rows = self._db().execute(sql, (match, *args, cap)).fetchall()
        exact = f"|{folded}|"
        best: dict[str, tuple] = {}
        for rowid, rank, kind, iri, names in rows:
            score = rank * WEIGHTS.get(kind, 1.0) - (1000 if exact in names else 0)
            if iri not in best or score < best[iri][3]:
                best[iri] = (kind, iri, rowid, score)
        return sorted(best.values(), key=lambda r: (r[3], r[1])), len(rows)

    def warm(self) -> None:
        """Build the in-memory name matcher of :meth:`_fuzzy` now (a server's start-up) rather
        than on the first query that needs it."""
        self._names()

    def _fuzzy(self, folded: str, kinds, cutoff: float = 0.6) -> list[dict]:
        """Names close to ``folded`` (typos), best first (:mod:`camket.search_fuzzy`)."""
        return [_hit(kind, iri, label, doc, -ratio)
                for ratio, kind, iri, label, doc in self._names().match(folded, kinds, cutoff)]

    def _names(self):
        """The in-memory name matcher, rebuilt when the index changed since it was built."""
        from camket.search_fuzzy import NameMatcher
        db = self._db()
        state = (db.execute("SELECT rowid FROM names ORDER BY rowid DESC LIMIT 1").fetchone(),
                 db.execute("SELECT COUNT(*) FROM indexed").fetchone())
        with self._names_lock:
            if getattr(self, "_matcher", (None, None))[0] != state:
                self._matcher = (state, NameMatcher(db.execute("SELECT kind, iri, label, folded, doc FROM names")))
            return self._matcher[1]


def _migrate(db: sqlite3.Connection) -> None:
    """An index of an earlier layout (``user_version`` below :data:`VERSION`) is brought to this
    one in one transaction: its rows are copied, with their pairs, into an ``entries`` table of the
    current schema (same rowids: the newest-first order holds), but for documents, which go to
    their own table (:mod:`camket.search_docs`). Another process migrating the same file
    meanwhile is waited for (≈ 1 minute at 10,000 articles)."""
    if db.execute("PRAGMA user_version").fetchone()[0] >= VERSION or \
            db.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries'").fetchone() is None:
        return
    db.execute("PRAGMA busy_timeout=600000")
    db.execute("BEGIN IMMEDIATE")
    try:
        if db.execute("PRAGMA user_version").fetchone()[0] >= VERSION:  # done by another process meanwhile
            db.commit()
            return
        _copy_entries(db)
        _optimize(db)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.execute("PRAGMA busy_timeout=30000")
    try:
        db.execute("VACUUM")  # the old table's pages (≈ 200 MB at 10,000 articles); seconds
    except sqlite3.OperationalError:  # another connection reads it meanwhile: its pages are reused later
        pass


def _copy_entries(db: sqlite3.Connection) -> None:
    old = "SELECT rowid, kind, iri, doc, label, exact, names, body, context FROM entries WHERE kind %s 'document' ORDER BY rowid"
    docs = [_with_pairs(r[1:]) for r in db.execute(old % "=").fetchall()]
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'doc_rows'").fetchone():  # a layout of this session's
        docs += [_with_pairs(("document", iri, doc, label, "||", names, body, "")) for iri, doc, label, names, body
                 in db.execute("SELECT iri, doc, label, names, body FROM doc_rows ORDER BY id")]
    for table in ("entries_v2", "pairs", "docs", "docpairs", "doc_rows"):
        db.execute(f"DROP TABLE IF EXISTS {table}")
    db.execute(ENTRIES % "entries_v2")
    for statement in filter(str.strip, (PAIRS + search_docs.SCHEMA).split(";")):
        db.execute(statement)
    search_docs.insert(db, docs)
    rows = db.execute(old % "!=").fetchall()
    db.executemany("INSERT INTO entries_v2(rowid, kind, iri, doc, label, exact, names, body, context) VALUES "
                   "(?,?,?,?,?,?,?,?,?)", rows)
    db.executemany("INSERT INTO pairs(rowid, names, body, context) VALUES (?,?,?,?)",
                   [(r[0], *(search_docs.pairs(t) for t in r[6:9])) for r in rows])
    db.execute("DROP TABLE entries")
    db.execute("ALTER TABLE entries_v2 RENAME TO entries")
    db.execute(f"PRAGMA user_version={VERSION}")


def _optimize(db: sqlite3.Connection) -> None:
    """Merge every FTS5 table's segments into one (see :data:`MERGE_GROWTH`); an index being
    migrated may not have all of them yet."""
    present = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in (t for t in FTS_TABLES if t in present):
        db.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def _known_total(rows: int, things: list[tuple], cap: int) -> int | None:
    """What :meth:`SearchIndex._total` would count, when a stage read every matching row (fewer
    than ``cap``): the distinct things if at most ``CANDIDATES`` rows, else the rows; else None."""
    if rows >= cap:
        return None
    return len(things) if rows <= CANDIDATES else min(rows, COUNT_CAP)


def _entity_kinds(kinds) -> list[str] | None:
    """The kinds of ``kinds`` held by ``entries`` (None: all of them; []: none)."""
    return None if not kinds else [k for k in kinds if k != "document"]


def _doc_query(tokens: list[str], kinds) -> str | None:
    """The documents' table query, None when documents are not asked for."""
    return search_docs.match(tokens) if not kinds or "document" in kinds else None


def _kind_filter(kinds) -> tuple[str, tuple]:
    if not kinds:
        return "", ()
    return f"AND kind IN ({','.join('?' * len(kinds))})", tuple(kinds)


def _tokens(q: str) -> list[str]:
    return fold(q).replace("/", " ").split()[:20]


def _match(tokens: list[str], prefix: bool = True) -> str:
    parts = [f'"{t}"' for t in tokens]
    if prefix:
        parts[-1] += "*"
    return " ".join(parts)


def _phrase(tokens: list[str]) -> str | None:
    """The words standing together: the phrase of their pairs in :data:`PAIRS`; None for one word
    (its phrase stage is the every-word stage)."""
    words = search_docs.WORD.findall(" ".join(tokens))
    return search_docs.phrase_of_pairs(words) if len(words) > 1 else None


def _with_pairs(row: tuple) -> tuple:
    """An index row (kind, iri, doc, label, exact, names, body, context) and the pairs of its texts."""
    return (*row, *(search_docs.pairs(t) for t in row[5:8]))


def _insert(db: sqlite3.Connection, rows: list[tuple]) -> None:
    """Rows of :func:`_with_pairs` into ``entries`` and their pairs into ``pairs``, same rowids."""
    last = db.execute("SELECT rowid FROM entries ORDER BY rowid DESC LIMIT 1").fetchone()
    ids = range((last[0] if last else 0) + 1, (last[0] if last else 0) + 1 + len(rows))
    db.executemany(f"INSERT INTO entries(rowid, kind, iri, doc, label, exact, names, body, context) VALUES "
                   f"({','.join('?' * 9)})", [(i, *r[:8]) for i, r in zip(ids, rows)])
    db.executemany("INSERT INTO pairs(rowid, names, body, context) VALUES (?,?,?,?)",
                   [(i, *r[8:]) for i, r in zip(ids, rows)])


def _forget_pairs(db: sqlite3.Connection, graph_iris: list[str]) -> None:
    """Delete the pairs of the rows of ``entries`` of ``graph_iris`` (before the rows themselves)."""
    rows = db.execute(f"SELECT rowid, names, body, context FROM entries WHERE doc IN ({','.join('?' * len(graph_iris))})",
                      graph_iris).fetchall()
    db.executemany("INSERT INTO pairs(pairs, rowid, names, body, context) VALUES ('delete',?,?,?,?)",
                   [(r[0], *(search_docs.pairs(t) for t in r[1:])) for r in rows])


def _hit(kind, iri, label, doc, score) -> dict:
    text = label or ""
    return {"kind": kind, "id": key_of(iri).split("#", 1)[0], "iri": iri,
            "label": text if len(text) <= 160 else text[:157] + "...",
            "snippet": text if kind in ("statement", "pledge") else None,
            "document": key_of(doc) if doc else None, "score": round(-score, 4)}


# -------------------------------------------------------------- what is indexed
ENTITY_Q = """SELECT ?e ?n ?a ?num ?type ?title ?acr WHERE { GRAPH %(g)s { ?e ck:mentionedIn %(g)s .
  FILTER NOT EXISTS { ?e a org:Membership }
  OPTIONAL { ?e schema:name ?n } OPTIONAL { ?e schema:alternateName ?a } OPTIONAL { ?e eli:id_local ?num }
  OPTIONAL { ?e ck:policyType ?type } OPTIONAL { ?e eli:title ?title } OPTIONAL { ?e ck:acronym ?acr } } }"""
FACT_Q = """SELECT ?x ?kind ?text ?who ?t WHERE { GRAPH %(g)s {
  { ?x a ck:Statement ; ck:text ?text ; ck:speaker ?who . BIND("statement" AS ?kind) }
  UNION { ?x a ck:Pledge ; ck:text ?text ; ck:actor ?who . BIND("pledge" AS ?kind) }
  UNION { ?x a ck:Document . BIND("document" AS ?kind) OPTIONAL { ?x dcterms:title ?t } OPTIONAL { ?x schema:text ?text } }
} }"""


def _rows(store, g: ox.NamedNode) -> tuple[list[tuple], list[tuple]]:
    """The index rows of the stored graph ``g``, read back from ``store`` (sync, replay)."""
    found = _Found(g.value)
    for r in store.select(ENTITY_Q % {"g": g}):
        found.entity(r["e"].value, [t.value for t in (r["n"], r["a"], r["num"], r["title"], r["acr"]) if t is not None],
                     [f"{r['type'].value} {r['num'].value}"] if r["type"] is not None and r["num"] is not None else [])
    for r in store.select(FACT_Q % {"g": g}):
        found.fact(r["x"].value, r["kind"].value, *(r[v].value if r[v] is not None else None
                                                      for v in ("text", "who", "t")))
    return found.rows()


def rows_of_triples(graph_iri: str, triples) -> tuple[list[tuple], list[tuple]]:
    """The same rows as :func:`_rows`, from the graph's triples as ingest built them
    (no read back from the store): the ingest hook's digest of one document."""
    by_s: dict[str, dict[str, list]] = {}
    for t in triples:
        if (p := t.predicate.value) in _WANTED:  # not evidence spans, the bulk of a graph
            by_s.setdefault(t.subject.value, {}).setdefault(p, []).append(t.object.value)
    found = _Found(graph_iri)
    for s, props in by_s.items():
        types = props.get(_P_TYPE, ())
        if graph_iri in props.get(_P_MENTIONED, ()) and _MEMBERSHIP not in types:
            names = [v for p in _NAME_PREDICATES for v in props.get(p, ())]
            found.entity(s, names, [f"{t} {n}" for t in props.get(_P_POLICY_TYPE, ()) for n in props.get(_P_NUM, ())])
        for kind, cls, who_p in _FACT_KINDS:
            if cls in types:
                for text in props.get(_P_TEXT, ()) if who_p else (None,):
                    for who in props.get(who_p, ()) if who_p else (None,):
                        found.fact(s, kind, text, who, None)
        if _DOCUMENT in types:
            for text in props.get(_P_DOC_TEXT, ()) or (None,):
                for title in props.get(_P_TITLE, ()) or (None,):
                    found.fact(s, "document", text, None, title)
    return found.rows()


_CK, _SCHEMA = "https://w3id.org/camket/ns#", "https://schema.org/"
_ELI = "http://data.europa.eu/eli/ontology#"
_P_TYPE, _P_MENTIONED = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", _CK + "mentionedIn"
_MEMBERSHIP, _DOCUMENT = "http://www.w3.org/ns/org#Membership", _CK + "Document"
_P_NUM, _P_POLICY_TYPE, _P_TEXT = _ELI + "id_local", _CK + "policyType", _CK + "text"
_P_DOC_TEXT, _P_TITLE = _SCHEMA + "text", "http://purl.org/dc/terms/title"
_P_STATE = (_CK + "sha256", _CK + "extractorVersion")
_NAME_PREDICATES = (_SCHEMA + "name", _SCHEMA + "alternateName", _P_NUM, _ELI + "title", _CK + "acronym")
_FACT_KINDS = (("statement", _CK + "Statement", _CK + "speaker"), ("pledge", _CK + "Pledge", _CK + "actor"))
_WANTED = {_P_TYPE, _P_MENTIONED, _P_POLICY_TYPE, _P_TEXT, _P_DOC_TEXT, _P_TITLE, *_NAME_PREDICATES,
           *(who for _, _, who in _FACT_KINDS)}


class _Found:
    """What one document graph holds for the index, gathered from query rows or from
    triples; :meth:`rows` turns it into index rows (sorted by IRI: the same rows in the
    same order whichever way they were gathered)."""

    def __init__(self, graph_iri: str):
        self.g = graph_iri
        self.spellings: dict[str, set[str]] = {}
        self.kinds: dict[str, str] = {}
        self.facts: dict[str, list] = {}

    def entity(self, iri: str, names: list[str], typed_numbers: list[str]) -> None:
        kind = ENTITY_KINDS.get(iri[len(str(ID)):].split("/", 1)[0])
        if kind is not None:
            self.kinds[iri] = kind
            self.spellings.setdefault(iri, set()).update(names, typed_numbers)

    def fact(self, iri: str, kind: str, text: str | None, who: str | None, title: str | None) -> None:
        """One statement/pledge (text, who) or document (text, title) row: the first text is the
        one folded for the body; a statement's label and names are the last row's."""
        row = self.facts.setdefault(iri, [kind, iri, self.g, "", "||", "", fold(text or ""), ""])
        if kind == "document":
            title = title if title is not None else key_of(iri)
            row[3], row[5] = title, fold(title)
        else:
            row[3] = text or ""
            row[7] = who or ""

    def rows(self) -> tuple[list[tuple], list[tuple]]:
        entries, tri = [], []
        for iri in sorted(self.spellings):
            names, kind = self.spellings[iri], self.kinds[iri]
            label = min(names, key=lambda n: (len(n) > 80, n), default=key_of(iri))
            folded = sorted({fold(n) for n in names})
            entries.append((kind, iri, self.g, label, "|" + "|".join(folded) + "|", " ; ".join(folded), "", ""))
            tri += [(kind, iri, self.g, label, f) for f in folded if len(f) <= 120]
        for iri in sorted(self.facts):
            row = self.facts[iri]
            if row[0] != "document":
                row[7] = " ; ".join(sorted(fold(n) for n in self.spellings.get(row[7], ())))
            entries.append(tuple(row))
        return [_with_pairs(r) for r in entries], tri


def _forget(db: sqlite3.Connection, graph_iris: list[str]) -> None:
    """Delete the rows of those of ``graph_iris`` that are indexed. ``doc`` is not an
    indexed column of the FTS tables (a delete scans them), so: one delete per
    batch, none for documents indexed for the first time."""
    for i in range(0, len(graph_iris), 500):
        chunk = graph_iris[i:i + 500]
        known = [r[0] for r in db.execute(f"SELECT doc FROM indexed WHERE doc IN ({','.join('?' * len(chunk))})",
                                          chunk)]
        if known:
            _forget_pairs(db, known)
        for table in ("entries", "names") if known else ():
            db.execute(f"DELETE FROM {table} WHERE doc IN ({','.join('?' * len(known))})", known)
        if known:
            search_docs.forget(db, known)


def digest_of_triples(graph_iri: str, triples: list) -> tuple[tuple[list[tuple], list[tuple]], str | None]:
    """The ingest hook's digest of one document: its index rows (:func:`rows_of_triples`) and
    its state as the index records it (``sha256|extractor version``, None when the graph
    does not say), so that indexing a batch reads nothing back from the store."""
    held = {t.predicate.value: t.object.value for t in triples
            if t.predicate.value in _P_STATE and t.subject.value == graph_iri}
    state = state_text(*(held[p] for p in _P_STATE)) if len(held) == len(_P_STATE) else None
    return rows_of_triples(graph_iri, triples), state


def state_text(sha256: str, extractor_version: str) -> str:
    """A document's state as the index's ``indexed`` table records it (what :meth:`SearchIndex.sync`
    compares with the store's)."""
    return f"{sha256}|{extractor_version}"


def _on_stored(store, graph_iris: list[str], digests: dict | None = None) -> None:
    """Ingest hook: index a committed batch of documents in one transaction, from the rows and
    states ingest computed while extracting (``digests``: :func:`digest_of_triples` by graph)
    when given. Their states read back instead were one seek per document in every level of
    a quad index, whose index blocks RocksDB then held: memory that grew with the store."""
    digests = digests or {}
    states = {g: state for g, (_, state) in digests.items() if state is not None}
    SearchIndex.for_store(store).index_documents(
        store, graph_iris, states if len(states) == len(graph_iris) else None,
        rows={g: rows for g, (rows, _) in digests.items()})


_on_stored.digest = digest_of_triples  # type: ignore[attr-defined]


def _on_finished(store, report) -> None:
    """Ingest hook at the end of a run: merge the index's segments if it grew enough (:meth:`SearchIndex.tidy`)."""
    SearchIndex.for_store(store).tidy()


def register_hook() -> None:
    from camket.ingest import FINISHED_HOOKS, STORED_HOOKS
    if _on_stored not in STORED_HOOKS:
        STORED_HOOKS.append(_on_stored)
    if _on_finished not in FINISHED_HOOKS:
        FINISHED_HOOKS.append(_on_finished)


register_hook()
