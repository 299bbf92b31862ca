"""iCalendar files Outlook can import. Events carry case numbers and items, never names."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

OSLO = ZoneInfo("Europe/Oslo")
_END = b"END:VCALENDAR\r\n"


def calendar_file(events: Iterable[dict[str, Any]], name: str, stamp: datetime) -> bytes:
    """Each event: uid, date, optional time ('HH:MM', one hour long), summary, description."""
    events = list(events)
    timed = any(item.get("time") for item in events)
    return b"".join(calendar_parts(events, name, stamp, timed=timed))


def calendar_parts(
    events: Iterable[dict[str, Any]], name: str, stamp: datetime, *, timed: bool
) -> Iterator[bytes]:
    """The calendar file in pieces, one event at a time: the deadlines of a thousand cases are
    tens of thousands of events, and holding them all as icalendar objects (or the whole file
    twice over) costs hundreds of megabytes. ``timed``: some events have a time of day, so the
    time zone they refer to goes first."""
    cal = Calendar()
    cal.add("prodid", "-//fpdocs//Familiepartner//NO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    if timed:
        cal.add_component(_oslo())
    head = cal.to_ical()
    if not head.endswith(_END):  # icalendar always ends a calendar so; say so if that changes
        raise ValueError("unexpected end of an icalendar calendar")
    yield head[: -len(_END)]
    for item in events:
        if item.get("time") and not timed:
            raise ValueError("an event with a time of day in a calendar made without a zone")
        yield _event(item, stamp).to_ical()
    yield _END


def _event(item: dict[str, Any], stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{item['uid']}@fpdocs")
    event.add("dtstamp", stamp)
    day: date = item["date"]
    if item.get("time"):
        hour, minute = (int(p) for p in str(item["time"]).split(":"))
        start = datetime.combine(day, time(hour, minute), tzinfo=OSLO)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=int(item.get("minutes", 60))))
    else:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
    event.add("summary", item["summary"])
    if item.get("description"):
        event.add("description", item["description"])
    return event


@cache
def _oslo() -> Timezone:
    return Timezone.from_tzinfo(OSLO)
