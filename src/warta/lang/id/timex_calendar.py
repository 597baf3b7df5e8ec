"""Calendar arithmetic for dates in text: the values relative and year-less dates resolve to.

``warta.lang.id.timex`` finds date expressions; these functions turn one, plus a reference day,
into an ISO value at its granularity: ``2024-06-17`` (day), ``2024-W25`` (ISO week), ``2024-05``
(month), ``2023`` (year). Every function is pure and total over ``date``'s range, except that
arithmetic past year 1 or 9999 raises ``OverflowError``/``ValueError``, which the caller turns
into an unresolved value.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = [
    "add_months", "named_month", "nearest_day", "nearest_month", "period_iso", "resolve_weekday", "shift", "valid_date",
    "week_iso",
]  # fmt: skip


def valid_date(year: int, month: int, day: int, years: tuple[int, int]) -> date | None:
    """The date, if it exists and its year is within ``years`` (inclusive); otherwise None."""
    if not years[0] <= year <= years[1]:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def period_iso(year: int, month: int | None = None) -> str | None:
    """ "2024-05" for a month, "2024" for a year alone; None outside the years ``date`` can hold."""
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}" if month is None else f"{year:04d}-{month:02d}"


def week_iso(day: date) -> str:
    """The ISO week of a day: "2024-W25"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(ref: date, months: int) -> str | None:
    """The month ``months`` after (or before) the reference's month: "bulan lalu" is -1."""
    year, month0 = divmod(ref.year * 12 + ref.month - 1 + months, 12)
    return period_iso(year, month0 + 1)


def nearest_day(ref: date, month: int, day: int) -> str | None:
    """The date with this month and day nearest the reference (a year-less "Senin (17/6)")."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := valid_date(y, month, day, (1, 9999)))]
    return min(options, key=lambda d: (abs((d - ref).days), d)).isoformat() if options else None


def nearest_month(ref: date, month: int) -> str | None:
    """The month of that name nearest the reference ("awal Juni")."""
    year = min(
        (ref.year - 1, ref.year, ref.year + 1), key=lambda y: (abs(y * 12 + month - ref.year * 12 - ref.month), y)
    )
    return period_iso(year, month)


def named_month(ref: date, month: int, direction: int) -> str | None:
    """ "Juni lalu" (strictly before the reference month), "Juni mendatang" (after), "Juni ini"."""
    year = ref.year
    if direction < 0 and month >= ref.month:
        year -= 1
    elif direction > 0 and month <= ref.month:
        year += 1
    return period_iso(year, month)


def resolve_weekday(ref: date, weekday: int, direction: int | None, week: bool = False) -> str:
    """A day name resolved against the reference.

    ``week`` ("Senin pekan lalu"): that day in the previous/this/next ISO week. Otherwise -1 is the
    latest such day strictly before the reference ("Senin lalu"), +1 the first strictly after, 0 the
    one in the reference's week, None the latest on or before it (a bare "pada Senin").
    """
    if week or direction == 0:
        return (ref + timedelta(days=7 * (direction or 0) + weekday - ref.weekday())).isoformat()
    if direction is None or direction < 0:
        return (ref - timedelta(days=(ref.weekday() - weekday) % 7 or (0 if direction is None else 7))).isoformat()
    return (ref + timedelta(days=(weekday - ref.weekday()) % 7 or 7)).isoformat()


def shift(ref: date, unit: str, count: int) -> str | None:
    """The reference moved by ``count`` units, at that unit's granularity."""
    if unit == "day":
        return (ref + timedelta(days=count)).isoformat()
    if unit == "week":
        return week_iso(ref + timedelta(days=7 * count))
    if unit == "month":
        return add_months(ref, count)
    return period_iso(ref.year + count)
