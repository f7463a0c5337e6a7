"""Time zones: what a class's dates are entered and shown in.

Every datetime is stored in UTC (:class:`quizapp.models.UTCDateTime`). A class has a
time zone (an IANA name such as ``Europe/Berlin``; by default its teacher's); its
assignments' open and due dates are typed in it and shown in it, with the zone's
abbreviation ("due 08 Dec 2026 23:59 CET"). A wall-clock time that does not exist in the
zone (skipped when the clocks go forward) is refused rather than moved; one that happens
twice (when they go back) is read as the first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

__all__ = [
    "DEFAULT_ZONE",
    "NonexistentTimeError",
    "in_zone",
    "is_zone",
    "local_time",
    "to_utc",
    "zone_names",
]

DEFAULT_ZONE = "UTC"


class NonexistentTimeError(ValueError):
    """The wall-clock time is skipped in the zone (the clocks go forward over it)."""


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name, sorted, UTC first."""
    names = sorted(name for name in available_timezones() if "/" in name or name == "UTC")
    return (DEFAULT_ZONE, *(name for name in names if name != DEFAULT_ZONE))


def is_zone(name: str) -> bool:
    return name in zone_names()


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


def to_utc(local: datetime, zone: str) -> datetime:
    """The UTC moment of a wall-clock time (naive, as a form gives it) in ``zone``.

    Raises:
        NonexistentTimeError: the time is skipped in the zone.
    """
    aware = local.replace(tzinfo=_zone(zone), fold=0)
    moment = aware.astimezone(UTC)
    if moment.astimezone(_zone(zone)).replace(tzinfo=None) != local.replace(fold=0):
        raise NonexistentTimeError(
            f"{local:%d %b %Y %H:%M} does not exist in {zone}: the clocks skip it"
        )
    return moment


def local_time(moment: datetime, zone: str) -> datetime:
    """``moment`` as a naive wall-clock time in ``zone`` (to fill a form)."""
    return moment.astimezone(_zone(zone)).replace(tzinfo=None)


def in_zone(moment: datetime, zone: str, pattern: str = "%d %b %Y %H:%M") -> str:
    """``moment`` written in ``zone`` with the zone's abbreviation: "08 Dec 2026 23:59 CET"."""
    local = moment.astimezone(_zone(zone))
    return f"{local.strftime(pattern)} {local.tzname()}"
