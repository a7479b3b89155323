"""Component ``places``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("places")
def places(analysis: Analysis) -> None:
    return None
