"""Component ``roles``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("roles")
def roles(analysis: Analysis) -> None:
    return None
