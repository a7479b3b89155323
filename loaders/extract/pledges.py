"""Component ``pledges``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("pledges")
def pledges(analysis: Analysis) -> None:
    return None
