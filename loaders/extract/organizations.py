"""Component ``organizations``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("organizations")
def organizations(analysis: Analysis) -> None:
    return None
