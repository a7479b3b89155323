"""A toy extractor for curation tests, so they do not depend on the real one
(which changes concurrently). Markup, in invented Vietnamese sentences:

* ``[Name]`` a person, ``{Body}`` a body;
* ``[Name], Role {Body}`` a post held;
* ``[Name] nói: "..."`` a direct statement;
* ``[Name] cam kết ...`` a pledge (to the full stop).
"""
from __future__ import annotations

import re

import pytest

import camket.ingest
from camket.loaders.model import Analysis, Membership, Pledge, Span, Statement

PERSON = re.compile(r"\[([^\]]+)\]")
ORG = re.compile(r"\{([^}]+)\}")
POST = re.compile(r"\[([^\]]+)\], (Giám đốc|Chủ tịch) \{([^}]+)\}")
SAID = re.compile(r"\[([^\]]+)\] nói: \"([^\"]+)\"")
PLEDGE = re.compile(r"\[([^\]]+)\] cam kết ([^.]+)\.")


def _group(m, n) -> Span:
    return Span(m.start(n), m.end(n))


def toy_extract(doc) -> Analysis:
    a = Analysis(doc)
    people = {m.group(1): a.entity("person", m.group(1), _group(m, 1)) for m in PERSON.finditer(a.text)}
    orgs = {m.group(1): a.entity("org", m.group(1), _group(m, 1), org_kind="department")
            for m in ORG.finditer(a.text)}
    for m in POST.finditer(a.text):
        a.memberships.append(Membership(people[m.group(1)], f"{m.group(2)} {m.group(3)}", m.group(2),
                                        orgs[m.group(3)], Span(m.start(), m.end())))
    for m in SAID.finditer(a.text):
        a.statements.append(Statement(people[m.group(1)], "direct", _group(m, 2), "nói",
                                      [Span(m.start(), m.end())]))
    for m in PLEDGE.finditer(a.text):
        a.pledges.append(Pledge(people[m.group(1)], _group(m, 2), evidence=[Span(m.start(), m.end())]))
    return a


@pytest.fixture(autouse=True)
def toy_pipeline(monkeypatch):
    monkeypatch.setattr(camket.ingest, "_pipeline", lambda skip=(): toy_extract)
    monkeypatch.delenv("CAMKET_JUDGEMENTS", raising=False)
    monkeypatch.delenv("CAMKET_USER", raising=False)


@pytest.fixture
def corpus(tmp_path):
    """Write documents: ``corpus({"a.txt": "..."})`` -> the folder."""
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)

    def write(docs: dict[str, str]):
        for name, text in docs.items():
            path = folder / name
            if text is None:
                path.unlink(missing_ok=True)
            else:
                path.write_text(text, encoding="utf-8")
        return folder
    return write
