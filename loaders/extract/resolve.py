"""Component ``resolve``: not written yet (see the issue that asks for it)."""
from ..model import Analysis
from ..pipeline import component


@component("resolve")
def resolve(analysis: Analysis) -> None:
    return None
