"""Component ``events``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("events")
def events(analysis: Analysis) -> None:
    return None
