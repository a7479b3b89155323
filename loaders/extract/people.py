"""Component ``people``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("people")
def people(analysis: Analysis) -> None:
    return None
