"""CSV in Gephi's spreadsheet import layout: ``nodes.csv`` and ``edges.csv``.

``nodes.csv``: ``Id, Label, kind, subkind, alternate_names, iri, statements,
pledges, degree, documents, date, start, color``.
``edges.csv``: ``Id, Source, Target, Type, Weight, Label, kind, documents,
roles, start``. ``Type`` is Gephi's edge direction (always ``Directed``);
the relation is ``kind``. Lists are joined by `` | ``.

:func:`write_csv_dir` writes both files into a folder, :func:`write_csv_zip`
both into a zip on a (possibly unseekable) binary stream, and
:func:`write_csv_table` one of them to a stream. Rows stream out one by one.
"""
from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import BinaryIO, Iterator

from .projection import Projection
from .table import EDGE_COLUMNS, NODE_COLUMNS, color_hex, edge_label

LIST_SEPARATOR = " | "
NODE_HEADER = ["Id", "Label"] + [c.name for c in NODE_COLUMNS] + ["start", "color"]
EDGE_HEADER = ["Id", "Source", "Target", "Type", "Weight", "Label", "kind"] + \
    [c.name for c in EDGE_COLUMNS if c.name != "relation"] + ["start"]
TABLES = ("nodes", "edges")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(value)
    return str(value)


def node_rows(proj: Projection) -> Iterator[list[str]]:
    yield NODE_HEADER
    for n in proj.sorted_nodes():
        yield [n.id, n.label] + [_cell(c.get(n, proj)) for c in NODE_COLUMNS] + \
            [_cell(n.start), color_hex(n.kind)]


def edge_rows(proj: Projection) -> Iterator[list[str]]:
    yield EDGE_HEADER
    extra = [c for c in EDGE_COLUMNS if c.name != "relation"]
    for i, e in enumerate(proj.sorted_edges()):
        yield [f"e{i}", e.source, e.target, "Directed", str(e.weight), edge_label(e), e.kind] + \
            [_cell(c.get(e, proj)) for c in extra] + [_cell(e.start)]


def write_csv_table(proj: Projection, table: str, out: BinaryIO) -> None:
    """One table ("nodes" or "edges") as UTF-8 CSV to the binary stream ``out``."""
    if table not in TABLES:
        raise ValueError(f"table must be one of {', '.join(TABLES)}")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text)
    for row in (node_rows if table == "nodes" else edge_rows)(proj):
        writer.writerow(row)
    text.flush()
    text.detach()


def write_csv_dir(proj: Projection, folder: str | Path) -> list[Path]:
    """``folder/nodes.csv`` and ``folder/edges.csv``; returns the two paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in TABLES:
        path = folder / f"{table}.csv"
        with open(path, "wb") as fh:
            write_csv_table(proj, table, fh)
        paths.append(path)
    return paths


def write_csv_zip(proj: Projection, out: BinaryIO) -> None:
    """A zip holding ``nodes.csv`` and ``edges.csv``."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for table in TABLES:
            with zf.open(f"{table}.csv", "w", force_zip64=True) as member:
                write_csv_table(proj, table, member)
