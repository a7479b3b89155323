"""Component ``dates``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("dates")
def dates(analysis: Analysis) -> None:
    return None
