"""Component ``statements``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("statements")
def statements(analysis: Analysis) -> None:
    return None
