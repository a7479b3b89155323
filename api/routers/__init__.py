"""One router per resource; each owns the SPARQL it runs (helpers in :mod:`camket.api.graph`)."""
