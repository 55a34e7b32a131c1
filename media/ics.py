"""An iCalendar (RFC 5545) feed from plain events, with the icalendar library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from icalendar import Calendar, Event

_STATUS = {"cancelled": "CANCELLED", "missed": "CANCELLED"}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: datetime  # aware
    end: datetime
    summary: str
    description: str = ""
    status: str = ""  # Loa's state; cancelled and missed become STATUS:CANCELLED


def render_ics(*, name: str, events: Sequence[CalendarEvent], now: datetime) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Loa//desk//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    stamp = now.astimezone(UTC)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.start.astimezone(UTC))
        event.add("dtend", item.end.astimezone(UTC))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("status", _STATUS.get(item.status, "CONFIRMED"))
        cal.add_component(event)
    ical: bytes = cal.to_ical()
    return ical
