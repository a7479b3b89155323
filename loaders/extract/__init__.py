"""Extraction components; importing this package registers them all.

One module per component (see :data:`camket.loaders.pipeline.DEFAULT_ORDER`):
``structure`` (paragraphs, sentences), ``nlp`` (underthesea), ``dates``,
``places``, ``organizations``, ``people``, ``roles``, ``policies``,
``events``, ``statements``, ``pledges``, ``resolve``.
"""
from . import (structure, nlp, dates, places, organizations, people, roles,  # noqa: F401
               policies, events, statements, pledges, resolve)
