"""Component ``policies``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("policies")
def policies(analysis: Analysis) -> None:
    return None
