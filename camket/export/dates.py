"""Dates as the exports use them: ISO days ("2020" -> "2020-01-01") that
sort as strings, for ``start`` values and date-range filters."""
from __future__ import annotations

import calendar
import re

_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def iso_day(value: str | None, end: bool = False) -> str | None:
    """"2020" -> "2020-01-01" (or "2020-12-31" with ``end``); junk -> None."""
    m = _ISO.match(value or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if 1 <= int(month) <= 12 else 28
        return f"{year}-{month}-{last if end else 1:02d}"
    return f"{year}-12-31" if end else f"{year}-01-01"


def earliest(*dates: str | None) -> str | None:
    known = [d for d in dates if d]
    return min(known) if known else None
