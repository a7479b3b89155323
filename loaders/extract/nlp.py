"""Component ``nlp``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("nlp")
def nlp(analysis: Analysis) -> None:
    return None
