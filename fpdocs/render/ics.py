"""iCalendar files Outlook can import. Events carry case numbers and items, never names."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

OSLO = ZoneInfo("Europe/Oslo")


def calendar_file(events: Iterable[dict[str, Any]], name: str, stamp: datetime) -> bytes:
    """Each event: uid, date, optional time ('HH:MM', one hour long), summary, description."""
    cal = Calendar()
    cal.add("prodid", "-//fpdocs//Familiepartner//NO")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Oslo")
    for item in events:
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
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
