"""camket: a knowledge graph of actors, policies and commitments from Vietnamese texts.

Packages (see README "Architecture"):

* :mod:`camket.ontology` — vocabulary and IRI rules
* :mod:`camket.loaders`  — reading and extraction pipeline
* :mod:`camket.shapes`   — SHACL shapes and validation
* :mod:`camket.store`    — the store (embedded Oxigraph or a remote SPARQL server)
* :mod:`camket.queries`  — named SPARQL queries (``.rq`` files)
* :mod:`camket.api`      — the FastAPI app
* :mod:`camket.cli`      — the ``camket`` command
"""
__version__ = "0.1.0"


def __getattr__(name: str):
    """``EXTRACTOR_VERSION``: the release plus a digest of the extraction code and gazetteers.

    Stored with every document; re-ingesting unchanged bytes is skipped only when
    it matches, so any change to a rule or a gazetteer re-extracts on the next
    ingest without anyone remembering to bump a number. Computed on first use.
    """
    if name != "EXTRACTOR_VERSION":
        raise AttributeError(f"module 'camket' has no attribute {name!r}")
    import hashlib
    from pathlib import Path

    import camket.data
    import camket.loaders
    digest = hashlib.sha256()
    roots = [Path(camket.loaders.__file__).parent, Path(camket.data.__file__).parent / "gazetteers"]
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".tsv", ".txt") and p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    globals()["EXTRACTOR_VERSION"] = version = f"{__version__}+{digest.hexdigest()[:12]}"
    return version
